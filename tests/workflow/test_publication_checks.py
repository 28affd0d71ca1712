"""Pre-publication checks: what stops a publisher, what only warns, and where staff see them."""

import pytest
from django.test import override_settings
from django.utils import translation

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow import checks
from workflow.states import Status

from .conftest import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are read in English; the admin's pages set their own language from the URL."""
    with translation.override("en"):
        yield


def messages_of(release):
    return [problem.message for problem in checks.problems_of(release)]


def test_a_complete_release_passes_every_check():
    release = factories.complete_press_release(status=Status.REVIEW)

    assert [problem for problem in checks.problems_of(release) if problem.stops] == []


def test_a_release_without_issuer_is_blocked_and_one_without_contact_warned():
    release = factories.PressReleaseFactory(status=Status.REVIEW)

    problems = {problem.check: problem.severity for problem in checks.problems_of(release)}

    assert problems["issuer"] == checks.BLOCK
    assert problems["press_contact"] == checks.WARNING


def test_rich_text_checks_follow_the_axe_rules_we_test_public_pages_with():
    release = factories.complete_press_release(
        body_fr="<h2>Contexte</h2><h4>Détail</h4><p><a href='https://example.org/'></a></p>",
        body_en="<h2>Context</h2><h3>Detail</h3>",
    )

    problems = {problem.check: problem.message for problem in checks.problems_of(release)}

    assert "level 4 heading follows a level 2" in problems["heading_order"]
    assert "(French)" in problems["heading_order"]
    assert "1 link(s) without text" in problems["link_text"]


def test_a_link_to_a_page_that_is_not_public_is_broken_and_to_a_live_one_is_not():
    live = factories.PressReleaseFactory()
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    with translation.override("fr"):
        live_url, draft_url = live.get_absolute_url(), draft.get_absolute_url()
    release = factories.complete_press_release(
        body_fr=f'<p><a href="{live_url}">live</a> <a href="{draft_url}">brouillon</a> '
        '<a href="/fr/nulle-part/">nulle part</a> <a href="https://example.org/x">ailleurs</a></p>'
    )

    broken = [message for message in messages_of(release) if "leads to no public page" in message]

    assert len(broken) == 2
    assert any(draft_url in message for message in broken)
    assert any("/fr/nulle-part/" in message for message in broken)


def test_an_image_needs_a_text_alternative_in_each_language_written():
    release = factories.complete_press_release(image=factories.AssetFactory(alt_fr="Une souris", alt_en=""))

    assert "The image has no text alternative in English." in messages_of(release)


def test_a_long_title_warns_for_social_cards():
    release = factories.complete_press_release(title_en="A" * 90)

    assert "The English title has 90 characters: social cards cut it after 70." in messages_of(release)


@override_settings(PUBLICATION_CHECKS={"issuer": "off", "press_contact": "block"})
def test_severities_come_from_the_settings():
    release = factories.PressReleaseFactory(status=Status.REVIEW)

    problems = {problem.check: problem.severity for problem in checks.problems_of(release)}

    assert "issuer" not in problems
    assert problems["press_contact"] == checks.BLOCK


def test_the_form_refuses_to_publish_a_release_without_issuer_and_keeps_what_was_typed(publisher_client):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(publisher_client, url) | {"status": Status.PUBLISHED, "title_en": "A new title"}

    response = publisher_client.post(url, data)

    assert response.status_code == 200
    assert "Not published: No issuing organisation" in response.text
    assert 'value="A new title"' in response.text
    release.refresh_from_db()
    assert release.status == Status.REVIEW
    assert release.title_en != "A new title"


def test_the_form_counts_the_issuer_typed_in_the_same_post(publisher_client):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None)
    factories.PressContactFactory(release=release)
    organisation = factories.OrganisationFactory()
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(publisher_client, url) | {
        "status": Status.PUBLISHED,
        "issuers-TOTAL_FORMS": "1",
        "issuers-0-organisation": str(organisation.pk),
        "issuers-0-position": "0",
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(PressRelease.objects.live()) == [release]


def test_a_warning_stops_the_form_until_the_publisher_ticks_the_override(publisher_client):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None)
    factories.PressReleaseIssuerFactory(release=release)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(publisher_client, url) | {"status": Status.PUBLISHED}

    refused = publisher_client.post(url, data)

    assert refused.status_code == 200
    assert "Warning: No press contact" in refused.text
    assert not PressRelease.objects.live().exists()

    accepted = publisher_client.post(
        url,
        change_form_data(publisher_client, url)
        | {
            "status": Status.PUBLISHED,
            "publish_despite_warnings": "on",
        },
    )

    assert accepted.status_code == 302
    assert list(PressRelease.objects.live()) == [release]


def test_the_checks_do_not_stand_in_the_way_of_editing_a_published_release(publisher_client):
    release = factories.PressReleaseFactory()
    url = admin_url("press_pressrelease_change", release.pk, language="en")

    response = publisher_client.post(url, change_form_data(publisher_client, url) | {"lead_en": "Corrected lead."})

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.lead_en == "Corrected lead." and release.is_live


def test_the_publish_action_leaves_out_what_the_checks_refuse_and_says_why(publisher_client):
    complete = factories.complete_press_release(status=Status.REVIEW, publish_at=None)
    incomplete = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, title_en="Half done")

    response = publisher_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": "publish_selected", "_selected_action": [complete.pk, incomplete.pk]},
        follow=True,
    )

    assert list(PressRelease.objects.live()) == [complete]
    assert "“Half done” was not published: No issuing organisation" in response.text


def test_the_change_form_lists_the_checks(publisher_client):
    release = factories.PressReleaseFactory(status=Status.REVIEW)

    response = publisher_client.get(admin_url("press_pressrelease_change", release.pk, language="fr"))

    assert "Contrôles avant publication" in response.text
    assert "Bloque la publication" in response.text
    assert "Aucun organisme émetteur" in response.text


def test_the_preview_says_it_is_not_published_and_what_to_correct(publisher_client, client):
    release = factories.PressReleaseFactory(status=Status.DRAFT)
    live = factories.complete_press_release()

    preview = publisher_client.get(admin_url("press_pressrelease_preview", release.pk, language="en"))

    assert preview.status_code == 200
    assert "Preview — not published" in preview.text
    assert "No issuing organisation" in preview.text
    with translation.override("en"):
        public = client.get(live.get_absolute_url())
    assert public.status_code == 200
    assert "Preview — not published" not in public.text
