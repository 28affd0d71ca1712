"""Inline rows (quotes, party roles, objectives…) tracked per field like their item: a stale quote is that quote.

Model, admin inline (diff and "still correct" box per row), the item's lists, filters, dashboard and publishing
warning, and the XLIFF/PO round-trip with one unit per row field.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from translate.storage import po, xliff

from partnerships.models import Agreement, AgreementParty, Objective
from press.models import PressRelease, Quote
from tests import factories
from tests.helpers import admin_url
from tests.workflow.conftest import change_form_data, client_for, make_user
from workflow.admin import translation_problems
from workflow.exchange import apply_proposals, export_po, export_xliff, import_translations
from workflow.mixins import missing_translation_q, stale_translation_q
from workflow.models import TranslationProposal
from workflow.states import Status

pytestmark = pytest.mark.django_db

STALE_QUOTE = "English out of date, the French changed since it was confirmed: quote 2"


@pytest.fixture(autouse=True)
def _english():
    """Read the messages in English, as the English admin shows them."""
    with translation.override("en"):
        yield


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


@pytest.fixture
def publisher(django_user_model):
    return make_user(django_user_model, "paul", "Publishers")


def reloaded(obj):
    return type(obj).objects.get(pk=obj.pk)


def release_with_quotes(**kwargs):
    """Return a release with two quotes written in both languages in one save each (nothing stale)."""
    release = factories.PressReleaseFactory(**kwargs)
    for number in (1, 2):
        Quote.objects.create(
            release=release,
            position=number,
            text_fr=f"Une avancée numéro {number}.",
            text_en=f"Advance number {number}.",
            speaker_title_fr="Directrice",
            speaker_title_en="Director",
        )
    return reloaded(release)


def edit_second_quote_source(release):
    quote = release.quotes.order_by("position").last()
    quote = reloaded(quote)
    quote.text_fr = "Une avancée décisive, selon l'équipe."
    quote.save()
    return reloaded(quote)


# The model --------------------------------------------------------------------------------------------


def test_a_row_written_in_both_languages_flags_nothing():
    release = release_with_quotes()

    assert [reloaded(quote).stale_fields() for quote in release.quotes.all()] == [[], []]
    assert translation_problems(release) == []
    assert not PressRelease.objects.filter(stale_translation_q("en", PressRelease)).exists()


def test_an_edited_quote_source_flags_that_quote_not_the_item():
    release = release_with_quotes()

    quote = edit_second_quote_source(release)

    assert quote.stale_fields() == [("text", "en")]
    assert (quote.en_stale, quote.fr_stale) == (True, False)
    assert release.quotes.order_by("position").first().stale_fields() == []
    release = reloaded(release)
    assert release.stale_fields() == []  # the item's own fields are up to date
    assert translation_problems(release) == [STALE_QUOTE]
    assert list(PressRelease.objects.filter(stale_translation_q("en", PressRelease))) == [release]
    assert not PressRelease.objects.filter(stale_translation_q("fr", PressRelease)).exists()


def test_a_quote_translated_again_or_confirmed_is_up_to_date():
    release = release_with_quotes()
    quote = edit_second_quote_source(release)

    quote.confirm_translation("text", "en")
    quote.save()

    assert reloaded(quote).stale_fields() == []
    assert reloaded(quote).text_en == "Advance number 2."
    quote = edit_second_quote_source(release)
    quote.text_fr = "Encore une autre version."
    quote.save()
    quote = reloaded(quote)
    quote.text_en = "Yet another version."
    quote.save()
    assert reloaded(quote).stale_fields() == []
    assert translation_problems(reloaded(release)) == []


def test_a_row_field_with_text_in_one_language_only_is_missing():
    agreement = factories.AgreementFactory()
    factories.ObjectiveFactory(agreement=agreement)
    objective = factories.ObjectiveFactory(agreement=agreement, text_en="")
    AgreementParty.objects.create(
        agreement=agreement, organisation=factories.OrganisationFactory(), role_fr="", role_en="Funder"
    )

    assert objective.missing_fields("en") == ["text"]
    assert translation_problems(reloaded(agreement)) == ["Missing: objective 2", "French missing: party 1: role"]
    missing = Agreement.objects.filter(missing_translation_q(Agreement, "en"))
    assert list(missing) == [agreement]
    assert list(Agreement.objects.filter(missing_translation_q(Agreement, "fr"))) == [agreement]
    objective.text_en = "Objective 2"
    objective.save()
    assert not Agreement.objects.filter(missing_translation_q(Agreement, "en")).exists()


def test_the_confirmed_source_of_a_row_is_found_in_its_history():
    release = release_with_quotes()

    quote = edit_second_quote_source(release)

    assert quote.confirmed_source_text("text", "en") == "Une avancée numéro 2."


# The admin --------------------------------------------------------------------------------------------


def change_url(obj):
    return admin_url("change", obj.pk, model=type(obj), language="en")


def test_the_inline_row_shows_its_own_diff_and_box_and_the_item_names_the_row(editor):
    release = release_with_quotes(status=Status.DRAFT, publish_at=None)
    quote = edit_second_quote_source(release)
    client = client_for(editor)

    content = client.get(change_url(release)).content.decode()

    box = f'<input type="checkbox" name="confirm_row_translation" value="press.quote.{quote.pk}.text_en">'
    assert content.count('name="confirm_row_translation"') == 1
    assert box in content
    assert "<del>numéro 2.</del> <ins>décisive, selon l&#x27;équipe.</ins>" in content
    assert "quote (English): still correct, confirm without changing it" in content
    assert STALE_QUOTE in content  # the item's translation box names the row
    assert 'name="confirm_translation"' not in content  # no field of the item itself is stale


def test_ticking_the_rows_box_confirms_that_row_only(editor):
    release = release_with_quotes(status=Status.DRAFT, publish_at=None)
    quote = edit_second_quote_source(release)
    url = change_url(release)
    client = client_for(editor)

    response = client.post(
        url, change_form_data(client, url) | {"confirm_row_translation": f"press.quote.{quote.pk}.text_en"}
    )

    assert response.status_code == 302
    quote = reloaded(quote)
    assert quote.stale_fields() == [] and quote.text_en == "Advance number 2."
    assert translation_problems(reloaded(release)) == []
    assert 'name="confirm_row_translation"' not in client.get(url).content.decode()


def test_a_box_for_another_items_row_confirms_nothing(editor):
    release = release_with_quotes(status=Status.DRAFT, publish_at=None)
    other = release_with_quotes(status=Status.DRAFT, publish_at=None)
    quote = edit_second_quote_source(other)
    url = change_url(release)
    client = client_for(editor)

    client.post(url, change_form_data(client, url) | {"confirm_row_translation": f"press.quote.{quote.pk}.text_en"})

    assert reloaded(quote).stale_fields() == [("text", "en")]


def test_the_translation_filters_and_column_count_the_rows(editor):
    stale = release_with_quotes(title_en="Release with a stale quote")
    edit_second_quote_source(stale)
    release_with_quotes(title_en="Release up to date")
    url = admin_url("changelist", model=PressRelease, language="en")
    client = client_for(editor)

    everything = client.get(url).content.decode()
    stale_en = client.get(url, {"translation_en": "stale_en"}).content.decode()
    complete = client.get(url, {"translation_en": "complete"}).content.decode()

    assert STALE_QUOTE in everything
    assert "Release with a stale quote" in stale_en and "Release up to date" not in stale_en
    assert "Release up to date" in complete and "Release with a stale quote" not in complete


def test_the_changelist_loads_the_rows_in_one_query_whatever_their_number(editor):
    client = client_for(editor)
    url = admin_url("changelist", model=PressRelease, language="en")
    edit_second_quote_source(release_with_quotes())
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(5):
        edit_second_quote_source(release_with_quotes())

    with CaptureQueriesContext(connection) as many:
        content = client.get(url).content.decode()

    assert len(many) == len(few)
    assert content.count(STALE_QUOTE) == 6


def test_the_dashboard_counts_an_agreement_whose_party_role_is_stale(django_user_model):
    agreement = factories.AgreementFactory()
    party = AgreementParty.objects.create(
        agreement=agreement, organisation=factories.OrganisationFactory(), role_fr="Financeur", role_en="Funder"
    )
    party = reloaded(party)
    party.role_fr = "Financeur principal"
    party.save()
    client = client_for(make_user(django_user_model, "ada", "Administrators"))

    index = client.get(admin_url("index", language="en")).content.decode()

    stale_url = admin_url("changelist", model=Agreement, language="en") + "?translation_en=stale_en"
    translations = index[index.index('id="dashboard-translations"') :]
    assert stale_url in translations
    assert "1 with English out of date" in translations
    listed = client.get(stale_url)
    assert [obj.pk for obj in listed.context["cl"].result_list] == [agreement.pk]


def test_publishing_with_a_stale_row_warns_and_names_it(publisher):
    release = factories.complete_press_release(status=Status.REVIEW, publish_at=None)
    Quote.objects.create(release=release, text_fr="Une avancée.", text_en="An advance.")
    quote = release.quotes.get()
    quote.text_fr = "Une avancée majeure."
    quote.save()

    response = client_for(publisher).post(
        admin_url("changelist", model=PressRelease, language="en"),
        {"action": "publish_selected", "_selected_action": [release.pk]},
        follow=True,
    )

    assert (
        "is published with translation problems: English out of date, the French changed since it was "
        "confirmed: quote 1." in response.content.decode()
    )
    assert PressRelease.objects.live().count() == 1


def test_a_row_translated_in_the_publishing_save_is_not_named(publisher):
    release = factories.complete_press_release(status=Status.REVIEW, publish_at=None)
    Quote.objects.create(release=release, text_fr="Une avancée.", text_en="An advance.")
    quote = release.quotes.get()
    quote.text_fr = "Une avancée majeure."
    quote.save()
    url = change_url(release)
    client = client_for(publisher)
    data = change_form_data(client, url) | {"status": Status.PUBLISHED, "quotes-0-text_en": "A major advance."}

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "translation problems" not in response.content.decode()
    assert reloaded(quote).stale_fields() == []
    assert PressRelease.objects.live().count() == 1


# The translator's round-trip ---------------------------------------------------------------------------


def test_each_row_field_is_a_unit_of_its_own_with_its_item_named():
    release = release_with_quotes()
    quote = release.quotes.order_by("position").last()

    store = xliff.xlifffile.parsestring(export_xliff([release], language="en"))
    units = {unit.xmlelement.get("id"): unit for unit in store.units}

    assert f"press.quote.{quote.pk}.text" in units
    assert f"press.quote.{quote.pk}.speaker_title" in units
    assert f"{release} — quote 2" in units[f"press.quote.{quote.pk}.text"].getnotes()
    assert units[f"press.quote.{quote.pk}.text"].source == "Une avancée numéro 2."


def translated(objects, targets, language="en"):
    store = po.pofile.parsestring(export_po(objects, language=language))
    for unit in store.units:
        if unit.getcontext() in targets:
            unit.target = targets[unit.getcontext()]
    return bytes(store)


def test_a_draft_rows_translation_is_written_in_place_and_clears_its_staleness(editor):
    release = release_with_quotes(status=Status.DRAFT, publish_at=None)
    quote = edit_second_quote_source(release)
    version = reloaded(release).version
    content = translated([release], {f"press.quote.{quote.pk}.text": "A decisive advance, says the team."})

    report = import_translations(content, language="en", user=editor, apply=True)

    assert report.applied == [f"{release} — quote 2"] and report.refused == []
    quote = reloaded(quote)
    assert quote.text_en == "A decisive advance, says the team."
    assert quote.stale_fields() == []
    assert quote.history.first().history_change_reason == "Translation imported"
    release = reloaded(release)
    assert release.version == version + 1  # the item's form opened before sees the change
    assert release.history.first().history_change_reason == "Translation imported"


def test_a_row_unit_whose_source_changed_since_the_export_is_refused(editor):
    release = release_with_quotes(status=Status.DRAFT, publish_at=None)
    quote = release.quotes.order_by("position").last()
    content = translated([release], {f"press.quote.{quote.pk}.text": "An outdated translation."})
    edit_second_quote_source(release)

    report = import_translations(content, language="en", user=editor, apply=True)

    assert [key for key, _reason in report.refused] == [f"press.quote.{quote.pk}.text"]
    assert reloaded(quote).text_en == "Advance number 2."


def test_a_published_items_row_translation_waits_for_a_publisher(editor, publisher):
    release = release_with_quotes()
    quote = edit_second_quote_source(release)
    content = translated([release], {f"press.quote.{quote.pk}.text": "A decisive advance."})

    report = import_translations(content, language="en", user=editor, apply=True)

    assert report.proposed == [f"{release} — quote 2"] and report.applied == []
    assert reloaded(quote).text_en == "Advance number 2."
    proposal = TranslationProposal.objects.get()
    assert proposal.label(quote) == f"{release} — quote 2 (en)"
    with translation.override("en"):  # the admin pages below are the English ones
        label = f"{reloaded(release)} — quote 2 (en)"
    change = client_for(publisher).get(change_url(release)).content.decode()
    assert label in change and "A decisive advance." in change
    waiting = client_for(publisher).get(admin_url("translation-proposals", language="en")).content.decode()
    assert f'<a href="{change_url(release)}">{label}</a>' in waiting

    assert apply_proposals([proposal], user=editor).applied == []  # an Editor may not change a published item
    applied = apply_proposals([proposal], user=publisher)

    assert applied.applied == [f"{release} — quote 2 (en)"]
    quote = reloaded(quote)
    assert quote.text_en == "A decisive advance." and quote.stale_fields() == []
    assert not TranslationProposal.objects.exists()


def test_an_objective_unit_of_an_agreement_round_trips(editor):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    objective = factories.ObjectiveFactory(agreement=agreement, text_en="")
    content = translated([agreement], {f"partnerships.objective.{objective.pk}.text": "Train researchers."})

    report = import_translations(content, language="en", user=editor, apply=True)

    assert report.applied == [f"{agreement} — objective 1"]
    assert Objective.objects.get(pk=objective.pk).text_en == "Train researchers."
    assert translation_problems(reloaded(agreement)) == []
