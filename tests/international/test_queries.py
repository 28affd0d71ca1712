"""Each page runs as many SQL queries with 10 objects as with 3 (a query per row would add at least seven)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from international.models import CooperationSite, FundedProject
from tests.factories import (
    AwardAmountFactory,
    FundingInstrumentFactory,
    IndicatorFactory,
    KeyFigureFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PlaceFactory,
    SitePlaceFactory,
    ThemeFactory,
)

from .conftest import Kind, make_site

pytestmark = pytest.mark.django_db

kinds = itertools.cycle(Kind.values)
countries = itertools.cycle(["DE", "US", "SN", "BR", "CN", "AU", "BE"])


def add_instruments(count):
    for _ in range(count):
        instrument = FundingInstrumentFactory(partners_min=2)
        AwardAmountFactory(instrument=instrument, amount_eur=60000, scope_en="in Europe")
        AwardAmountFactory(instrument=instrument, amount_eur=75000, scope_en="outside Europe")
        FundedProject.objects.create(instrument=instrument, name="Project")


def add_sites(count):
    instrument = FundingInstrumentFactory()
    for _ in range(count):
        site = make_site(kind=next(kinds), places=[], lead=PersonFactory(), funding_instrument=instrument)
        for position in range(2):
            SitePlaceFactory(site=site, place=PlaceFactory(country=next(countries)), position=position)
        site.themes.add(ThemeFactory())
        site.partners.add(OrganisationFactory())


def add_figures(count):
    for _ in range(count):
        indicator = IndicatorFactory()
        KeyFigureFactory(indicator=indicator, year=2012, value=6300, share_percent="47.4")
        KeyFigureFactory(indicator=indicator, year=2020, value=6580)


def add_pages(count):
    for _ in range(count):
        PageFactory(parent=PageFactory())


def add_everything(count):
    add_pages(count)
    add_instruments(count)
    add_sites(count)
    add_figures(count)


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("name", ["overview", "map", "site-list", "instrument-list", "key-figures", "map-geojson"])
def test_section_pages(client, name):
    with override("en"):
        path = reverse(f"international:{name}")
    add_everything(3)
    with_three = queries(client, path)

    add_everything(7)

    assert queries(client, path) == with_three


def test_site_page(client):
    site = make_site(places=[], lead=PersonFactory(), funding_instrument=FundingInstrumentFactory())

    def grow(count):
        for _ in range(count):
            SitePlaceFactory(site=site, place=PlaceFactory(country=next(countries)))
            site.themes.add(ThemeFactory())
            site.partners.add(OrganisationFactory())

    grow(3)
    with override("en"):
        path = site.get_absolute_url()
    with_three = queries(client, path)

    grow(7)

    assert queries(client, path) == with_three


def test_instrument_page(client):
    instrument = FundingInstrumentFactory()

    def grow(count):
        for _ in range(count):
            AwardAmountFactory(instrument=instrument)
            FundedProject.objects.create(instrument=instrument, name="Project")
            make_site(places=[], funding_instrument=instrument)

    grow(3)
    with override("en"):
        path = instrument.get_absolute_url()
    with_three = queries(client, path)

    grow(7)

    assert queries(client, path) == with_three
    assert CooperationSite.objects.filter(funding_instrument=instrument).count() == 10
