"""The migrations adding per-field tracking to inline rows start existing rows confirmed against their current source."""

import datetime

import pytest

from partnerships.models import AgreementParty
from press.models import Quote
from tests.factories import OrganisationFactory
from workflow.mixins import source_digest

from .test_kind_migration import migrate, migrate_to_latest

BEFORE = [("press", "0014_images_in_media_library"), ("partnerships", "0010_agreement_press_kit")]
AFTER = [("press", "0015_quote_translation_tracking"), ("partnerships", "0011_row_translation_tracking")]


@pytest.mark.django_db(transaction=True)
def test_rows_filled_in_both_languages_start_confirmed_and_the_others_unrecorded():
    apps = migrate(BEFORE)
    release = apps.get_model("press", "PressRelease").objects.create(
        title_fr="Titre", slug_fr="titre", release_date=datetime.date(2021, 1, 1)
    )
    quote = apps.get_model("press", "Quote")
    both = quote.objects.create(release=release, position=1, text_fr="Une avancée.", text_en="An advance.")
    french_only = quote.objects.create(release=release, position=2, text_fr="En français seulement.", text_en="")
    agreement = apps.get_model("partnerships", "Agreement").objects.create(title_fr="Convention", slug_fr="convention")
    # Today's organisation table: these migrations leave the directory app as it is.
    organisation = OrganisationFactory()
    party = apps.get_model("partnerships", "AgreementParty").objects.create(
        agreement=agreement, organisation_id=organisation.pk, role_fr="Financeur", role_en="Funder"
    )
    try:
        migrate(AFTER)
    finally:
        migrate_to_latest()

    assert Quote.objects.get(pk=both.pk).translation_sources == {
        "text_en": source_digest("Une avancée."),
        "text_fr": source_digest("An advance."),
    }
    assert Quote.objects.get(pk=french_only.pk).translation_sources == {}
    assert AgreementParty.objects.get(pk=party.pk).translation_sources == {
        "role_en": source_digest("Financeur"),
        "role_fr": source_digest("Funder"),
    }
    edited = Quote.objects.get(pk=both.pk)
    edited.text_fr = "Une avancée majeure."
    edited.save()
    assert Quote.objects.get(pk=both.pk).stale_fields() == [("text", "en")]
