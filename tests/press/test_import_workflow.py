"""The press importer goes through the workflow: published releases change only by review (issue 10, items 2 and 3)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Organisation, Person
from press.importer import Source, import_sources
from press.models import AboutProposal, PressRelease
from tests import factories
from tests.press.test_import_admin import confirm, upload
from tests.press.test_importer import FIXTURES, SEED_BRETAGNE, SEED_EN, SEED_FR, run
from tests.workflow.conftest import change_form_data, client_for, make_user
from workflow.states import Status
from workflow.transitions import publish, unpublish

pytestmark = pytest.mark.django_db

FIVE_YEARS, SIX_YEARS = "pour cinq ans", "pour six ans"


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


@pytest.fixture
def publisher(django_user_model):
    return make_user(django_user_model, "paul", "Publishers")


@pytest.fixture
def administrator(django_user_model):
    return make_user(django_user_model, "ada", "Administrators")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def live_anses(user):
    """Import the ANSES seeds, published by ``user``; return the live release."""
    run(SEED_FR, SEED_EN, publish=True, user=user.username)
    release = PressRelease.objects.get()
    assert release.is_live
    return release


def related(release):
    return (
        list(release.issuers.values_list("pk", "organisation_id")),
        list(release.contacts.values_list("pk", "email")),
        list(release.quotes.values_list("pk", "text_fr")),
    )


def public_page(client, release, language="fr"):
    with translation.override(language):
        return client.get(release.get_absolute_url())


def test_an_editor_import_never_rewrites_a_live_release(editor, administrator, client):
    release = live_anses(administrator)
    before = related(release)
    changed = SEED_FR.read_text().replace(FIVE_YEARS, SIX_YEARS).encode()
    editor_client = client_for(editor)

    done = confirm(editor_client, upload(editor_client, "000.txt", changed))

    assert done.status_code == 200
    assert "saved as a draft update of the published release" in done.text
    release.refresh_from_db()
    assert FIVE_YEARS in release.body_fr and SIX_YEARS not in release.body_fr
    assert related(release) == before
    page = public_page(client, release)
    assert page.status_code == 200
    assert FIVE_YEARS in page.text
    assert SIX_YEARS not in page.text
    draft = PressRelease.objects.get(update_of=release)
    assert draft.status == Status.DRAFT
    assert SIX_YEARS in draft.body_fr
    assert draft.title_en == release.title_en
    assert PressRelease.objects.live().get() == release


def test_importing_the_same_change_again_reuses_the_draft_update(editor, administrator):
    release = live_anses(administrator)
    editor_client = client_for(editor)
    changed = SEED_FR.read_text().replace(FIVE_YEARS, SIX_YEARS).encode()
    confirm(editor_client, upload(editor_client, "000.txt", changed))

    confirm(editor_client, upload(editor_client, "000.txt", changed))

    assert PressRelease.objects.filter(update_of=release).count() == 1
    assert PressRelease.objects.count() == 2


def test_a_publisher_applies_the_draft_update_to_the_live_release(editor, publisher, administrator, client):
    release = live_anses(administrator)
    slugs = (release.slug_fr, release.slug_en)
    editor_client = client_for(editor)
    changed = SEED_FR.read_text().replace(FIVE_YEARS, SIX_YEARS).encode()
    confirm(editor_client, upload(editor_client, "000.txt", changed))
    draft = PressRelease.objects.get(update_of=release)
    apply_url = reverse("admin:press_pressrelease_apply_update", args=[draft.pk])
    assert editor_client.get(reverse("admin:press_pressrelease_change", args=[draft.pk])).status_code == 200

    refused = editor_client.post(apply_url)
    applied = client_for(publisher).post(apply_url)

    assert refused.status_code == 403
    assert applied.status_code == 302
    assert applied["Location"] == reverse("admin:press_pressrelease_change", args=[release.pk])
    release.refresh_from_db()
    assert SIX_YEARS in release.body_fr
    assert (release.slug_fr, release.slug_en) == slugs
    assert release.is_live
    assert list(PressRelease.objects.all()) == [release]
    assert release.issuers.count() == 2
    page = public_page(client, release)
    assert page.status_code == 200
    assert SIX_YEARS in page.text


def test_the_draft_update_page_offers_apply_to_publishers_only(editor, publisher, administrator):
    release = live_anses(administrator)
    changed = SEED_FR.read_text().replace(FIVE_YEARS, SIX_YEARS).encode()
    confirm(client_for(editor), upload(client_for(editor), "000.txt", changed))
    draft = PressRelease.objects.get(update_of=release)
    change_url = reverse("admin:press_pressrelease_change", args=[draft.pk])

    as_editor = client_for(editor).get(change_url)
    as_publisher = client_for(publisher).get(change_url)

    assert as_editor.status_code == as_publisher.status_code == 200
    assert "This draft holds an update of the published release" in as_editor.text
    assert "Apply to the published release" not in as_editor.text
    assert "Apply to the published release" in as_publisher.text


def test_an_english_file_never_puts_an_english_page_online_for_a_live_french_release(editor, administrator):
    run(SEED_BRETAGNE, publish=True, user=administrator.username)
    bretagne = PressRelease.objects.get()
    english = (FIXTURES / "paris_en.md").read_text().replace("Paris, 12 March 2021", "Rennes, 22 March 2022").encode()
    editor_client = client_for(editor)

    done = confirm(editor_client, upload(editor_client, "bretagne_en.md", english))

    assert done.status_code == 200
    bretagne.refresh_from_db()
    assert not bretagne.title_en
    assert not bretagne.lead_en
    draft = PressRelease.objects.get(update_of=bretagne)
    assert draft.title_en == "Inserm and the University of Example open a joint laboratory on ageing"
    assert PressRelease.objects.live().get() == bretagne


def test_an_editor_asking_to_publish_on_import_gets_drafts(editor):
    editor_client = client_for(editor)

    done = confirm(editor_client, upload(editor_client, "004.txt", SEED_BRETAGNE.read_bytes()), publish="on")

    assert done.status_code == 200
    assert PressRelease.objects.get().status == Status.DRAFT
    assert not PressRelease.objects.live().exists()


def test_publish_on_import_needs_a_user_who_may_publish(editor):
    with pytest.raises(CommandError, match="--publish needs --user"):
        run(SEED_BRETAGNE, publish=True)
    with pytest.raises(CommandError, match="--publish needs --user"):
        run(SEED_BRETAGNE, publish=True, user=editor.username)
    with pytest.raises(PermissionDenied):
        import_sources([Source("004.txt", SEED_BRETAGNE.read_text())], publish=True, user=editor)

    assert not PressRelease.objects.exists()


def test_an_editor_import_creates_no_organisation_or_person(editor):
    editor_client = client_for(editor)

    done = confirm(editor_client, upload(editor_client, "004.txt", SEED_BRETAGNE.read_bytes()))

    assert done.status_code == 200
    release = PressRelease.objects.get()
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()
    assert not release.issuers.exists()
    assert [quote.speaker for quote in release.quotes.all()] == [None, None]
    assert "organisation “Inserm” is not in the directory and was not created" in done.text
    assert "person “Gilles Bloch” is not in the directory and was not created" in done.text


def test_a_draft_release_fills_no_public_about_text(administrator, client):
    run(SEED_FR, SEED_EN, user=administrator.username)
    anses = Organisation.objects.get(acronym="Anses")
    assert PressRelease.objects.get().status == Status.DRAFT

    page = client.get(anses.get_absolute_url())

    assert page.status_code == 404  # named by a draft only: no public page at all
    assert "ANSES provides public decision-makers" not in page.text
    assert not anses.about_fr and not anses.about_en
    proposal = AboutProposal.objects.get(organisation=anses, language="en")
    assert proposal.about.startswith("<p>ANSES provides public decision-makers")
    assert proposal.release == PressRelease.objects.get()


def test_an_administrator_writes_a_proposed_about_text_once_the_release_is_out(administrator, publisher, editor):
    run(SEED_FR, SEED_EN, user=administrator.username)
    release = PressRelease.objects.get()
    proposals = AboutProposal.objects.filter(organisation__acronym="Anses", language="fr")
    changelist = reverse("admin:press_aboutproposal_changelist")
    action = {"action": "write_selected", "_selected_action": [proposals.get().pk]}

    assert client_for(editor).get(changelist).status_code == 403
    assert client_for(publisher).get(changelist).status_code == 403
    assert client_for(administrator).get(changelist).status_code == 200
    too_early = client_for(administrator).post(changelist, action, follow=True)
    assert "is not public yet" in too_early.text
    assert not Organisation.objects.get(acronym="Anses").about_fr

    release.status, release.publish_at = Status.PUBLISHED, None
    release.save()
    client_for(administrator).post(changelist, action)

    assert Organisation.objects.get(acronym="Anses").about_fr.startswith("<p>L'Anses apporte aux décideurs publics")
    assert not proposals.exists()


def test_the_about_text_of_a_scheduled_release_stays_private(administrator, tmp_path):
    run(SEED_BRETAGNE, user=administrator.username)
    release = PressRelease.objects.get()
    release.status, release.publish_at = Status.PUBLISHED, datetime.datetime(2199, 1, 1, tzinfo=datetime.UTC)
    release.save()
    Organisation.objects.update(about_fr="")
    changed = tmp_path / "004.txt"
    changed.write_text(SEED_BRETAGNE.read_text().replace("31 décembre 2025", "31 décembre 2026"))

    output = run(changed, user=administrator.username)

    assert "saved as a draft update of the published release" in output
    assert PressRelease.objects.get(update_of=release).publish_at is None
    assert not Organisation.objects.filter(about_fr__gt="").exists()
    release.refresh_from_db()
    assert "31 décembre 2025" in release.body_fr


def public_surfaces(client, organisation):
    """Return, for each public surface, whether it shows ``organisation``."""
    pages = {}
    for language in ("fr", "en"):
        with translation.override(language):
            url = organisation.get_absolute_url()
            pages[f"page ({language})"] = client.get(url).status_code == 200
            pages[f"search ({language})"] = url in client.get(reverse("search:results"), {"q": "Anses"}).text
            pages[f"sitemap ({language})"] = f"http://testserver{url}<" in client.get("/sitemap.xml").text
    listing = client.get("/api/v1/organisations/").json()["results"]
    pages["API list"] = organisation.pk in [row["id"] for row in listing]
    pages["API detail"] = client.get(f"/api/v1/organisations/{organisation.pk}/").status_code == 200
    return pages


def test_an_organisation_of_a_draft_release_is_public_only_while_the_release_is(administrator, publisher, client):
    run(SEED_FR, SEED_EN, user=administrator.username)
    release = PressRelease.objects.get()
    anses = Organisation.objects.get(acronym="Anses")
    assert release.status == Status.DRAFT

    assert not any(public_surfaces(client, anses).values()), public_surfaces(client, anses)
    publish([release], user=publisher)
    assert all(public_surfaces(client, anses).values()), public_surfaces(client, anses)
    unpublish([release], user=publisher)
    assert not any(public_surfaces(client, anses).values()), public_surfaces(client, anses)


def draft_update_of_anses(editor, administrator):
    release = live_anses(administrator)
    editor_client = client_for(editor)
    changed = SEED_FR.read_text().replace(FIVE_YEARS, SIX_YEARS).encode()
    confirm(editor_client, upload(editor_client, "000.txt", changed))
    return release, PressRelease.objects.get(update_of=release)


def test_the_publish_action_on_a_draft_update_applies_it(editor, publisher, administrator):
    release, draft = draft_update_of_anses(editor, administrator)

    response = client_for(publisher).post(
        reverse("admin:press_pressrelease_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    assert response.status_code == 302
    assert list(PressRelease.objects.all()) == [release]
    release.refresh_from_db()
    assert SIX_YEARS in release.body_fr
    assert release.is_live


def test_publishing_a_draft_update_in_its_change_form_applies_it(editor, publisher, administrator):
    release, draft = draft_update_of_anses(editor, administrator)
    publisher_client = client_for(publisher)
    url = reverse("admin:press_pressrelease_change", args=[draft.pk])
    data = change_form_data(publisher_client, url) | {"status": "published"}

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert response["Location"] == reverse("admin:press_pressrelease_change", args=[release.pk])
    assert list(PressRelease.objects.all()) == [release]
    release.refresh_from_db()
    assert SIX_YEARS in release.body_fr
    assert release.is_live


def test_an_editor_cannot_publish_a_draft_update_from_its_change_form(editor, administrator):
    release, draft = draft_update_of_anses(editor, administrator)
    editor_client = client_for(editor)
    url = reverse("admin:press_pressrelease_change", args=[draft.pk])
    data = change_form_data(editor_client, url) | {"status": "published"}

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Only a Publisher can publish" in response.text
    release.refresh_from_db()
    assert FIVE_YEARS in release.body_fr
    assert PressRelease.objects.get(pk=draft.pk).status == Status.DRAFT


def test_long_file_names_fit_the_revision_reason(tmp_path):
    long_name = tmp_path / ("communique-de-presse-" * 6 + "bretagne.txt")
    long_name.write_bytes(SEED_BRETAGNE.read_bytes())

    run(long_name)

    reason = PressRelease.objects.get().history.get().history_change_reason
    assert reason.startswith("Imported from communique-de-presse-")
    assert len(reason) == 100


def test_the_publish_service_applies_a_draft_update_instead_of_publishing_a_second_release(publisher):
    live = factories.PressReleaseFactory(title_fr="Texte public", status=Status.PUBLISHED)
    draft = factories.PressReleaseFactory(title_fr="Texte revu", status=Status.DRAFT, update_of=live, publish_at=None)

    assert publish([draft], user=publisher) == 1

    live.refresh_from_db()
    assert live.title_fr == "Texte revu"
    assert not PressRelease.objects.filter(pk=draft.pk).exists()
    assert PressRelease.objects.filter(status=Status.PUBLISHED).count() == 1


def test_a_release_published_on_import_goes_live_now_in_one_revision(publisher, client):
    before = timezone.now()
    release = live_anses(publisher)

    assert public_page(client, release).status_code == 200
    assert before <= release.publish_at <= timezone.now()
    assert release.updated_by == publisher
    revisions = list(release.history.all())
    assert [revision.status for revision in revisions] == [Status.PUBLISHED]
    assert revisions[0].history_change_reason.startswith("Imported from")
