"""The demo site the browser checks visit, served by a live server thread, and the checkers' files.

The session's Chromium (``browser``, ``page``) comes from tests/playwright_fixtures.py through tests/conftest.py.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import override_settings
from django.utils import translation

from tests.browser.pages import add_press_room_content, resolve_paths
from tests.live_server import ClosingLiveServer
from tests.playwright_fixtures import AXE_JS

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SERVER_HOST = "127.0.0.1"

# Screenshots are for a person to look at, not a check: collected only when asked for.
collect_ignore = [] if os.environ.get("SCREENSHOTS_DIR") else ["test_screenshots.py"]


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
    """Leave MEDIA_ROOT to ``demo_site``: the live server serves the demo's files from there."""


@pytest.fixture(scope="session")
def demo_server(django_db_setup):
    """Serve the test database from a live server thread (static and media files included)."""
    server = ClosingLiveServer(SERVER_HOST)
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="module")
def demo_site(demo_server, django_db_blocker, tmp_path_factory):
    """Load the demo content for the tests of a module, and put the database back as it was after them.

    The data is committed outside the tests' transactions so that the server thread sees it on
    PostgreSQL too; the tests using it carry the ``django_db`` mark, which makes pytest-django set up
    the test database and let the server thread query it during each test. What the migrations wrote
    (the editorial groups, for one) is saved first and written back after the flush, as Django's
    ``serialized_rollback`` does, so that the tests of other modules find the database they expect.
    """
    from international.models import CooperationSite

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
    try:
        with django_db_blocker.unblock():
            call_command("load_demo", verbosity=0)
            add_press_room_content()
            paths = resolve_paths()
            names = {}
            for lang in ("fr", "en"):
                with translation.override(lang):
                    names[lang] = sorted(site.name for site in CooperationSite.objects.live())
        yield DemoSite(url=demo_server.url, paths=paths, live_site_names=names)
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(before)
            # The rows come back with their ids: move PostgreSQL's sequences past them, or the next insert
            # of a later test collides ("duplicate key value violates unique constraint").
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)
        media.disable()


def module_page(browser, init_script=None):
    """Yield one page for the tests of a module, its context closed at the end of the module.

    Reusing a page saves starting a renderer per test. The module-scoped fixtures using this depend on
    ``demo_site``, so the page's kept-alive connections are closed before the live server stops.
    """
    context = browser.new_context()
    if init_script:
        context.add_init_script(path=str(init_script))
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def _module_page(browser, demo_site):
    yield from module_page(browser)


@pytest.fixture(scope="module")
def _module_axe_page(browser, demo_site):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `make test` (it runs scripts/install-test-deps).")
    # An init script is not subject to the page's Content-Security-Policy, unlike an injected <script>.
    yield from module_page(browser, init_script=AXE_JS)


@pytest.fixture
def site_page(_module_page):
    """Return the module's page, 1280 px wide."""
    _module_page.set_viewport_size({"width": 1280, "height": 900})
    return _module_page


@pytest.fixture
def axe_page(_module_axe_page):
    """Return the module's page that loads axe-core into every document it opens, 1280 px wide."""
    _module_axe_page.set_viewport_size({"width": 1280, "height": 900})
    return _module_axe_page


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
