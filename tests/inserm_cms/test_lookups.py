"""``core.lookups.AnyOf``: the rows ``pk__in`` gives, with one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.lookups import AnyOf
from directory.models import Theme
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_any_of_selects_the_rows_of_the_listed_ids_only():
    themes = ThemeFactory.create_batch(4)
    wanted = [themes[0].pk, themes[2].pk, themes[3].pk]

    found = Theme.objects.filter(AnyOf(F("pk"), wanted)).order_by("pk")

    assert list(found) == list(Theme.objects.filter(pk__in=wanted).order_by("pk"))
    assert found.count() == 3


def test_any_of_an_empty_list_selects_nothing_without_a_query():
    ThemeFactory()
    with CaptureQueriesContext(connection) as queries:
        assert list(Theme.objects.filter(AnyOf(F("pk"), []))) == []
    assert len(queries) == 0


def test_on_postgresql_the_ids_travel_as_one_array():
    if connection.vendor != "postgresql":
        pytest.skip("the array form is PostgreSQL's")
    themes = ThemeFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        list(Theme.objects.filter(AnyOf(F("pk"), [theme.pk for theme in themes])))

    assert "= ANY(" in queries[0]["sql"]
