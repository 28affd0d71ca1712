"""A visitor subscribes, confirms, receives a release by e-mail and unsubscribes in one click (issue 15)."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from newsroom.models import Subscriber
from newsroom.tasks import send_release_mailings
from tests.factories import PressReleaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def mail_settings(settings, demo_site):
    """Run the tasks at once and point the mails' links at the live server."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = demo_site.url
    mail.outbox = []
    return settings


def link(message, pattern):
    match = re.search(rf"(http://\S+/(?:{pattern})/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_subscribe_confirm_receive_a_release_then_unsubscribe_in_one_click(site_page, demo_site, mail_settings):
    page = site_page
    response = page.goto(demo_site.url + "/fr/abonnements/")
    assert response.status == 200

    page.get_by_label("Adresse électronique").fill("visiteur@example.org")
    page.get_by_label("J’accepte de recevoir").check()
    page.get_by_role("button", name="S’abonner").click()

    page.get_by_role("heading", name="Consultez votre messagerie").wait_for()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["visiteur@example.org"]
    page.goto(link(confirmation, "confirmer"))
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    page.get_by_role("heading", name="Votre abonnement").wait_for()
    assert Subscriber.objects.get(email="visiteur@example.org").is_active

    release = PressReleaseFactory(publish_at=timezone.now())
    send_release_mailings.call()

    # The demo site's own search example release, created without a publication time, went live within
    # the lookback too and is mailed as well: pick the mail of the release this test published.
    received = [message for message in mail.outbox if message.to == ["visiteur@example.org"]][1:]
    (release_mail,) = [message for message in received if message.subject == release.title_fr]
    unsubscribe_url = release_mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert release_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What a mail client does (RFC 8058): a POST with no cookie and no CSRF token.
    one_click = page.request.post(unsubscribe_url, form={"List-Unsubscribe": "One-Click"})

    assert one_click.status == 200
    assert Subscriber.objects.get(email="visiteur@example.org").unsubscribed_at is not None
    page.goto(link(release_mail, "gerer"))
    page.get_by_text("Vous êtes désabonné").wait_for()
