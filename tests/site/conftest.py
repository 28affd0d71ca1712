"""Shared helpers of the public site tests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override


def url_in(language, obj_or_callable):
    """Return the URL of an object (or the result of a callable) with ``language`` active."""
    with override(language):
        return obj_or_callable() if callable(obj_or_callable) else obj_or_callable.get_absolute_url()


@pytest.fixture
def count_queries(client):
    """Return a function giving the number of SQL queries a GET of a URL runs, checking it answers 200."""

    def count(url):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(context.captured_queries)

    return count
