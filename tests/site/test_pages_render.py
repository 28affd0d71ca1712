"""Every page type answers in French and English with its content."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override

from pages.models import Page
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CooperationSiteFactory,
    KeyFigureFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PageFactory,
    PressContactFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    SignatoryFactory,
    ThemeFactory,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    theme = ThemeFactory(name_fr="Santé publique", name_en="Public health")
    anses = OrganisationFactory(
        name_fr="Agence nationale de sécurité sanitaire",
        name_en="French Agency for Food Safety",
        acronym="Anses",
        about_fr="<p>L'Anses assure des missions de veille.</p>",
        about_en="<p>Anses carries out monitoring.</p>",
    )
    agreement = AgreementFactory(
        title_fr="Convention-cadre Anses-Inserm",
        title_en="Anses-Inserm framework agreement",
        signed_on=datetime.date(2020, 2, 5),
        starts_on=datetime.date(2020, 2, 5),
        duration_months=120,
    )
    agreement.themes.add(theme)
    AgreementPartyFactory(agreement=agreement, organisation=anses)
    SignatoryFactory(
        agreement=agreement,
        person__first_name="Roger",
        person__last_name="Genet",
        title_at_signing_fr="Directeur général",
        title_at_signing_en="Director General",
    )
    ObjectiveFactory(
        agreement=agreement, text_fr="Conduire des recherches ciblées", text_en="Conduct targeted research"
    )
    release = PressReleaseFactory(
        title_fr="L'Anses et l'Inserm signent un partenariat",
        title_en="Anses and Inserm sign a partnership",
        dateline_place="Maisons-Alfort",
        release_date=datetime.date(2020, 2, 5),
        related_agreement=agreement,
    )
    release.themes.add(theme)
    PressReleaseIssuerFactory(release=release, organisation=anses)
    PressContactFactory(release=release, organisation=anses, email="presse@anses.fr", phone="01 49 77 13 77")
    site = CooperationSiteFactory(name_fr="Laboratoire franco-allemand", name_en="French-German laboratory")
    site.partners.add(anses)
    site.themes.add(theme)
    KeyFigureFactory(
        year=2020, indicator__label_fr="Coopérations déclarées", indicator__label_en="Declared cooperations", value=6580
    )
    page = PageFactory(title_fr="Stratégie internationale", title_en="International strategy")
    statement = PageFactory(
        title_fr="Déclaration d'accessibilité",
        title_en="Accessibility statement",
        role=Page.Role.ACCESSIBILITY,
        compliance=Page.Compliance.PARTIAL,
        show_in_menu=False,
    )
    return {
        "theme": theme,
        "organisation": anses,
        "agreement": agreement,
        "release": release,
        "site": site,
        "page": page,
        "statement": statement,
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Maisons-Alfort, le 5 février 2020"), ("en", "Maisons-Alfort, 5 February 2020")],
)
def test_release_detail_shows_dateline_contacts_and_about(client, content, language, expected):
    response = client.get(url_in(language, content["release"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html.replace('<time datetime="2020-02-05">', "").replace("</time>", "")
    assert 'href="mailto:presse@anses.fr"' in html
    assert 'href="tel:0149771377"' in html
    about = "assure des missions de veille." if language == "fr" else "Anses carries out monitoring."
    assert about in html
    assert url_in(language, content["agreement"]) in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_answers(client, content, language):
    urls = [
        url_in(language, lambda: reverse("home")),
        url_in(language, lambda: reverse("press:release-list")),
        url_in(language, content["release"]),
        url_in(language, lambda: reverse("partnerships:agreement-list")),
        url_in(language, content["agreement"]),
        url_in(language, content["organisation"]),
        url_in(language, lambda: reverse("directory:theme-list")),
        url_in(language, content["theme"]),
        url_in(language, content["page"]),
        url_in(language, content["statement"]),
    ]
    for url in urls:
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
        assert f'<html lang="{language}">' in response.content.decode()


def test_home_gathers_releases_agreements_sites_and_figures(client, content):
    html = client.get("/en/").content.decode()
    assert "Anses and Inserm sign a partnership" in html
    assert "Anses-Inserm framework agreement" in html
    assert "<strong>1</strong> international cooperation site" in html
    assert url_in("en", lambda: reverse("international:overview")) in html
    assert "Declared cooperations" in html
    assert "6,580" in html or "6580" in html


def test_agreement_detail_shows_parties_signatories_term_and_progress(client, content):
    html = client.get(url_in("en", content["agreement"])).content.decode()
    assert "French Agency for Food Safety (Anses)" in html
    assert "Roger Genet</strong>, Director General" in html
    assert "5 February 2020" in html
    assert "4 February 2030" in html
    assert "120 months" in html
    assert "<progress" in html
    assert "Conduct targeted research" in html
    assert url_in("en", content["release"]) in html


def test_organisation_and_theme_pages_gather_linked_content(client, content):
    for obj in (content["organisation"], content["theme"]):
        html = client.get(url_in("en", obj)).content.decode()
        assert "Anses and Inserm sign a partnership" in html
        assert "Anses-Inserm framework agreement" in html
        assert "French-German laboratory" in html


def test_theme_list_counts_live_content(client, content):
    html = client.get(url_in("en", lambda: reverse("directory:theme-list"))).content.decode()
    assert "Public health" in html
    assert "1 press release" in html
    assert "1 agreement" in html
    assert "1 cooperation site" in html


def test_menu_and_footer_list_pages(client, content):
    hidden = PageFactory(title_en="Hidden page", show_in_menu=False)
    html = client.get("/en/").content.decode()
    assert "International strategy" in html
    assert hidden.title_en not in html
    assert "Accessibility: partially compliant" in html
    assert url_in("en", content["statement"]) in html


def test_accessibility_statement_states_compliance(client, content):
    html = client.get(url_in("en", content["statement"])).content.decode()
    assert "Accessibility: partially compliant" in html


def test_menu_follows_position(client):
    PageFactory(title_en="Second", position=2)
    PageFactory(title_en="First", position=1)
    html = client.get("/en/").content.decode()
    assert html.index("First") < html.index("Second")


def test_print_stylesheet_is_linked(client, content):
    html = client.get(url_in("fr", content["release"])).content.decode()
    assert 'media="print"' in html


def test_french_dateline_writes_first_of_month_as_ordinal(client):
    release = PressReleaseFactory(dateline_place="Rennes", release_date=datetime.date(2022, 3, 1))
    with override("fr"):
        html = client.get(release.get_absolute_url()).content.decode()
    assert "1er mars 2022" in html


def test_organisation_page_links_to_its_full_press_list(client):
    organisation = OrganisationFactory()
    for _ in range(11):
        PressReleaseIssuerFactory(organisation=organisation)
    response = client.get(url_in("en", organisation))
    assert len(response.context["releases"]) == 10
    link = f"{url_in('en', lambda: reverse('press:release-list'))}?organisation={organisation.pk}"
    assert f'href="{link}"' in response.content.decode()
    assert client.get(link).context["paginator"].count == 11
