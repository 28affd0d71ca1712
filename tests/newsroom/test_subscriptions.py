"""Public subscriptions: double opt-in, consent, bad input, bots, one-click unsubscribe, export and deletion."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.models import ConsentRecord, Subscriber
from newsroom.tokens import make_token
from tests.factories import ThemeFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)


def url(name, lang="fr", **kwargs):
    with translation.override(lang):
        return reverse(f"newsroom:{name}", kwargs=kwargs)


def form_data(**overrides):
    return {"email": "Lecteur@Example.org", "languages": "fr", "scope": "all", "consent": "on", **overrides}


def link_in(message, name):
    """Return the path of the first link of ``message`` to the ``name`` page (the confirm, manage… link)."""
    prefix = {
        "confirm": "/confirmer/|/confirm/",
        "manage": "/gerer/|/manage/",
        "unsubscribe": "/desabonnement/|/unsubscribe/",
    }
    match = re.search(rf"https://www\.example\.org(/\S*(?:{prefix[name]})\S+/)", message.body)
    assert match, f"no {name} link in: {message.body}"
    return match.group(1)


def test_the_form_answers_in_both_languages_on_translated_paths(client):
    assert url("subscribe", "fr") == "/fr/abonnements/"
    assert url("subscribe", "en") == "/en/subscriptions/"

    french = client.get(url("subscribe", "fr"))
    english = client.get(url("subscribe", "en"))

    assert french.status_code == english.status_code == 200
    assert "S’abonner aux communiqués de presse" in french.text
    assert "Subscribe to press releases" in english.text


def test_subscribing_needs_a_confirmation_and_records_the_consent(client):
    theme = ThemeFactory()

    response = client.post(url("subscribe"), form_data(scope="themes", themes=[theme.pk], languages="both"))

    assert response.status_code == 302
    assert response["Location"] == url("requested")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lecteur@example.org"
    assert not subscriber.is_active
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["lecteur@example.org"]
    assert "Confirmez" in confirmation.subject
    page = client.get(link_in(confirmation, "confirm"))
    assert page.status_code == 200
    assert not Subscriber.objects.get().is_active  # opening the link (a mail scanner may) confirms nothing

    confirmed = client.post(link_in(confirmation, "confirm"))

    assert confirmed.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.is_active
    consents = list(subscriber.consents.values_list("action", "source", "language", "scope"))
    scope = {"languages": "both", "all_releases": False, "themes": [theme.slug]}
    assert consents == [
        (ConsentRecord.Action.REQUESTED, "subscribe-page", "fr", scope),
        (ConsentRecord.Action.CONFIRMED, "confirm-link", "fr", scope),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse électronique comme nom@example.org."),
        ({"consent": ""}, "consent", "Cochez cette case pour accepter de recevoir les communiqués."),
        ({"scope": "themes"}, "themes", "Choisissez au moins un thème, ou demandez tous les communiqués."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, data, field, message):
    response = client.post(url("subscribe"), form_data(**data))

    assert response.status_code == 400
    assert message in response.text
    typed = data.get("email", "Lecteur@Example.org")
    assert f'value="{typed}"' in response.text
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_bad_input_is_answered_in_english_on_the_english_form(client):
    response = client.post(url("subscribe", "en"), form_data(email="not-an-address"))

    assert response.status_code == 400
    assert "Enter an e-mail address such as name@example.org." in response.text


def test_a_subscribed_address_is_told_so_and_gets_a_link_to_manage_its_choices(client):
    subscriber = SubscriberFactory(email="lecteur@example.org", languages="en")

    response = client.post(url("subscribe"), form_data(languages="fr"))

    assert response.status_code == 409
    assert "Cette adresse est déjà abonnée" in response.text
    assert 'value="Lecteur@Example.org"' in response.text
    subscriber.refresh_from_db()
    assert subscriber.languages == "en"  # changed only from the manage link
    assert len(mail.outbox) == 1
    assert client.get(link_in(mail.outbox[0], "manage")).status_code == 200


def test_the_honeypot_stores_nothing_and_sends_nothing(client):
    response = client.post(url("subscribe"), form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_requests_are_limited_per_address(client, settings):
    settings.NEWSROOM_SUBSCRIBE_LIMITS = {"address": 2, "ip": 100}
    for _ in range(2):
        assert client.post(url("subscribe"), form_data()).status_code == 302

    response = client.post(url("subscribe"), form_data())

    assert response.status_code == 429
    assert "Trop de demandes d’abonnement" in response.text
    assert len(mail.outbox) == 2


def test_requests_are_limited_per_client_ip(client, settings):
    settings.NEWSROOM_SUBSCRIBE_LIMITS = {"address": 100, "ip": 2}
    for number in range(2):
        assert client.post(url("subscribe"), form_data(email=f"a{number}@example.org")).status_code == 302

    response = client.post(url("subscribe"), form_data(email="a3@example.org"))

    assert response.status_code == 429
    assert Subscriber.objects.count() == 2


def test_a_tampered_link_is_refused_with_a_clear_message(client):
    token = make_token(SubscriberFactory(), "manage")

    response = client.get(url("manage", token=token[:-2] + "xx"))

    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in response.text


def test_an_expired_confirmation_link_says_so(client, settings):
    subscriber = SubscriberFactory(confirmed_at=None)
    token = make_token(subscriber, "confirm")
    settings.NEWSROOM_LINK_MAX_AGE = {**settings.NEWSROOM_LINK_MAX_AGE, "confirm": -1}

    response = client.post(url("confirm", "en", token=token))

    assert response.status_code == 400
    assert "This link has expired." in response.text
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_link_of_one_purpose_does_not_open_another(client):
    token = make_token(SubscriberFactory(), "unsubscribe")

    assert client.get(url("manage", token=token)).status_code == 400


def test_one_click_unsubscribe_needs_no_session_nor_csrf_token():
    subscriber = SubscriberFactory()
    browserless = Client(enforce_csrf_checks=True)

    response = browserless.post(
        url("unsubscribe", token=make_token(subscriber, "unsubscribe")), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consents.get().action == ConsentRecord.Action.UNSUBSCRIBED


def test_the_manage_page_changes_the_choices_and_records_them(client):
    subscriber = SubscriberFactory()
    theme = ThemeFactory()
    manage = url("manage", "en", token=make_token(subscriber, "manage"))

    response = client.post(manage, {"languages": "en", "scope": "themes", "themes": [theme.pk]})

    assert response.status_code == 200
    assert "Your choices are saved." in response.text
    subscriber.refresh_from_db()
    assert (subscriber.languages, subscriber.all_themes, list(subscriber.themes.all())) == ("en", False, [theme])
    assert subscriber.consents.get().scope == {"languages": "en", "all_releases": False, "themes": [theme.slug]}


def test_a_subscriber_exports_then_deletes_their_data(client):
    subscriber = SubscriberFactory(email="moi@example.org")
    token = make_token(subscriber, "manage")

    export = client.get(url("export", token=token))

    assert export.status_code == 200
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["email"] == "moi@example.org"
    assert data["all_releases"] is True

    deleted = client.post(url("delete", token=token))

    assert deleted.status_code == 200
    assert not Subscriber.objects.exists()
    assert client.get(url("manage", token=token)).status_code == 400


def test_personal_data_pages_stay_out_of_caches_and_search_engines(client):
    response = client.get(url("manage", token=make_token(SubscriberFactory(), "manage")))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_form_page_runs_the_same_queries_whatever_the_number_of_themes(client, django_assert_num_queries):
    ThemeFactory()
    client.get(url("subscribe"))  # warm up whatever is cached per process
    with CaptureQueriesContext(connection) as one_theme:
        assert client.get(url("subscribe")).status_code == 200
    expected = len(one_theme.captured_queries)  # read now: every request clears the connection's query log
    ThemeFactory.create_batch(5)
    client.get(url("subscribe"))  # the first request after a change reads the menu again (once per generation)

    with django_assert_num_queries(expected):
        response = client.get(url("subscribe"))

    assert response.status_code == 200
    assert response.text.count('name="themes"') == 6


def test_the_footer_links_to_the_form(client):
    response = client.get(url("requested", "en"))

    assert response.status_code == 200
    assert f'href="{url("subscribe", "en")}"' in response.text


def test_addresses_never_confirmed_are_deleted_once_their_link_has_expired():
    from newsroom.tasks import purge_unconfirmed_subscribers

    stale = SubscriberFactory(confirmed_at=None)
    ConsentRecord.objects.create(
        subscriber=stale, action="requested", source="subscribe-page", language="fr", at=timezone.now() - WEEK
    )
    fresh = SubscriberFactory(confirmed_at=None)
    ConsentRecord.objects.create(subscriber=fresh, action="requested", source="subscribe-page", language="fr")
    active = SubscriberFactory()

    assert purge_unconfirmed_subscribers.call() == {"deleted": 1}

    assert set(Subscriber.objects.all()) == {fresh, active}


def test_the_manage_page_runs_the_same_queries_whatever_the_number_of_themes(client, django_assert_num_queries):
    subscriber = SubscriberFactory(all_themes=False)
    subscriber.themes.add(ThemeFactory())
    manage = url("manage", token=make_token(subscriber, "manage"))
    client.get(manage)
    with CaptureQueriesContext(connection) as one_theme:
        assert client.get(manage).status_code == 200
    expected = len(one_theme.captured_queries)  # read now: every request clears the connection's query log
    subscriber.themes.add(*ThemeFactory.create_batch(5))
    client.get(manage)  # the first request after a change reads the menu again (once per generation)

    with django_assert_num_queries(expected):
        response = client.get(manage)

    assert response.status_code == 200
    assert response.text.count("checked") == 6 + 2  # six themes, one language, one scope
