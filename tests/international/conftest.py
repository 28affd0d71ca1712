import datetime

import pytest
from django.utils import timezone

from international.models import CooperationSite, Place
from tests.factories import CooperationSiteFactory, PlaceFactory, SitePlaceFactory
from workflow.states import Status

Kind = CooperationSite.Kind


def make_site(*, places, kind=Kind.RESEARCH_PROJECT, **fields):
    """Create a site at ``places``: (name_fr, name_en, country, latitude, longitude) tuples, shared by name."""
    site = CooperationSiteFactory(kind=kind, **fields)
    for position, (name_fr, name_en, country, latitude, longitude) in enumerate(places):
        place = Place.objects.filter(name_fr=name_fr, country=country).first() or PlaceFactory(
            name_fr=name_fr, name_en=name_en, country=country, latitude=latitude, longitude=longitude
        )
        SitePlaceFactory(site=site, place=place, position=position)
    return site


HEIDELBERG = ("Heidelberg", "Heidelberg", "DE", 49.4, 8.67)
IRVINE = ("Irvine", "Irvine", "US", 33.68, -117.83)
DAKAR = ("Dakar", "Dakar", "SN", 14.7, -17.45)
BRUSSELS = ("Bruxelles", "Brussels", "BE", 50.85, 4.35)
MONTREAL = ("Montréal", "Montreal", "CA", 45.5, -73.57)
SYDNEY = ("Sydney", "Sydney", "AU", -33.87, 151.2)


@pytest.fixture
def world(db):
    """Live sites of every kind on four continents, a network across three of them."""
    return {
        "irvine": make_site(
            kind=Kind.JOINT_UNIT,
            name_fr="Unité mixte d’Irvine",
            name_en="Irvine joint unit",
            places=[IRVINE],
            start_year=2019,
        ),
        "heidelberg": make_site(
            kind=Kind.JOINT_UNIT,
            name_fr="Unité mixte de Heidelberg",
            name_en="Heidelberg joint unit",
            places=[HEIDELBERG],
        ),
        "dakar": make_site(kind=Kind.FIELD_SITE, name_fr="Site de Dakar", name_en="Dakar field site", places=[DAKAR]),
        "network": make_site(
            kind=Kind.NETWORK,
            name_fr="Réseau InterAging",
            name_en="InterAging network",
            places=[BRUSSELS, MONTREAL, SYDNEY],
        ),
        "office": make_site(
            kind=Kind.OFFICE, name_fr="Bureau de Bruxelles", name_en="Brussels office", places=[BRUSSELS]
        ),
    }


@pytest.fixture
def hidden_sites(db):
    """One site per way of not being public, each with a unique marker in its names."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    states = {
        "draft": {"status": Status.DRAFT},
        "review": {"status": Status.REVIEW},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": now + day},
        "expired": {"status": Status.PUBLISHED, "publish_at": now - 2 * day, "unpublish_at": now - day},
    }
    markers = []
    for state, fields in states.items():
        marker = f"ZZHIDDEN{state.upper()}"
        make_site(
            kind=Kind.NETWORK,
            name_fr=f"{marker} fr",
            name_en=f"{marker} en",
            places=[
                (f"{marker} lieu", f"{marker} place", "JP", 35.7, 139.7),
                (f"{marker} 2", f"{marker} 2", "KR", 37.5, 127.0),
            ],
            **fields,
        )
        markers.append(marker)
    return markers
