"""Background tasks of operations: the clean-ups the scheduler runs (see SCHEDULED_JOBS in the settings).

Each task is idempotent (a second run finds nothing more to do) and returns what it did. Enqueued by
``manage.py run_scheduler`` with the id of its ``ScheduledRun``, it runs at most once for that slot.
"""

import datetime
import functools
import io
import logging
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from inserm_cms.models import ScheduledRun
from workflow.models import TranslationUpload

logger = logging.getLogger("inserm_cms.tasks")


def once_per_run(function):
    """Run ``function`` once per ScheduledRun when given ``run_id``; any number of times without it."""

    @functools.wraps(function)
    def wrapper(*, run_id=None, **kwargs):
        if run_id is None:
            return function(**kwargs)
        with transaction.atomic():
            run = ScheduledRun.objects.select_for_update().filter(pk=run_id).first()
            if run is not None and run.finished_at is not None:
                logger.info("Skipped %s: run %s already finished", function.__name__, run_id, extra={"run": run_id})
                return {"skipped": True}
            result = function(**kwargs)
            if run is not None:
                run.finished_at = timezone.now()
                run.save(update_fields=["finished_at"])
        return result

    return wrapper


@task()
@once_per_run
def clear_expired_sessions():
    """Delete the sessions past their expiry date (what ``manage.py clearsessions`` does)."""
    from django.contrib.sessions.models import Session

    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        deleted = Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]
    else:  # other engines expire their sessions themselves, or count nothing
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        deleted = None
    logger.info("Cleared expired sessions", extra={"deleted": deleted})
    return {"deleted": deleted}


@task()
@once_per_run
def clean_axes_records():
    """Delete lockout attempts past their cool-off and login records older than AXES_RECORDS_RETENTION_DAYS."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = timezone.now()
    old = now - datetime.timedelta(days=settings.AXES_RECORDS_RETENTION_DAYS)
    deleted = {
        "attempts": AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()[0],
        "failures": AccessFailureLog.objects.filter(attempt_time__lt=old).delete()[0],
        "logins": AccessLog.objects.filter(attempt_time__lt=old).delete()[0],
    }
    logger.info("Cleaned login protection records", extra={"deleted": deleted})
    return deleted


@task()
@once_per_run
def purge_finished_task_results():
    """Delete the results of tasks finished more than TASK_RESULTS_RETENTION_DAYS ago (database backend only)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"deleted": 0, "reason": "RQ keeps its own results for a limited time"}
    since = timezone.now() - datetime.timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS)
    deleted = DBTaskResult.objects.finished().filter(finished_at__lt=since).delete()[0]
    logger.info("Purged finished task results", extra={"deleted": deleted})
    return {"deleted": deleted}


@task()
@once_per_run
def purge_translation_uploads():
    """Delete the translated files uploaded for a preview and never applied, once past their two-hour lifetime.

    The file is kept in its row (``TranslationUpload.content``): deleting the row deletes it.
    """
    deleted = TranslationUpload.objects.expired().delete()[0]
    logger.info("Purged expired translation uploads", extra={"deleted": deleted})
    return {"deleted": deleted}


@task()
@once_per_run
def run_command(*, command, args=()):
    """Run a management command (a clean-up another app provides) and return what it wrote."""
    output = io.StringIO()
    call_command(command, *args, stdout=output)
    logger.info("Ran manage.py %s", command, extra={"command": command})
    return {"output": output.getvalue()[-2000:]}
