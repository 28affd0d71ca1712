from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from international.continents import Continent, continent_of
from tests.factories import (
    AwardAmountFactory,
    IndicatorFactory,
    KeyFigureFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude"), [(91, 0), (-90.5, 0), (0, 180.1), (0, -181)])
def test_coordinates_out_of_range_are_refused(latitude, longitude):
    place = PlaceFactory.build(latitude=latitude, longitude=longitude)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "must lie between" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        place.save()


@pytest.mark.django_db
def test_amounts_and_figures_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardAmountFactory(amount_eur=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigureFactory(value=Decimal("-5"))
    figure = KeyFigureFactory.build(indicator=IndicatorFactory(), share_percent=Decimal("120"))
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "between 0 and 100" in str(error.value)


@pytest.mark.django_db
def test_a_key_figure_is_unique_per_year_and_indicator():
    indicator = IndicatorFactory()
    KeyFigureFactory(year=2020, indicator=indicator, value=6580)
    duplicate = KeyFigureFactory.build(year=2020, indicator=indicator, value=6600)
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    assert "already has a figure for this year" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    KeyFigureFactory(year=2012, indicator=indicator, value=6300)


@pytest.mark.django_db
def test_a_key_figure_may_be_a_share_without_a_value():
    figure = KeyFigureFactory(year=2012, value=None, share_percent=Decimal("47.4"))
    assert figure.share_percent == Decimal("47.4")
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigureFactory(year=2013, value=None, share_percent=None)


@pytest.mark.parametrize(
    ("code", "continent"),
    [
        ("US", Continent.NORTH_AMERICA),
        ("BR", Continent.SOUTH_AMERICA),
        ("CI", Continent.AFRICA),
        ("DE", Continent.EUROPE),
        ("JP", Continent.ASIA),
        ("AU", Continent.OCEANIA),
        ("LB", Continent.ASIA),
    ],
)
def test_continent_derives_from_the_country(code, continent):
    assert continent_of(code) == continent


def test_every_country_of_django_countries_has_a_continent():
    from django_countries import countries

    assert [code for code, _name in countries if continent_of(code) is None] == []
