"""Reverting an item to a revision brings back its inline rows and many-to-many fields with its own fields."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.models import Agreement, AgreementAttachment, AgreementParty, Objective, Outcome, Signatory
from press.models import PressAttachment, PressContact, PressRelease, PressReleaseIssuer, Quote
from tests import factories
from tests.helpers import admin_url
from workflow.history import parts_of
from workflow.revert import revert
from workflow.states import Status

from .conftest import change_form_data

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    """Save ``obj`` through its admin change form with ``changes``: a new revision."""
    url = admin_url("change", obj.pk, model=type(obj))
    response = client.post(url, change_form_data(client, url) | changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def post_revert(client, obj, record):
    url = admin_url("simple_history", obj.pk, record.pk, model=type(obj))
    return client.post(url, change_form_data(client, url))


def rows(manager, *fields):
    return sorted(manager.values_list("pk", *fields))


@pytest.fixture
def release_with_rows():
    """A draft release with one row in each inline table and a theme: the version to come back to."""
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_fr="Titre d'origine")
    kept_theme = factories.ThemeFactory(name_fr="Génétique")
    release.themes.set([kept_theme])
    factories.PressReleaseIssuerFactory(release=release, organisation__name_fr="Inserm")
    factories.PressContactFactory(release=release, name="Alice Martin")
    Quote.objects.create(release=release, text_fr="Une avancée.", text_en="A step forward.", position=0)
    PressAttachment.objects.create(release=release, asset=factories.DocumentAssetFactory(title_fr="Dossier"))
    return release


def test_parts_are_the_rows_declared_with_their_parent():
    assert {part for part, _fk in parts_of(PressRelease)} == {PressReleaseIssuer, PressContact, Quote, PressAttachment}
    # A release points at an agreement (related_agreement): it is not one of the agreement's rows.
    assert {part for part, _fk in parts_of(Agreement)} == {
        AgreementParty,
        Signatory,
        Objective,
        Outcome,
        AgreementAttachment,
    }


def test_a_revert_restores_removed_added_and_changed_rows_and_themes(editor, editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    before = {
        "issuers": rows(release.issuers, "organisation_id"),
        "contacts": rows(release.contacts, "name", "email"),
        "quotes": rows(release.quotes, "text_fr", "text_en"),
        "attachments": rows(release.attachments, "asset_id"),
    }
    other_theme = factories.ThemeFactory(name_fr="Immunologie")
    edit(editor_client, release, title_fr="Titre modifié", themes=[str(other_theme.pk)])
    # Since then: every row removed, changed or joined by another.
    release.issuers.all().delete()
    factories.PressReleaseIssuerFactory(release=release, organisation__name_fr="CNRS")
    contact = release.contacts.get()
    contact.name = "Alice Dupont"
    contact.save()
    factories.PressContactFactory(release=release, name="Bruno Petit")
    quote = release.quotes.get()
    quote.text_fr = "Une autre phrase."
    quote.save()
    release.attachments.all().delete()
    annex = factories.DocumentAssetFactory(title_fr="Annexe")
    PressAttachment.objects.create(release=release, asset=annex)
    revisions = release.history.count()

    response = post_revert(editor_client, release, chosen)

    assert response.status_code == 302
    release = PressRelease.objects.get(pk=release.pk)
    assert release.title_fr == "Titre d'origine"
    assert [theme.name_fr for theme in release.themes.all()] == ["Génétique"]
    assert rows(release.issuers, "organisation_id") == before["issuers"]
    assert rows(release.contacts, "name", "email") == before["contacts"]
    assert rows(release.quotes, "text_fr", "text_en") == before["quotes"]
    assert rows(release.attachments, "asset_id") == before["attachments"]
    # One revision of the release, recorded as a restore, and the rows' own revisions by the same user.
    assert release.history.count() == revisions + 1
    latest = release.history.first()
    assert latest.history_change_reason.startswith("Rétablissement de la version du ")
    assert latest.version == release.version and release.version > chosen.version
    assert PressContact.history.filter(name="Alice Martin", history_type="~").get().history_user == editor
    assert PressReleaseIssuer.history.filter(history_type="+", history_user=editor).exists()
    assert PressAttachment.history.filter(asset=annex, history_type="-", history_user=editor).exists()


def test_after_a_revert_the_comparison_with_the_chosen_version_shows_no_difference(editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    edit(editor_client, release, title_fr="Titre modifié")
    release.contacts.all().delete()
    quote = release.quotes.get()
    quote.text_fr = "Une autre phrase."
    quote.save()
    post_revert(editor_client, release, chosen)
    latest = release.history.first()

    response = editor_client.get(
        admin_url("press_pressrelease_compare", release.pk), {"old": chosen.history_id, "new": latest.history_id}
    )

    assert response.status_code == 200
    assert "Ces deux versions sont identiques." in response.content.decode()
    # And the comparison with the version reverted from shows what came back.
    before_revert = release.history.all()[1]
    content = editor_client.get(
        admin_url("press_pressrelease_compare", release.pk), {"old": before_revert.history_id, "new": latest.history_id}
    ).content.decode()
    assert "<ins>Alice Martin</ins>" in content


def test_a_revert_restores_the_parties_and_signatories_of_an_agreement(editor_client):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    factories.AgreementPartyFactory(agreement=agreement, organisation__name_fr="Inserm", position=0)
    factories.AgreementPartyFactory(agreement=agreement, organisation__name_fr="Région Bretagne", position=1)
    signatory = factories.SignatoryFactory(agreement=agreement, person__last_name="Lévy")
    chosen = agreement.history.first()
    parties = rows(agreement.parties, "organisation_id", "position")
    signatories = rows(agreement.signatories, "person_id", "title_at_signing_fr")
    edit(editor_client, agreement, title_fr="Convention modifiée")
    first, second = agreement.parties.all()
    # Swapped organisations (each one unique in the agreement), a signatory dropped and another added.
    first_org, second_org = first.organisation_id, second.organisation_id
    second.delete()
    first.organisation_id = second_org
    first.save()
    factories.AgreementPartyFactory(agreement=agreement, organisation_id=first_org, position=1)
    signatory.delete()
    factories.SignatoryFactory(agreement=agreement, title_at_signing_fr="Directeur")

    response = post_revert(editor_client, agreement, chosen)

    assert response.status_code == 302
    assert rows(agreement.parties, "organisation_id", "position") == parties
    assert rows(agreement.signatories, "person_id", "title_at_signing_fr") == signatories
    assert Agreement.objects.get(pk=agreement.pk).title_fr == chosen.title_fr


def test_a_revert_restores_the_press_kit_files_of_an_agreement(editor, editor_client):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    pack, photo = factories.DocumentAssetFactory(title_fr="Dossier"), factories.AssetFactory(title_fr="Photo")
    AgreementAttachment.objects.create(agreement=agreement, asset=pack, position=0)
    AgreementAttachment.objects.create(agreement=agreement, asset=photo, position=1)
    chosen = agreement.history.first()
    files = rows(agreement.attachments, "asset_id", "position")
    edit(editor_client, agreement, title_fr="Convention modifiée")
    # Since then: the pack removed, the photo moved first, and another file added.
    agreement.attachments.get(asset=pack).delete()
    moved = agreement.attachments.get(asset=photo)
    moved.position = 0
    moved.save()
    annex = factories.DocumentAssetFactory(title_fr="Annexe")
    AgreementAttachment.objects.create(agreement=agreement, asset=annex, position=1)

    response = post_revert(editor_client, agreement, chosen)

    assert response.status_code == 302
    assert rows(agreement.attachments, "asset_id", "position") == files
    assert AgreementAttachment.history.filter(asset=annex, history_type="-", history_user=editor).exists()
    assert AgreementAttachment.history.filter(asset=pack, history_type="+", history_user=editor).exists()


def test_the_revert_service_restores_an_agreement_without_a_form(editor):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    factories.AgreementPartyFactory(agreement=agreement)
    theme = factories.ThemeFactory()
    agreement.themes.set([theme])
    chosen = agreement.history.first()
    parties = rows(agreement.parties, "organisation_id")
    agreement.title_fr = "Autre titre"
    agreement.save()
    agreement.themes.clear()
    agreement.parties.all().delete()
    factories.SignatoryFactory(agreement=agreement)

    reverted = revert(user=editor, obj=agreement, record=chosen)

    assert reverted.title_fr == chosen.title_fr
    assert list(reverted.themes.all()) == [theme]
    assert rows(agreement.parties, "organisation_id") == parties
    assert not Signatory.objects.filter(agreement=agreement).exists()
    assert agreement.history.first().history_change_reason.startswith("Rétablissement de la version du ")


def test_an_editor_may_not_revert_a_published_release(django_user_model, editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    release.contacts.all().delete()
    release.title_fr = "Titre publié"
    release.status = Status.PUBLISHED
    release.save()
    revisions = release.history.count()

    response = post_revert(editor_client, release, chosen)

    assert response.status_code == 403
    release = PressRelease.objects.get(pk=release.pk)
    assert release.title_fr == "Titre publié" and release.status == Status.PUBLISHED
    assert not release.contacts.exists()
    assert release.history.count() == revisions


def test_a_revert_never_publishes_for_an_editor(editor_client, release_with_rows, publisher):
    release = release_with_rows
    release.status = Status.PUBLISHED
    release.save()
    published = release.history.first()
    release.status = Status.DRAFT
    release.title_fr = "Retiré"
    release.save()
    release.quotes.all().delete()

    response = post_revert(editor_client, release, published)

    assert response.status_code == 302
    release = PressRelease.objects.get(pk=release.pk)
    assert release.status == Status.DRAFT
    assert release.title_fr == "Titre d'origine"
    assert release.quotes.count() == 1


def test_a_revert_after_a_concurrent_save_is_refused_and_changes_nothing(
    editor_client, publisher_client, release_with_rows
):
    release = release_with_rows
    chosen = release.history.first()
    edit(editor_client, release, title_fr="Deuxième titre")
    release.contacts.all().delete()
    url = admin_url("press_pressrelease_simple_history", release.pk, chosen.pk)
    opened = change_form_data(editor_client, url)
    edit(publisher_client, release, title_fr="Titre du publicateur")

    response = editor_client.post(url, opened)

    assert response.status_code == 200
    assert "Non enregistré" in response.content.decode()
    release = PressRelease.objects.get(pk=release.pk)
    assert release.title_fr == "Titre du publicateur"
    assert not release.contacts.exists()


def test_the_revert_service_refuses_an_editor_on_a_published_agreement_and_keeps_its_state(editor, publisher):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None, title_fr="Premier titre")
    chosen = agreement.history.first()
    agreement.title_fr = "Titre publié"
    agreement.status = Status.PUBLISHED
    agreement.save()

    with pytest.raises(PermissionDenied):
        revert(user=editor, obj=agreement, record=chosen)
    assert Agreement.objects.get(pk=agreement.pk).title_fr == "Titre publié"

    reverted = revert(user=publisher, obj=agreement, record=chosen)

    assert (reverted.title_fr, reverted.status) == ("Premier titre", Status.PUBLISHED)


def restored_section(content):
    """Return the revert page's list of the version's inline rows and many-to-many choices."""
    start = content.index('id="restored-parts-title"')
    return content[start : content.index("</section>", start)]


def test_the_revert_page_lists_the_quote_the_revert_brings_back(editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    edit(editor_client, release, title_fr="Titre modifié")
    release.quotes.all().delete()
    factories.PressContactFactory(release=release, name="Bruno Petit")

    response = editor_client.get(admin_url("simple_history", release.pk, chosen.pk, model=PressRelease, language="en"))

    assert response.status_code == 200
    section = restored_section(response.content.decode())
    assert "Rows and linked items restored with this version" in section
    # The quote as text, in the staff member's language (English here), marked as coming back.
    quotes = section[section.index("<h3>Quotes</h3>") :]
    assert re.search(r"<li>A step forward\. <em[^>]*>\(deleted since\)</em></li>", quotes)
    assert "Une avancée." not in section
    # What the revert keeps, and what it removes: the contact added since.
    contacts = section[section.index("<h3>Press contacts</h3>") : section.index("<h3>Quotes</h3>")]
    assert "Alice Martin" in contacts
    added = contacts[contacts.index("removed by the restore") :]
    assert "Bruno Petit" in added and "Alice Martin" not in added
    # Many-to-many choices by their names in the staff member's language.
    assert release.themes.get().name_en in section[section.index("<h3>Themes</h3>") :]


def test_the_revert_page_reads_in_french_with_the_french_text(editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    edit(editor_client, release, title_fr="Titre modifié")
    quote = release.quotes.get()
    quote.text_fr = "Une autre phrase."
    quote.save()

    content = editor_client.get(admin_url("simple_history", release.pk, chosen.pk, model=PressRelease)).content.decode()

    quotes = restored_section(content)
    quotes = quotes[quotes.index("<h3>Citations</h3>") :]
    assert "Une avancée." in quotes and "Une autre phrase." not in quotes


def test_a_version_an_editor_may_not_restore_still_lists_its_rows(editor_client, release_with_rows):
    release = release_with_rows
    chosen = release.history.first()
    release.status = Status.PUBLISHED
    release.save()

    response = editor_client.get(admin_url("simple_history", release.pk, chosen.pk, model=PressRelease, language="en"))

    assert response.status_code == 200
    section = restored_section(response.content.decode())
    assert "Rows and linked items of this version" in section
    assert "A step forward." in section
    assert "removed by the restore" not in section and "Rows and linked items restored" not in section
