"""Per-field translation tracking: a field is stale only when its source changed after it was confirmed."""

import pytest

from partnerships.models import Agreement
from press.models import PressRelease
from tests.factories import AgreementFactory, PressReleaseFactory

pytestmark = pytest.mark.django_db


def reloaded(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_both_languages_written_in_one_save_flag_nothing():
    agreement = AgreementFactory(title_fr="Convention", title_en="Agreement", summary_fr="Résumé.", summary_en="Sum.")

    agreement = reloaded(agreement)
    assert agreement.stale_fields() == []
    assert (agreement.fr_stale, agreement.en_stale) == (False, False)

    agreement.title_fr, agreement.title_en = "Convention révisée", "Revised agreement"
    agreement.save()

    assert reloaded(agreement).stale_fields() == []
    assert not Agreement.objects.filter(en_stale=True).exists()


def test_editing_the_source_flags_only_that_field():
    release = reloaded(PressReleaseFactory())

    release.lead_fr = "Nouveau chapô."
    release.save()

    release = reloaded(release)
    assert release.stale_fields() == [("lead", "en")]
    assert release.en_stale and not release.fr_stale
    assert list(PressRelease.objects.filter(en_stale=True)) == [release]


def test_a_translation_edited_after_its_source_is_up_to_date_again():
    release = reloaded(PressReleaseFactory())
    release.lead_fr = "Nouveau chapô."
    release.save()

    release = reloaded(release)
    release.lead_en = "New lead."
    release.save()

    assert reloaded(release).stale_fields() == []


def test_confirming_a_translation_without_retyping_it_clears_its_staleness():
    release = reloaded(PressReleaseFactory())
    release.body_fr = "<p>Corps du texte, virgule corrigée.</p>"
    release.save()
    release = reloaded(release)
    assert release.stale_fields() == [("body", "en")]

    release.confirm_translation("body", "en")
    release.save()

    release = reloaded(release)
    assert release.stale_fields() == []
    assert release.body_en == "<p>Body text.</p>"


def test_a_cleared_field_is_missing_not_stale():
    release = reloaded(PressReleaseFactory())

    release.lead_en = ""
    release.save()
    release = reloaded(release)
    release.lead_fr = "Nouveau chapô."
    release.save()

    release = reloaded(release)
    assert release.stale_fields() == []
    assert len(release.missing_translations("en")) == 1


def test_an_english_source_edited_flags_the_french():
    release = reloaded(PressReleaseFactory())

    release.title_en = "A new English title"
    release.save()

    assert reloaded(release).stale_fields() == [("title", "fr")]


def test_the_confirmed_source_is_found_in_history_for_the_diff():
    release = reloaded(PressReleaseFactory(lead_fr="Chapô d'origine."))
    release.lead_fr = "Chapô revu."
    release.save()

    release = reloaded(release)
    assert release.confirmed_source_text("lead", "en") == "Chapô d'origine."
