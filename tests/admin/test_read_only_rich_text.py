"""Rich text on a form staff may only view: formatted as readers see it, never as escaped HTML tags."""

import pytest
from django.db import connection

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from tests.workflow.conftest import client_for, make_user
from workflow.states import Status

pytestmark = pytest.mark.django_db

BODY_FR = "<h2>Résultats</h2><p>Un <strong>premier</strong> paragraphe.</p><ul><li>Un point</li></ul>"


@pytest.fixture
def published_release():
    return factories.PressReleaseFactory(status=Status.PUBLISHED, body_fr=BODY_FR, body_en="<p>First paragraph.</p>")


def test_an_editor_reads_a_published_releases_body_formatted(django_user_model, published_release):
    client = client_for(make_user(django_user_model, "eloise", "Editors"))

    response = client.get(admin_url("change", published_release.pk, model=PressRelease))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<div class="readonly-rich-text" lang="fr">{BODY_FR}</div>' in content
    assert '<div class="readonly-rich-text" lang="en"><p>First paragraph.</p></div>' in content
    assert "&lt;p&gt;" not in content and "&lt;strong&gt;" not in content
    # Each in its own row, labelled as the field it shows; still nothing to edit or post.
    assert "field-body_fr" in content and "Corps du texte [fr]" in content
    assert 'name="body_fr"' not in content and "prose-editor" not in content


def test_an_empty_rich_text_field_reads_as_empty_not_as_none(django_user_model):
    release = factories.PressReleaseFactory(status=Status.PUBLISHED, body_en="")
    client = client_for(make_user(django_user_model, "eloise", "Editors"))

    content = client.get(admin_url("change", release.pk, model=PressRelease)).content.decode()

    row = content[content.index("field-body_en") :]
    row = row[: row.index("</div>\n")]
    assert "None" not in row
    assert 'class="readonly-rich-text" lang="en"' not in row


def test_a_body_written_around_the_sanitiser_runs_no_script_on_the_read_only_form(django_user_model, published_release):
    # Raw SQL skips the field's sanitiser (an old backup, a hand-made fix): the display sanitises again.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {PressRelease._meta.db_table} SET body_fr = %s WHERE id = %s",
            ['<p onclick="steal()">Texte</p><script>steal()</script>', published_release.pk],
        )
    client = client_for(make_user(django_user_model, "eloise", "Editors"))

    content = client.get(admin_url("change", published_release.pk, model=PressRelease)).content.decode()

    assert '<div class="readonly-rich-text" lang="fr"><p>Texte</p></div>' in content
    assert "<script>steal()" not in content and 'onclick="steal()"' not in content


def test_who_may_change_the_release_still_gets_the_editor(django_user_model, published_release):
    client = client_for(make_user(django_user_model, "paul", "Publishers"))

    response = client.get(admin_url("change", published_release.pk, model=PressRelease))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="body_fr"' in content
    assert "readonly-rich-text" not in content
