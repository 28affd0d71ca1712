"""Rich text is sanitised on every write (save, bulk and queryset writes) and never again when rows are loaded."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from rest_framework.test import APIClient

from directory.models import Organisation
from partnerships.models import Agreement
from press.models import PressRelease
from tests.factories import AgreementFactory, OrganisationFactory, PressReleaseFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db

DIRTY = '<p>Texte publié<script>alert("x")</script><a href="javascript:steal()">lien</a></p>'

stored_migration = importlib.import_module("workflow.migrations.0002_sanitise_stored_rich_text")


def stored(model, pk, column):
    return model.objects.filter(pk=pk).values_list(column, flat=True).get()


def write_raw(model, pk, column, value):
    """Write ``value`` into a column with SQL, as a restore or a hand-made fix would: no ORM on the way."""
    table, quote = model._meta.db_table, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [value, pk])


def test_queryset_update_stores_sanitised_rich_text_and_the_api_serves_it():
    release = PressReleaseFactory(body_fr="<p>Propre.</p>")

    PressRelease.objects.filter(pk=release.pk).update(body_fr=DIRTY)

    assert stored(PressRelease, release.pk, "body_fr") == '<p>Texte publié<a rel="noopener noreferrer">lien</a></p>'
    body = APIClient().get(f"/api/v1/press-releases/{release.pk}/").json()["body"]["fr"]
    assert body.startswith("<p>Texte publié")
    assert "<script" not in body
    assert "javascript:" not in body


def test_bulk_writes_store_sanitised_rich_text():
    agreement = AgreementFactory()
    agreement.body_en = DIRTY
    Agreement.objects.bulk_update([agreement], ["body_en"])
    [created] = PressRelease.objects.bulk_create([PressReleaseFactory.build(body_fr=DIRTY, slug_fr="en-bloc")])

    for model, pk, column in ((Agreement, agreement.pk, "body_en"), (PressRelease, created.pk, "body_fr")):
        text = stored(model, pk, column)
        assert text.startswith("<p>Texte publié")
        assert "<script" not in text
        assert "javascript:" not in text


def test_a_script_written_by_raw_sql_never_reaches_the_public_page(client):
    release = PressReleaseFactory(body_fr="<p>Propre.</p>")
    write_raw(PressRelease, release.pk, "body_fr", DIRTY)

    response = client.get(url_in("fr", release))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Texte publié" in page
    assert "<script>alert" not in page
    assert "javascript:steal" not in page


def test_the_migration_sanitises_rich_text_stored_before_every_write_sanitised_it():
    release = PressReleaseFactory(body_fr="<p>Propre.</p>", body_en="<p>Clean.</p>")
    organisation = OrganisationFactory()
    write_raw(PressRelease, release.pk, "body_fr", DIRTY)
    write_raw(Organisation, organisation.pk, "about_en", '<p>About<img src="x" onerror="alert(1)"></p>')

    stored_migration.sanitise(apps, None)

    assert stored(PressRelease, release.pk, "body_fr") == '<p>Texte publié<a rel="noopener noreferrer">lien</a></p>'
    assert stored(PressRelease, release.pk, "body_en") == "<p>Clean.</p>"
    assert stored(Organisation, organisation.pk, "about_en") == "<p>About</p>"


def test_loading_rows_sanitises_nothing_and_saving_them_unchanged_edits_nothing(monkeypatch):
    releases = PressReleaseFactory.create_batch(3, body_fr="<p>Un.</p>", body_en="<p>One.</p>")
    stamps = {release.pk: (release.fr_edited_at, release.en_edited_at) for release in releases}
    calls = []

    def counting(html):
        calls.append(html)
        return html

    monkeypatch.setattr("core.richtext.sanitize_html", counting)
    monkeypatch.setattr("workflow.mixins.sanitize_html", counting)
    loaded = list(PressRelease.objects.all())
    assert calls == []

    monkeypatch.undo()
    for release in loaded:
        release.save()
        release.refresh_from_db()
        assert (release.fr_edited_at, release.en_edited_at) == stamps[release.pk]
        assert not release.fr_stale and not release.en_stale
