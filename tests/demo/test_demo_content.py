"""The demo content load_demo builds from ../shared/seeds, checked piece by piece.

The demo is loaded once for the module, inside a transaction rolled back after its last test; each test
runs in a savepoint of it, as Django's ``TestCase.setUpTestData`` does.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from directory.models import Organisation
from international.models import CooperationSite, FundingInstrument, KeyFigure, Place
from pages.models import Page
from partnerships.models import Agreement
from press.models import AboutProposal, PressRelease

from .test_load_demo import ANSES_RELEASE, BRETAGNE_RELEASE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the tests of this module, and roll it back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_anses_press_release_is_one_release_in_french_and_english():
    release = PressRelease.objects.get(slug_fr=ANSES_RELEASE)

    assert PressRelease.objects.count() == 2
    assert release.slug_en == "anses-inserm-scientific-cooperation-partnership"
    assert release.title_fr == "L'Anses et l'Inserm signent un partenariat de coopération scientifique"
    assert release.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert release.heading == PressRelease.Kind.PRESS_RELEASE
    assert release.dateline_place == "Maisons-Alfort"
    assert release.release_date == datetime.date(2020, 2, 5)
    assert release.lead_fr.startswith("Gilles Bloch, Président-directeur général de l'Inserm")
    assert "**" not in release.lead_fr
    assert release.lead_en.startswith("Gilles Bloch, Chairman and CEO of Inserm, and Roger Genet")
    assert release.body_fr.startswith("<p>L'Inserm et l'Anses mènent des projets scientifiques conjoints")
    assert release.body_fr.count("<p>") == 4
    assert release.body_en.startswith("<p>Inserm and ANSES have been conducting joint scientific projects")
    assert release.body_en.count("<p>") == 4
    assert "Créé en 1964" not in release.body_fr
    assert "Contacts presse" not in release.body_fr
    assert [issuer.organisation.acronym for issuer in release.issuers.all()] == ["Anses", "Inserm"]
    assert release.related_agreement.slug_fr == "convention-cadre-anses-inserm-2020"


def test_anses_press_contacts():
    release = PressRelease.objects.get(slug_fr=ANSES_RELEASE)
    anses, inserm = release.contacts.all()

    assert (anses.organisation.acronym, anses.email, anses.handle) == ("Anses", "presse@anses.fr", "@Anses_fr")
    assert anses.phone_numbers == ["01 49 77 13 77", "01 49 77 22 26"]
    assert (inserm.organisation.acronym, inserm.email, inserm.phone) == ("Inserm", "presse@inserm.fr", "")
    assert Organisation.objects.get(acronym="Anses").press_email == "presse@anses.fr"


def test_about_boilerplates_are_stored_on_the_organisations():
    inserm = Organisation.objects.get(acronym="Inserm", country="FR")
    anses = Organisation.objects.get(acronym="Anses", country="FR")

    # Inserm's French "about" comes from seed 000, not the later wording of seed 004.
    assert inserm.about_fr.startswith("<p>Créé en 1964, l'Inserm est un établissement public")
    assert "double tutelle du ministère de la Santé et du ministère de la Recherche" in inserm.about_fr
    assert inserm.about_en.startswith("<p>Founded in 1964, Inserm is a public scientific and technological")
    assert anses.about_fr.startswith("<p>L'Anses apporte aux décideurs publics")
    assert anses.about_en.startswith("<p>ANSES provides public decision-makers")
    assert inserm.name_en == "French National Institute for Health and Medical Research"
    # The texts the import proposed were all written (or, for a newer wording, dropped): none waits for review.
    assert not AboutProposal.objects.exists()


def test_anses_framework_agreement():
    agreement = Agreement.objects.get(slug_fr="convention-cadre-anses-inserm-2020")

    assert agreement.kind == Agreement.Kind.FRAMEWORK
    assert agreement.signed_on == agreement.starts_on == datetime.date(2020, 2, 5)
    assert (agreement.duration_months, agreement.ends_on) == (60, None)
    assert agreement.end_date_value == datetime.date(2025, 2, 4)
    assert agreement.status_on(datetime.date(2024, 6, 1)) == Agreement.Status.ACTIVE
    assert agreement.status_on(datetime.date(2024, 12, 1)) == Agreement.Status.ENDING_SOON
    assert agreement.status_on(datetime.date(2025, 2, 5)) == Agreement.Status.ENDED
    ended = Agreement.objects.with_status(Agreement.Status.ENDED, today=datetime.date(2025, 2, 5))
    assert list(ended.values_list("slug_fr", flat=True)) == ["convention-cadre-anses-inserm-2020"]
    signatories = [
        (s.person.full_name, s.organisation.acronym, s.title_at_signing_fr, s.title_at_signing_en)
        for s in agreement.signatories.all()
    ]
    assert signatories == [
        ("Gilles Bloch", "Inserm", "Président-directeur général", "Chairman and CEO"),
        ("Roger Genet", "Anses", "Directeur général", "Director General"),
    ]
    assert [party.organisation.acronym for party in agreement.parties.all()] == ["Anses", "Inserm"]
    assert set(agreement.themes.values_list("name_en", flat=True)) == {
        "Endocrine disruptors",
        "Nanomaterials",
        "Air pollution",
        "Pesticides",
        "Infectious agents",
        "One Health and antibiotic resistance",
    }
    assert set(agreement.themes.values_list("name_fr", flat=True)) >= {"Perturbateurs endocriniens", "Pesticides"}
    assert agreement.summary_fr.startswith("Le partenariat prévoit la réalisation conjointe")
    assert agreement.summary_en.startswith("The partnership provides for targeted joint research")
    assert agreement.press_releases.get().slug_fr == ANSES_RELEASE


def test_bretagne_framework_agreement():
    agreement = Agreement.objects.get(slug_fr="convention-cadre-region-bretagne-inserm-2022")

    assert agreement.signed_on == datetime.date(2022, 3, 22)
    assert agreement.signed_at == "Rennes"
    assert (agreement.ends_on, agreement.duration_months) == (datetime.date(2025, 12, 31), None)
    assert agreement.status_on(datetime.date(2025, 3, 1)) == Agreement.Status.ACTIVE
    assert agreement.status_on(datetime.date(2026, 1, 1)) == Agreement.Status.ENDED
    assert [(s.person.full_name, s.title_at_signing_fr) for s in agreement.signatories.all()] == [
        ("Loïg Chesnais-Girard", "Président de la Région Bretagne"),
        ("Gilles Bloch", "Président-directeur général"),
    ]
    assert [party.organisation.name_fr for party in agreement.parties.all()][0] == "Région Bretagne"
    objectives = list(agreement.objectives.all())
    assert len(objectives) == 4
    assert objectives[0].text_fr == (
        "Soutenir les projets d'excellence scientifique, en lien avec la Stratégie régionale de recherche "
        "et d'innovation de la Région Bretagne"
    )
    assert objectives[3].text_fr.startswith("Renforcer le rayonnement international")
    assert all(not objective.text_en for objective in objectives)
    outcomes = [(o.laboratory, o.city, o.year) for o in agreement.outcomes.all()]
    assert outcomes == [
        ("Laboratoire Traitement du Signal et de l'Image (LTSI)", "Rennes", 2022),
        ("Laboratoire de Traitement de l'Information Médicale (LATIM)", "Brest", 2022),
    ]
    assert not agreement.title_en and not agreement.summary_en


def test_bretagne_press_release_is_french_only_with_its_quotes():
    release = PressRelease.objects.get(slug_fr=BRETAGNE_RELEASE)

    assert release.release_date == datetime.date(2022, 3, 22)
    assert release.dateline_place == "Rennes"
    assert release.title_fr == "La Région et l'Inserm s'associent pour développer la recherche biomédicale en Bretagne"
    assert release.heading == PressRelease.Kind.PRESS_RELEASE
    assert not any([release.title_en, release.lead_en, release.body_en, release.slug_en])
    assert "<h2>Démarrage de deux chaires industrielles à Brest et Rennes</h2>" in release.body_fr
    assert "<li><strong>soutenir les projets d'excellence scientifique</strong>" in release.body_fr
    quotes = list(release.quotes.all())
    assert [(q.speaker.full_name, q.speaker_title_fr) for q in quotes] == [
        ("Loïg Chesnais-Girard", "Président de la Région Bretagne"),
        ("Gilles Bloch", "PDG de l'Inserm"),
    ]
    assert quotes[0].text_fr.startswith("La Bretagne, terre d'innovation et d'expérimentation")
    assert quotes[0].text_fr.endswith("vivre mieux sur l'ensemble du territoire.")
    assert "souligne" not in quotes[0].text_fr
    assert quotes[1].text_fr.startswith("L'Inserm, seul organisme national de recherche spécialisé en santé")
    assert all(not q.text_en and not q.speaker_title_en for q in quotes)
    for quote in quotes:
        assert quote.text_fr[:40] not in release.body_fr
    assert "À propos" not in release.body_fr
    assert release.related_agreement.slug_fr == "convention-cadre-region-bretagne-inserm-2022"


def test_cooperation_sites_per_kind_with_places():
    counts = {kind: CooperationSite.objects.filter(kind=kind).count() for kind in CooperationSite.Kind}

    assert counts == {
        CooperationSite.Kind.JOINT_UNIT: 2,
        CooperationSite.Kind.RESEARCH_PROJECT: 26,
        CooperationSite.Kind.NETWORK: 3,
        CooperationSite.Kind.FIELD_SITE: 8,
        CooperationSite.Kind.OFFICE: 2,
    }
    assert CooperationSite.objects.live().count() == 41
    networks = {
        site.name_fr: [place.name_fr for place in site.places.order_by("site_places__position")]
        for site in CooperationSite.objects.filter(kind=CooperationSite.Kind.NETWORK)
    }
    assert sorted(networks.values(), key=len) == [
        ["Jérusalem"],
        ["Atlanta", "Champaign", "Princeton"],
        ["Bâle", "Munich", "Oxford", "Édimbourg"],
    ]
    montreal = CooperationSite.objects.get(name_fr="Projet de recherche international — Montréal")
    assert montreal.name_en == "International research project — Montreal"
    assert montreal.funding_instrument.acronym == "PRI"
    joint_units = CooperationSite.objects.filter(kind=CooperationSite.Kind.JOINT_UNIT)
    assert {site.places.get().country.code for site in joint_units} == {"US", "DE"}
    offices = CooperationSite.objects.filter(kind=CooperationSite.Kind.OFFICE)
    assert {site.places.get().name_en for site in offices} == {"Washington", "Brussels"}


def test_places_have_real_coordinates_and_exonyms():
    cairo = Place.objects.get(name_fr="Le Caire")
    karnataka = Place.objects.get(name_fr="Karnataka")
    abidjan = Place.objects.get(name_fr="Abidjan")

    assert (cairo.name_en, cairo.country.code) == ("Cairo", "EG")
    assert cairo.latitude == pytest.approx(30.04, abs=0.1) and cairo.longitude == pytest.approx(31.24, abs=0.1)
    assert karnataka.country.code == "IN"
    assert karnataka.latitude == pytest.approx(12.97, abs=0.1)  # placed at Bengaluru
    # Abidjan hosts a research project and an ANRS-MIE site: one place, two sites.
    assert abidjan.sites.count() == 2
    assert Place.objects.get(name_fr="Hô-Chi-Minh-Ville").name_en == "Ho Chi Minh City"
    assert Place.objects.get(name_fr="Fribourg").name_en == "Freiburg"
    assert Place.objects.get(name_fr="Sydney").continent == "OC"
    assert Place.objects.count() == 45


def test_funding_instruments():
    tremplins, pri, pic, pct = FundingInstrument.objects.order_by("stage")

    assert tremplins.name_fr == "Tremplins internationaux"
    assert tremplins.stage == FundingInstrument.Stage.EXPLORE
    assert [a.amount_eur for a in tremplins.amounts.all()] == [Decimal("10000")]
    assert tremplins.duration_months == 12
    assert tremplins.eligibility_fr.startswith("Il appuie la mise en place d’une nouvelle collaboration")
    assert "ATIP-Avenir" in tremplins.eligibility_fr
    assert (pri.acronym, pri.stage, pri.duration_months) == ("PRI", FundingInstrument.Stage.CONSOLIDATE, 60)
    assert [(a.amount_eur, a.scope_fr) for a in pri.amounts.all()] == [
        (Decimal("60000"), "partenariats européens"),
        (Decimal("75000"), "partenariats hors Europe"),
    ]
    assert (pic.acronym, pic.stage) == ("PIC", FundingInstrument.Stage.STRUCTURE)
    assert pic.summary_fr.startswith("Les PIC correspondent à des accords institutionnels")
    assert (pct.acronym, pct.stage, pct.partners_min, pct.partners_max, pct.duration_months) == (
        "PCT",
        FundingInstrument.Stage.INTEGRATE,
        4,
        5,
        60,
    )
    project = pct.funded_projects.get()
    assert (project.name, project.lead_name) == ("InterAging", "Eric Gilson")
    assert FundingInstrument.objects.live().count() == 4
    for instrument in (tremplins, pri, pic, pct):
        assert instrument.summary_fr
        assert not instrument.summary_en and not instrument.eligibility_en and not instrument.name_en


def test_key_figures():
    figures = {
        (figure.year, figure.indicator.slug): (figure.value, figure.share_percent)
        for figure in KeyFigure.objects.select_related("indicator")
    }

    assert figures == {
        (2020, "declared-cooperations"): (Decimal("6580"), None),
        (2020, "partner-countries"): (Decimal("102"), None),
        (2020, "cooperation-agreements"): (Decimal("24"), None),
        (2020, "international-copublications"): (Decimal("8880"), Decimal("52")),
        (2020, "eu-copublications"): (Decimal("5502"), Decimal("32")),
        (2012, "declared-cooperations"): (Decimal("6300"), None),
        (2012, "international-copublications"): (None, Decimal("47.4")),
    }
    figure_2012 = KeyFigure.objects.get(year=2012, indicator__slug="declared-cooperations")
    assert "Politique internationale" in figure_2012.source_fr
    assert figure_2012.indicator.label_en == "Declared cooperations"


def test_editorial_pages_from_seeds_002_and_003():
    root = Page.objects.get(slug_fr="europe-et-international")
    children = list(root.children.order_by("position"))
    policy = Page.objects.get(slug_fr="politique-internationale-2012")

    assert root.lead_fr.startswith("L’Inserm entretient une longue tradition de coopération")
    assert "<h2>L’Inserm, acteur de référence sur la scène scientifique internationale</h2>" in root.body_fr
    assert "Carte du monde" not in root.body_fr
    assert [page.title_fr for page in children[:3]] == [
        "Les priorités de la coopération internationale de l’Inserm",
        "Participer activement à la construction de l’espace européen de la recherche",
        "Accompagner les pays à ressources limitées",
    ]
    assert "<h2>Une mobilisation forte contre la Covid-19</h2>" in children[0].body_fr
    assert policy in children
    assert policy.contact_email == "international.dpre@inserm.fr"
    assert "<li>s'inscrit dans le cadre de la Stratégie Nationale de Recherche" in policy.body_fr
    for page in Page.objects.filter(role=""):
        assert page.is_live
        # Titled in English for the menu and links; the text itself is French only.
        assert page.title_en and page.slug_en and not page.body_en and not page.lead_en
        for chrome in ("Haut de page", "Voir Modifier", "Linkedin", "Télécharger la brochure", "Intranet"):
            assert chrome not in page.body_fr


def test_legal_pages_in_both_languages():
    accessibility = Page.objects.get(role=Page.Role.ACCESSIBILITY)
    legal = Page.objects.get(role=Page.Role.LEGAL)
    privacy = Page.objects.get(role=Page.Role.PRIVACY)

    assert accessibility.compliance == Page.Compliance.PARTIAL
    assert "partiellement conforme" in accessibility.body_fr and "RGAA), version 4.1" in accessibility.body_fr
    assert (
        "partially compliant" in accessibility.body_en and "version 4.1, pending a full audit" in accessibility.body_en
    )
    assert "Défenseur des droits" in accessibility.body_fr
    assert "101 rue de Tolbiac, 75013 Paris" in legal.body_fr and "101 rue de Tolbiac" in legal.body_en
    for page in (accessibility, legal, privacy):
        assert page.title_fr and page.title_en and page.body_fr and page.body_en and page.slug_en
        assert page.is_live


def test_dated_content_goes_live_on_its_date():
    release = PressRelease.objects.get(slug_fr=ANSES_RELEASE)
    agreement = Agreement.objects.get(slug_fr="convention-cadre-region-bretagne-inserm-2022")

    assert timezone.localtime(release.publish_at).date() == datetime.date(2020, 2, 5)
    assert timezone.localtime(agreement.publish_at).date() == datetime.date(2022, 3, 22)
    assert PressRelease.objects.live().count() == 2
    assert Agreement.objects.live().count() == 2
