"""An organisation is public only while live content names it (issue 10: nothing from an unpublished
release becomes public through reference data)."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone, translation
from simple_history.models import HistoricalChanges

from directory.models import Organisation, Person
from press.models import Quote
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CooperationSiteFactory,
    ExpertFactory,
    OrganisationFactory,
    PersonFactory,
    PressContactFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    SignatoryFactory,
)
from workflow.states import Status

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def states():
    """Return the field values of live content and of each way content is not live."""
    now = timezone.now()
    return {
        "live": {},
        "draft": {"status": Status.DRAFT},
        "embargoed": {"status": Status.PUBLISHED, "publish_at": now + DAY},
        "withdrawn": {"status": Status.PUBLISHED, "publish_at": now - 3 * DAY, "unpublish_at": now - DAY},
    }


def quoted(organisation, **state):
    Quote.objects.create(
        release=PressReleaseFactory(**state), text_fr="Une citation.", speaker=PersonFactory(organisation=organisation)
    )


def signed_for(organisation, **state):
    SignatoryFactory(agreement=AgreementFactory(**state), organisation=organisation, person=PersonFactory())


def signed_by_member(organisation, **state):
    person = PersonFactory(organisation=organisation)
    SignatoryFactory(agreement=AgreementFactory(**state), person=person, organisation=OrganisationFactory())


def expert(organisation, **state):
    """An expert is live when listed (consent, not hidden): every other state hides them."""
    ExpertFactory(organisation=organisation, hidden=bool(state))


# Each way content shows an organisation, with the relation of the schema it goes through.
APPEARANCES = {
    "issuer": (
        "press.PressReleaseIssuer.organisation",
        lambda org, **state: PressReleaseIssuerFactory(organisation=org, release=PressReleaseFactory(**state)),
    ),
    "funder": ("press.PressRelease.funders", lambda org, **state: PressReleaseFactory(**state).funders.add(org)),
    "press contact": (
        "press.PressContact.organisation",
        lambda org, **state: PressContactFactory(organisation=org, release=PressReleaseFactory(**state)),
    ),
    "quote speaker": ("directory.Person.organisation", quoted),
    "agreement party": (
        "partnerships.AgreementParty.organisation",
        lambda org, **state: AgreementPartyFactory(organisation=org, agreement=AgreementFactory(**state)),
    ),
    "signatory": ("partnerships.Signatory.organisation", signed_for),
    "signatory's own organisation": ("directory.Person.organisation", signed_by_member),
    "site partner": (
        "international.CooperationSite.partners",
        lambda org, **state: CooperationSiteFactory(**state).partners.add(org),
    ),
    "site lead": (
        "directory.Person.organisation",
        lambda org, **state: CooperationSiteFactory(lead=PersonFactory(organisation=org), **state),
    ),
    "expert": ("directory.Expert.organisation", expert),
}
# Relations that never show an organisation to the public: "About" texts proposed for review.
PRIVATE = {"press.AboutProposal.organisation"}
# The relations through which a person appears, each only as part of the content it belongs to.
PEOPLE = {"press.Quote.speaker", "partnerships.Signatory.person", "international.CooperationSite.lead"}


def relations_to(model):
    """Return ``"app.Model.field"`` for every foreign key and many-to-many field that points to ``model``.

    Revisions (django-simple-history) are left out: staff only.
    """
    return {
        f"{field.model._meta.label}.{field.name}"
        for candidate in apps.get_models()
        if not issubclass(candidate, HistoricalChanges)
        for field in candidate._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is model and field.model is candidate
    }


def test_every_relation_to_organisations_and_people_is_judged():
    """A new relation must say whether it shows organisations (APPEARANCES) or not (PRIVATE)."""
    assert relations_to(Organisation) == {relation for relation, _make in APPEARANCES.values()} | PRIVATE
    assert relations_to(Person) == PEOPLE


def public(client, organisation):
    """Return whether the organisation's page and API entry answer, and whether live() has it."""
    with translation.override("en"):
        page = client.get(organisation.get_absolute_url()).status_code
    api = client.get(f"/api/v1/organisations/{organisation.pk}/").status_code
    return page, api, Organisation.objects.live().filter(pk=organisation.pk).exists()


@pytest.mark.parametrize("appearance", APPEARANCES)
def test_live_content_makes_its_organisations_public(client, appearance):
    organisation = OrganisationFactory(name_en="Named agency")
    APPEARANCES[appearance][1](organisation, **states()["live"])

    assert public(client, organisation) == (200, 200, True)


@pytest.mark.parametrize("state", ["draft", "embargoed", "withdrawn"])
@pytest.mark.parametrize("appearance", APPEARANCES)
def test_content_that_is_not_live_keeps_its_organisations_private(client, appearance, state):
    organisation = OrganisationFactory(name_en="Named agency")
    APPEARANCES[appearance][1](organisation, **states()[state])

    assert public(client, organisation) == (404, 404, False)


def test_an_embargoed_release_makes_its_issuer_public_at_the_embargo_lift():
    lift = timezone.now() + DAY
    organisation = PressReleaseIssuerFactory(release__publish_at=lift).organisation

    assert not Organisation.objects.live().filter(pk=organisation.pk).exists()
    assert list(Organisation.objects.live(now=lift + datetime.timedelta(seconds=1))) == [organisation]


def test_live_organisations_come_once_in_one_query(django_assert_num_queries):
    organisation = OrganisationFactory()
    for _ in range(2):
        release = PressReleaseFactory()
        PressReleaseIssuerFactory(release=release, organisation=organisation)
        release.funders.add(organisation)
        AgreementPartyFactory(organisation=organisation)
        CooperationSiteFactory().partners.add(organisation)
    OrganisationFactory()  # named by nothing

    with django_assert_num_queries(1):
        assert list(Organisation.objects.live()) == [organisation]
