"""Dates with sane bounds: forms and the database refuse 1900–2200 overruns, derived dates never raise."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from partnerships.models import Agreement, add_months
from press.models import PressRelease
from tests.factories import AgreementFactory, PressReleaseFactory
from tests.workflow.conftest import change_form_data, client_for, make_user
from tests.workflow.conftest import english_admin_url as admin_url
from workflow.states import Status, format_moment

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def publisher_client(django_user_model):
    return client_for(make_user(django_user_model, "paul", "Publishers"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_agreement_form_refuses_a_start_in_year_9999_in_the_staff_language(publisher_client, language):
    url = admin_url("partnerships_agreement_add", language=language)
    data = change_form_data(publisher_client, url) | {
        "title_fr": "Convention lointaine",
        "starts_on": "9999-12-15",
        "duration_months": "1",
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 200
    message = {"en": "Enter a date between 1900 and 2200.", "fr": "Saisissez une date entre 1900 et 2200."}[language]
    assert message in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("field", ["signed_on", "starts_on", "ends_on"])
def test_agreement_dates_outside_the_range_are_refused_by_the_database(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(**{field: D(1899, 12, 31)}, duration_months=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(**{field: D(2201, 1, 1)}, duration_months=None)


def test_release_and_publish_dates_outside_the_range_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PressReleaseFactory(release_date=D(9999, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        PressReleaseFactory(publish_at=datetime.datetime(2300, 1, 1, tzinfo=datetime.UTC))


def test_publish_at_in_year_1_in_tokyo_is_a_form_error(publisher_client):
    release = PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    url = admin_url("press_pressrelease_change", release.pk)
    data = change_form_data(publisher_client, url) | {"time_zone": "Asia/Tokyo", "publish_at_0": "0001-01-01"}
    data |= {"publish_at_1": "00:00"}

    response = publisher_client.post(url, data)

    assert response.status_code == 200
    assert "Enter a date between 1900 and 2200." in response.content.decode()
    release.refresh_from_db()
    assert release.publish_at is None


def test_the_last_agreement_the_database_accepts_shows_everywhere(client, publisher_client):
    agreement = AgreementFactory(
        title_fr="Convention lointaine",
        signed_on=D(2200, 12, 15),
        starts_on=D(2200, 12, 15),
        duration_months=32767,
    )
    with translation.override("fr"):
        urls = [
            "/fr/accords/",
            agreement.get_absolute_url(),
            "/api/v1/agreements/",
            "/api/v1/agreements.csv",
            "/fr/accords/flux/rss/",
            admin_url("partnerships_agreement_changelist"),
            admin_url("partnerships_agreement_preview", agreement.pk),
        ]
    for url in urls:
        response = (publisher_client if "/admin/" in url else client).get(url)
        assert response.status_code == 200, url
    assert "Convention lointaine" in client.get("/fr/accords/").content.decode()


def test_add_months_clamps_instead_of_raising():
    assert add_months(D(9999, 12, 15), 1) == datetime.date.max
    assert add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)


@pytest.mark.parametrize(
    ("moment", "zone"),
    [
        (datetime.datetime(1, 1, 1, tzinfo=datetime.UTC), "Asia/Tokyo"),
        (datetime.datetime.min.replace(tzinfo=datetime.UTC), "America/New_York"),
        (datetime.datetime.max.replace(tzinfo=datetime.UTC), "Asia/Tokyo"),
    ],
)
def test_format_moment_never_raises(moment, zone):
    with translation.override("en"):
        text = format_moment(moment, zone)
    assert str(moment.year) in text


def test_release_list_with_a_release_at_the_bounds(client):
    PressReleaseFactory(title_fr="Au bord du temps", release_date=D(2200, 12, 31))

    response = client.get("/fr/presse/")

    assert response.status_code == 200
    assert PressRelease.objects.live().count() == 1
