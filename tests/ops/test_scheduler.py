"""Scheduled jobs: declared, enqueued once per slot whatever the schedulers, each one idempotent (issue 16, item 2)."""

import datetime
import threading
import zoneinfo
from io import StringIO
from uuid import UUID

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from inserm_cms import tasks
from inserm_cms.models import ScheduledRun
from inserm_cms.scheduler import enqueue_due, scheduled_jobs
from partnerships.tasks import send_agreements_digest
from tests.factories import AgreementFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_the_digest_and_the_clean_ups_are_scheduled():
    jobs = {job.name: job for job in scheduled_jobs()}
    assert {"agreements-digest", "clear-expired-sessions", "clean-axes-records", "purge-task-results"} <= set(jobs)
    assert jobs["agreements-digest"].task is send_agreements_digest
    assert all(isinstance(job.task, Task) for job in jobs.values())
    monday_morning = datetime.datetime(2026, 3, 30, 7, 0, 30, tzinfo=PARIS)  # the day after the change to summer time
    assert jobs["agreements-digest"].last_slot(monday_morning) == datetime.datetime(2026, 3, 30, 7, 0, tzinfo=PARIS)


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_even_by_a_restarted_scheduler():
    at_seven = datetime.datetime(2026, 12, 2, 7, 0, 20, tzinfo=PARIS)
    first = enqueue_due(now=at_seven)
    assert {run.job for run in first} == {"agreements-digest"}, "only the 07:00 job is due within the catch-up"
    assert enqueue_due(now=at_seven + datetime.timedelta(seconds=30)) == []
    results = DBTaskResult.objects.filter(task_path="partnerships.tasks.send_agreements_digest")
    assert results.count() == 1
    assert results.get().args_kwargs["kwargs"] == {"run_id": first[0].pk}
    # The next day, the next slot.
    assert [run.job for run in enqueue_due(now=at_seven + datetime.timedelta(days=1))] == ["agreements-digest"]


@pytest.mark.django_db
def test_a_slot_missed_by_more_than_the_catch_up_is_skipped():
    assert enqueue_due(now=datetime.datetime(2026, 12, 2, 11, 0, tzinfo=PARIS)) == []


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_enqueue_a_slot_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is not shared between threads; PostgreSQL runs this test")
    at_seven = datetime.datetime(2026, 12, 2, 7, 0, 5, tzinfo=PARIS)
    start = threading.Barrier(4)

    def scheduler():
        start.wait()
        try:
            enqueue_due(now=at_seven)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert ScheduledRun.objects.filter(job="agreements-digest").count() == 1
    assert DBTaskResult.objects.filter(task_path="partnerships.tasks.send_agreements_digest").count() == 1


@pytest.mark.django_db
def test_run_scheduler_once_logs_what_it_enqueued(caplog):
    caplog.set_level("INFO", logger="inserm_cms.scheduler")
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert any(record.message.startswith("Scheduler started with") for record in caplog.records)


# Each job is idempotent: a second run changes nothing more.


@pytest.mark.django_db
def test_the_digest_of_a_slot_is_sent_once(settings):
    settings.SITE_URL = "https://www.example.org"
    settings.AGREEMENTS_DIGEST_RECIPIENTS = ["partenariats@example.org"]
    AgreementFactory(duration_months=None, ends_on=timezone.localdate() + datetime.timedelta(days=30))
    run = ScheduledRun.objects.create(job="agreements-digest", slot=timezone.now())
    assert send_agreements_digest.call(run_id=run.pk) == {"agreements": 1, "recipients": 1}
    assert send_agreements_digest.call(run_id=run.pk) == {"skipped": True}
    assert len(mail.outbox) == 1
    assert "https://www.example.org/fr/admin/partnerships/agreement/" in mail.outbox[0].body


@pytest.mark.django_db
def test_clearing_sessions_deletes_the_expired_ones_once():
    for expired in (True, False):
        session = SessionStore()
        session.set_expiry(-60 if expired else 3600)
        session["visited"] = True
        session.create()
    assert tasks.clear_expired_sessions.call() == {"deleted": 1}
    assert tasks.clear_expired_sessions.call() == {"deleted": 0}
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_cleaning_login_records_deletes_the_old_ones_once(settings):
    long_ago = timezone.now() - datetime.timedelta(days=settings.AXES_RECORDS_RETENTION_DAYS + 1)
    for address, when in (("192.0.2.1", long_ago), ("192.0.2.2", timezone.now())):
        attempt = AccessAttempt.objects.create(username="staff", ip_address=address, failures_since_start=1)
        log = AccessLog.objects.create(username="staff", ip_address=address)
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=when)
    assert tasks.clean_axes_records.call() == {"attempts": 1, "failures": 0, "logins": 1}
    assert tasks.clean_axes_records.call() == {"attempts": 0, "failures": 0, "logins": 0}
    assert (AccessAttempt.objects.count(), AccessLog.objects.count()) == (1, 1)


@pytest.mark.django_db
def test_purging_task_results_deletes_the_old_finished_ones_once(settings):
    old = tasks.clear_expired_sessions.enqueue()
    recent = tasks.clear_expired_sessions.enqueue()
    waiting = tasks.clear_expired_sessions.enqueue()
    long_ago = timezone.now() - datetime.timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS + 1)
    DBTaskResult.objects.filter(pk=old.id).update(status="SUCCESSFUL", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=recent.id).update(status="FAILED", finished_at=timezone.now())
    assert tasks.purge_finished_task_results.call() == {"deleted": 1}
    assert tasks.purge_finished_task_results.call() == {"deleted": 0}
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {UUID(recent.id), UUID(waiting.id)}


@pytest.mark.django_db
def test_a_management_command_runs_as_a_scheduled_job_once_per_run():
    session = SessionStore()
    session.set_expiry(-60)
    session.create()
    run = ScheduledRun.objects.create(job="clearsessions", slot=timezone.now())
    assert tasks.run_command.call(command="clearsessions", run_id=run.pk) == {"output": ""}
    assert Session.objects.count() == 0
    assert tasks.run_command.call(command="clearsessions", run_id=run.pk) == {"skipped": True}
    run.refresh_from_db()
    assert run.finished_at is not None


@pytest.mark.django_db
def test_the_press_import_batches_are_purged_daily_and_once(django_user_model):
    from press.models import ImportBatch

    job = {job.name: job for job in scheduled_jobs()}["purge-import-batches"]
    owner = django_user_model.objects.create_user("importer")
    old, fresh = ImportBatch.objects.create(user=owner), ImportBatch.objects.create(user=owner)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))

    first = job.task.call(**job.kwargs)
    second = job.task.call(**job.kwargs)

    assert list(ImportBatch.objects.all()) == [fresh]
    assert "Deleted 1 " in first["output"]
    assert "Deleted 0 " in second["output"]
