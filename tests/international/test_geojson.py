import gzip
import json

import pytest
from django.urls import reverse
from django.utils.translation import override

from international.models import CooperationSite

pytestmark = pytest.mark.django_db


def geojson(client, language="en", **params):
    with override(language):
        url = reverse("international:map-geojson")
    return client.get(url, params)


def test_one_point_per_place_of_every_live_site(client, world):
    response = geojson(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    points = [feature for feature in collection["features"] if feature["geometry"]["type"] == "Point"]
    expected = {(site.name_en, place.name_en) for site in world.values() for place in site.places.all()}
    assert {(point["properties"]["name"], point["properties"]["place"]) for point in points} == expected
    assert len(points) == 7
    dakar = next(point for point in points if point["properties"]["place"] == "Dakar")
    assert dakar["geometry"]["coordinates"] == [-17.45, 14.7]
    assert dakar["properties"] == {
        "name": "Dakar field site",
        "kind": "field_site",
        "kind_label": "Field site",
        "url": world["dakar"].get_absolute_url(),
        "place": "Dakar",
        "country": "Senegal",
        "country_code": "SN",
    }


def test_network_is_a_line_joining_its_places_in_order(client, world):
    collection = geojson(client).json()

    lines = [feature for feature in collection["features"] if feature["geometry"]["type"] == "LineString"]
    assert len(lines) == 1
    assert lines[0]["properties"]["name"] == "InterAging network"
    assert lines[0]["properties"]["places"] == ["Brussels", "Montreal", "Sydney"]
    assert lines[0]["geometry"]["coordinates"] == [[4.35, 50.85], [-73.57, 45.5], [151.2, -33.87]]


def test_names_follow_the_language(client, world):
    collection = geojson(client, "fr").json()

    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert "Réseau InterAging" in names
    dakar = next(feature for feature in collection["features"] if feature["properties"].get("place") == "Dakar")
    assert dakar["properties"]["country"] == "Sénégal"
    assert dakar["properties"]["url"].startswith("/fr/")


def test_hidden_sites_never_appear(client, world, hidden_sites):
    for language in ("fr", "en"):
        content = geojson(client, language).content.decode()
        for marker in hidden_sites:
            assert marker not in content
    assert len(geojson(client).json()["features"]) == 8


def test_kind_filter(client, world):
    collection = geojson(client, kind=CooperationSite.Kind.JOINT_UNIT).json()

    assert {feature["properties"]["name"] for feature in collection["features"]} == {
        "Irvine joint unit",
        "Heidelberg joint unit",
    }


def test_several_kinds(client, world):
    response = client.get(reverse("international:map-geojson"), {"kind": ["office", "network"]})

    kinds = {feature["properties"]["kind"] for feature in response.json()["features"]}
    assert kinds == {"office", "network"}


@pytest.mark.parametrize("kind", ["bad", "NETWORK", "<script>", ""])
def test_unknown_kind_is_a_client_error_not_a_crash(client, world, kind):
    response = geojson(client, kind=kind)

    if kind:
        assert response.status_code == 400
        assert "kind" in response.json()["errors"]
    else:
        assert response.status_code == 200
        assert len(response.json()["features"]) == 8


def test_empty_collection_without_sites(client, db):
    response = geojson(client)

    assert response.status_code == 200
    assert response.json() == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_the_map_data_goes_gzipped_to_a_browser_with_its_own_etag(client, world, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    plain = geojson(client)
    with override("en"):
        url = reverse("international:map-geojson")
    compressed = client.get(url, headers={"accept-encoding": "gzip, deflate"})

    unchanged = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": compressed["ETag"]})

    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in plain["Vary"]
    assert compressed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(compressed.content)) == plain.json()
    assert compressed["ETag"] == "W/" + plain["ETag"]  # a strong validator names one representation only
    assert unchanged.status_code == 304
