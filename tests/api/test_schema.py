"""The OpenAPI 3 schema and the browsable docs, served from our own static files."""

import io
import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from .conftest import LIST_URLS

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_with_a_list_and_a_detail_per_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    expected = {path for url in LIST_URLS.values() for path in (url, f"{url}{{lookup}}/")}
    assert set(schema["paths"]) == expected
    for operations in schema["paths"].values():
        assert set(operations) == {"get"}  # read-only: no write operation is documented


def test_translated_fields_are_declared_as_fr_and_en_strings(schema):
    components = schema["components"]["schemas"]
    text = components["TranslatedText"]
    assert sorted(text["required"]) == ["en", "fr"]
    assert {name: (field["type"], field["nullable"]) for name, field in text["properties"].items()} == {
        "fr": ("string", True),
        "en": ("string", True),
    }
    title = components["PressRelease"]["properties"]["title"]
    assert title["allOf"] == [{"$ref": "#/components/schemas/TranslatedText"}]
    assert components["Agreement"]["properties"]["body"]["allOf"] == [{"$ref": "#/components/schemas/TranslatedHtml"}]
    assert set(components["PageUrls"]["properties"]) == {"fr", "en"}


def test_list_filters_are_documented(schema):
    def parameters(path):
        return {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}

    assert parameters("/api/v1/press-releases/") >= {"q", "year", "theme", "organisation", "page", "page_size"}
    assert parameters("/api/v1/agreements/") >= {"status", "theme", "partner_kind", "country", "format"}
    assert parameters("/api/v1/sites/") >= {"kind", "format"}
    csv = schema["paths"]["/api/v1/key-figures/"]["get"]["responses"]["200"]["content"]
    assert set(csv) == {"application/json", "text/csv"}


def test_schema_generates_without_warnings():
    output = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=output)
    document = yaml.safe_load(output.getvalue())
    assert document["info"]["version"] == "1.0.0"


def test_docs_load_swagger_ui_from_our_own_static_files(api, client):
    page = api.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "https://" not in html and "http://" not in html  # no CDN
    assert "<style" not in html and re.search(r"<script>\s*\S", html) is None  # nothing inline for the CSP to refuse
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    static = [source for source in sources if source.startswith("/static/")]
    assert any(source.endswith("swagger-ui-bundle.js") for source in static)
    for source in static:
        assert finders.find(source.removeprefix("/static/")), source
    script_url = next(source for source in sources if "script=" in source).replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


def test_unknown_address_under_the_api_is_a_json_404(api):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]
