"""Filters narrow the lists, keep pagination, and never fail on malformed input."""

import datetime

import pytest
from django.urls import reverse

from directory.models import Organisation
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    ThemeFactory,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def press_list(language="en"):
    return url_in(language, lambda: reverse("press:release-list"))


def agreement_list(language="en"):
    return url_in(language, lambda: reverse("partnerships:agreement-list"))


@pytest.fixture
def releases():
    health, genetics = ThemeFactory(name_en="Health"), ThemeFactory(name_en="Genetics")
    anses, region = OrganisationFactory(name_en="Anses"), OrganisationFactory(name_en="Brittany Region")
    old = PressReleaseFactory(title_en="Old release", release_date=datetime.date(2019, 5, 1))
    old.themes.add(health)
    PressReleaseIssuerFactory(release=old, organisation=anses)
    new = PressReleaseFactory(title_en="New release", release_date=datetime.date(2022, 3, 22))
    new.themes.add(genetics)
    PressReleaseIssuerFactory(release=new, organisation=region)
    return {"health": health, "genetics": genetics, "anses": anses, "region": region}


def test_press_filter_by_year(client, releases):
    html = client.get(press_list(), {"year": "2019"}).content.decode()
    assert "Old release" in html
    assert "New release" not in html


def test_press_filter_by_theme(client, releases):
    html = client.get(press_list(), {"theme": releases["genetics"].pk}).content.decode()
    assert "New release" in html
    assert "Old release" not in html


def test_press_filter_by_organisation(client, releases):
    html = client.get(press_list(), {"organisation": releases["anses"].pk}).content.decode()
    assert "Old release" in html
    assert "New release" not in html


def test_press_search_reads_both_languages(client, releases):
    PressReleaseFactory(title_fr="Chaire industrielle", title_en="Industrial chair")
    assert "Industrial chair" in client.get(press_list(), {"q": "chaire"}).content.decode()
    assert "Chaire industrielle" in client.get(press_list("fr"), {"q": "industrial"}).content.decode()
    assert "Old release" not in client.get(press_list(), {"q": "chaire"}).content.decode()


def test_filter_form_is_labelled_and_has_submit(client, releases):
    html = client.get(press_list()).content.decode()
    for field in ("q", "year", "theme", "organisation"):
        assert f'<label for="id_{field}">' in html
    assert '<button type="submit">' in html


def test_pagination_keeps_filters(client):
    theme = ThemeFactory()
    for _ in range(12):
        PressReleaseFactory().themes.add(theme)
    PressReleaseFactory(title_en="Off theme")
    response = client.get(press_list(), {"theme": theme.pk})
    html = response.content.decode()
    assert response.context["paginator"].count == 12
    assert f'href="?theme={theme.pk}&amp;page=2"' in html
    second = client.get(press_list(), {"theme": theme.pk, "page": 2})
    assert len(second.context["page_obj"].object_list) == 2
    assert "Off theme" not in second.content.decode()


@pytest.fixture
def agreements():
    health = ThemeFactory(name_en="Health policy")
    region = OrganisationFactory(name_en="Region of Brittany", kind=Organisation.Kind.REGION, country="FR")
    german = OrganisationFactory(name_en="German University", kind=Organisation.Kind.UNIVERSITY, country="DE")
    today = datetime.date.today()
    in_force = AgreementFactory(
        title_en="Running agreement",
        starts_on=today - datetime.timedelta(days=400),
        signed_on=today - datetime.timedelta(days=400),
        duration_months=60,
    )
    in_force.themes.add(health)
    AgreementPartyFactory(agreement=in_force, organisation=region)
    ending = AgreementFactory(
        title_en="Ending agreement",
        starts_on=today - datetime.timedelta(days=700),
        signed_on=today - datetime.timedelta(days=700),
        duration_months=None,
        ends_on=today + datetime.timedelta(days=30),
    )
    AgreementPartyFactory(agreement=ending, organisation=german)
    AgreementFactory(
        title_en="Ended agreement",
        signed_on=datetime.date(2010, 1, 1),
        starts_on=datetime.date(2010, 1, 1),
        duration_months=12,
    )
    AgreementFactory(
        title_en="Upcoming agreement",
        signed_on=today,
        starts_on=today + datetime.timedelta(days=60),
        duration_months=12,
    )
    return {"health": health, "region": region, "german": german}


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("in_force", {"Running agreement", "Ending agreement"}),
        ("ending_soon", {"Ending agreement"}),
        ("ended", {"Ended agreement"}),
        ("upcoming", {"Upcoming agreement"}),
    ],
)
def test_agreement_filter_by_status(client, agreements, status, shown):
    html = client.get(agreement_list(), {"status": status}).content.decode()
    for title in ("Running agreement", "Ending agreement", "Ended agreement", "Upcoming agreement"):
        assert (title in html) == (title in shown), title


def test_agreement_filter_by_theme_kind_and_country(client, agreements):
    html = client.get(agreement_list(), {"theme": agreements["health"].pk}).content.decode()
    assert "Running agreement" in html and "Ending agreement" not in html
    html = client.get(agreement_list(), {"partner_kind": "university"}).content.decode()
    assert "Ending agreement" in html and "Running agreement" not in html
    html = client.get(agreement_list(), {"country": "DE"}).content.decode()
    assert "Ending agreement" in html and "Running agreement" not in html
    assert "Germany" in html


MALFORMED = [
    {"year": "abc"},
    {"year": "-1"},
    {"theme": "999999"},
    {"theme": "abc"},
    {"organisation": "1e9"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999999999999999999"},
    {"page": "0"},
    {"q": "x" * 2000},
    {"year": "9" * 2000},
    {"theme": "💥\u202e\u0000"},
    {"q": "\x00"},
    {"q": "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")},
    {"status": "forever"},
    {"partner_kind": "<script>"},
    {"country": "ZZ"},
]


@pytest.mark.parametrize("params", MALFORMED)
@pytest.mark.parametrize("list_url", [press_list, agreement_list])
def test_malformed_filters_never_fail(client, releases, agreements, list_url, params):
    response = client.get(list_url(), params)
    assert response.status_code in (200, 404)
    assert "</html>" in response.content.decode()


def test_invalid_filter_value_gives_empty_list_with_error(client, releases):
    response = client.get(press_list(), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert 'class="field__error"' in response.content.decode()


def test_page_out_of_range_shows_a_page(client, releases):
    response = client.get(press_list(), {"page": "99"})
    assert response.status_code == 200
    assert "New release" in response.content.decode()
