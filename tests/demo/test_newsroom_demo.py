"""The demo newsroom: fictional accredited journalists and confirmed subscribers to try embargoed sending and mailings."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from newsroom.models import ConsentRecord, Journalist, Subscriber
from press.models import PressRelease
from tests.helpers import snapshot

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded():
    load()


def test_demo_journalists_are_fictional_accredited_and_have_beats(loaded):
    journalists = list(Journalist.objects.order_by("email"))
    assert len(journalists) == 3
    assert all(journalist.email.endswith("@example.org") for journalist in journalists)
    assert {journalist.language for journalist in journalists} == {"fr", "en"}
    assert all(journalist.outlet and journalist.beats.exists() for journalist in journalists)
    assert {journalist.time_zone for journalist in journalists} >= {"Europe/Paris", "America/New_York"}
    # All three on a day of 2026: enough to try sending to two of them, by name or by beat.
    assert Journalist.objects.accredited(on=datetime.date(2026, 6, 1)).count() == 3


def test_demo_subscribers_are_confirmed_with_their_consent_recorded(loaded):
    subscribers = {subscriber.email: subscriber for subscriber in Subscriber.objects.active()}
    assert set(subscribers) == {
        "abonne.demo@example.org",
        "subscriber.demo@example.org",
        "one-health.demo@example.org",
    }
    assert subscribers["abonne.demo@example.org"].languages == "fr"
    assert subscribers["subscriber.demo@example.org"].languages == "en"
    themed = subscribers["one-health.demo@example.org"]
    assert not themed.all_themes
    assert [theme.slug_fr for theme in themed.themes.all()] == ["one-health-et-antibioresistance"]
    for subscriber in subscribers.values():
        actions = list(subscriber.consents.values_list("action", flat=True))
        assert actions == [ConsentRecord.Action.REQUESTED, ConsentRecord.Action.CONFIRMED]
        consent = subscriber.consents.last()
        assert consent.at == subscriber.confirmed_at
        assert consent.source == "demo (load_demo)"
    assert themed.consents.last().scope == {
        "languages": "both",
        "all_releases": False,
        "themes": ["one-health-et-antibioresistance"],
    }


def test_a_demo_release_finds_its_subscribers(loaded):
    release = PressRelease.objects.live().filter(themes__slug_fr="one-health-et-antibioresistance").first()
    assert release is not None
    emails = set(Subscriber.objects.for_release(release).values_list("email", flat=True))
    assert {"abonne.demo@example.org", "one-health.demo@example.org"} <= emails


def test_a_second_load_leaves_the_newsroom_as_it_is(loaded):
    before = snapshot("newsroom")
    assert "nothing changed" in load()
    assert snapshot("newsroom") == before
