import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from tests.factories import (
    AgreementFactory,
    AssetFactory,
    LiveOrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    ThemeFactory,
)

from .helpers import HeadParser, parse_head

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def page(client, obj, language):
    with override(language):
        response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return parse_head(response)


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#802040").save(buffer, "JPEG")
    return SimpleUploadedFile("visuel.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def release():
    release = PressReleaseFactory(
        title_fr="L'Anses et l'Inserm signent un partenariat",
        title_en="ANSES and Inserm sign a partnership",
        slug_fr="anses-inserm-partenariat",
        slug_en="anses-inserm-partnership",
        lead_fr="<em>Chapô</em> du communiqué.",
        lead_en="Lead of the release.",
        release_date=datetime.date(2020, 2, 5),
        image=AssetFactory(file=jpeg(), alt_fr="Signature de la convention", alt_en="Signing the agreement"),
    )
    release.themes.add(ThemeFactory(name_fr="Santé publique", name_en="Public health"))
    PressReleaseIssuerFactory(
        release=release, organisation__name_fr="Agence Anses", organisation__name_en="ANSES agency"
    )
    return release


@pytest.mark.parametrize(
    ("language", "locale", "other", "title"),
    [
        ("fr", "fr_FR", "en_GB", "L'Anses et l'Inserm signent un partenariat"),
        ("en", "en_GB", "fr_FR", "ANSES and Inserm sign a partnership"),
    ],
)
def test_release_page_has_open_graph_and_twitter_card(client, release, language, locale, other, title):
    head = page(client, release, language)
    url = (
        f"{BASE}/fr/presse/anses-inserm-partenariat/"
        if language == "fr"
        else f"{BASE}/en/press/anses-inserm-partnership/"
    )

    assert head.meta("og:title") == [title]
    assert head.meta("og:type") == ["article"]
    assert head.meta("og:url") == [url]
    assert head.meta("og:locale") == [locale]
    assert head.meta("og:locale:alternate") == [other]
    assert head.meta("og:image")[0].startswith(f"{BASE}/media/")
    assert head.meta("og:image:alt") == ["Signature de la convention" if language == "fr" else "Signing the agreement"]
    assert head.meta("twitter:card") == ["summary_large_image"]
    assert head.meta("twitter:title") == [title]
    assert head.meta("description") == ["Chapô du communiqué." if language == "fr" else "Lead of the release."]
    assert head.meta("article:published_time") == ["2020-02-05T00:00:00+01:00"]


def test_every_page_has_a_canonical_link_and_hreflang_alternates(client, release):
    head = page(client, release, "en")

    assert head.link_hrefs("canonical") == [f"{BASE}/en/press/anses-inserm-partnership/"]
    assert head.link_hrefs("alternate", hreflang="fr") == [f"{BASE}/fr/presse/anses-inserm-partenariat/"]
    assert head.link_hrefs("alternate", hreflang="en") == [f"{BASE}/en/press/anses-inserm-partnership/"]
    assert head.link_hrefs("alternate", hreflang="x-default") == [f"{BASE}/fr/presse/anses-inserm-partenariat/"]


def test_canonical_of_a_list_keeps_only_the_page_number(client):
    with override("fr"):
        url = reverse("press:release-list")
    head = parse_head(client.get(url, {"year": "2020", "page": "2", "utm_source": "x"}))

    assert head.link_hrefs("canonical") == [f"{BASE}{url}?page=2"]


def test_release_json_ld_is_a_news_article_published_by_the_institute(client, release):
    (data,) = page(client, release, "en").json_ld

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "ANSES and Inserm sign a partnership"
    assert data["datePublished"] == "2020-02-05T00:00:00+01:00"
    assert data["inLanguage"] == "en"
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Inserm"
    assert [author["name"] for author in data["author"]] == ["ANSES agency"]
    assert data["image"][0].startswith(f"{BASE}/media/renditions/assets/")
    assert data["mainEntityOfPage"] == f"{BASE}/en/press/anses-inserm-partnership/"


def test_untranslated_release_says_its_text_is_french(client):
    release = PressReleaseFactory(title_en="", lead_en="", body_en="")

    (data,) = page(client, release, "en").json_ld

    assert data["inLanguage"] == "fr"
    assert data["headline"] == release.title_fr


def test_organisation_json_ld(client):
    organisation = LiveOrganisationFactory(
        name_fr="Agence nationale de sécurité sanitaire",
        name_en="French Agency for Food, Environmental and Occupational Health & Safety",
        acronym="Anses",
        city="Maisons-Alfort",
        website="https://www.anses.fr/",
        about_fr="<p>L'Anses évalue les risques sanitaires.</p>",
    )

    head = page(client, organisation, "fr")
    (data,) = head.json_ld

    assert data["@type"] == "Organization"
    assert data["name"] == "Agence nationale de sécurité sanitaire"
    assert data["alternateName"] == "Anses"
    assert data["sameAs"] == ["https://www.anses.fr/"]
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "FR", "addressLocality": "Maisons-Alfort"}
    assert data["description"] == "L'Anses évalue les risques sanitaires."
    assert head.meta("og:type") == ["website"]


def test_home_json_ld_offers_the_site_search(client):
    with override("en"):
        (data,) = parse_head(client.get(reverse("home"))).json_ld
        search_url = BASE + reverse("search:results")

    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"]["urlTemplate"] == f"{search_url}?q={{search_term_string}}"


def test_json_ld_cannot_be_broken_out_of(client):
    title = "</script><script>alert('x')</script><!-- & -->"
    release = PressReleaseFactory(title_fr=title, title_en=title)

    with override("fr"):
        html = client.get(release.get_absolute_url()).content.decode()
    head = HeadParser()
    head.feed(html)
    (data,) = head.json_ld

    assert data["headline"] == title
    assert "<script>alert" not in html


def test_agreement_and_theme_pages_have_their_own_description(client):
    agreement = AgreementFactory(summary_fr="Un résumé de la convention.")
    theme = ThemeFactory(description_fr="Ce que recouvre ce thème.")

    assert page(client, agreement, "fr").meta("og:description") == ["Un résumé de la convention."]
    assert page(client, theme, "fr").meta("description") == ["Ce que recouvre ce thème."]
