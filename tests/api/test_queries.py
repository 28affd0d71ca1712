"""Each API page costs the same number of queries whatever the number of objects on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgreementPartyFactory,
    AwardAmountFactory,
    ExpertFactory,
    KeyFigureFactory,
    LiveOrganisationFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PressContactFactory,
    PressReleaseIssuerFactory,
    SignatoryFactory,
    SitePlaceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def release(theme):
    issuer = PressReleaseIssuerFactory(release__related_agreement=None)
    issuer.release.themes.add(theme)
    PressContactFactory(release=issuer.release)


def agreement(theme):
    party = AgreementPartyFactory()
    party.agreement.themes.add(theme)
    SignatoryFactory(agreement=party.agreement)
    ObjectiveFactory(agreement=party.agreement)


def site(theme):
    site_place = SitePlaceFactory(site__funding_instrument=AwardAmountFactory().instrument)
    site_place.site.themes.add(theme)
    site_place.site.partners.add(OrganisationFactory())


def expert(theme):
    made = ExpertFactory(organisation=OrganisationFactory())
    made.themes.add(theme, ThemeFactory())


MAKERS = {
    "press-releases": release,
    "agreements": agreement,
    "sites": site,
    "places": site,
    "funding-instruments": lambda theme: AwardAmountFactory(),
    "key-figures": lambda theme: KeyFigureFactory(year=2000 + KeyFigureFactory._meta.model.objects.count()),
    "organisations": lambda theme: LiveOrganisationFactory(),
    "themes": lambda theme: ThemeFactory(),
    "experts": expert,
}


def queries(api, url):
    with CaptureQueriesContext(connection) as context:
        response = api.get(url)
    assert response.status_code == 200
    return len(context), response


CASES = [(name, "/") for name in MAKERS] + [(name, ".csv") for name in ("agreements", "sites", "key-figures")]


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_query_count_does_not_grow_with_the_objects(api, db, name, suffix):
    theme = ThemeFactory()
    url = f"/api/v1/{name}{suffix}?page_size=100"
    for _ in range(3):
        MAKERS[name](theme)
    few, response = queries(api, url)
    for _ in range(7):
        MAKERS[name](theme)
    many, response = queries(api, url)
    if suffix == "/":
        assert response.json()["count"] >= 10
    assert many == few, f"{name}: {few} queries for 3 objects, {many} for 10"


@pytest.mark.parametrize("kept", [False, True], ids=["serialized", "kept"])
@pytest.mark.parametrize(
    ("name", "serialized", "kept_items"), [("press-releases", 5, 2), ("organisations", 2, 2), ("agreements", 5, 2)]
)
def test_api_lists_run_at_most_six_queries(api, settings, name, serialized, kept_items, kept):
    """Page cache off, once the content generation's counts, themes and organisations are read.

    Kept: the items' representations in the fragment cache, so a list reads the ids of its page's rows only.
    """
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = kept
    most = kept_items if kept else serialized
    theme = ThemeFactory()
    url = f"/api/v1/{name}/?page_size=100"
    for _ in range(3):
        MAKERS[name](theme)
    queries(api, url)
    few, _response = queries(api, url)
    for _ in range(7):
        MAKERS[name](theme)
    queries(api, url)
    many, _response = queries(api, url)

    assert few == many == most
