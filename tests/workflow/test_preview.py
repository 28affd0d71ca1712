"""Staff preview a draft exactly as its public page will look, in each language."""

import re

import pytest
from django.test import Client

from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

pytestmark = pytest.mark.django_db

PREVIEWS = [
    ("press_pressrelease", factories.PressReleaseFactory, "press/release_detail.html", "title"),
    ("partnerships_agreement", factories.AgreementFactory, "partnerships/agreement_detail.html", "title"),
    ("pages_page", factories.PageFactory, "pages/page_detail.html", "title"),
    (
        "international_fundinginstrument",
        factories.FundingInstrumentFactory,
        "international/instrument_detail.html",
        "name",
    ),
    ("international_cooperationsite", factories.CooperationSiteFactory, "international/site_detail.html", "name"),
]


@pytest.mark.parametrize(("admin_name", "factory", "template", "field"), PREVIEWS, ids=[row[0] for row in PREVIEWS])
def test_preview_of_a_draft_uses_the_public_template_in_each_language(
    editor_client, admin_name, factory, template, field
):
    draft = factory(status=Status.DRAFT, **{f"{field}_fr": "Brouillon en français", f"{field}_en": "Draft in English"})

    english = editor_client.get(admin_url(f"{admin_name}_preview", draft.pk, language="en"))
    french = editor_client.get(admin_url(f"{admin_name}_preview", draft.pk, language="fr"))

    assert english.status_code == 200
    assert template in [used.name for used in english.templates]
    assert "Draft in English" in english.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert "Brouillon en français" in french.content.decode()
    assert english["X-Robots-Tag"] == "noindex, nofollow"
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_preview_matches_the_public_page_once_published(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, title_en="Same page")
    preview = editor_client.get(admin_url("press_pressrelease_preview", release.pk, language="en")).content.decode()
    release.status = Status.PUBLISHED
    release.save()
    from django.utils import translation

    with translation.override("en"):
        public = Client().get(release.get_absolute_url()).content.decode()

    def article(content):
        # The PDF download is offered for live releases only: its address answers 404 before.
        text = content[content.index("<article") : content.index("</article>")]
        return re.sub(r'\s*<p class="release__download">.*?</p>', "", text, flags=re.S)

    assert article(preview) == article(public)


def test_change_form_links_to_both_previews(editor_client):
    draft = factories.PressReleaseFactory(status=Status.DRAFT)

    content = editor_client.get(admin_url("press_pressrelease_change", draft.pk, language="en")).content.decode()

    assert admin_url("press_pressrelease_preview", draft.pk, language="fr") in content
    assert admin_url("press_pressrelease_preview", draft.pk, language="en") in content
    assert "Preview in English" in content


def test_preview_is_for_staff_only(client):
    draft = factories.PressReleaseFactory(status=Status.DRAFT)

    response = client.get(admin_url("press_pressrelease_preview", draft.pk, language="en"))

    assert response.status_code == 302
    assert "/login/" in response.url
