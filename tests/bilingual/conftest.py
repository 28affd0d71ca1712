import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _restore_language():
    """Give back the language active before the test: LocaleMiddleware leaves the request's one active."""
    language = translation.get_language()
    yield
    translation.activate(language)
