"""Structured facts of the demo content: who, when, where, how much.

The prose comes from elsewhere: the press releases (with their "about" boilerplates, press
contacts and quotes) are imported from seeds 000, 001 and 004 by the press importer, the
international pages are cut from seeds 002 and 003 by ``webpages.py``, the legal pages are the
files in ``texts/``. What is declared here are the facts a seed states in passing (dates, people
and their titles, coordinates), what the demo adds to an imported release (its address, its
agreement, its themes) and the way each web-page seed is cut into content. English stays empty
wherever the seed is French only; short labels (theme names, indicator labels, place exonyms,
site names built from them) are given in both languages.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from directory.models import Organisation
from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement


@dataclass(frozen=True)
class OrganisationData:
    slug_fr: str
    slug_en: str
    name_fr: str
    name_en: str
    kind: str
    city: str
    website: str
    acronym: str = ""
    country: str = "FR"
    name_with_article_fr: str = ""
    name_with_article_en: str = ""


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    organisation: str
    role_fr: str
    role_en: str = ""
    honorific: str = ""


@dataclass(frozen=True)
class ThemeData:
    slug_fr: str
    slug_en: str
    name_fr: str
    name_en: str


@dataclass(frozen=True)
class SignatoryData:
    person: str
    title_fr: str
    title_en: str = ""


@dataclass(frozen=True)
class OutcomeData:
    title_fr: str
    laboratory: str
    city: str
    year: int


@dataclass(frozen=True)
class AgreementData:
    slug_fr: str
    slug_en: str
    title_fr: str
    title_en: str
    kind: str
    signed_on: datetime.date
    starts_on: datetime.date
    parties: tuple
    signatories: tuple
    signed_at: str = ""
    ends_on: datetime.date | None = None
    duration_months: int | None = None
    themes: tuple = ()
    outcomes: tuple = ()


@dataclass(frozen=True)
class PressReleaseData:
    seeds: tuple  # the seed documents the importer turns into this release (French, then English)
    slug_fr: str
    slug_en: str
    release_date: datetime.date
    dateline_place: str
    agreement: str
    themes: tuple = ()


@dataclass(frozen=True)
class PlaceData:
    country: str
    latitude: float
    longitude: float
    name_en: str


@dataclass(frozen=True)
class AmountData:
    amount_eur: Decimal
    scope_fr: str = ""
    scope_en: str = ""


@dataclass(frozen=True)
class ProjectData:
    name: str
    lead_name: str
    description: tuple


@dataclass(frozen=True)
class InstrumentData:
    heading: str
    slug_fr: str
    name_fr: str
    stage: int
    summary: tuple
    evidence: tuple
    acronym: str = ""
    eligibility: tuple = ()
    amounts: tuple = ()
    duration_months: int | None = None
    partners_min: int | None = None
    partners_max: int | None = None
    projects: tuple = ()


@dataclass(frozen=True)
class IndicatorData:
    slug: str
    label_fr: str
    label_en: str
    position: int


@dataclass(frozen=True)
class KeyFigureData:
    year: int
    indicator: str
    value: Decimal | None
    share_percent: Decimal | None
    seed: str
    evidence: tuple


@dataclass(frozen=True)
class LegalPageData:
    """A page every French public site carries; its text is ``texts/<name>.<language>.html``."""

    name: str
    role: str
    compliance: str = Page.Compliance.NONE
    contact_email: str = ""


@dataclass(frozen=True)
class PageData:
    heading: str
    slug_fr: str
    position: int
    title_fr: str = ""
    # The English title: the menu and links name the page in English even while its text is French only.
    title_en: str = ""
    subheadings: tuple = ()
    skipped_sections: tuple = ()
    lead_from_first_paragraph: bool = False
    parent: str = ""
    contact_email: str = ""


ORGANISATIONS = {
    "inserm": OrganisationData(
        slug_fr="inserm",
        slug_en="inserm",
        acronym="Inserm",
        name_fr="Institut national de la santé et de la recherche médicale",
        name_en="French National Institute for Health and Medical Research",
        name_with_article_fr="l’Institut national de la santé et de la recherche médicale",
        name_with_article_en="the French National Institute for Health and Medical Research",
        kind=Organisation.Kind.RESEARCH_BODY,
        city="Paris",
        website="https://www.inserm.fr",
    ),
    "anses": OrganisationData(
        slug_fr="anses",
        slug_en="anses",
        acronym="Anses",
        name_fr="Agence nationale de sécurité sanitaire de l'alimentation, de l'environnement et du travail",
        name_en="French Agency for Food, Environmental and Occupational Health & Safety",
        name_with_article_fr="l’Agence nationale de sécurité sanitaire de l'alimentation, de l'environnement et du travail",
        name_with_article_en="the French Agency for Food, Environmental and Occupational Health & Safety",
        kind=Organisation.Kind.AGENCY,
        city="Maisons-Alfort",
        website="https://www.anses.fr",
    ),
    "bretagne": OrganisationData(
        slug_fr="region-bretagne",
        slug_en="",
        name_fr="Région Bretagne",
        name_en="",
        name_with_article_fr="la Région Bretagne",
        name_with_article_en="",
        kind=Organisation.Kind.REGION,
        city="Rennes",
        website="https://www.bretagne.bzh",
    ),
    "cnrs": OrganisationData(
        slug_fr="cnrs",
        slug_en="cnrs",
        acronym="CNRS",
        name_fr="Centre national de la recherche scientifique",
        name_en="French National Centre for Scientific Research",
        name_with_article_fr="le Centre national de la recherche scientifique",
        name_with_article_en="the French National Centre for Scientific Research",
        kind=Organisation.Kind.RESEARCH_BODY,
        city="Paris",
        website="https://www.cnrs.fr",
    ),
    "anrs": OrganisationData(
        slug_fr="anrs-mie",
        slug_en="anrs-mie",
        acronym="ANRS-MIE",
        name_fr="ANRS | Maladies infectieuses émergentes",
        name_en="ANRS | Emerging Infectious Diseases",
        kind=Organisation.Kind.AGENCY,
        city="Paris",
        website="https://anrs.fr",
    ),
}

PEOPLE = {
    "bloch": PersonData(
        first_name="Gilles",
        last_name="Bloch",
        honorific="Dr",
        organisation="inserm",
        role_fr="Président-directeur général",
        role_en="Chairman and CEO",
    ),
    "genet": PersonData(
        first_name="Roger",
        last_name="Genet",
        organisation="anses",
        role_fr="Directeur général",
        role_en="Director General",
    ),
    "chesnais-girard": PersonData(
        first_name="Loïg",
        last_name="Chesnais-Girard",
        organisation="bretagne",
        role_fr="Président de la Région Bretagne",
    ),
}

THEMES = {
    "endocrine-disruptors": ThemeData(
        "perturbateurs-endocriniens", "endocrine-disruptors", "Perturbateurs endocriniens", "Endocrine disruptors"
    ),
    "nanomaterials": ThemeData("nanomateriaux", "nanomaterials", "Nanomatériaux", "Nanomaterials"),
    "air-pollution": ThemeData("pollution-de-lair", "air-pollution", "Pollution de l'air", "Air pollution"),
    "pesticides": ThemeData("pesticides", "pesticides", "Pesticides", "Pesticides"),
    "infectious-agents": ThemeData("agents-infectieux", "infectious-agents", "Agents infectieux", "Infectious agents"),
    "one-health": ThemeData(
        "one-health-et-antibioresistance",
        "one-health-and-antibiotic-resistance",
        "One Health et antibiorésistance",
        "One Health and antibiotic resistance",
    ),
    "ai-health": ThemeData(
        "intelligence-artificielle-et-sante",
        "artificial-intelligence-and-health",
        "Intelligence artificielle et santé",
        "Artificial intelligence and health",
    ),
}
ANSES_THEMES = (
    "endocrine-disruptors",
    "nanomaterials",
    "air-pollution",
    "pesticides",
    "infectious-agents",
    "one-health",
)

AGREEMENTS = {
    "anses": AgreementData(
        slug_fr="convention-cadre-anses-inserm-2020",
        slug_en="anses-inserm-framework-agreement-2020",
        title_fr="Convention-cadre de partenariat entre l'Anses et l'Inserm",
        title_en="Framework partnership agreement between ANSES and Inserm",
        kind=Agreement.Kind.FRAMEWORK,
        signed_on=datetime.date(2020, 2, 5),
        starts_on=datetime.date(2020, 2, 5),
        duration_months=60,  # "signée ce jour pour cinq ans"
        parties=("anses", "inserm"),
        signatories=(
            SignatoryData("bloch", "Président-directeur général", "Chairman and CEO"),
            SignatoryData("genet", "Directeur général", "Director General"),
        ),
        themes=ANSES_THEMES,
    ),
    "bretagne": AgreementData(
        slug_fr="convention-cadre-region-bretagne-inserm-2022",
        slug_en="",
        title_fr="Convention-cadre de partenariat entre la Région Bretagne et l'Inserm",
        title_en="",
        kind=Agreement.Kind.FRAMEWORK,
        signed_on=datetime.date(2022, 3, 22),
        signed_at="Rennes",
        starts_on=datetime.date(2022, 3, 22),
        ends_on=datetime.date(2025, 12, 31),
        parties=("bretagne", "inserm"),
        signatories=(
            SignatoryData("chesnais-girard", "Président de la Région Bretagne"),
            SignatoryData("bloch", "Président-directeur général", "Chairman and CEO"),
        ),
        themes=("ai-health",),
        outcomes=(
            OutcomeData(
                title_fr="Chaire industrielle internationale IA et santé — LTSI, Rennes",
                laboratory="Laboratoire Traitement du Signal et de l'Image (LTSI)",
                city="Rennes",
                year=2022,
            ),
            OutcomeData(
                title_fr="Chaire industrielle internationale IA et santé — LATIM, Brest",
                laboratory="Laboratoire de Traitement de l'Information Médicale (LATIM)",
                city="Brest",
                year=2022,
            ),
        ),
    ),
}

PRESS_RELEASES = {
    "anses": PressReleaseData(
        seeds=("000", "001"),
        slug_fr="anses-inserm-partenariat-cooperation-scientifique",
        slug_en="anses-inserm-scientific-cooperation-partnership",
        release_date=datetime.date(2020, 2, 5),
        dateline_place="Maisons-Alfort",
        agreement="anses",
        themes=ANSES_THEMES,
    ),
    "bretagne": PressReleaseData(
        seeds=("004",),
        slug_fr="region-bretagne-inserm-recherche-biomedicale",
        slug_en="",
        release_date=datetime.date(2022, 3, 22),
        dateline_place="Rennes",  # the signature in Rennes the release announces; the seed has no dateline
        agreement="bretagne",
        themes=("ai-health",),
    ),
}
# Seed 004 states the end of the Bretagne agreement (declared in AGREEMENTS) in these words.
BRETAGNE_END_EVIDENCE = "En vigueur jusqu'au 31 décembre 2025"

# Places named in seed 002, by the French name the seed uses: country, latitude, longitude, English name.
PLACES = {
    "Irvine": PlaceData("US", 33.6846, -117.8265, "Irvine"),
    "Heidelberg": PlaceData("DE", 49.3988, 8.6724, "Heidelberg"),
    "Abidjan": PlaceData("CI", 5.3600, -4.0083, "Abidjan"),
    "Montréal": PlaceData("CA", 45.5017, -73.5673, "Montreal"),
    "Ottawa": PlaceData("CA", 45.4215, -75.6972, "Ottawa"),
    "Bethesda": PlaceData("US", 38.9847, -77.0947, "Bethesda"),
    # Bloomington, Indiana (Indiana University), the research university town of that name.
    "Bloomington": PlaceData("US", 39.1653, -86.5264, "Bloomington"),
    "Cleveland": PlaceData("US", 41.4993, -81.6944, "Cleveland"),
    "New York": PlaceData("US", 40.7128, -74.0060, "New York"),
    "Providence": PlaceData("US", 41.8240, -71.4128, "Providence"),
    "Mexico": PlaceData("MX", 19.4326, -99.1332, "Mexico City"),
    "Salvador de Bahia": PlaceData("BR", -12.9777, -38.5016, "Salvador"),
    "Harbin": PlaceData("CN", 45.8038, 126.5350, "Harbin"),
    "Nankin": PlaceData("CN", 32.0603, 118.7969, "Nanjing"),
    "Shanghai": PlaceData("CN", 31.2304, 121.4737, "Shanghai"),
    # Karnataka is a state, not a city: it is placed at its capital, Bangalore (Bengaluru).
    "Karnataka": PlaceData("IN", 12.9716, 77.5946, "Karnataka"),
    "New Delhi": PlaceData("IN", 28.6139, 77.2090, "New Delhi"),
    "Haïfa": PlaceData("IL", 32.7940, 34.9896, "Haifa"),
    "Tokyo": PlaceData("JP", 35.6762, 139.6503, "Tokyo"),
    "Beyrouth": PlaceData("LB", 33.8938, 35.5018, "Beirut"),
    "Dresde": PlaceData("DE", 51.0504, 13.7373, "Dresden"),
    # Fribourg is listed under Germany: Freiburg im Breisgau, not Fribourg in Switzerland.
    "Fribourg": PlaceData("DE", 47.9990, 7.8421, "Freiburg"),
    "Neuherberg": PlaceData("DE", 48.2200, 11.5850, "Neuherberg"),
    "Vienne": PlaceData("AT", 48.2082, 16.3738, "Vienna"),
    "Londres": PlaceData("GB", 51.5074, -0.1278, "London"),
    "Sheffield": PlaceData("GB", 53.3811, -1.4701, "Sheffield"),
    "Melbourne": PlaceData("AU", -37.8136, 144.9631, "Melbourne"),
    "Sydney": PlaceData("AU", -33.8688, 151.2093, "Sydney"),
    "Atlanta": PlaceData("US", 33.7490, -84.3880, "Atlanta"),
    "Champaign": PlaceData("US", 40.1164, -88.2434, "Champaign"),
    "Princeton": PlaceData("US", 40.3573, -74.6672, "Princeton"),
    "Bâle": PlaceData("CH", 47.5596, 7.5886, "Basel"),
    "Munich": PlaceData("DE", 48.1351, 11.5820, "Munich"),
    "Oxford": PlaceData("GB", 51.7520, -1.2577, "Oxford"),
    "Édimbourg": PlaceData("GB", 55.9533, -3.1883, "Edinburgh"),
    "Jérusalem": PlaceData("IL", 31.7683, 35.2137, "Jerusalem"),
    "Le Caire": PlaceData("EG", 30.0444, 31.2357, "Cairo"),
    "Dakar": PlaceData("SN", 14.7167, -17.4677, "Dakar"),
    "Ouagadougou": PlaceData("BF", 12.3714, -1.5197, "Ouagadougou"),
    "Yaoundé": PlaceData("CM", 3.8480, 11.5021, "Yaoundé"),
    "Brasilia": PlaceData("BR", -15.7975, -47.8919, "Brasília"),
    "Hô-Chi-Minh-Ville": PlaceData("VN", 10.8231, 106.6297, "Ho Chi Minh City"),
    "Phnom Penh": PlaceData("KH", 11.5564, 104.9282, "Phnom Penh"),
    "Washington": PlaceData("US", 38.9072, -77.0369, "Washington"),
    "Bruxelles": PlaceData("BE", 50.8503, 4.3517, "Brussels"),
}

# Seed 002's map: where each kind of site is listed, and the sites its prose names.
MAP_SECTION = "Carte du monde."
JOINT_UNITS = ("Irvine", "Heidelberg")
JOINT_UNITS_EVIDENCE = "2 unités mixtes internationales : Irvine aux États-Unis, et Heidelberg en Allemagne"
RESEARCH_PROJECTS_LIST = "Des programmes « projets de de recherches internationaux »"
NETWORKS_LIST = "L’Inserm participe aussi à des réseaux de recherche internationaux CNRS-Inserm"
FIELD_SITES_LIST = "La carte liste enfin les sites de l’ANRS-MIE Inserm"
OFFICES = ("Washington", "Bruxelles")
OFFICES_EVIDENCE = "leurs bureaux à Washington et à Bruxelles"

SITE_NAMES = {
    CooperationSite.Kind.JOINT_UNIT: ("Unité mixte internationale — {fr}", "International joint unit — {en}"),
    CooperationSite.Kind.RESEARCH_PROJECT: (
        "Projet de recherche international — {fr}",
        "International research project — {en}",
    ),
    CooperationSite.Kind.NETWORK: (
        "Réseau de recherche international CNRS-Inserm — {fr}",
        "CNRS-Inserm international research network — {en}",
    ),
    CooperationSite.Kind.FIELD_SITE: ("Site ANRS-MIE — {fr}", "ANRS-MIE site — {en}"),
    CooperationSite.Kind.OFFICE: ("Bureau de l’Inserm à {fr}", "Inserm office in {en}"),
}
SITE_PARTNERS = {CooperationSite.Kind.NETWORK: ("cnrs",), CooperationSite.Kind.FIELD_SITE: ("anrs",)}

INSTRUMENTS = (
    InstrumentData(
        heading="1 – Explorer : les Tremplins Internationaux",
        slug_fr="tremplins-internationaux",
        name_fr="Tremplins internationaux",
        stage=FundingInstrument.Stage.EXPLORE,
        summary=("Le programme Tremplins internationaux est", "Il a pour vocation"),
        eligibility=("Il appuie la mise en place",),
        amounts=(AmountData(Decimal("10000")),),
        duration_months=12,
        evidence=("10 000 € sur une durée d’un an",),
    ),
    InstrumentData(
        heading="2 – Consolider : les Projets de recherche internationaux (ex-LEA/LIA)",
        slug_fr="projets-de-recherche-internationaux",
        name_fr="Projets de recherche internationaux",
        acronym="PRI",
        stage=FundingInstrument.Stage.CONSOLIDATE,
        summary=("Les projets de recherche internationaux (PRI)", "Ouvert thématiquement"),
        eligibility=("Il vise à la consolidation", "Les appels sont ciblés"),
        amounts=(
            AmountData(Decimal("60000"), "partenariats européens", "European partnerships"),
            AmountData(Decimal("75000"), "partenariats hors Europe", "Partnerships outside Europe"),
        ),
        duration_months=60,
        evidence=("pour 5 ans, à hauteur de 60 000 €", "de 75 000 € pour les partenariats hors Europe"),
    ),
    InstrumentData(
        heading="3 – Structurer : les Partenariats internationaux clés (PIC)",
        slug_fr="partenariats-internationaux-cles",
        name_fr="Partenariats internationaux clés",
        acronym="PIC",
        stage=FundingInstrument.Stage.STRUCTURE,
        summary=("Les PIC correspondent",),
        evidence=(),
    ),
    InstrumentData(
        heading="4 – Intégrer : les Programmes de coordination thématique (PCT)",
        slug_fr="programmes-de-coordination-thematique",
        name_fr="Programmes de coordination thématique",
        acronym="PCT",
        stage=FundingInstrument.Stage.INTEGRATE,
        summary=("Premier programme de ce type", "De 4 à 5 PCT"),
        duration_months=60,
        partners_min=4,
        partners_max=5,
        projects=(ProjectData("InterAging", "Eric Gilson", ("Le premier PCT financé", "Il est porté par")),),
        evidence=("partenaires (4–5)", "soutient ces réseaux thématiques sur cinq ans"),
    ),
)

INDICATORS = {
    "declared-cooperations": IndicatorData(
        "declared-cooperations", "Coopérations déclarées", "Declared cooperations", 1
    ),
    "partner-countries": IndicatorData("partner-countries", "Pays partenaires", "Partner countries", 2),
    "cooperation-agreements": IndicatorData(
        "cooperation-agreements", "Accords de coopération en cours", "Cooperation agreements in force", 3
    ),
    "international-copublications": IndicatorData(
        "international-copublications", "Co-publications internationales", "International co-publications", 4
    ),
    "eu-copublications": IndicatorData(
        "eu-copublications",
        "Co-publications avec l’Union européenne",
        "Co-publications with the European Union",
        5,
    ),
}

KEY_FIGURE_SOURCES = {
    "002": (
        "Inserm, page « Europe et international » (chiffres 2020)",
        "Inserm, “Europe et international” page (2020)",
    ),
    "003": (
        "Inserm, page « Politique internationale » (chiffres 2012)",
        "Inserm, “Politique internationale” page (2012)",
    ),
}

KEY_FIGURES = (
    KeyFigureData(2020, "declared-cooperations", Decimal("6580"), None, "002", ("6 580 collaborations déclarées",)),
    KeyFigureData(2020, "partner-countries", Decimal("102"), None, "002", ("avec 102 pays",)),
    KeyFigureData(2020, "cooperation-agreements", Decimal("24"), None, "002", ("24 accords de coopération en cours",)),
    KeyFigureData(
        2020,
        "international-copublications",
        Decimal("8880"),
        Decimal("52"),
        "002",
        ("8 880 co-publications internationales", "représentent 52% des publications"),
    ),
    KeyFigureData(
        2020,
        "eu-copublications",
        Decimal("5502"),
        Decimal("32"),
        "002",
        ("5 502 co-publications avec l’Union européenne", "représentent 32%"),
    ),
    KeyFigureData(2012, "declared-cooperations", Decimal("6300"), None, "003", ("6 300 coopérations déclarées",)),
    KeyFigureData(
        2012, "international-copublications", None, Decimal("47.4"), "003", ("47,4 % des publications de l'Institut",)
    ),
)

# Seeds 002 and 003 as pages, in seed order. Links to brochures and the intranet are dropped
# (the seeds give no address), so are the web-page chrome lines of seed 003.
SKIP_LINES = {
    "002": (
        "Pour en savoir plus, consultez la brochure",
        "Pour en savoir plus sur la participation",
        "Télécharger la brochure",
        "Agents Inserm, pour en savoir plus",
    ),
    "003": ("Contact :", "^ Haut de page", "Voir Modifier Créer ici", "Google+ Linkedin"),
}
ROOT_PAGE = "europe-et-international"
PAGES = {
    "002": (
        PageData(
            heading="Europe et international",
            title_en="Europe and international",
            slug_fr=ROOT_PAGE,
            position=10,
            lead_from_first_paragraph=True,
            subheadings=("L’Inserm, acteur de référence sur la scène scientifique internationale",),
            # Captions of the key-figures image and of the map: the site shows KeyFigure and CooperationSite instead.
            skipped_sections=("L'Inserm à l'international – Chiffres 2020…", MAP_SECTION),
        ),
        PageData(
            heading="Les priorités de la coopération internationale de l’Inserm",
            title_en="Priorities of Inserm’s international cooperation",
            slug_fr="priorites-de-la-cooperation-internationale",
            position=1,
            parent=ROOT_PAGE,
            subheadings=(
                "Se saisir des enjeux mondiaux de santé",
                "Une mobilisation forte contre la Covid-19",
                "Renforcer la collaboration avec les grands partenaires internationaux de l’Inserm",
            ),
        ),
        PageData(
            heading="Participer activement à la construction de l’espace européen de la recherche",
            title_en="Taking an active part in building the European Research Area",
            slug_fr="espace-europeen-de-la-recherche",
            position=2,
            parent=ROOT_PAGE,
            subheadings=("Lauréats européens",),
        ),
        PageData(
            heading="Accompagner les pays à ressources limitées",
            title_en="Supporting low-resource countries",
            slug_fr="pays-a-ressources-limitees",
            position=3,
            parent=ROOT_PAGE,
        ),
        PageData(
            heading="Encourager et structurer les collaborations : les outils de coopération de l’Inserm",
            title_en="Encouraging and structuring collaborations: Inserm’s cooperation tools",
            slug_fr="outils-de-cooperation-internationale",
            position=4,
            parent=ROOT_PAGE,
            subheadings=tuple(instrument.heading for instrument in INSTRUMENTS),
        ),
        PageData(
            heading="Le pilotage de la coopération internationale et européenne",
            title_en="Steering international and European cooperation",
            slug_fr="pilotage-de-la-cooperation-internationale",
            position=5,
            parent=ROOT_PAGE,
        ),
    ),
    "003": (
        PageData(
            heading="Politique internationale",
            title_fr="Politique internationale (2012)",
            title_en="International policy (2012)",
            slug_fr="politique-internationale-2012",
            position=6,
            parent=ROOT_PAGE,
            lead_from_first_paragraph=True,
            contact_email="international.dpre@inserm.fr",
            subheadings=(
                "L'Inserm et l'international",
                "Un paysage international en évolution",
                "Une nouvelle stratégie pour l'Inserm en matière de coopération européenne et internationale",
            ),
        ),
    ),
}
CONTACT_EVIDENCE = {"003": "Contact : international.dpre@inserm.fr"}

# The legal pages, out of the menu, after the editorial pages (positions 100, 101, 102).
LEGAL_PAGES = (
    LegalPageData(
        "accessibility", Page.Role.ACCESSIBILITY, compliance=Page.Compliance.PARTIAL, contact_email="presse@inserm.fr"
    ),
    LegalPageData("legal-notice", Page.Role.LEGAL, contact_email="presse@inserm.fr"),
    LegalPageData("personal-data", Page.Role.PRIVACY),
)


# The newsroom: fictional people at example.org addresses, so that staff can try embargoed sending and
# public mailings on a fresh demo (mails go to the console in demo mode). Beats and themes are keys of THEMES.
@dataclass(frozen=True)
class JournalistData:
    name: str
    outlet: str
    email: str
    language: str
    time_zone: str
    beats: tuple
    accredited_from: datetime.date
    accredited_until: datetime.date | None = None


@dataclass(frozen=True)
class SubscriberData:
    email: str
    languages: str
    themes: tuple  # empty: every release
    requested_at: datetime.datetime
    confirmed_at: datetime.datetime
    page_language: str


JOURNALISTS = (
    JournalistData(
        "Camille Fictive",
        "Le Quotidien de la santé (fictif)",
        "camille.fictive@example.org",
        "fr",
        "Europe/Paris",
        ("endocrine-disruptors", "pesticides"),
        datetime.date(2026, 1, 5),
        datetime.date(2028, 6, 30),
    ),
    JournalistData(
        "Jordan Example",
        "Science Weekly (fictional)",
        "jordan.example@example.org",
        "en",
        "America/New_York",
        ("infectious-agents", "one-health"),
        datetime.date(2025, 9, 1),
    ),
    JournalistData(
        "Aiko Démo",
        "Asia Health Desk (fictional)",
        "aiko.demo@example.org",
        "en",
        "Asia/Tokyo",
        ("ai-health", "air-pollution"),
        datetime.date(2026, 3, 1),
        datetime.date(2027, 12, 31),
    ),
)

SUBSCRIBERS = (
    SubscriberData(
        "abonne.demo@example.org",
        "fr",
        (),
        datetime.datetime(2026, 2, 2, 9, 15, tzinfo=datetime.UTC),
        datetime.datetime(2026, 2, 2, 9, 22, tzinfo=datetime.UTC),
        "fr",
    ),
    SubscriberData(
        "subscriber.demo@example.org",
        "en",
        (),
        datetime.datetime(2026, 2, 3, 14, 0, tzinfo=datetime.UTC),
        datetime.datetime(2026, 2, 3, 14, 5, tzinfo=datetime.UTC),
        "en",
    ),
    SubscriberData(
        "one-health.demo@example.org",
        "both",
        ("one-health",),
        datetime.datetime(2026, 2, 4, 8, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, 2, 4, 8, 41, tzinfo=datetime.UTC),
        "en",
    ),
)
SUBSCRIPTION_SOURCE = "demo (load_demo)"
