"""Full-page screenshots of every checked page at phone and desktop widths, into $SCREENSHOTS_DIR for a person to look at.

Run ``SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_screenshots.py``; the module is not
collected when it is unset (see tests/browser/conftest.py).
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.browser.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (375, 1280)


@pytest.fixture(scope="session")
def screenshots_dir():
    path = Path(os.environ["SCREENSHOTS_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("checked_page", PAGES, ids=lambda page: page.id)
def test_screenshot(screenshots_dir, site_page, demo_site, checked_page, width):
    site_page.set_viewport_size({"width": width, "height": 800})
    open_page(site_page, demo_site, checked_page)
    target = screenshots_dir / f"{checked_page.id}-{width}.png"

    site_page.screenshot(path=str(target), full_page=True)

    assert target.stat().st_size > 0
