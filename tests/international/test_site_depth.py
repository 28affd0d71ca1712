"""Cooperation-site pages show what the model holds; the sites list does not repeat what a name says."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
)

from .conftest import DAKAR, HEIDELBERG, MONTREAL, Kind, make_site

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_site_page_links_partner_releases_agreements_and_neighbouring_sites(client):
    partner = OrganisationFactory(name_en="Heidelberg University", acronym="UHD", country="DE")
    institute = OrganisationFactory(acronym="Inserm")
    site = make_site(kind=Kind.JOINT_UNIT, name_en="Heidelberg unit", places=[HEIDELBERG])
    site.partners.add(partner, institute)
    release = PressReleaseFactory(title_en="Heidelberg release")
    PressReleaseIssuerFactory(release=release, organisation=partner)
    institute_release = PressReleaseFactory(title_en="Any release of the institute")
    PressReleaseIssuerFactory(release=institute_release, organisation=institute)
    agreement = AgreementFactory(title_en="Heidelberg agreement")
    AgreementPartyFactory(agreement=agreement, organisation=partner)
    make_site(name_en="Another German site", places=[HEIDELBERG])
    make_site(name_en="A Canadian site", places=[MONTREAL])

    with override("en"):
        content = get(client, site.get_absolute_url())

    assert "Heidelberg release" in content
    assert "Heidelberg agreement" in content
    assert "Other sites in this country" in content
    assert "Another German site" in content
    assert "Any release of the institute" not in content
    assert "A Canadian site" not in content


def list_item(content, name):
    """Return the text of the sites list's item naming ``name``, tags removed, on one line."""
    start = content.rindex("<li>", 0, content.index(f">{name}</a>"))
    item = content[start : content.index("</li>", start)]
    return " ".join(re.sub(r"<[^>]+>", "", item).split())


def test_sites_list_does_not_repeat_the_kind_and_place_a_name_already_says(client):
    make_site(
        name_fr="Projet de recherche international — Dakar",
        name_en="International research project — Dakar",
        places=[DAKAR],
    )
    make_site(kind=Kind.FIELD_SITE, name_fr="Cohorte sénégalaise", name_en="Senegalese cohort", places=[DAKAR])

    with override("fr"):
        content = get(client, reverse("international:site-list"))

    assert (
        list_item(content, "Projet de recherche international — Dakar") == "Projet de recherche international — Dakar"
    )
    assert list_item(content, "Cohorte sénégalaise") == "Cohorte sénégalaise — Site de terrain — Dakar"
