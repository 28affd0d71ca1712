"""One headless Chromium (Debian's /usr/bin/chromium) per test session, driven by Playwright's sync API, and
the pages the browser tests open in it.

Imported by tests/conftest.py only: a second definition of the session fixture elsewhere would start a
second Playwright event loop in the same thread, which Playwright refuses.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous, so Django's async-safety guard is lifted for the test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
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


@pytest.fixture
def new_page(browser):
    """Return a function opening a page in a new browser context, axe-core loaded in each of its documents.

    ``new_page(locale="en-GB")`` opens it in another locale than French. The contexts close after the test.
    """
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `make test` (it runs scripts/install-test-deps).")
    contexts = []

    def open_page(*, locale="fr-FR"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        # An init script is not subject to the page's Content-Security-Policy, unlike an injected <script>.
        context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
