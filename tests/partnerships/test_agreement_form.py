"""The agreement form: a duration counts from the signature when no start is given; a signatory's organisation
and title at signing come from the person when left empty. In the model and through the admin's change form."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from partnerships.digest import ending_agreements
from partnerships.models import Agreement, Signatory
from tests import factories
from tests.admin.test_admin import management_data
from tests.helpers import admin_url
from tests.workflow.conftest import change_form_data
from workflow.states import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def test_a_duration_without_a_start_date_counts_from_the_signature():
    agreement = factories.AgreementFactory(signed_on=D(2023, 1, 10), starts_on=None, duration_months=24)
    agreement.full_clean()

    assert agreement.start_date == D(2023, 1, 10)
    assert agreement.end_date_value == D(2025, 1, 9)
    # The database computes the same last day (the dashboard, the digest and the status filter read it).
    assert Agreement.objects.with_end_date().get(pk=agreement.pk).end_date == D(2025, 1, 9)
    assert agreement.status_on(D(2024, 12, 1)) == Agreement.Status.ENDING_SOON
    assert list(ending_agreements(days=60, today=D(2024, 12, 1))) == [agreement]


def test_a_start_date_wins_over_the_signature_for_the_duration():
    agreement = factories.AgreementFactory(signed_on=D(2023, 1, 10), starts_on=D(2023, 3, 1), duration_months=12)

    assert agreement.end_date_value == D(2024, 2, 29)
    assert Agreement.objects.with_end_date().get(pk=agreement.pk).end_date == D(2024, 2, 29)


def test_a_duration_with_neither_start_nor_signature_is_refused():
    agreement = factories.AgreementFactory.build(signed_on=None, starts_on=None, duration_months=24)

    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "A duration counts from the start or signature date" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


def test_the_help_text_says_how_the_duration_counts():
    help_text = str(Agreement._meta.get_field("duration_months").help_text)

    assert "from the signature date" in help_text
    assert "signature date" in str(Agreement._meta.get_field("starts_on").help_text)


def test_the_public_page_shows_the_end_derived_from_the_signature(client):
    agreement = factories.AgreementFactory(
        signed_on=D(2023, 1, 10), starts_on=None, duration_months=24, title_en="Brittany framework"
    )

    response = client.get(f"/en/{agreement.get_absolute_url().split('/', 2)[2]}")

    assert response.status_code == 200
    assert 'datetime="2023-01-10"' in response.content.decode()
    assert 'datetime="2025-01-09"' in response.content.decode()


def test_a_signatory_takes_the_persons_organisation_and_role_when_left_empty():
    person = factories.PersonFactory(role_fr="Présidente-directrice générale", role_en="Chair and CEO")
    signatory = Signatory(agreement=factories.AgreementFactory(), person=person, title_at_signing_fr="")

    signatory.full_clean()
    signatory.save()

    signatory.refresh_from_db()
    assert signatory.organisation == person.organisation
    assert (signatory.title_at_signing_fr, signatory.title_at_signing_en) == (
        "Présidente-directrice générale",
        "Chair and CEO",
    )


def test_a_signatory_keeps_the_organisation_and_title_typed():
    person = factories.PersonFactory()
    other = factories.OrganisationFactory()
    signatory = Signatory(
        agreement=factories.AgreementFactory(), person=person, organisation=other, title_at_signing_fr="Recteur"
    )

    signatory.full_clean()
    signatory.save()

    signatory.refresh_from_db()
    assert signatory.organisation == other
    # A title typed in one language is the title held then: the current role is not mixed in.
    assert signatory.title_at_signing_fr == "Recteur"
    assert not signatory.title_at_signing_en


def test_a_signatory_without_organisation_needs_one_when_the_person_has_none():
    person = factories.PersonFactory(organisation=None)
    signatory = Signatory(agreement=factories.AgreementFactory(), person=person)

    with pytest.raises(ValidationError) as error:
        signatory.full_clean()
    assert error.value.message_dict["organisation"] == [
        "Choose the organisation: this person has none in the directory."
    ]


def signatory_rows(*rows):
    data = {
        "signatories-TOTAL_FORMS": str(len(rows)),
        "signatories-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        data |= {f"signatories-{index}-{name}": value for name, value in row.items()}
    return data


def agreement_post(staff_client, url, **overrides):
    data = management_data(staff_client.get(url).content.decode())
    data |= {
        "title_fr": "Accord-cadre Région Bretagne",
        "title_en": "Brittany Region framework agreement",
        "kind": Agreement.Kind.FRAMEWORK,
        "summary_fr": "Résumé.",
        "signed_on": "2024-05-01",
        "starts_on": "",
        "duration_months": "60",
        "status": Status.DRAFT,
    }
    return data | overrides


def test_the_admin_saves_a_duration_without_start_and_a_signatory_from_the_person(staff_client):
    person = factories.PersonFactory(role_fr="Président", role_en="President")
    url = admin_url("add", model=Agreement, language="en")
    data = agreement_post(staff_client, url) | signatory_rows(
        {"person": person.pk, "organisation": "", "title_at_signing_fr": "", "title_at_signing_en": "", "position": "0"}
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get()
    assert (agreement.starts_on, agreement.duration_months) == (None, 60)
    assert agreement.end_date_value == D(2029, 4, 30)
    signatory = agreement.signatories.get()
    assert signatory.organisation == person.organisation
    assert (signatory.title_at_signing_fr, signatory.title_at_signing_en) == ("Président", "President")


def test_the_admin_asks_for_the_organisation_of_a_person_without_one(staff_client):
    person = factories.PersonFactory(organisation=None)
    url = admin_url("add", model=Agreement, language="en")
    data = agreement_post(staff_client, url) | signatory_rows(
        {"person": person.pk, "organisation": "", "position": "0"}
    )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Choose the organisation: this person has none in the directory." in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_change_form_fills_the_organisation_of_an_existing_agreement(staff_client):
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    person = factories.PersonFactory()
    url = admin_url("change", agreement.pk, model=Agreement, language="en")
    data = change_form_data(staff_client, url) | signatory_rows({"person": person.pk, "position": "0"})
    data["signatories-INITIAL_FORMS"] = "0"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert agreement.signatories.get().organisation == person.organisation


def test_the_demo_agreements_still_load():
    call_command("load_demo", verbosity=0)

    assert Signatory.objects.exists()
    assert not Signatory.objects.filter(organisation__isnull=True).exists()
