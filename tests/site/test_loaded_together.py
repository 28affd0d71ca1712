"""A page's themes, organisations, parties and experts come in one query (core.together) and show as before."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.models import Organisation
from partnerships.models import Agreement
from press.models import PressRelease, create_embargo_link
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ExpertFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    ThemeFactory,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def test_a_release_brings_its_themes_issuers_and_listed_experts_in_their_order():
    release = PressReleaseFactory()
    release.themes.add(ThemeFactory(name_fr="Virologie"), ThemeFactory(name_fr="Cancer"))
    PressReleaseIssuerFactory(release=release, organisation=OrganisationFactory(name_fr="Second"), position=2)
    PressReleaseIssuerFactory(release=release, organisation=OrganisationFactory(name_fr="Premier"), position=1)
    release.experts.add(ExpertFactory(last_name="Zola"), ExpertFactory(last_name="Abel"), ExpertFactory(hidden=True))

    loaded = PressRelease.objects.live().for_detail().get(pk=release.pk)
    with CaptureQueriesContext(connection) as queries:
        themes = [theme.name_fr for theme in loaded.themes.all()]
        issuers = [issuer.organisation.name_fr for issuer in loaded.issuers.all()]
        experts = [expert.last_name for expert in loaded.live_experts]

    assert themes == ["Cancer", "Virologie"]
    assert issuers == ["Premier", "Second"]
    assert experts == ["Abel", "Zola"]
    assert len(queries) == 0


def test_an_agreement_brings_its_parties_and_objectives_in_their_order():
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, organisation=OrganisationFactory(name_fr="B"), role_fr="Co", position=1)
    AgreementPartyFactory(
        agreement=agreement, organisation=OrganisationFactory(name_fr="A"), role_fr="Chef", position=0
    )
    ObjectiveFactory(agreement=agreement, text_fr="Former", position=2)
    ObjectiveFactory(agreement=agreement, text_fr="Chercher", position=1)

    loaded = Agreement.objects.live().for_detail().get(pk=agreement.pk)
    with CaptureQueriesContext(connection) as queries:
        parties = [(party.organisation.name_fr, party.role_fr) for party in loaded.parties.all()]
        objectives = [objective.text_fr for objective in loaded.objectives.all()]

    assert parties == [("A", "Chef"), ("B", "Co")]
    assert objectives == ["Chercher", "Former"]
    assert len(queries) == 0


def test_a_journalist_link_shows_the_issuer_only_its_embargoed_release_names(client):
    release = PressReleaseFactory(title_fr="Vaccin", publish_at=timezone.now() + datetime.timedelta(hours=2))
    PressReleaseIssuerFactory(release=release, organisation=OrganisationFactory(name_fr="Laboratoire discret"))
    assert not Organisation.objects.live().filter(name_fr="Laboratoire discret").exists()
    _link, token = create_embargo_link(release=release, recipient="AFP")

    page = client.get(url_in("fr", lambda: reverse("press:embargo", args=[token])))
    public = client.get(url_in("fr", lambda: reverse("press:release-list")))

    assert page.status_code == 200
    assert "Laboratoire discret" in page.content.decode()
    assert public.status_code == 200
    assert "Laboratoire discret" not in public.content.decode()
