import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from search.documents import CONFIGS, documents, stored_document
from search.engine import PostgresSearch, clean_query, kinds_by_key
from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    LiveOrganisationFactory,
    PressReleaseFactory,
)
from workflow.states import Status

from .helpers import postgresql_only, sqlite_only

pytestmark = pytest.mark.django_db


def search_url(language="fr"):
    with override(language):
        return reverse("search:results")


def search(client, query, language="fr", **params):
    response = client.get(search_url(language), {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    """Return the titles of the results, in order, without their highlighting."""
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="card__title"><a [^>]*>(.*?)</a>', html)]


@pytest.fixture
def content():
    return {
        "release": PressReleaseFactory(
            title_fr="Les partenariats de santé publique",
            title_en="Public health partnerships",
            lead_fr="Un accord sur la résistance aux antibiotiques.",
            lead_en="An agreement on antibiotic resistance.",
            body_fr="<p>Les deux organismes travaillent ensemble.</p>",
            body_en="<p>Both bodies work together.</p>",
            release_date=datetime.date(2020, 2, 5),
        ),
        "agreement": AgreementFactory(
            title_fr="Convention-cadre avec la Région",
            title_en="Framework agreement with the Region",
            summary_fr="Recherche biomédicale sur le territoire breton, au service de la santé.",
            summary_en="Biomedical research in Brittany, for health.",
            signed_on=datetime.date(2022, 3, 22),
        ),
        "site": CooperationSiteFactory(name_fr="Laboratoire franco-coréen", name_en="French-Korean laboratory"),
        "instrument": FundingInstrumentFactory(
            name_fr="Tremplins internationaux",
            name_en="International springboards",
            summary_fr="Amorcer un partenariat.",
        ),
        "organisation": LiveOrganisationFactory(name_fr="Agence régionale de santé", name_en="Regional health agency"),
        "draft": PressReleaseFactory(
            status=Status.DRAFT, title_fr="Santé : brouillon à ne pas montrer", title_en="Health draft"
        ),
    }


def test_empty_query_explains_what_search_finds(client):
    response = client.get(search_url("en"))

    assert response.status_code == 200
    assert "What you can search" in response.content.decode()
    assert "press releases, partnership agreements" in response.content.decode()
    assert result_titles(response) == []


def test_search_finds_across_kinds_and_never_drafts(client, content):
    response = search(client, "santé")
    titles = result_titles(response)

    assert "Les partenariats de santé publique" in titles
    assert "Convention-cadre avec la Région" in titles
    assert "Agence régionale de santé" in titles
    assert "Santé : brouillon à ne pas montrer" not in titles


def test_accents_do_not_matter(client, content):
    assert "Les partenariats de santé publique" in result_titles(search(client, "sante"))
    assert "Laboratoire franco-coréen" in result_titles(search(client, "COREEN"))


def test_type_filter_keeps_one_kind_and_shows_counts_per_kind(client, content):
    response = search(client, "santé", type="agreements")

    assert result_titles(response) == ["Convention-cadre avec la Région"]
    html = response.content.decode()
    assert "(3)" in html  # all kinds, listed with their count for this search


def test_year_filter_keeps_content_of_that_year(client, content):
    assert result_titles(search(client, "santé", year=2022)) == ["Convention-cadre avec la Région"]


def test_invalid_filter_says_so_without_results(client, content):
    response = search(client, "santé", language="en", year="not-a-year", type="nothing")

    assert result_titles(response) == []
    assert "Some filters are not valid" in response.content.decode()


def test_results_are_paginated(client):
    for number in range(13):
        PressReleaseFactory(title_fr=f"Vaccination numéro {number}")

    first = search(client, "vaccination")
    second = search(client, "vaccination", page=2)
    beyond = search(client, "vaccination", page=99)

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 3
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert result_titles(beyond) == result_titles(second)


def test_english_visitors_search_english_text(client, content):
    titles = result_titles(search(client, "partnerships", language="en"))

    assert titles == ["Public health partnerships"]


def test_snippet_markup_is_only_the_highlight(client):
    PressReleaseFactory(
        title_fr="Vaccins <script>alert(1)</script>",
        lead_fr='Texte avec <b>faux gras</b> et "guillemets" & esperluette sur les vaccins.',
    )

    html = search(client, "vaccins").content.decode()
    results = html[html.index('<ol class="card-list') : html.index("</ol>")]

    assert "<script>" not in results
    assert "&lt;script&gt;" in results
    assert "&quot;guillemets&quot; &amp; esperluette" in results
    # Markup typed as text is never markup in a result: the only bold is the highlight of the word searched.
    assert {text.lower() for text in re.findall(r"<b>(.*?)</b>", results)} == {"vaccins"}
    tags = set(re.findall(r"</?([a-z0-9]+)", results))
    assert tags <= {"ol", "li", "article", "p", "span", "h3", "a", "b", "time"}


BAD_QUERIES = [
    "'",
    "''; DROP TABLE press_pressrelease; --",
    "santé & | ! :* (",
    "!!!",
    "(",
    "a:*",
    "santé:*",
    '"unbalanced',
    "-",
    "or or or",
    "<>",
    "\\",
    "%_%",
    "x" * 10_000,
    "santé " * 2_000,
    "\x00null byte",
    "\u202eright-to-left override",
    "zero\u200bwidth",
    "emoji 🧬🦠",
    "\ud7ff\uffff\ufeff",
    "한국 协议 شراكة",
    "e\u0301tude",  # decomposed accent
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_any_query_gives_a_page(client, content, query, language):
    response = client.get(search_url(language), {"q": query, "page": "x"})

    assert response.status_code == 200


def test_odd_page_and_filter_values_never_fail(client, content):
    for params in ({"page": "-1"}, {"page": "1e9"}, {"year": "9" * 40}, {"type": "'"}):
        assert client.get(search_url(), {"q": "santé", **params}).status_code == 200


def test_long_queries_are_shortened_and_said_so(client, content):
    response = search(client, "santé " + "x" * 500, language="en")

    assert "Your search was too long" in response.content.decode()


def test_clean_query_removes_control_characters_and_keeps_words():
    assert clean_query("sant\x00é\u00ad  \n publique\u200b") == ("sant é publique", False)
    text, shortened = clean_query("mot " * 100)
    assert shortened and len(text) <= 200 and text.endswith("mot")


@sqlite_only
def test_fallback_reads_both_languages_whatever_the_accents(client, content):
    titles = result_titles(search(client, "BIOMEDICALE"))
    assert titles == ["Convention-cadre avec la Région"]
    # The English text is searched too, even by a French visitor.
    assert result_titles(search(client, "brittany")) == ["Convention-cadre avec la Région"]


@postgresql_only
def test_stemming_finds_other_forms_of_a_word(client, content):
    assert "Les partenariats de santé publique" in result_titles(search(client, "partenariat"))
    assert "Tremplins internationaux" in result_titles(search(client, "partenariats"))
    assert "Public health partnerships" in result_titles(search(client, "partnership", language="en"))


@postgresql_only
def test_title_matches_rank_above_summary_matches(client, content):
    titles = result_titles(search(client, "partenariats"))

    assert titles.index("Les partenariats de santé publique") < titles.index("Tremplins internationaux")


@postgresql_only
def test_english_search_reads_french_where_there_is_no_translation(client):
    PressReleaseFactory(title_fr="Épidémiologie des maladies rares", title_en="", lead_en="", body_en="")

    assert result_titles(search(client, "epidemiologie", language="en")) == ["Épidémiologie des maladies rares"]


@postgresql_only
def test_websearch_syntax_phrases_and_exclusion(client, content):
    assert result_titles(search(client, '"santé publique"')) == ["Les partenariats de santé publique"]
    assert "Les partenariats de santé publique" not in result_titles(search(client, "santé -antibiotiques"))


@postgresql_only
@pytest.mark.parametrize("key", [key for key, spec in documents().items() if spec.stored])
@pytest.mark.parametrize("language", list(CONFIGS))
def test_search_condition_uses_the_gin_index(key, language):
    """The queried column is the indexed one: PostgreSQL can answer from the index."""
    kind = kinds_by_key()[key]
    spec = documents()[key]
    engine = PostgresSearch("santé partenariat", language)
    queryset = (
        kind.model.objects.alias(own=stored_document(spec, language)).filter(own=engine.queries[language]).order_by()
    )
    with connection.cursor() as cursor:
        # A handful of test rows: without this, walking another index (the list's order) may look as cheap.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = queryset.explain()

    assert f"Bitmap Index Scan on {spec.index_name(language)}" in plan


@postgresql_only
def test_a_repeated_search_is_counted_and_ranked_once_until_content_changes(client, settings):
    settings.PAGE_CACHE = False
    for number in range(12):
        PressReleaseFactory(title_fr=f"Vaccination numéro {number}", release_date=datetime.date(2020, 1, number + 1))
    first = search(client, "vaccination")
    with CaptureQueriesContext(connection) as fresh:
        search(client, "vaccination", page=2)

    with CaptureQueriesContext(connection) as repeated:
        again = search(client, "vaccination", page=2)
    PressReleaseFactory(title_fr="Vaccination, la dernière", release_date=datetime.date(2024, 1, 1))

    assert len(repeated) < len(fresh)  # neither the count nor the ranking of the matches again
    assert result_titles(again) == ["Vaccination numéro 1", "Vaccination numéro 0"]
    after = search(client, "vaccination")
    assert "Vaccination, la dernière" in result_titles(after)
    assert "12 résultats pour" in first.content.decode()
    assert "13 résultats pour" in after.content.decode()
