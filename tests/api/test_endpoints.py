"""What an open-data client reads: both languages, nested relations, public page URLs, live objects only."""

import datetime

import pytest

from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    PlaceFactory,
    PressReleaseFactory,
    SitePlaceFactory,
)
from workflow.states import Status

from .conftest import LIST_URLS, not_live

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", LIST_URLS)
def test_list_and_detail_answer_json_with_the_object(api, world, name):
    listing = api.get(LIST_URLS[name])
    assert listing.status_code == 200
    assert listing["Content-Type"] == "application/json"
    body = listing.json()
    ids = [item["id"] for item in body["results"]]
    assert world[name].pk in ids
    assert body["count"] == len(body["results"])

    detail = api.get(f"{LIST_URLS[name]}{world[name].pk}/")
    assert detail.status_code == 200
    assert detail.json() == next(item for item in body["results"] if item["id"] == world[name].pk)


def test_root_lists_every_endpoint_the_schema_and_the_docs(api):
    root = api.get("/api/v1/").json()
    assert set(root) == {*LIST_URLS, "schema", "docs"}
    assert root["agreements"] == "http://testserver/api/v1/agreements/"


def test_press_release_gives_both_languages_nested_relations_and_page_urls(api, world):
    release = api.get(f"/api/v1/press-releases/{world['press-releases'].pk}/").json()
    assert release["title"] == {"fr": "La Région et l'Inserm s'associent", "en": "The Region and Inserm join forces"}
    assert release["body"] == {"fr": "<p>Corps du texte.</p>", "en": "<p>Body text.</p>"}
    assert release["release_date"] == "2022-03-22"
    assert [issuer["name"]["fr"] for issuer in release["issuers"]] == ["Région Bretagne", "Institut national"]
    assert release["issuers"][0]["name"]["en"] is None  # no English name written: null, not the French one
    assert release["contacts"][0]["email"] == "presse@inserm.fr"
    assert release["quotes"][0]["text"] == {"fr": "Une étape.", "en": "A milestone."}
    assert release["quotes"][0]["speaker"]["last_name"] == "Bloch"
    assert release["themes"][0]["slug"] == {"fr": "sante-publique", "en": "public-health"}
    assert release["related_agreement"]["title"]["en"] == "Brittany framework agreement"
    assert release["url"] == {
        "fr": "http://testserver/fr/presse/region-inserm/",
        "en": "http://testserver/en/press/region-inserm-en/",
    }
    assert release["image"] is None


def test_page_urls_lead_to_the_public_pages(api, client, world):
    for name in ("press-releases", "agreements", "sites", "funding-instruments", "organisations", "themes", "experts"):
        urls = api.get(f"{LIST_URLS[name]}{world[name].pk}/").json()["url"]
        for language in ("fr", "en"):
            assert urls[language].startswith(f"http://testserver/{language}/")
            assert client.get(urls[language].removeprefix("http://testserver")).status_code == 200, urls[language]


def test_agreement_gives_parties_signatories_objectives_outcomes_and_status(api, world):
    agreement = api.get("/api/v1/agreements/convention-bretagne/").json()
    assert [party["organisation"]["acronym"] for party in agreement["parties"]] == ["Inserm", ""]
    assert agreement["parties"][1]["role"] == {"fr": "Financeur", "en": "Funder"}
    assert agreement["signatories"][0]["person"]["first_name"] == "Gilles"
    assert agreement["signatories"][0]["title_at_signing"] == {"fr": "Président", "en": "President"}
    assert agreement["objectives"] == [{"text": {"fr": "Soutenir l'excellence", "en": "Support excellence"}}]
    assert agreement["outcomes"][0]["laboratory"] == "LTSI"
    assert agreement["body"]["fr"] == "<p>Texte <strong>riche</strong>.</p>"
    assert agreement["end_date"] == "2027-03-21"  # 60 months from 22 March 2022
    assert agreement["status"] in {"active", "ending_soon", "ended"}
    assert agreement["kind_label"] == {"fr": "Convention-cadre", "en": "Framework agreement"}
    assert [release["id"] for release in agreement["press_releases"]] == [world["press-releases"].pk]


def test_site_gives_places_with_coordinates_country_and_continent(api, world):
    site = api.get(f"/api/v1/sites/{world['sites'].pk}/").json()
    place = site["places"][0]
    assert place["name"] == {"fr": "Heidelberg", "en": "Heidelberg"}
    assert place["country"] == {"code": "DE", "name": {"fr": "Allemagne", "en": "Germany"}}
    assert place["continent"] == {"code": "EU", "name": {"fr": "Europe", "en": "Europe"}}
    assert (place["latitude"], place["longitude"]) == (49.4, 8.7)
    assert site["funding_instrument"]["name"]["en"] == "International springboards"
    assert site["partners"][0]["acronym"] == "Inserm"


