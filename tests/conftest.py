import os
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis.configuration import set_hypothesis_home_dir

from tests.live_server import ClosingLiveServer
from tests.playwright_fixtures import browser, new_page, page  # noqa: F401  (one browser per session)
from tests.settings import TEST_ROOT

OPS_TESTS = Path(__file__).parent / "ops"

# Hypothesis (behind schemathesis) keeps its example database and caches in the temporary folder, not the checkout.
set_hypothesis_home_dir(TEST_ROOT / "hypothesis")


def pytest_collection_modifyitems(items):
    """Mark the tests of tests/ops ``ops``: `make test-fast` leaves them out."""
    for item in items:
        if OPS_TESTS in item.path.parents:
            item.add_marker(pytest.mark.ops)


@pytest.fixture(autouse=True)
def _restore_language():
    """Give back the language active before the test: a request through LocaleMiddleware leaves its own active."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: no API throttle count or cached PDF carries over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files of a test out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def live_server(request):
    """Replace pytest-django's live server with one that ends its open connections when it stops."""
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = ClosingLiveServer(addr)
    yield server
    server.stop()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture
def english():
    """Run the test with English active (messages asserted in English)."""
    with translation.override("en"):
        yield
