"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API, and the demo site it visits."""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation

from tests.browser.pages import resolve_paths

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous, so Django's async-safety guard is lifted for browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SERVER_HOST = "127.0.0.1"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Nothing but the test server answers: a page that needs another host (a CDN, the map tiles)
    # fails the same way with or without a network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@dataclass
class DemoSite:
    """The demo content served by a live server: its base URL, the checked pages' paths, the live sites."""

    url: str
    paths: dict
    live_site_names: dict = field(default_factory=dict)

    def url_of(self, checked_page):
        return self.url + self.paths[checked_page.id]


@pytest.fixture
def _media_root():
    """Leave MEDIA_ROOT to ``demo_site``: the live server serves the demo's files from there all session."""


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo content once, serve it from a live server thread, and empty the database afterwards.

    The tests that use it need no ``db`` fixture, so pytest-django runs them after every database test;
    the data stays in the test database only while they run. pytest-django blocks the database in every
    thread outside such fixtures: a test lets the server in with ``live_demo``.
    """
    from pytest_django.live_server_helper import LiveServer

    from international.models import CooperationSite

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    try:
        with django_db_blocker.unblock():
            call_command("load_demo", verbosity=0)
            paths = resolve_paths()
            names = {}
            for lang in ("fr", "en"):
                with translation.override(lang):
                    names[lang] = sorted(site.name for site in CooperationSite.objects.live())
        server = LiveServer(SERVER_HOST)
        server._live_server_modified_settings.enable()
        try:
            yield DemoSite(url=server.url, paths=paths, live_site_names=names)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        media.disable()


@pytest.fixture
def live_demo(demo_site, django_db_blocker):
    """Return the demo site, its server allowed to query the database for the length of the test."""
    with django_db_blocker.unblock():
        yield demo_site


@pytest.fixture
def site_page(browser, live_demo):
    """Return a page in a fresh context at 1280 px with axe-core loaded in every document it opens."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `make test` (it runs scripts/install-test-deps).")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # An init script is not subject to the page's Content-Security-Policy, unlike an injected <script>.
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    yield page
    context.close()


def open_page(page, demo_site, checked_page):
    """Open a checked page, wait for what its scripts load (a map's data), and return the response."""
    response = page.goto(demo_site.url_of(checked_page), wait_until="load")
    if page.locator(".leaflet-container").count():
        page.wait_for_load_state("networkidle")
    assert response is not None, f"{demo_site.paths[checked_page.id]} did not load"
    assert response.status == checked_page.status, (
        f"{demo_site.paths[checked_page.id]} answered {response.status}, expected {checked_page.status}"
    )
    return response
