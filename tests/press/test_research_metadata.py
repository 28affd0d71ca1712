"""Research releases say what evidence they report: on the page, in the PDF markup, in JSON-LD, the API and filters."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override

from press.models import ReleaseType, StudySubject, StudyType
from tests.factories import OrganisationFactory, PressReleaseFactory
from tests.findability.helpers import parse_head
from tests.findability.schemaorg import validate_schema_org
from tests.pdf.test_release_pdf import pdf_text
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db
DOI = "10.1038/s41586-024-07000-0"


@pytest.fixture
def research():
    release = PressReleaseFactory(
        title_en="A new marker of sepsis",
        release_type=ReleaseType.RESEARCH,
        peer_reviewed=True,
        study_type=StudyType.RCT,
        study_subject=StudySubject.PEOPLE,
        journal="Nature Medicine",
        article_title="A blood marker predicts septic shock",
        article_published_on=datetime.date(2024, 3, 14),
        journal_doi=DOI,
    )
    release.funders.add(
        OrganisationFactory(name_fr="Agence nationale de la recherche", name_en="French Research Agency")
    )
    return release


def get_page(client, release, language):
    with override(language):
        response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Research result", "Peer-reviewed", "Randomised controlled trial", "People", "French Research Agency"]),
        (
            "fr",
            [
                "Résultat de recherche",
                "Évalué par les pairs",
                "Essai contrôlé randomisé",
                "Humains",
                "Agence nationale",
            ],
        ),
    ],
)
def test_research_release_page_shows_its_evidence_labels(client, research, language, labels):
    response = get_page(client, research, language)
    for label in labels:
        assert label in response.content.decode()
    assert f'<a href="https://doi.org/{DOI}" lang="en">{DOI}</a>' in response.content.decode()
    assert "<i>Nature Medicine</i>" in response.content.decode()


def test_institutional_release_has_no_research_section(client):
    release = PressReleaseFactory(release_type=ReleaseType.INSTITUTIONAL)
    response = get_page(client, release, "en")
    assert "Institutional news" in response.content.decode()
    assert "About the research" not in response.content.decode()


def test_evidence_labels_are_refused_on_a_release_that_is_not_research():
    with transaction.atomic(), pytest.raises(IntegrityError):
        PressReleaseFactory(release_type=ReleaseType.AWARD, study_type=StudyType.OBSERVATIONAL)


def test_json_ld_cites_the_article_as_a_valid_scholarly_article(client, research):
    (data,) = parse_head(get_page(client, research, "en")).json_ld
    article = data["citation"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["isPartOf"] == {"@type": "Periodical", "name": "Nature Medicine"}
    assert article["identifier"]["value"] == DOI
    assert article["url"] == f"https://doi.org/{DOI}"
    assert article["datePublished"] == "2024-03-14"
    assert article["funder"][0]["name"] == "French Research Agency"
    assert data["about"] == article
    parsed = validate_schema_org(data)
    assert parsed.citation.type_ == "ScholarlyArticle"


def test_schema_check_refuses_a_property_schema_org_does_not_have(client, research):
    (data,) = parse_head(get_page(client, research, "en")).json_ld
    data["citation"]["journal"] = "Nature Medicine"
    with pytest.raises(AssertionError, match="journal"):
        validate_schema_org(data)


def test_api_gives_the_metadata_with_labels_in_both_languages(client, research):
    response = client.get(f"/api/v1/press-releases/{research.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["release_type"] == "research"
    assert data["release_type_label"] == {"fr": "Résultat de recherche", "en": "Research result"}
    assert data["peer_reviewed"] is True
    assert data["study_type"] == "rct"
    assert data["study_subject"] == "people"
    assert data["article"] == {
        "title": "A blood marker predicts septic shock",
        "journal": "Nature Medicine",
        "doi": DOI,
        "doi_url": f"https://doi.org/{DOI}",
        "published_on": "2024-03-14",
    }
    assert [funder["name"]["en"] for funder in data["funders"]] == ["French Research Agency"]


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"type": "research"}, "A new marker of sepsis", "Prize for a young researcher"),
        ({"type": "award"}, "Prize for a young researcher", "A new marker of sepsis"),
        ({"peer_reviewed": "yes"}, "A new marker of sepsis", "A preprint on mice"),
        ({"peer_reviewed": "no"}, "A preprint on mice", "A new marker of sepsis"),
        ({"study": "rct"}, "A new marker of sepsis", "A preprint on mice"),
        ({"subject": "animals"}, "A preprint on mice", "A new marker of sepsis"),
    ],
)
def test_list_and_api_filter_on_the_metadata(client, research, params, shown, hidden):
    PressReleaseFactory(title_en="Prize for a young researcher", release_type=ReleaseType.AWARD)
    PressReleaseFactory(
        title_en="A preprint on mice",
        release_type=ReleaseType.RESEARCH,
        peer_reviewed=False,
        study_type=StudyType.EXPERIMENTAL,
        study_subject=StudySubject.ANIMALS,
    )
    response = client.get(url_in("en", lambda: reverse("press:release-list")), params)
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert hidden not in response.content.decode()
    api = client.get("/api/v1/press-releases/", params)
    assert api.status_code == 200
    titles = [item["title"]["en"] for item in api.json()["results"]]
    assert shown in titles
    assert hidden not in titles


@pytest.mark.parametrize(
    ("language", "passages"),
    [
        ("en", ["About the research", "Randomised controlled trial", "Nature Medicine", DOI]),
        ("fr", ["À propos de la recherche", "Essai contrôlé randomisé", "Nature Medicine", DOI]),
    ],
)
def test_pdf_carries_the_research_metadata(client, research, language, passages):
    with override(language):
        response = client.get(reverse("press:release-pdf", kwargs={"slug": research.slug}))
    assert response.status_code == 200
    text = pdf_text(response.content).casefold()  # headings are set in capitals
    for passage in passages:
        assert passage.casefold() in text
