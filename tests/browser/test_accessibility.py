"""axe-core's WCAG 2.1 A and AA rules on every page type in both languages, and the map used with the keyboard."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import open_page
from tests.browser.pages import LANGUAGES, PAGES, CheckedPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(results => results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(node => node.target.join(' ')),
    })))"""
SHOWN_TARGETS = 3


def describe_violations(path, violations):
    """Return one line per violated rule: id, impact, what it asks and the first offending elements."""
    lines = [f"{len(violations)} axe violation(s) on {path}:"]
    for violation in violations:
        targets = violation["targets"]
        shown = ", ".join(targets[:SHOWN_TARGETS])
        more = f" (+{len(targets) - SHOWN_TARGETS} more)" if len(targets) > SHOWN_TARGETS else ""
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {shown}{more}")
    return "\n".join(lines)


@pytest.mark.parametrize("checked_page", PAGES, ids=lambda page: page.id)
def test_page_has_no_axe_violation(axe_page, demo_site, checked_page):
    open_page(axe_page, demo_site, checked_page)

    violations = axe_page.evaluate(RUN_AXE, AXE_TAGS)

    assert not violations, describe_violations(demo_site.paths[checked_page.id], violations)


def focused_element(page):
    """Describe the element that has the keyboard focus."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute('name'),
                isMap: el.classList.contains('leaflet-container'),
                isMarker: el.classList.contains('leaflet-marker-icon') || el.classList.contains('leaflet-interactive'),
            };
        }"""
    )


def tab_through(page, limit=200):
    """Press Tab from the top of the page until the focus leaves the document; return each element reached."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused_element(page)
        if stop["tag"] == "body":
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_is_reached_and_used_with_the_keyboard(site_page, demo_site, lang):
    map_page = CheckedPage(lang, "map")
    open_page(site_page, demo_site, map_page)
    site_page.locator(".leaflet-marker-icon").first.wait_for()

    stops = tab_through(site_page)

    assert any(stop["tag"] == "input" and stop["name"] == "kind" for stop in stops), (
        "Tab never reaches the kind filter of the map"
    )
    assert any(stop["isMap"] for stop in stops), "Tab never reaches the map itself"
    assert any(stop["isMarker"] for stop in stops), "Tab never reaches a marker of the map"

    marker = site_page.locator(".leaflet-marker-icon").first
    marker.focus()
    site_page.keyboard.press("Enter")
    popup = site_page.locator(".leaflet-popup-content")
    popup.wait_for()
    links = popup.get_by_role("link").all_inner_texts()
    assert any(name in demo_site.live_site_names[lang] for name in links), (
        f"Enter on a marker opens no popup linking to a live site (links: {links})"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_text_alternative_lists_every_live_site(site_page, demo_site, lang):
    open_page(site_page, demo_site, CheckedPage(lang, "map"))
    with translation.override(lang):
        alternative_path = reverse("international:site-list")
    alternative_link = site_page.locator(f"main a[href='{alternative_path}']").first

    alternative_link.click()
    site_page.wait_for_url(demo_site.url + alternative_path)

    listed = site_page.locator("main").inner_text()
    missing = [name for name in demo_site.live_site_names[lang] if name not in listed]
    assert demo_site.live_site_names[lang], "the demo content has no live cooperation site"
    assert not missing, f"the text alternative of the map does not list: {', '.join(missing)}"


REFLOW_WIDTH = 320
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const overflows = el => el.getBoundingClientRect().right > width + 1;
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const culprits = [...document.body.querySelectorAll('*')]
        .filter(el => overflows(el) && (el.parentElement === document.body || !overflows(el.parentElement)));
    return {scrollWidth: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 5).map(describe)};
}"""


@pytest.mark.parametrize("checked_page", PAGES, ids=lambda page: page.id)
def test_page_reflows_at_320_px(site_page, demo_site, checked_page):
    """WCAG 1.4.10: at 320 CSS px nothing makes the whole page scroll sideways (a wide table may scroll alone)."""
    site_page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    open_page(site_page, demo_site, checked_page)

    overflow = site_page.evaluate(OVERFLOW)

    assert overflow["scrollWidth"] <= overflow["width"], (
        f"{demo_site.paths[checked_page.id]} is {overflow['scrollWidth']} px wide at {REFLOW_WIDTH} px; "
        f"wider than the screen: {', '.join(overflow['culprits'])}"
    )
