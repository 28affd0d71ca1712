"""Revisions: every save kept with who, when and what changed field by field; revert to an earlier one."""

import pytest
from django.core.management import call_command
from django.utils import translation

from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement
from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

from .conftest import change_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [PressRelease, Agreement, Page, CooperationSite, FundingInstrument])
def test_every_content_model_keeps_its_translated_text_in_history(model):
    history_fields = {field.name for field in model.history.model._meta.fields}

    assert {"status", "publish_at", "version"} <= history_fields
    translated = [name for name in history_fields if name.endswith("_en")]
    assert translated and all(name[:-3] + "_fr" in history_fields for name in translated)


def test_history_view_shows_who_when_and_the_field_by_field_change(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_en="First title")
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    editor_client.post(url, change_form_data(editor_client, url) | {"title_en": "Second title"})

    content = editor_client.get(admin_url("press_pressrelease_history", release.pk, language="en")).content.decode()
    compared = editor_client.get(admin_url("press_pressrelease_compare", release.pk, language="en"))

    assert "Eloise" in content
    assert "Title [en]" in content
    assert compared.status_code == 200
    assert "<del>First</del>" in compared.content.decode() and "<ins>Second</ins>" in compared.content.decode()
    assert release.history.count() == 2
    assert release.history.first().history_user.username == "eloise"


def test_revert_restores_an_earlier_revision(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_en="Good title")
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    editor_client.post(url, change_form_data(editor_client, url) | {"title_en": "Bad title"})
    original = release.history.order_by("history_date").first()
    revert_url = admin_url("press_pressrelease_simple_history", release.pk, original.pk, language="en")

    form = change_form_data(editor_client, revert_url)
    assert form["title_en"] == "Good title"
    response = editor_client.post(revert_url, form)

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_en == "Good title"
    assert release.history.count() == 3


def test_a_second_demo_load_adds_no_revision(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    counts = {model: model.history.count() for model in (PressRelease, Agreement, Page, FundingInstrument)}
    assert all(counts.values())

    call_command("load_demo", verbosity=0)

    assert {model: model.history.count() for model in counts} == counts


def test_english_history_page_is_in_english(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT)
    with translation.override("en"):
        content = editor_client.get(admin_url("press_pressrelease_history", release.pk, language="en")).content.decode()
    assert "Changed by" in content


def test_one_save_with_a_new_theme_is_one_revision(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_en="First title")
    theme = factories.ThemeFactory()
    before = release.history.count()
    url = admin_url("press_pressrelease_change", release.pk, language="en")

    response = editor_client.post(
        url, change_form_data(editor_client, url) | {"title_en": "Second title", "themes": [str(theme.pk)]}
    )

    assert response.status_code == 302
    assert release.history.count() == before + 1
    latest = release.history.first()
    assert latest.title_en == "Second title"
    assert [row.theme_id for row in latest.themes.all()] == [theme.pk]


def test_a_save_without_change_adds_no_revision(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    before = release.history.count()
    url = admin_url("press_pressrelease_change", release.pk, language="en")

    response = editor_client.post(url, change_form_data(editor_client, url))

    assert response.status_code == 302
    assert release.history.count() == before
    release.refresh_from_db()
    assert release.history.first().version == release.version
