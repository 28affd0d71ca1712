"""Mailings of releases: under embargo to journalists, public version to subscribers, delivery log and retries."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from newsroom import services
from newsroom.mail import send_batch
from newsroom.models import Delivery, Mailing
from newsroom.tasks import send_release_mailings
from tests.factories import PressReleaseFactory, ThemeFactory
from workflow.states import Status

from .factories import JournalistFactory, SubscriberFactory, embargoed_release

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.newsroom.failing_backend.FailingBackend"


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("publisher", "publisher@example.org", "a-long-test-password")


def lift_embargo(release):
    """Move the release's go-live into the past, as time passing would."""
    type(release).objects.filter(pk=release.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))


def journalist_link(message):
    match = re.search(r"https://www\.example\.org(/\w\w/\S+/embargo/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_embargoed_release_reaches_two_journalists_each_with_their_own_working_link(client, publisher):
    release = embargoed_release()
    paris = JournalistFactory(email="paris@example.org")
    new_york = JournalistFactory(email="ny@example.org", language="en", time_zone="America/New_York")
    SubscriberFactory(email="public@example.org")

    mailing, queued = services.send_embargoed_release(release=release, user=publisher, journalists=[paris, new_york])

    assert queued == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"paris@example.org", "ny@example.org"}
    links = {address: journalist_link(message) for address, message in by_address.items()}
    assert links["paris@example.org"] != links["ny@example.org"]
    for address, link in links.items():
        page = client.get(link)
        assert page.status_code == 200, address
        assert release.title_fr in page.text or release.title_en in page.text
    local = release.publish_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert f"America/New York, UTC{local.strftime('%z')[:3]}" in by_address["ny@example.org"].body
    assert "Europe/Paris" in by_address["paris@example.org"].body
    assert "SOUS EMBARGO" in by_address["paris@example.org"].body
    assert "UNDER EMBARGO" in by_address["ny@example.org"].body
    for message in by_address.values():
        assert "https://doi.org/10.1038/s41586-026-00001-2" in message.body
        assert message.alternatives[0][1] == "text/html"
    assert set(mailing.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}

    send_release_mailings.call()  # before the embargo lifts: nothing for the public

    assert len(mail.outbox) == 2
    assert not Mailing.objects.filter(kind=Mailing.Kind.PUBLIC).exists()


def test_a_beat_reaches_its_accredited_journalists_only(publisher):
    release = embargoed_release()
    beat = ThemeFactory()
    on_beat = JournalistFactory()
    on_beat.beats.add(beat)
    lapsed = JournalistFactory(accredited_until=datetime.date(2021, 1, 1))
    lapsed.beats.add(beat)
    JournalistFactory()  # another beat

    services.send_embargoed_release(release=release, user=publisher, beats=[beat])

    assert [message.to for message in mail.outbox] == [[on_beat.email]]


def test_a_journalist_is_never_sent_a_release_twice(publisher):
    release = embargoed_release()
    journalist = JournalistFactory()
    services.send_embargoed_release(release=release, user=publisher, journalists=[journalist])

    _mailing, queued = services.send_embargoed_release(release=release, user=publisher, journalists=[journalist])

    assert queued == 0
    assert len(mail.outbox) == 1
    with pytest.raises(IntegrityError):
        Delivery.objects.create(
            mailing=Mailing.objects.first(), release=release, kind="embargo", email=journalist.email, language="fr"
        )


