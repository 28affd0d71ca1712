"""Embargoed sending in a real browser (issue 15): two journalists, each with their own working link; the public waits.

A Publisher schedules a release under embargo, sends it from the newsroom's send screen to one journalist chosen by
name and to the journalists of one beat; the test runs the queued tasks as the worker would and reads the mails.
Each journalist's link opens the embargoed release with its notice; a public subscriber gets nothing until the
embargo lifts (the clock shifted by moving the go-live into the past, as tests/workflow/test_journeys_browser.py
does) and the scheduled job that mails releases gone live runs: then the subscriber gets the public version and the
journalists' links lead to the public page. axe checks the send screen and the journalist-link page.
"""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from inserm_cms.models import ScheduledRun
from inserm_cms.scheduler import scheduled_jobs
from newsroom.models import Delivery, Mailing
from pagecache.generation import bump_generation
from press.models import PressRelease
from tests import factories
from tests.browser.test_accessibility import AXE_TAGS, RUN_AXE, describe_violations
from tests.workflow.conftest import PASSWORD, make_user
from workflow.states import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def newsroom_settings(settings, live_server):
    """Queue the tasks in the database (run below as the worker would); point the mails' links at the server."""
    settings.TASKS = DATABASE_TASKS
    settings.SITE_URL = live_server.url
    settings.NEWSROOM_TEST_MODE = False
    mail.outbox = []
    return settings


def run_worker():
    """Run every queued task, as ``manage.py db_worker`` does, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO())


def run_release_mailings_job(at):
    """Enqueue the scheduler's release-mailings job for its slot at ``at``, as ``run_scheduler`` does, and run it."""
    job = next(job for job in scheduled_jobs() if job.name == "release-mailings")
    run = ScheduledRun.objects.create(job=job.name, slot=job.last_slot(at))
    job.task.enqueue(run_id=run.pk, **job.kwargs)
    run_worker()
    run.refresh_from_db()
    assert run.finished_at is not None


def check_axe(page, what):
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations(what, violations)


