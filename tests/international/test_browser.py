"""The map in a real browser: Leaflet from our static files, markers, keyboard, text alternative."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from playwright.sync_api import expect

from .conftest import BRUSSELS, DAKAR, HEIDELBERG, IRVINE, MONTREAL, SYDNEY, Kind, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(transactional_db):
    return [
        make_site(kind=Kind.JOINT_UNIT, name_fr="Unité d’Irvine", name_en="Irvine joint unit", places=[IRVINE]),
        make_site(kind=Kind.FIELD_SITE, name_fr="Site de Dakar", name_en="Dakar field site", places=[DAKAR]),
        make_site(
            kind=Kind.NETWORK,
            name_fr="Réseau InterAging",
            name_en="InterAging network",
            places=[BRUSSELS, MONTREAL, SYDNEY],
        ),
        make_site(
            kind=Kind.JOINT_UNIT, name_fr="Unité de Heidelberg", name_en="Heidelberg joint unit", places=[HEIDELBERG]
        ),
        make_site(kind=Kind.OFFICE, name_fr="ZZDRAFT", name_en="ZZDRAFT", places=[BRUSSELS], status="draft"),
    ]


@pytest.fixture
def local_page(page, live_server):
    """A page that may only reach the test server: map tiles from the internet are refused, as on our machines."""
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    return page


def test_map_loads_leaflet_from_our_static_files_and_shows_markers(local_page, live_server, sites):
    with override("en"):
        path = reverse("international:map")
    responses = []
    local_page.on("response", lambda response: responses.append((response.url, response.status)))
    errors = []
    local_page.on("pageerror", lambda error: errors.append(str(error)))

    local_page.goto(live_server.url + path)
    local_page.wait_for_selector("#intl-map[data-map-loaded]")

    assert (f"{live_server.url}/static/leaflet/leaflet.js", 200) in responses
    assert (f"{live_server.url}/static/leaflet/leaflet.css", 200) in responses
    assert errors == []
    markers = local_page.locator("#intl-map .leaflet-marker-icon")
    assert markers.count() == 6  # one per place of the four live sites
    assert local_page.locator("#intl-map path.intl-network").count() == 1
    assert "ZZDRAFT" not in local_page.content()
    assert local_page.get_attribute("#intl-map", "aria-label") == "Map of cooperation sites"
    assert local_page.locator("[data-map-status]").inner_text() == "Sites shown on the map: 4"


def test_kind_filter_hides_markers_on_the_client(local_page, live_server, sites):
    with override("en"):
        local_page.goto(live_server.url + reverse("international:map"))
    local_page.wait_for_selector("#intl-map[data-map-loaded]")

    local_page.get_by_role("checkbox", name="International joint unit (2)").uncheck()

    assert local_page.locator("#intl-map .leaflet-marker-icon").count() == 4
    assert local_page.locator("[data-map-status]").inner_text() == "Sites shown on the map: 2"
    local_page.get_by_role("checkbox", name="International research network (1)").uncheck()
    assert local_page.locator("#intl-map .leaflet-marker-icon").count() == 1
    assert local_page.locator("#intl-map path.intl-network").count() == 0


def test_map_and_markers_reachable_with_tab(local_page, live_server, sites):
    with override("en"):
        local_page.goto(live_server.url + reverse("international:map"))
    local_page.wait_for_selector("#intl-map[data-map-loaded]")

    def focused():
        return local_page.evaluate(
            "() => [document.activeElement.id, document.activeElement.className, "
            "document.activeElement.getAttribute('aria-label')]"
        )

    for _ in range(40):
        local_page.keyboard.press("Tab")
        if focused()[0] == "intl-map":
            break
    assert focused()[0] == "intl-map"

    labels = []
    for _ in range(6):
        local_page.keyboard.press("Tab")
        element_id, classes, label = focused()
        assert "leaflet-marker-icon" in classes
        labels.append(label)
    assert "Dakar field site — Field site — Dakar, Senegal" in labels

    marker_label = labels[-1]
    local_page.keyboard.press("Enter")
    link = local_page.locator(".leaflet-popup .intl-popup a")
    expect(link).to_be_focused()
    assert link.inner_text() == marker_label.split(" — ")[0]
    local_page.keyboard.press("Escape")
    expect(local_page.locator(".leaflet-popup")).to_have_count(0)
    assert focused()[2] == marker_label


def test_text_alternative_lists_every_live_site(local_page, live_server, sites):
    with override("en"):
        local_page.goto(live_server.url + reverse("international:map"))

    local_page.get_by_role("link", name="Text alternative: the sites by continent and country").click()

    main = local_page.locator("main").inner_text()
    for name in ("Irvine joint unit", "Dakar field site", "InterAging network", "Heidelberg joint unit"):
        assert name in main
    assert "ZZDRAFT" not in main
    for heading in ("Africa", "Europe", "North America", "Oceania"):
        assert local_page.get_by_role("heading", name=heading, exact=True).is_visible()