def test_only_a_publisher_with_the_mailing_permission_sends(django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-test-password")
    editor.user_permissions.add(Permission.objects.get(codename="send_mailing"))

    with pytest.raises(PermissionDenied):
        services.send_embargoed_release(release=embargoed_release(), user=editor, journalists=[JournalistFactory()])

    assert mail.outbox == []


def test_a_release_not_under_embargo_is_not_sent_to_journalists(publisher):
    with pytest.raises(ValidationError):
        services.send_embargoed_release(
            release=PressReleaseFactory(), user=publisher, journalists=[JournalistFactory()]
        )
    assert not Mailing.objects.exists()


def test_when_the_embargo_lifts_subscribers_of_its_themes_and_language_get_the_public_version(publisher):
    theme, other = ThemeFactory(), ThemeFactory()
    release = embargoed_release()
    release.themes.add(theme)
    SubscriberFactory(email="tout@example.org")
    english = SubscriberFactory(email="en@example.org", languages="en", all_themes=False)
    english.themes.add(theme)
    elsewhere = SubscriberFactory(email="ailleurs@example.org", all_themes=False)
    elsewhere.themes.add(other)
    SubscriberFactory(email="pas-confirme@example.org", confirmed_at=None)
    SubscriberFactory(email="parti@example.org", unsubscribed_at=timezone.now())
    lift_embargo(release)

    send_release_mailings.call()
    send_release_mailings.call()  # a second run mails nobody twice

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["en@example.org", "tout@example.org"]
    assert len(mail.outbox) == 2
    with translation.override("en"):
        english_url = release.get_absolute_url()
    assert f"https://www.example.org{english_url}" in by_address["en@example.org"].body
    french = by_address["tout@example.org"]
    assert french.subject == release.title_fr
    assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https://www\.example\.org/fr/abonnements/desabonnement/\S+/>", french.extra_headers["List-Unsubscribe"]
    )


def test_english_only_subscribers_are_not_sent_a_release_without_english_text():
    release = PressReleaseFactory(title_en="", lead_en="", body_en="")
    SubscriberFactory(email="en@example.org", languages="en")
    SubscriberFactory(email="fr@example.org")

    send_release_mailings.call()

    assert [message.to for message in mail.outbox] == [["fr@example.org"]]
    assert release.mailings.get().kind == Mailing.Kind.PUBLIC


