"""The English site says in English what the interface says: headings, numbers, "About …", PDF labels, notices."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import override

from press.models import PressRelease, kind_for_label
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    FundingInstrumentFactory,
    KeyFigureFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db

FRENCH_ONLY = "This content is not available in English; it is shown in French."


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def render(source, language, **context):
    with override(language):
        return Template("{% load site_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Communiqué de presse", PressRelease.Kind.PRESS_RELEASE),
        ("COMMUNIQUÉ DE PRESSE :", PressRelease.Kind.PRESS_RELEASE),
        ("Press information", PressRelease.Kind.PRESS_INFORMATION),
        ("Note de conjoncture", PressRelease.Kind.OTHER),
        ("", ""),
    ],
)
def test_a_written_heading_maps_to_its_choice(written, kind):
    assert kind_for_label(written) == kind


def test_english_release_page_and_card_show_the_english_heading(client):
    release = PressReleaseFactory()

    english = get_page(client, url_in("en", release))
    home = get_page(client, url_in("en", lambda: reverse("home")))

    assert '<p class="release__kind">Press release</p>' in english
    assert '<span class="card__kind">Press release</span>' in home
    for page in (english, home):
        assert "Communiqué de presse" not in page
    assert '<p class="release__kind">Communiqué de presse</p>' in get_page(client, url_in("fr", release))


def test_an_other_heading_without_english_is_shown_in_french_marked(client):
    release = PressReleaseFactory(heading=PressRelease.Kind.OTHER, kind_fr="Note de conjoncture", kind_en="")

    page = get_page(client, url_in("en", release))

    assert '<p class="release__kind"><span lang="fr">Note de conjoncture</span></p>' in page


def test_no_heading_renders_nothing(client):
    release = PressReleaseFactory(heading="")

    page = get_page(client, url_in("en", release))

    assert 'class="release__kind"' not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "52%"), ("fr", "52\u00a0%")],
)
def test_percentages_follow_the_language(language, expected):
    assert render("{{ value|percent }}", language, value=52) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "6,580"), ("fr", "6\u00a0580")],
)
def test_numbers_follow_the_language(language, expected):
    assert render("{{ value|number }}", language, value=6580) == expected


def test_home_page_shares_are_written_the_english_way(client):
    KeyFigureFactory(value=52, share_percent=52)

    english = get_page(client, url_in("en", lambda: reverse("home")))
    french = get_page(client, url_in("fr", lambda: reverse("home")))

    assert "52% of the total" in english
    assert "52 % of the total" not in english
    assert "52\u00a0% du total" in french


@pytest.mark.parametrize(
    ("language", "name_with_article", "expected"),
    [
        ("en", "the French Agency for Food", "About the French Agency for Food (Anses)"),
        ("fr", "l’Agence nationale", "À propos de l’Agence nationale (Anses)"),
        ("fr", "le Centre national", "À propos du Centre national (Anses)"),
        ("fr", "la Région Bretagne", "À propos de la Région Bretagne (Anses)"),
    ],
)
def test_about_heading_uses_the_name_with_its_article(language, name_with_article, expected):
    organisation = OrganisationFactory.build(acronym="Anses", **{f"name_with_article_{language}": name_with_article})

    assert render("{% about_heading organisation %}", language, organisation=organisation) == expected


def test_about_heading_without_an_article_elides_de():
    organisation = OrganisationFactory.build(name_fr="Inserm", acronym="Inserm")

    assert render("{% about_heading organisation %}", "fr", organisation=organisation) == "À propos d’Inserm"


def test_release_about_heading_in_english(client):
    release = PressReleaseFactory()
    PressReleaseIssuerFactory(
        release=release,
        organisation=OrganisationFactory(
            name_en="French Agency for Food", name_with_article_en="the French Agency for Food", acronym="Anses"
        ),
    )

    assert "About the French Agency for Food (Anses)</a></h3>" in get_page(client, url_in("en", release))


def test_french_only_release_offers_the_french_pdf_under_an_honest_label(client):
    release = PressReleaseFactory(title_en="", slug_en="", lead_en="", body_en="")

    page = get_page(client, url_in("en", release))

    french_pdf = url_in("fr", lambda: reverse("press:release-pdf", kwargs={"slug": release.slug_fr}))
    assert f'<a href="{french_pdf}" type="application/pdf" hreflang="fr" download>Download as PDF (French)</a>' in page
    assert "Download as PDF (English)" not in page


def test_translated_release_offers_the_english_pdf(client):
    release = PressReleaseFactory(title_en="A release")

    page = get_page(client, url_in("en", release))

    assert (
        'href="/en/press/a-release/pdf/" type="application/pdf" hreflang="en" download>Download as PDF (English)'
        in page
    )


def test_untranslated_party_roles_and_objectives_are_marked_french(client):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, role_fr="Financeur", role_en="")
    ObjectiveFactory(agreement=agreement, text_fr="Soutenir la recherche", text_en="")

    page = get_page(client, url_in("en", agreement))

    assert '<span lang="fr">Financeur</span>' in page
    assert '<span lang="fr">Soutenir la recherche</span>' in page
    assert page.count(FRENCH_ONLY) == 2


def test_translated_agreement_shows_no_french_notice(client):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, role_fr="Financeur", role_en="Funder")

    page = get_page(client, url_in("en", agreement))

    assert "Funder" in page
    assert FRENCH_ONLY not in page


def test_instrument_table_says_which_instruments_are_french_only(client):
    FundingInstrumentFactory(eligibility_fr="Chercheurs statutaires", eligibility_en="")

    page = get_page(client, url_in("en", lambda: reverse("international:instrument-list")))

    assert FRENCH_ONLY in page
    assert '<span lang="fr">Chercheurs statutaires</span>' in page
