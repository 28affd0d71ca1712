import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import Agreement, add_months
from tests.factories import AgreementFactory

pytestmark = pytest.mark.usefixtures("english")

D = datetime.date


@pytest.mark.django_db
def test_an_agreement_cannot_end_before_it_starts():
    agreement = AgreementFactory.build(starts_on=D(2022, 3, 22), ends_on=D(2021, 1, 1), duration_months=None)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "An agreement cannot end before it starts." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


@pytest.mark.django_db
def test_end_date_and_duration_are_never_both_stored():
    agreement = AgreementFactory.build(starts_on=D(2020, 2, 5), ends_on=D(2025, 2, 4), duration_months=60)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "either an end date or a duration" in str(error.value)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(D(2020, 2, 5), 60) == D(2025, 2, 5)
    assert add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)
    assert add_months(D(2020, 11, 15), 3) == D(2021, 2, 15)


@pytest.mark.django_db
def test_end_date_derives_from_the_duration_in_python_and_in_sql():
    five_years = AgreementFactory(starts_on=D(2020, 2, 5), ends_on=None, duration_months=60)
    fixed = AgreementFactory(starts_on=D(2022, 3, 22), ends_on=D(2025, 12, 31), duration_months=None)
    assert five_years.end_date_value == D(2025, 2, 4)
    assert fixed.end_date_value == D(2025, 12, 31)
    annotated = {a.pk: a.end_date for a in Agreement.objects.with_end_date()}
    assert annotated == {five_years.pk: D(2025, 2, 4), fixed.pk: D(2025, 12, 31)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2022, 1, 1), Agreement.Status.UPCOMING),
        (D(2023, 6, 1), Agreement.Status.ACTIVE),
        (D(2025, 9, 1), Agreement.Status.ENDING_SOON),
        (D(2026, 1, 1), Agreement.Status.ENDED),
    ],
)
def test_status_derives_from_the_dates_in_python_and_in_sql(today, status):
    agreement = AgreementFactory(
        signed_on=D(2022, 3, 22), starts_on=D(2022, 3, 22), ends_on=D(2025, 12, 31), duration_months=None
    )
    AgreementFactory(signed_on=D(2010, 1, 1), starts_on=D(2010, 1, 1), ends_on=D(2011, 1, 1), duration_months=None)
    assert agreement.status_on(today) == status
    assert agreement in Agreement.objects.with_status(status, today=today)
    others = [s for s in Agreement.Status if s != status]
    assert all(agreement not in Agreement.objects.with_status(other, today=today) for other in others)


@pytest.mark.django_db
def test_progress_tells_how_much_of_the_term_has_run():
    agreement = AgreementFactory(starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31), duration_months=None)
    assert agreement.progress(D(2019, 6, 1)) == 0
    assert agreement.progress(D(2020, 7, 1)) == 50
    assert agreement.progress(D(2022, 1, 1)) == 100


@pytest.mark.django_db
def test_slugs_are_unique_per_language_and_filled_from_the_titles():
    first = AgreementFactory(title_fr="Convention Bretagne", title_en="", slug_en="")
    second = AgreementFactory(title_fr="Convention Anses", title_en="", slug_en="")
    assert first.slug_fr == "convention-bretagne"
    assert first.slug_en == second.slug_en == ""  # two empty English slugs do not collide
    with pytest.raises(ValidationError) as error:
        AgreementFactory.build(title_fr="Autre", slug_fr="convention-bretagne").validate_constraints()
    assert "already uses this address" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(title_fr="Autre", slug_fr="convention-bretagne")


@pytest.mark.django_db
def test_a_title_in_one_language_is_required_by_the_database():
    AgreementFactory(title_fr="", slug_fr="", title_en="English only")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(title_fr="", slug_fr="x", title_en="")


@pytest.mark.django_db
def test_unpublish_time_must_follow_publish_time():
    agreement = AgreementFactory.build(
        publish_at=datetime.datetime(2026, 3, 12, 9, tzinfo=datetime.UTC),
        unpublish_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "unpublish time must come after the publish time" in str(error.value)
