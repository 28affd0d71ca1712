"""Translation status: missing and out-of-date translations, shown, filtered, and warned about on publishing."""

import pytest

from press.models import PressRelease, Quote
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

from .conftest import change_form_data

pytestmark = pytest.mark.django_db


def test_each_language_records_when_its_text_was_last_edited():
    release = factories.PressReleaseFactory(title_fr="Titre", title_en="Title")
    assert release.fr_edited_at == release.en_edited_at
    created = release.en_edited_at

    release = PressRelease.objects.get()
    release.title_fr = "Titre corrigé"
    release.save()

    release.refresh_from_db()
    assert release.fr_edited_at > created
    assert release.en_edited_at == created
    assert release.stale_translations() == ["en"]

    release.dateline_place = "Lyon"  # not a translated text: no language edited
    release.save()
    release.refresh_from_db()
    assert release.en_edited_at == created


def test_out_of_date_column_and_filters(editor_client):
    up_to_date = factories.PressReleaseFactory(title_en="Up to date release")
    stale = factories.PressReleaseFactory(title_en="Stale English release")
    stale.refresh_from_db()
    stale.lead_fr = "Nouveau chapô."
    stale.save()
    url = admin_url("press_pressrelease_changelist", language="en")

    everything = editor_client.get(url).content.decode()
    stale_en = editor_client.get(url, {"translation_en": "stale_en"}).content.decode()
    complete = editor_client.get(url, {"translation_en": "complete"}).content.decode()

    assert "English out of date, the French changed since it was confirmed: lead" in everything
    assert "Stale English release" in stale_en and "Up to date release" not in stale_en
    assert "Up to date release" in complete and "Stale English release" not in complete
    assert up_to_date.stale_translations() == []


def test_missing_french_filter(editor_client):
    factories.PressReleaseFactory(title_en="French lead missing", lead_fr="")
    factories.PressReleaseFactory(title_en="All there")

    content = editor_client.get(
        admin_url("press_pressrelease_changelist", language="en"), {"translation_en": "missing_fr"}
    ).content.decode()

    assert "French lead missing" in content and "All there" not in content
    assert "French missing: lead" in content


def test_inline_translation_edit_dates_its_language(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    Quote.objects.create(release=release, text_fr="Une avancée.", text_en="An advance.")
    release.refresh_from_db()
    before = release.en_edited_at
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(editor_client, url)
    assert data["quotes-0-text_en"] == "An advance."

    response = editor_client.post(url, data | {"quotes-0-text_en": "A major advance."})

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.en_edited_at > before


def test_publisher_is_warned_but_not_stopped_when_publishing_a_stale_translation(publisher_client):
    release = factories.complete_press_release(
        status=Status.REVIEW, publish_at=None, title_en="Old English", lead_en=""
    )
    url = admin_url("press_pressrelease_change", release.pk, language="en")

    form = publisher_client.get(url).content.decode()
    response = publisher_client.post(
        url, change_form_data(publisher_client, url) | {"status": Status.PUBLISHED}, follow=True
    )

    assert "Missing: lead" in form  # shown in the publication box before publishing
    content = response.content.decode()
    assert "is published with translation problems: Missing: lead." in content
    assert PressRelease.objects.live().count() == 1


def test_publish_action_warns_about_translations(publisher_client):
    release = factories.complete_press_release(status=Status.REVIEW, publish_at=None)
    release.refresh_from_db()
    release.body_fr = "<p>Corps du texte révisé.</p>"
    release.save()

    response = publisher_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": "publish_selected", "_selected_action": [release.pk]},
        follow=True,
    )

    assert "English out of date, the French changed since it was confirmed: body" in response.content.decode()
    assert PressRelease.objects.live().count() == 1


def test_stale_field_shows_the_source_diff_and_can_be_confirmed(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, lead_fr="Un chapô court.")
    release = PressRelease.objects.get(pk=release.pk)
    release.lead_fr = "Un chapô plus long."
    release.save()
    url = admin_url("press_pressrelease_change", release.pk, language="en")

    form = editor_client.get(url).content.decode()

    assert '<span lang="fr"><span>Un chapô</span> <del>court.</del> <ins>plus long.</ins></span>' in form
    assert '<input type="checkbox" name="confirm_translation" value="lead_en">' in form

    response = editor_client.post(url, change_form_data(editor_client, url) | {"confirm_translation": "lead_en"})

    assert response.status_code == 302
    release = PressRelease.objects.get(pk=release.pk)
    assert release.stale_fields() == []
    assert release.lead_en == "Lead in English."


def test_selected_items_are_exported_for_translation_as_xliff(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_en="", body_en="")

    response = editor_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": "export_xliff_en", "_selected_action": [release.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="pressrelease-en.xlf"'
    content = response.content.decode()
    assert f'id="press.pressrelease.{release.pk}.title"' in content
    assert '<g id="1">Corps du texte.</g>' in content


def test_an_english_only_release_is_entered_in_the_admin(editor_client):
    url = admin_url("press_pressrelease_add", language="en")
    data = change_form_data(editor_client, url) | {
        "title_en": "A European project in English only",
        "lead_en": "Lead in English.",
        "release_date": "2024-05-02",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 302
    release = PressRelease.objects.get()
    assert (release.title_fr or "", release.title_en) == ("", "A European project in English only")
    assert release.slug_en == "a-european-project-in-english-only"


def test_a_release_without_any_title_is_refused_with_a_clear_message(editor_client):
    url = admin_url("press_pressrelease_add", language="en")
    data = change_form_data(editor_client, url) | {"lead_en": "Lead in English.", "release_date": "2024-05-02"}

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Enter a title in French or in English (either may be the only one)." in response.content.decode()
    assert not PressRelease.objects.exists()
