"""The registry keeps the order each feature has always shown the content types in."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import override

from core.content_types import for_model, register, registered
from press.models import PressRelease

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_the_endpoints_in_their_order(client):
    root = client.get("/api/v1/").json()

    assert list(root) == [
        "press-releases",
        "agreements",
        "sites",
        "places",
        "funding-instruments",
        "key-figures",
        "organisations",
        "themes",
        "experts",
        "schema",
        "docs",
    ]


def test_the_search_facets_come_in_their_order(client):
    with override("en"):
        url = reverse("search:results")

    page = client.get(url, {"q": "anything"})

    assert page.status_code == 200
    options = page.content.decode().split('name="type"')[1].split("</select>")[0]
    positions = [options.index(f'value="{key}"') for key in ("releases", "agreements", "sites", "instruments")]
    assert positions == sorted(positions)
    assert options.index('value="instruments"') < options.index('value="organisations"')


def test_sitemap_sections_and_dashboard_keep_their_order():
    from inserm_cms.sitemaps import sitemaps

    assert list(sitemaps()) == [
        "static",
        "press",
        "agreements",
        "sites",
        "instruments",
        "pages",
        "organisations",
        "themes",
        "experts",
    ]
    assert [item.model._meta.label for item in registered("dashboard")] == [
        "press.PressRelease",
        "partnerships.Agreement",
        "pages.Page",
        "international.CooperationSite",
        "international.FundingInstrument",
    ]


def test_a_model_is_registered_once():
    assert for_model(PressRelease).search.key == "releases"
    with pytest.raises(ImproperlyConfigured):
        register(PressRelease)


def test_an_unknown_feature_is_refused():
    with pytest.raises(ValueError, match="sitemaps"):
        registered("sitemaps")


def test_the_system_check_reports_a_mistyped_field_and_a_taken_key():
    from core.content_types import Search, SearchField, Sitemap, check_registrations, unregister
    from tests.throwaway.models import Notice

    assert check_registrations() == []
    register(
        Notice,
        sitemap=Sitemap("press"),
        search=Search("notices", "Notices", fields=(SearchField("titel", "A"),), title="title", snippet=()),
    )
    try:
        messages = [error.msg for error in check_registrations()]
    finally:
        unregister(Notice)

    assert messages == [
        "Content type throwaway.Notice: search names the field 'titel', which the model lacks.",
        "Content type throwaway.Notice: its sitemap section 'press' is press.PressRelease's already.",
    ]
