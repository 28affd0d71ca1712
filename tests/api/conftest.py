"""Fixtures of the API tests: an unthrottled client and one live object of every kind, fully related."""

import datetime

import pytest
from rest_framework.test import APIClient

from partnerships.models import Outcome
from press.models import Quote
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AwardAmountFactory,
    CooperationSiteFactory,
    ExpertFactory,
    FundingInstrumentFactory,
    KeyFigureFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    PressContactFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    SignatoryFactory,
    SitePlaceFactory,
    ThemeFactory,
)
from workflow.states import Status

LIST_URLS = {
    "press-releases": "/api/v1/press-releases/",
    "agreements": "/api/v1/agreements/",
    "sites": "/api/v1/sites/",
    "places": "/api/v1/places/",
    "funding-instruments": "/api/v1/funding-instruments/",
    "key-figures": "/api/v1/key-figures/",
    "organisations": "/api/v1/organisations/",
    "themes": "/api/v1/themes/",
    "experts": "/api/v1/experts/",
}


# Filled by test_schemathesis.py, printed at the end of the run.
FIGURES = {"operations": set(), "cases": 0, "failures": 0, "real": 0}


def pytest_terminal_summary(terminalreporter):
    if FIGURES["cases"]:
        terminalreporter.write_line(
            f"API schema test: {len(FIGURES['operations'])} operations, {FIGURES['cases']} generated cases, "
            f"{FIGURES['failures']} failing; {FIGURES['real']} responses about real objects validated"
        )


@pytest.fixture
def api():
    return APIClient()


def not_live(factory, **kwargs):
    """Return a draft, a scheduled, and an expired object made by ``factory``."""
    now = datetime.datetime.now(datetime.UTC)
    return [
        factory(status=Status.DRAFT, **kwargs),
        factory(publish_at=now + datetime.timedelta(days=3), **kwargs),
        factory(publish_at=now - datetime.timedelta(days=10), unpublish_at=now - datetime.timedelta(days=1), **kwargs),
    ]


@pytest.fixture
def world(db):
    """Create one live object of each kind with all its relations; return them by endpoint name."""
    theme = ThemeFactory(slug_fr="sante-publique", slug_en="public-health")
    inserm = OrganisationFactory(name_fr="Institut national", name_en="National institute", acronym="Inserm")
    region = OrganisationFactory(name_fr="Région Bretagne", name_en="", acronym="", kind="region")
    person = PersonFactory(first_name="Gilles", last_name="Bloch", organisation=inserm)

    agreement = AgreementFactory(
        title_fr="Convention-cadre Bretagne",
        title_en="Brittany framework agreement",
        slug_fr="convention-bretagne",
        slug_en="brittany-agreement",
        body_fr="<p>Texte <strong>riche</strong>.</p>",
        body_en="<p>Rich <strong>text</strong>.</p>",
    )
    agreement.themes.add(theme)
    AgreementPartyFactory(agreement=agreement, organisation=region, role_fr="Financeur", role_en="Funder", position=1)
    AgreementPartyFactory(agreement=agreement, organisation=inserm, position=0)
    SignatoryFactory(agreement=agreement, person=person)
    ObjectiveFactory(agreement=agreement, text_fr="Soutenir l'excellence", text_en="Support excellence")
    Outcome.objects.create(
        agreement=agreement, title_fr="Chaire", title_en="Chair", laboratory="LTSI", city="Rennes", year=2023
    )

    release = PressReleaseFactory(
        title_fr="La Région et l'Inserm s'associent",
        title_en="The Region and Inserm join forces",
        slug_fr="region-inserm",
        slug_en="region-inserm-en",
        release_date=datetime.date(2022, 3, 22),
        related_agreement=agreement,
    )
    release.themes.add(theme)
    PressReleaseIssuerFactory(release=release, organisation=region, position=0)
    PressReleaseIssuerFactory(release=release, organisation=inserm, position=1)
    PressContactFactory(release=release, organisation=inserm, name="Service de presse", email="presse@inserm.fr")
    Quote.objects.create(
        release=release, text_fr="Une étape.", text_en="A milestone.", speaker=person, speaker_title_fr="PDG"
    )

    instrument = FundingInstrumentFactory(name_fr="Tremplins internationaux", name_en="International springboards")
    AwardAmountFactory(instrument=instrument, amount_eur=60000, scope_fr="en Europe", scope_en="in Europe")
    site = CooperationSiteFactory(
        name_fr="Laboratoire international", name_en="International laboratory", funding_instrument=instrument
    )
    site.themes.add(theme)
    site.partners.add(inserm)
    site_place = SitePlaceFactory(
        site=site, place__name_fr="Heidelberg", place__name_en="Heidelberg", place__country="DE"
    )
    figure = KeyFigureFactory(
        year=2020, value=6580, indicator__label_fr="Coopérations déclarées", indicator__label_en="Declared cooperations"
    )
    expert = ExpertFactory(first_name="Claire", last_name="Dupont", slug="claire-dupont", organisation=inserm)
    expert.themes.add(theme)
    return {
        "experts": expert,
        "press-releases": release,
        "agreements": agreement,
        "sites": site,
        "places": site_place.place,
        "funding-instruments": instrument,
        "key-figures": figure,
        "organisations": inserm,
        "themes": theme,
    }
