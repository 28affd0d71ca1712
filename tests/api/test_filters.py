"""The API filters like the HTML lists, and a bad value is a 400 in JSON that names the parameter."""

import datetime

import pytest

from directory.models import Theme
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CooperationSiteFactory,
    KeyFigureFactory,
    LiveOrganisationFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_press_releases_filter_by_year_theme_organisation_and_words(api, db):
    theme, organisation = ThemeFactory(), OrganisationFactory()
    old = PressReleaseFactory(release_date=datetime.date(2019, 6, 1), title_en="Vaccines and immunity")
    new = PressReleaseFactory(release_date=datetime.date(2023, 6, 1), title_fr="Partenariat régional")
    new.themes.add(theme)
    PressReleaseIssuerFactory(release=old, organisation=organisation)

    assert ids(api.get("/api/v1/press-releases/?year=2019")) == [old.pk]
    assert ids(api.get("/api/v1/press-releases/?year=2001")) == []
    assert ids(api.get(f"/api/v1/press-releases/?theme={theme.pk}")) == [new.pk]
    assert ids(api.get(f"/api/v1/press-releases/?organisation={organisation.pk}")) == [old.pk]
    assert ids(api.get("/api/v1/press-releases/?q=vaccines")) == [old.pk]
    assert ids(api.get("/api/v1/press-releases/?q=partenariat")) == [new.pk]


def test_agreements_filter_by_status_theme_partner_kind_and_country(api, db):
    today = datetime.date.today()
    theme = ThemeFactory()
    ended = AgreementFactory(starts_on=today - datetime.timedelta(days=800), duration_months=12)
    running = AgreementFactory(starts_on=today - datetime.timedelta(days=10), duration_months=60)
    running.themes.add(theme)
    AgreementPartyFactory(agreement=ended, organisation=OrganisationFactory(kind="region", country="FR"))
    AgreementPartyFactory(agreement=running, organisation=OrganisationFactory(kind="university", country="DE"))

    assert ids(api.get("/api/v1/agreements/?status=ended")) == [ended.pk]
    assert ids(api.get("/api/v1/agreements/?status=in_force")) == [running.pk]
    assert ids(api.get(f"/api/v1/agreements/?theme={theme.pk}")) == [running.pk]
    assert ids(api.get("/api/v1/agreements/?partner_kind=region")) == [ended.pk]
    assert ids(api.get("/api/v1/agreements/?country=DE")) == [running.pk]


def test_sites_filter_by_one_or_several_kinds(api, db):
    unit = CooperationSiteFactory(kind="joint_unit")
    network = CooperationSiteFactory(kind="network")
    CooperationSiteFactory(kind="office")
    assert ids(api.get("/api/v1/sites/?kind=network")) == [network.pk]
    assert sorted(ids(api.get("/api/v1/sites/?kind=network&kind=joint_unit"))) == sorted([unit.pk, network.pk])


def test_key_figures_filter_by_year_and_indicator(api, db):
    figure = KeyFigureFactory(year=2012, indicator__slug="declared-cooperations")
    KeyFigureFactory(year=2020)
    assert ids(api.get("/api/v1/key-figures/?year=2012")) == [figure.pk]
    assert ids(api.get("/api/v1/key-figures/?indicator=declared-cooperations")) == [figure.pk]


def test_organisations_filter_by_kind_and_country(api, db):
    region = LiveOrganisationFactory(kind="region", country="FR")
    LiveOrganisationFactory(kind="university", country="DE")
    assert ids(api.get("/api/v1/organisations/?kind=region&country=FR")) == [region.pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("/api/v1/press-releases/?year=abc", "year"),
        ("/api/v1/press-releases/?year=20200", "year"),
        ("/api/v1/press-releases/?year=2020.5", "year"),
        ("/api/v1/press-releases/?theme=999999", "theme"),
        ("/api/v1/press-releases/?theme=abc", "theme"),
        ("/api/v1/press-releases/?organisation=99999999999999999999999", "organisation"),
        ("/api/v1/press-releases/?q=" + "x" * 300, "q"),
        ("/api/v1/press-releases/?page=abc", "page"),
        ("/api/v1/press-releases/?page=0", "page"),
        ("/api/v1/press-releases/?page_size=-3", "page_size"),
        ("/api/v1/agreements/?status=signed", "status"),
        ("/api/v1/agreements/?country=ZZ", "country"),
        ("/api/v1/agreements/?partner_kind=%27%20OR%201%3D1", "partner_kind"),
        ("/api/v1/sites/?kind=castle", "kind"),
        ("/api/v1/places/?country=France", "country"),
        ("/api/v1/key-figures/?year=%00", "year"),
        ("/api/v1/organisations/?kind=%F0%9F%A6%84", "kind"),
    ],
)
def test_bad_value_answers_400_naming_the_parameter(api, db, query, parameter):
    PressReleaseFactory()
    response = api.get(query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == [parameter]
    assert errors[parameter] and all(isinstance(message, str) for message in errors[parameter])


def test_page_past_the_end_is_a_json_404(api, db):
    PressReleaseFactory()
    response = api.get("/api/v1/press-releases/?page=5")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]


def test_page_size_is_capped_at_100(api, db):
    Theme.objects.bulk_create(Theme(name_fr=f"Thème {n:03}", slug_fr=f"theme-{n}") for n in range(101))
    body = api.get("/api/v1/themes/?page_size=100000").json()
    assert (body["count"], len(body["results"])) == (101, 100)
    assert body["next"] == "http://testserver/api/v1/themes/?page=2&page_size=100000"
