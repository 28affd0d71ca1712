"""Drafts, items in review, scheduled and withdrawn items stay off every public page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pages.models import Page
from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    LiveOrganisationFactory,
    PageFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    ThemeFactory,
)
from tests.site.conftest import url_in
from workflow.states import Status

pytestmark = pytest.mark.django_db


def hidden_states():
    now = timezone.now()
    return {
        "draft": {"status": Status.DRAFT},
        "review": {"status": Status.REVIEW},
        "scheduled": {"publish_at": now + datetime.timedelta(days=2)},
        "expired": {"publish_at": now - datetime.timedelta(days=5), "unpublish_at": now - datetime.timedelta(days=1)},
    }


def assert_answers_without(client, url, *texts):
    """Check that ``url`` answers 200 and its page holds none of ``texts``."""
    response = client.get(url)
    assert response.status_code == 200, url
    for text in texts:
        assert text not in response.content.decode(), (url, text)


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "expired"])
def test_hidden_release_is_404_and_absent_from_lists(client, state):
    theme = ThemeFactory()
    organisation = LiveOrganisationFactory()
    release = PressReleaseFactory(title_fr="Communiqué caché", title_en="Hidden release", **hidden_states()[state])
    release.themes.add(theme)
    PressReleaseIssuerFactory(release=release, organisation=organisation)
    assert client.get(url_in("fr", release)).status_code == 404
    assert client.get(url_in("en", release)).status_code == 404
    for url in ("/en/", "/en/press/", url_in("en", theme), url_in("en", organisation)):
        assert_answers_without(client, url, "Hidden release")


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "expired"])
def test_hidden_agreement_is_404_and_absent_from_lists(client, state):
    theme = ThemeFactory()
    agreement = AgreementFactory(title_en="Hidden agreement", **hidden_states()[state])
    agreement.themes.add(theme)
    assert client.get(url_in("en", agreement)).status_code == 404
    for url in ("/en/", "/en/agreements/", "/en/agreements/?status=in_force", url_in("en", theme)):
        assert_answers_without(client, url, "Hidden agreement")


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_hidden_page_is_404_and_absent_from_menu_and_footer(client, state):
    page = PageFactory(title_en="Hidden page", role=Page.Role.LEGAL, **hidden_states()[state])
    assert client.get(url_in("en", page)).status_code == 404
    assert_answers_without(client, "/en/", "Hidden page")


def test_hidden_related_items_are_not_linked(client):
    draft_agreement = AgreementFactory(title_en="Draft agreement", status=Status.DRAFT)
    release = PressReleaseFactory(related_agreement=draft_agreement)
    live_agreement = AgreementFactory(renewal_of=AgreementFactory(title_en="Old draft", status=Status.DRAFT))
    AgreementFactory(title_en="Draft renewal", renewal_of=live_agreement, status=Status.DRAFT)
    PressReleaseFactory(title_en="Draft release", related_agreement=live_agreement, status=Status.DRAFT)
    assert_answers_without(client, url_in("en", release), "Draft agreement")
    assert_answers_without(client, url_in("en", live_agreement), "Old draft", "Draft renewal", "Draft release")


def test_hidden_sites_are_not_counted_on_home(client):
    CooperationSiteFactory()
    CooperationSiteFactory(status=Status.DRAFT)
    assert "<strong>1</strong> international cooperation site" in client.get("/en/").content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "name",
    [
        "press:release-detail",
        "partnerships:agreement-detail",
        "directory:theme-detail",
        "directory:organisation-detail",
        "pages:page-detail",
    ],
)
def test_unknown_slugs_are_404(client, language, name):
    PressReleaseFactory()
    url = url_in(language, lambda: reverse(name, kwargs={"slug": "does-not-exist"}))
    response = client.get(url)
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.content.decode()
