"""No lost edits: a save based on a stale form is refused, naming who saved and when, keeping what was typed."""

import re

import pytest

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

from .conftest import change_form_data, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(django_user_model):
    return make_user(django_user_model, "bruno", "Editors")


def test_second_stale_save_is_refused_and_nothing_is_lost(editor, second_editor):
    release = factories.PressReleaseFactory(
        status=Status.DRAFT, publish_at=None, title_en="Original title", lead_en="Original lead."
    )
    first, second = client_for(editor), client_for(second_editor)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    first_form = change_form_data(first, url)
    second_form = change_form_data(second, url)

    saved = first.post(url, first_form | {"title_en": "Eloise's title"})
    refused = second.post(url, second_form | {"lead_en": "Bruno's new lead."})

    assert saved.status_code == 302
    assert refused.status_code == 200
    content = refused.content.decode()
    assert "Not saved: eloise saved this item on" in content
    assert "They changed: title [en]." in content
    assert "Bruno&#x27;s new lead." in content or "Bruno's new lead." in content  # what bruno typed is still there
    release.refresh_from_db()
    assert release.title_en == "Eloise's title"
    assert release.lead_en == "Original lead."


def test_after_a_refusal_the_merged_form_saves(editor, second_editor):
    release = factories.PressReleaseFactory(status=Status.DRAFT, title_en="Original title")
    first, second = client_for(editor), client_for(second_editor)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    second_form = change_form_data(second, url)
    first.post(url, change_form_data(first, url) | {"title_en": "Eloise's title"})

    refused = second.post(url, second_form | {"lead_en": "Merged lead."})
    version = refused.context["adminform"].form["loaded_version"].value()
    merged = second.post(
        url, second_form | {"title_en": "Eloise's title", "lead_en": "Merged lead.", "loaded_version": version}
    )

    assert merged.status_code == 302
    release.refresh_from_db()
    assert (release.title_en, release.lead_en) == ("Eloise's title", "Merged lead.")
    assert release.updated_by == second_editor


def test_form_without_its_version_is_refused(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, title_en="Kept")
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(editor_client, url)
    data.pop("loaded_version")

    response = editor_client.post(url, data | {"title_en": "Lost?"})

    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert PressRelease.objects.get().title_en == "Kept"


def test_unpublish_before_publish_is_refused_beside_the_field(publisher_client):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, title_en="Unchanged")
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(publisher_client, url) | {
        "title_en": "Changed",
        "status": Status.PUBLISHED,
        "publish_at_0": "2099-03-12",
        "publish_at_1": "09:00",
        "unpublish_at_0": "2099-03-11",
        "unpublish_at_1": "09:00",
    }

    response = publisher_client.post(url, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "The unpublish time must come after the publish time." in content
    # The message sits in the error list of the unpublish_at row, not only at the top of the form.
    beside = re.search(
        r'<div class="form-row errors field-unpublish_at">\s*<ul class="errorlist"[^>]*>(.*?)</ul>', content
    )
    assert beside, "no error list in the unpublish_at row"
    assert "The unpublish time must come after the publish time." in beside.group(1)
    release.refresh_from_db()
    assert (release.title_en, release.status, release.publish_at) == ("Unchanged", Status.REVIEW, None)