def journalist_link(message, live_server):
    match = re.search(rf"({re.escape(live_server.url)}/\w\w/\S+/embargo/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def public_url(release, language):
    with translation.override(language):
        return reverse("press:release-detail", kwargs={"slug": getattr(release, f"slug_{language}")})


def test_embargoed_sending_to_two_journalists_then_the_public_version_to_subscribers(
    new_page, live_server, django_user_model, newsroom_settings
):
    make_user(django_user_model, "paul", "Publishers")
    beat = factories.ThemeFactory(name_fr="Virologie", name_en="Virology")
    release = factories.complete_press_release(
        status=Status.REVIEW,
        publish_at=None,
        title_fr="Un vaccin à ARN contre la grippe aviaire",
        title_en="An mRNA vaccine against avian flu",
        journal_doi="10.1038/s41586-099-00001-2",
    )
    release.themes.add(beat)
    factories.JournalistFactory(name="Camille Durand", outlet="Le Quotidien", email="camille@example.org")
    on_beat = factories.JournalistFactory(
        name="Jordan Lee", outlet="Science Weekly", email="jordan@example.org", language="en", time_zone="Asia/Tokyo"
    )
    on_beat.beats.add(beat)
    factories.JournalistFactory(name="Not Chosen", email="not-chosen@example.org")
    subscriber = factories.SubscriberFactory(email="public@example.org")
    errors = []

    # A Publisher schedules the release under embargo, two days ahead in Paris time.
    publisher = new_page(locale="en-GB")
    publisher.on("pageerror", lambda error: errors.append(str(error)))
    publisher.goto(f"{live_server.url}/en/admin/login/")
    publisher.fill("#id_username", "paul")
    publisher.fill("#id_password", PASSWORD)
    publisher.click("input[type=submit]")
    publisher.wait_for_selector("#user-tools")
    publisher.goto(f"{live_server.url}/en/admin/press/pressrelease/{release.pk}/change/")
    go_live = timezone.localdate() + datetime.timedelta(days=2)
    publisher.select_option("#id_status", "published")
    publisher.select_option("#id_time_zone", "Europe/Paris")
    publisher.fill("#id_publish_at_0", go_live.isoformat())
    publisher.fill("#id_publish_at_1", "09:00")
    publisher.click("input[name=_continue]")
    publisher.wait_for_selector(".messagelist .success")
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED
    assert release.publish_at > timezone.now()

    # The send screen: one journalist by name, and the journalists of a beat.
    publisher.click("text=Send to journalists")
    publisher.wait_for_selector("input[type=submit][value=Send]")
    with translation.override("en"):
        assert publisher.url == live_server.url + reverse("admin:newsroom_mailing_send", args=[release.pk])
    check_axe(publisher, "the admin send screen")
    # Each list of checkboxes is a group named by its heading, as a screen reader announces it.
    assert publisher.get_by_role("group", name="Journalists").count() == 1
    assert publisher.get_by_role("group", name="Or every accredited journalist of these beats").count() == 1
    publisher.get_by_label("Camille Durand (Le Quotidien)").check()
    publisher.get_by_label("Virology").check()
    publisher.click("input[type=submit][value=Send]")
    publisher.wait_for_selector(".messagelist .success")
    assert "2 messages queued" in publisher.inner_text(".messagelist")
    assert mail.outbox == []  # queued for the worker, not sent by the request

    run_worker()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"camille@example.org", "jordan@example.org"}
    links = {address: journalist_link(message, live_server) for address, message in by_address.items()}
    assert links["camille@example.org"] != links["jordan@example.org"]
    assert "/fr/" in links["camille@example.org"]
    assert "/en/" in links["jordan@example.org"]
    assert "Asia/Tokyo" in by_address["jordan@example.org"].body
    assert "https://doi.org/10.1038/s41586-099-00001-2" in by_address["camille@example.org"].body
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}

    # Each link opens the embargoed release, with the embargo notice, for its journalist only.
    reader = new_page(locale="en-GB")
    reader.on("pageerror", lambda error: errors.append(str(error)))
    titles = {"camille@example.org": release.title_fr, "jordan@example.org": release.title_en}
    for address, link in links.items():
        response = reader.goto(link)
        assert response.status == 200, address
        assert reader.inner_text("h1") == titles[address]
        assert reader.locator(".embargo-notice").is_visible()
        assert reader.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")
        check_axe(reader, f"the journalist-link page ({address})")
    for language in ("fr", "en"):
        assert reader.goto(live_server.url + public_url(release, language)).status == 404

    # Before the embargo lifts, the job that mails releases gone live sends nothing to the public.
    run_release_mailings_job(at=timezone.now())
    assert [message.to for message in mail.outbox if "public@example.org" in message.to] == []
    assert not Mailing.objects.filter(kind=Mailing.Kind.PUBLIC).exists()

    # The embargo lifts (the clock shifted by moving the go-live into the past) and the job runs again.
    PressRelease.objects.filter(pk=release.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    bump_generation()  # what the passing of the scheduled time does to the page cache; update() sends no signal
    run_release_mailings_job(at=timezone.now() + datetime.timedelta(minutes=5))  # its next slot

    (public,) = [message for message in mail.outbox if message.to == [subscriber.email]]
    assert public.subject == release.title_fr
    assert "embargo" not in public.body.lower()
    assert live_server.url + public_url(release, "fr") in public.body
    assert public.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(mail.outbox) == 3  # the two journalists once, the subscriber once; the third journalist nothing

    # The journalists' links now lead to the public page.
    for address, link in links.items():
        response = reader.goto(link)
        assert response.status == 200, address
        language = "fr" if address == "camille@example.org" else "en"
        assert reader.url == live_server.url + public_url(release, language)
        assert reader.locator(".embargo-notice").count() == 0
    assert errors == []
