"""The release form's defaults: issuers and press contacts copied from the previous release, and the press
contacts an issuer's latest release offers (the JSON behind the form's offer)."""

import html

import pytest

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from tests.workflow.conftest import change_form_data, client_for, make_user
from workflow.states import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def release_with_people(user=None, **kwargs):
    release = factories.PressReleaseFactory(created_by=user, status=Status.DRAFT, publish_at=None, **kwargs)
    issuer = factories.PressReleaseIssuerFactory(release=release)
    contact = factories.PressContactFactory(release=release, organisation=issuer.organisation, name="Service de presse")
    return release, issuer, contact


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


def test_a_new_release_starts_with_the_issuers_and_contacts_of_the_users_previous_release(editor):
    mine, issuer, contact = release_with_people(editor, title_en="My previous release")
    release_with_people(title_en="Someone else's later release")  # created later, by someone else
    client = client_for(editor)

    content = html.unescape(client.get(admin_url("add", model=PressRelease, language="en")).content.decode())

    assert "copied from the release" in content
    assert "My previous release" in content
    assert f'<option value="{issuer.organisation_id}" selected>' in content
    assert f'value="{contact.email}"' in content
    assert 'value="Service de presse"' in content


def test_without_a_release_of_their_own_the_site_s_latest_is_the_start(editor):
    release_with_people(title_en="An older release")
    _latest, issuer, _contact = release_with_people(title_en="The site's latest release")

    content = client_for(editor).get(admin_url("add", model=PressRelease, language="en")).content.decode()

    assert "The site&#x27;s latest release" in content or "The site's latest release" in content
    assert f'<option value="{issuer.organisation_id}" selected>' in content


def test_an_empty_site_gives_a_blank_form(editor):
    content = client_for(editor).get(admin_url("add", model=PressRelease, language="en")).content.decode()

    assert "copied from the release" not in content
    assert 'name="issuers-TOTAL_FORMS" value="0"' in content
    assert 'name="contacts-TOTAL_FORMS" value="1"' in content


def test_the_prefilled_rows_are_saved_when_posted_unchanged_and_can_be_changed(editor):
    _previous, issuer, contact = release_with_people(editor)
    client = client_for(editor)
    url = admin_url("add", model=PressRelease, language="en")
    data = change_form_data(client, url)
    data |= {
        "title_fr": "Un nouveau communiqué",
        "release_date": "2026-03-12",
        "status": Status.DRAFT,
        "contacts-0-phone": "01 44 23 60 00",  # the editor changes one thing
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    release = PressRelease.objects.get(title_fr="Un nouveau communiqué")
    assert list(release.issuers.values_list("organisation", flat=True)) == [issuer.organisation_id]
    saved = release.contacts.get()
    assert (saved.email, saved.name, saved.phone) == (contact.email, "Service de presse", "01 44 23 60 00")


def test_the_contacts_of_an_issuers_latest_release_are_offered(editor):
    older, issuer, _ = release_with_people(release_date="2024-01-01")
    newer = factories.PressReleaseFactory(release_date="2025-06-01")
    factories.PressReleaseIssuerFactory(release=newer, organisation=issuer.organisation)
    factories.PressContactFactory(release=newer, organisation=issuer.organisation, name="Newest desk")
    url = admin_url("press_pressrelease_contacts_of_issuer", language="en")

    data = client_for(editor).get(url, {"organisation": issuer.organisation_id}).json()

    assert [contact["name"] for contact in data["contacts"]] == ["Newest desk"]
    assert data["contacts"][0]["organisation"] == issuer.organisation_id
    assert data["contacts"][0]["organisation_text"] == str(issuer.organisation)
    assert newer.title in data["offer"]
    # The release being edited is left out: its own contacts are no offer.
    data = client_for(editor).get(url, {"organisation": issuer.organisation_id, "release": newer.pk}).json()
    assert [contact["name"] for contact in data["contacts"]] == ["Service de presse"]
    assert older.title in data["offer"]


def test_the_offer_answers_nothing_for_an_unknown_organisation(editor):
    url = admin_url("press_pressrelease_contacts_of_issuer", language="en")

    assert client_for(editor).get(url, {"organisation": "999999"}).json() == {"contacts": []}
    assert client_for(editor).get(url, {"organisation": "x"}).json() == {"contacts": []}


def test_the_offer_is_for_staff_who_may_write_releases(client, django_user_model):
    release_with_people()
    url = admin_url("press_pressrelease_contacts_of_issuer", language="en")
    reader = make_user(django_user_model, "rita")  # staff, in no role

    assert client.get(url, {"organisation": "1"}).status_code == 302  # to the login page
    assert client_for(reader).get(url, {"organisation": "1"}).status_code == 403
