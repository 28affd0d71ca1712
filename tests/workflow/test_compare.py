"""Comparing two revisions: field by field, rich text as readable text with insertions and deletions marked."""

import pytest
from django.utils import formats, timezone, translation

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.compare import marked_diff, readable_text
from workflow.states import Status

from .conftest import change_form_data, client_for, make_user

pytestmark = pytest.mark.django_db


def test_rich_text_reads_as_text_one_line_per_paragraph():
    html = '<h2>Résultats</h2><p>Le <strong>vaccin</strong> protège&nbsp;<a href="https://x.example" rel="noopener">ici</a>.</p><ul><li>un</li><li>deux</li></ul>'

    assert readable_text(html) == "Résultats\nLe vaccin protège ici.\n• un\n• deux"


def test_the_diff_marks_deleted_and_inserted_words_and_escapes_the_text():
    old, new = marked_diff("Le vaccin protège les adultes.", "Le vaccin <b> protège les enfants.")

    assert old == "Le vaccin protège les <del>adultes</del>."
    assert new == "Le vaccin <ins>&lt;b&gt; </ins>protège les <ins>enfants</ins>."


def edit_release(client, release, **changes):
    url = admin_url("press_pressrelease_change", release.pk)
    response = client.post(url, change_form_data(client, url) | changes)
    assert response.status_code == 302
    return release.history.first()


@pytest.fixture
def edited_release(editor_client):
    release = factories.PressReleaseFactory(
        status=Status.DRAFT, publish_at=None, body_fr="<p>Le vaccin protège les <em>adultes</em>.</p>"
    )
    factories.PressContactFactory(release=release, name="Alice Martin")
    first = release.history.first()
    theme = factories.ThemeFactory(name_fr="Immunologie")
    edit_release(
        editor_client,
        release,
        body_fr="<p>Le vaccin protège les enfants.</p><p>Nouveau paragraphe.</p>",
        status=Status.REVIEW,
        themes=[str(theme.pk)],
    )
    return release, first, release.history.first()


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Administrators"])
def test_each_role_compares_two_versions_side_by_side(django_user_model, edited_release, role):
    release, first, latest = edited_release
    client = client_for(make_user(django_user_model, f"user-{role.lower()}", role))

    response = client.get(
        admin_url("press_pressrelease_compare", release.pk), {"old": first.history_id, "new": latest.history_id}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Le vaccin protège les <del>adultes</del>." in content
    assert "Le vaccin protège les <ins>enfants.<br>Nouveau paragraphe</ins>." in content
    assert "<em>" not in content
    assert "Brouillon" in content and "En relecture" in content
    assert "<ins>Immunologie</ins>" in content
    assert "None" not in content


def test_a_staff_member_who_may_not_view_press_releases_cannot_compare(django_user_model, edited_release):
    release, first, latest = edited_release
    client = client_for(make_user(django_user_model, "nobody"))

    response = client.get(admin_url("press_pressrelease_compare", release.pk))

    assert response.status_code == 403


def test_the_comparison_includes_inline_rows(editor_client, edited_release):
    release, first, latest = edited_release
    factories.PressContactFactory(release=release, name="Bruno Petit")
    latest = edit_release(editor_client, release, title_fr="Nouveau titre")

    content = editor_client.get(
        admin_url("press_pressrelease_compare", release.pk), {"old": first.history_id, "new": latest.history_id}
    ).content.decode()

    assert "Bruno Petit" in content
    assert "<ins>" in content and "Alice Martin" in content


def test_history_lists_states_in_words_and_local_times(editor_client, edited_release):
    release, first, latest = edited_release

    response = editor_client.get(admin_url("press_pressrelease_history", release.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Statut : Brouillon → En relecture" in content
    assert "None" not in content and "review" not in content
    with translation.override("fr"):
        local = formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    assert local in content


def test_a_revert_is_recorded_as_a_restored_version(editor_client, edited_release):
    release, first, latest = edited_release
    url = admin_url("press_pressrelease_simple_history", release.pk, first.pk)

    response = editor_client.post(url, change_form_data(editor_client, url))

    assert response.status_code == 302
    local = formats.date_format(timezone.localtime(first.history_date), "DATETIME_FORMAT")
    assert release.history.first().history_change_reason == f"Rétablissement de la version du {local}"
    assert PressRelease.objects.get(pk=release.pk).body_fr == "<p>Le vaccin protège les <em>adultes</em>.</p>"


def test_a_revert_restores_the_themes_of_that_version(editor_client):
    kept, dropped = factories.ThemeFactory(name_fr="Génétique"), factories.ThemeFactory(name_fr="Immunologie")
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    release.themes.set([kept])
    original = release.history.first()
    edit_release(editor_client, release, themes=[str(dropped.pk)])
    assert list(release.themes.all()) == [dropped]
    url = admin_url("press_pressrelease_simple_history", release.pk, original.pk)

    response = editor_client.post(url, change_form_data(editor_client, url))

    assert response.status_code == 302
    assert list(release.themes.all()) == [kept]
    assert [row.theme_id for row in release.history.first().themes.all()] == [kept.pk]


def test_history_and_revision_pages_read_in_correct_french(editor_client, edited_release):
    release, first, latest = edited_release

    history = editor_client.get(admin_url("press_pressrelease_history", release.pk))
    revision = editor_client.get(admin_url("press_pressrelease_simple_history", release.pk, first.pk))

    assert history.status_code == 200 and revision.status_code == 200
    assert "<td>Créé</td>" in history.content.decode()
    assert "Créé le</td>" not in history.content.decode()
    content = revision.content.decode()
    assert "revenir à cette version de l’élément" in content and "l' objet" not in content
    assert "Communiqués de presse</a>" in content
    assert "historical communiqués" not in content.lower()