def test_funding_instrument_gives_amounts_as_numbers(api, world):
    instrument = api.get(f"/api/v1/funding-instruments/{world['funding-instruments'].pk}/").json()
    assert instrument["amounts"] == [{"scope": {"fr": "en Europe", "en": "in Europe"}, "amount_eur": 60000.0}]
    assert [site["id"] for site in instrument["sites"]] == [world["sites"].pk]


def test_key_figure_gives_indicator_value_and_source(api, world):
    figure = api.get(f"/api/v1/key-figures/{world['key-figures'].pk}/").json()
    assert figure["year"] == 2020
    assert figure["value"] == 6580.0
    assert figure["indicator"]["label"] == {"fr": "Coopérations déclarées", "en": "Declared cooperations"}


@pytest.mark.parametrize("lookup", ["convention-bretagne", "brittany-agreement"])
def test_detail_is_found_by_its_slug_in_either_language(api, world, lookup):
    response = api.get(f"/api/v1/agreements/{lookup}/")
    assert response.status_code == 200
    assert response.json()["id"] == world["agreements"].pk


@pytest.mark.parametrize("lookup", ["no-such-slug", "0", "99999999999999999999999", "%C3%A9t%C3%A9"])
def test_unknown_detail_is_a_json_404(api, world, lookup):
    response = api.get(f"/api/v1/press-releases/{lookup}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_places_and_key_figures_are_looked_up_by_id_only(api, world):
    assert api.get(f"/api/v1/places/{world['places'].pk}/").status_code == 200
    assert api.get("/api/v1/places/heidelberg/").status_code == 404


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("press-releases", PressReleaseFactory),
        ("agreements", AgreementFactory),
        ("sites", CooperationSiteFactory),
        ("funding-instruments", FundingInstrumentFactory),
    ],
)
def test_draft_scheduled_and_expired_objects_are_neither_listed_nor_served(api, db, name, factory):
    live = factory()
    hidden = not_live(factory)
    listed = [item["id"] for item in api.get(LIST_URLS[name]).json()["results"]]
    assert listed == [live.pk]
    for obj in hidden:
        assert api.get(f"{LIST_URLS[name]}{obj.pk}/").status_code == 404
        assert api.get(f"{LIST_URLS[name]}{obj.slug_fr}/").status_code == 404


def test_links_to_unpublished_objects_are_left_out(api, world):
    agreement, release, site = world["agreements"], world["press-releases"], world["sites"]
    for obj in (agreement, site.funding_instrument):
        obj.status = Status.DRAFT
        obj.save()
    AgreementFactory(renewal_of=None)
    renewal = AgreementFactory(renewal_of=agreement)
    draft_release = PressReleaseFactory(status=Status.DRAFT, related_agreement=renewal)

    assert api.get(f"/api/v1/press-releases/{release.pk}/").json()["related_agreement"] is None
    assert api.get(f"/api/v1/sites/{site.pk}/").json()["funding_instrument"] is None
    renewal_data = api.get(f"/api/v1/agreements/{renewal.pk}/").json()
    assert renewal_data["renewal_of"] is None
    assert draft_release.pk not in [item["id"] for item in renewal_data["press_releases"]]


def test_places_of_unpublished_sites_are_not_served(api, db):
    shown = SitePlaceFactory(place=PlaceFactory(name_fr="Dakar"))
    hidden_sites = not_live(CooperationSiteFactory)
    secret = PlaceFactory(name_fr="Lieu secret")
    for site in hidden_sites:
        SitePlaceFactory(site=site, place=secret)
    SitePlaceFactory(site=hidden_sites[0], place=shown.place, position=1)
    PlaceFactory(name_fr="Lieu sans site")

    places = api.get("/api/v1/places/").json()["results"]
    assert [place["name"]["fr"] for place in places] == ["Dakar"]
    assert [site["id"] for site in places[0]["sites"]] == [shown.site.pk]
    assert api.get(f"/api/v1/places/{secret.pk}/").status_code == 404


def test_lists_are_ordered_with_a_stable_tie_break(api, db):
    same_day = datetime.date(2024, 5, 1)
    first, second, third = (PressReleaseFactory(release_date=same_day) for _ in range(3))
    pages = [api.get(f"/api/v1/press-releases/?page_size=1&page={n}").json() for n in (1, 2, 3)]
    assert [page["results"][0]["id"] for page in pages] == [third.pk, second.pk, first.pk]
    assert pages[0]["next"] == "http://testserver/api/v1/press-releases/?page=2&page_size=1"
    assert pages[2]["next"] is None


def test_rich_text_is_served_sanitised(api, db):
    release = PressReleaseFactory()
    # Written behind the model's back (an old import, a raw SQL fix): the API still cleans it.
    type(release).objects.filter(pk=release.pk).update(body_fr='<p onclick="x()">Texte<script>alert(1)</script></p>')
    body = api.get(f"/api/v1/press-releases/{release.pk}/").json()["body"]["fr"]
    assert body == "<p>Texte</p>"