def test_failures_are_logged_per_recipient_retried_then_sent(settings, publisher):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.NEWSROOM_MAX_ATTEMPTS = 2
    release = PressReleaseFactory()
    SubscriberFactory(email="lecteur@example.org")

    send_release_mailings.call()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.QUEUED, 1)
    assert delivery.reason == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert delivery.next_attempt_at > timezone.now()
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and release.is_live  # a mail failure never touches the release

    send_batch(delivery.mailing, now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.retry_failed(mailing=delivery.mailing) == 1

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert [message.to for message in mail.outbox] == [["lecteur@example.org"]]


def test_a_failed_journalist_mail_revokes_the_link_it_carried(settings, publisher):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    release = embargoed_release()

    services.send_embargoed_release(release=release, user=publisher, journalists=[JournalistFactory()])

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.QUEUED and delivery.embargo_link is None
    assert release.embargo_links.get().revoked_at is not None


def test_nothing_is_sent_for_a_release_withdrawn_before_its_batch(settings, publisher):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queue, do not run
    release = embargoed_release()
    mailing, _queued = services.send_embargoed_release(
        release=release, user=publisher, journalists=[JournalistFactory()]
    )
    type(release).objects.filter(pk=release.pk).update(status=Status.DRAFT)

    result = send_batch(mailing)

    assert result["sent"] == 0
    assert mail.outbox == []
    delivery = mailing.deliveries.get()
    assert (delivery.status, delivery.reason) == (Delivery.Status.FAILED, "The release is no longer under embargo.")


def test_test_mode_mails_staff_only(settings, publisher):
    settings.NEWSROOM_TEST_MODE = True
    PressReleaseFactory()
    SubscriberFactory(email="publisher@example.org")
    SubscriberFactory(email="lecteur@example.org")

    send_release_mailings.call()

    assert [message.to for message in mail.outbox] == [["publisher@example.org"]]
    assert Mailing.objects.get().test_mode


def test_batches_are_limited_in_size(settings):
    settings.NEWSROOM_BATCH_SIZE = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    PressReleaseFactory()
    SubscriberFactory.create_batch(3)
    (mailing,) = services.queue_public_mailings()

    result = send_batch(mailing)

    assert (result["sent"], result["remaining"]) == (2, 1)
    assert len(mail.outbox) == 2


def test_old_releases_are_not_mailed_when_the_job_starts():
    PressReleaseFactory(publish_at=timezone.now() - datetime.timedelta(days=30))
    SubscriberFactory()

    send_release_mailings.call()

    assert mail.outbox == []


def test_the_release_admin_shows_the_delivery_log_and_the_send_page(staff_client):
    release = embargoed_release()
    journalist = JournalistFactory(email="j@example.org")
    mailing = Mailing.objects.create(release=release, kind=Mailing.Kind.EMBARGO)
    Delivery.objects.create(
        mailing=mailing,
        release=release,
        kind="embargo",
        email=journalist.email,
        language="fr",
        journalist=journalist,
        status=Delivery.Status.FAILED,
        reason="SMTPRecipientsRefused",
    )

    change = staff_client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    send_url = reverse("admin:newsroom_mailing_send", args=[release.pk])

    assert change.status_code == 200
    assert "j@example.org — SMTPRecipientsRefused" in change.text
    assert send_url in change.text
    page = staff_client.get(send_url)
    assert page.status_code == 200
    assert journalist.name in page.text

    sent = staff_client.post(send_url, {"journalists": [journalist.pk]})

    assert sent.status_code == 302
    assert mail.outbox == []  # already tried once for this journalist: the failed delivery stands


def test_the_worker_gets_the_next_batch_after_the_rate_limit_interval(settings):
    from django_tasks_db.models import DBTaskResult

    from newsroom.tasks import send_mailing_batch

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.NEWSROOM_BATCH_SIZE = 2
    PressReleaseFactory()
    SubscriberFactory.create_batch(3)
    (mailing,) = services.queue_public_mailings()

    result = send_mailing_batch.call(mailing_id=mailing.pk)

    assert (result["sent"], result["remaining"]) == (2, 1)
    queued = DBTaskResult.objects.get(task_path="newsroom.tasks.send_mailing_batch")
    assert queued.args_kwargs["kwargs"] == {"mailing_id": mailing.pk}
    assert queued.run_after >= timezone.now() + settings.NEWSROOM_BATCH_INTERVAL - datetime.timedelta(seconds=5)


@pytest.mark.parametrize(("role", "sees_subscribers"), [("Publishers", False), ("Administrators", True)])
def test_publishers_send_releases_and_only_administrators_see_subscribers(django_user_model, role, sees_subscribers):
    from django.contrib.auth.models import Group

    from press.models import PressRelease

    user = django_user_model.objects.create_user("member", "member@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name=role))

    assert services.may_send(user, PressRelease)
    assert user.has_perm("newsroom.add_journalist")
    assert user.has_perm("newsroom.view_subscriber") is sees_subscribers


def test_editors_may_not_send(django_user_model):
    from django.contrib.auth.models import Group

    from press.models import PressRelease

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))

    assert not services.may_send(editor, PressRelease)
    assert not editor.has_perm("newsroom.view_journalist")


def test_two_batches_running_at_once_mail_each_subscriber_once(settings, monkeypatch):
    from newsroom import mail as newsroom_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    PressReleaseFactory()
    SubscriberFactory.create_batch(3)
    (mailing,) = services.queue_public_mailings()
    build = newsroom_mail.delivery_message
    calls = []

    def with_a_concurrent_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # another worker starts on the same mailing while this one is at its first message
            send_batch(mailing)
        return build(*args, **kwargs)

    monkeypatch.setattr(newsroom_mail, "delivery_message", with_a_concurrent_batch)

    send_batch(mailing)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        mailing.deliveries.values_list("email", flat=True)
    )
    assert len(mail.outbox) == 3
