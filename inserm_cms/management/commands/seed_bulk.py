"""Fill the database with realistic bilingual synthetic content, for benchmarks and load tests."""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone

from directory.models import Organisation, Person, Theme
from international.models import CooperationSite, Indicator, KeyFigure, Place, SitePlace
from pagecache.generation import bump_generation
from partnerships.models import Agreement, AgreementParty, Objective, Signatory
from press.models import PressContact, PressRelease, PressReleaseIssuer, Quote
from workflow.states import Status

# Every synthetic row carries this prefix in its slug (or code): it is how a second run finds the first.
PREFIX = "bulk-"
BATCH = 2000

THEMES = [
    ("Cancer", "Cancer", "tumeur", "tumour"),
    ("Neurosciences", "Neuroscience", "neurone", "neuron"),
    ("Maladies infectieuses", "Infectious diseases", "virus", "virus"),
    ("Immunologie", "Immunology", "lymphocyte", "lymphocyte"),
    ("Génétique", "Genetics", "génome", "genome"),
    ("Cardiologie", "Cardiology", "cœur", "heart"),
    ("Santé publique", "Public health", "cohorte", "cohort"),
    ("Nutrition", "Nutrition", "alimentation", "diet"),
    ("Vieillissement", "Ageing", "longévité", "longevity"),
    ("Santé mentale", "Mental health", "dépression", "depression"),
    ("Diabète", "Diabetes", "insuline", "insulin"),
    ("Maladies rares", "Rare diseases", "mutation", "mutation"),
    ("Pédiatrie", "Paediatrics", "enfant", "child"),
    ("Technologies pour la santé", "Health technologies", "capteur", "sensor"),
    ("Intelligence artificielle", "Artificial intelligence", "algorithme", "algorithm"),
    ("Environnement et santé", "Environment and health", "pollution", "pollution"),
    ("Microbiote", "Microbiota", "bactérie", "bacterium"),
    ("Biologie cellulaire", "Cell biology", "cellule", "cell"),
    ("Thérapie génique", "Gene therapy", "vecteur", "vector"),
    ("Vaccins", "Vaccines", "vaccin", "vaccine"),
]

SUBJECTS_FR = [
    "Une équipe de recherche",
    "Des chercheurs",
    "Un consortium international",
    "Une étude de cohorte",
    "Des scientifiques",
]
SUBJECTS_EN = ["A research team", "Researchers", "An international consortium", "A cohort study", "Scientists"]
VERBS_FR = ["identifie", "décrit", "révèle", "montre", "mesure", "explique"]
VERBS_EN = ["identifies", "describes", "reveals", "shows", "measures", "explains"]
OBJECTS_FR = [
    "un nouveau mécanisme de la {w}",
    "le rôle de la {w} dans la maladie",
    "une piste thérapeutique liée à la {w}",
    "l'effet de la {w} chez les patients",
    "une cible prometteuse autour de la {w}",
]
OBJECTS_EN = [
    "a new mechanism of the {w}",
    "the role of the {w} in disease",
    "a therapeutic lead related to the {w}",
    "the effect of the {w} in patients",
    "a promising target around the {w}",
]
FILLER_FR = [
    "Les résultats sont publiés dans une revue internationale à comité de lecture.",
    "Ces travaux ouvrent la voie à de nouveaux essais cliniques dans les prochaines années.",
    "L'étude s'appuie sur des données recueillies pendant plusieurs années dans plusieurs hôpitaux.",
    "Les chercheurs souhaitent désormais confirmer ces observations sur un plus grand nombre de personnes.",
    "Ce projet associe des laboratoires publics, des hôpitaux universitaires et des partenaires industriels.",
    "Les auteurs soulignent l'importance de la recherche fondamentale pour comprendre ces mécanismes.",
]
FILLER_EN = [
    "The results are published in an international peer-reviewed journal.",
    "This work paves the way for new clinical trials in the coming years.",
    "The study relies on data collected over several years in several hospitals.",
    "The researchers now want to confirm these observations in a larger number of people.",
    "The project brings together public laboratories, university hospitals and industrial partners.",
    "The authors stress the importance of basic research to understand these mechanisms.",
]
CITIES = [
    ("Paris", "FR", 48.86, 2.35),
    ("Lyon", "FR", 45.76, 4.84),
    ("Marseille", "FR", 43.30, 5.37),
    ("Bordeaux", "FR", 44.84, -0.58),
    ("Montréal", "CA", 45.50, -73.57),
    ("Dakar", "SN", 14.72, -17.47),
    ("Santiago", "CL", -33.45, -70.67),
    ("Hanoï", "VN", 21.03, 105.85),
    ("Tokyo", "JP", 35.68, 139.69),
    ("Nairobi", "KE", -1.29, 36.82),
    ("São Paulo", "BR", -23.55, -46.63),
    ("Melbourne", "AU", -37.81, 144.96),
    ("Berlin", "DE", 52.52, 13.40),
    ("Boston", "US", 42.36, -71.06),
    ("Pondichéry", "IN", 11.94, 79.81),
]
FIRST_NAMES = ["Claire", "Marc", "Sophie", "Karim", "Inès", "Julien", "Aminata", "Hugo", "Léa", "Tomás", "Mei", "Yann"]
LAST_NAMES = ["Martin", "Bernard", "Diallo", "Nguyen", "Rossi", "Garcia", "Moreau", "Lefèvre", "Haddad", "Kimura"]
ORG_KINDS = [choice for choice, _label in Organisation.Kind.choices]
SITE_KINDS = [choice for choice, _label in CooperationSite.Kind.choices]
AGREEMENT_KINDS = [choice for choice, _label in Agreement.Kind.choices]
# A word that a handful of releases hold whatever the scale: the benchmark's "few matches" search.
RARE_WORD = ("paludisme", "malaria")
RARE_COUNT = 10


def derived(value, releases, divisor, minimum):
    return value if value is not None else max(minimum, releases // divisor)


def purge(queryset):
    """Delete ``queryset`` and what depends on it in SQL, without loading rows or sending signals.

    ``QuerySet.delete()`` loads every row to send signals (revisions, page cache): hours for 100 000
    releases. Rows that merely point to a deleted one (``SET_NULL``) lose the pointer.
    """
    model = queryset.model
    ids = queryset.values("pk")
    for field in model._meta.many_to_many:
        field.remote_field.through._base_manager.filter(**{f"{field.m2m_field_name()}__in": ids})._raw_delete(
            queryset.db
        )
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            column = next(f.name for f in through._meta.fields if f.related_model is model)
            through._base_manager.filter(**{f"{column}__in": ids})._raw_delete(queryset.db)
            continue
        dependants = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": ids})
        if relation.on_delete in (models.CASCADE, models.PROTECT):
            # Only when some exist: a relation of a model to itself (a draft update of a release) would recurse
            # into ever deeper subqueries.
            if dependants.exists():
                purge(dependants)
        elif relation.on_delete is models.SET_NULL:
            dependants.update(**{relation.field.name: None})
    queryset._raw_delete(queryset.db)


class Command(BaseCommand):
    help = "Add synthetic bilingual press releases, agreements, cooperation sites and key figures (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=100_000)
        parser.add_argument("--agreements", type=int, help="Default: releases / 20 (5 000 for 100 000).")
        parser.add_argument("--sites", type=int, help="Default: releases / 50 (2 000 for 100 000).")
        parser.add_argument("--places", type=int, help="Default: releases / 100 (1 000 for 100 000).")
        parser.add_argument("--organisations", type=int, help="Default: releases / 200, at most 500.")
        parser.add_argument("--themes", type=int, default=40)
        parser.add_argument("--years", type=int, default=15, help="Years of key figures and of archive.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same content.")
        parser.add_argument(
            "--force", action="store_true", help="Run even though the database holds real published content."
        )

    def handle(self, *args, **options):
        releases = options["releases"]
        counts = {
            "releases": releases,
            "agreements": derived(options["agreements"], releases, 20, 10),
            "sites": derived(options["sites"], releases, 50, 10),
            "places": derived(options["places"], releases, 100, 10),
            "organisations": min(500, derived(options["organisations"], releases, 200, 20))
            if options["organisations"] is None
            else options["organisations"],
            "themes": options["themes"],
            "years": options["years"],
        }
        if not options["force"] and self.real_content_exists():
            raise CommandError(
                "This database holds published content that seed_bulk did not create. "
                "Use a database of its own, or pass --force to add synthetic content anyway."
            )
        self.random = random.Random(options["seed"])
        self.now = timezone.now()
        self.today = timezone.localdate()
        with transaction.atomic():
            self.remove_synthetic()
            self.themes = self.make_themes(counts["themes"])
            self.organisations = self.make_organisations(counts["organisations"])
            self.people = self.make_people(counts["organisations"] * 2)
            self.make_key_figures(counts["years"])
            places = self.make_places(counts["places"])
            self.make_sites(counts["sites"], places, counts["years"])
            self.make_agreements(counts["agreements"], counts["years"])
            self.make_releases(counts["releases"], counts["years"])
        bump_generation()
        summary = ", ".join(f"{value} {name}" for name, value in counts.items() if name != "years")
        self.stdout.write(self.style.SUCCESS(f"Synthetic content: {summary}, {counts['years']} years of key figures."))

    def real_content_exists(self):
        """Tell whether any published row lacks the synthetic slug prefix."""
        for model in (PressRelease, Agreement, CooperationSite):
            if model.objects.filter(status=Status.PUBLISHED).exclude(slug_fr__startswith=PREFIX).exists():
                return True
        return False

    def remove_synthetic(self):
        """Delete what an earlier run created, so that a run from the same seed gives the same content."""
        purge(PressRelease.objects.filter(slug_fr__startswith=PREFIX))
        purge(Agreement.objects.filter(slug_fr__startswith=PREFIX))
        purge(CooperationSite.objects.filter(slug_fr__startswith=PREFIX))
        purge(Place.objects.filter(name_fr__startswith=PREFIX))
        purge(KeyFigure.objects.filter(indicator__slug__startswith=PREFIX))
        purge(Indicator.objects.filter(slug__startswith=PREFIX))
        purge(Person.objects.filter(organisation__slug_fr__startswith=PREFIX))
        purge(Organisation.objects.filter(slug_fr__startswith=PREFIX))
        purge(Theme.objects.filter(slug_fr__startswith=PREFIX))

    def pick(self, items, low, high):
        return self.random.sample(items, min(len(items), self.random.randint(low, high)))

    def day_within(self, years):
        return self.today - datetime.timedelta(days=self.random.randrange(365 * years))

    def publishable(self, slug, index):
        """Return the fields that make a synthetic row live, with its per-language slugs."""
        return {
            "status": Status.PUBLISHED,
            "publish_at": self.now - datetime.timedelta(minutes=index),
            "version": 1,
            "fr_edited_at": self.now,
            "en_edited_at": self.now,
            "slug_fr": f"{PREFIX}{slug}-{index}",
            "slug_en": f"{PREFIX}{slug}-en-{index}",
        }

    def make_themes(self, count):
        themes = []
        for index in range(count):
            name_fr, name_en, word_fr, word_en = THEMES[index % len(THEMES)]
            suffix = f" {index // len(THEMES) + 1}" if index >= len(THEMES) else ""
            themes.append(
                Theme(
                    name_fr=f"{name_fr}{suffix}",
                    name_en=f"{name_en}{suffix}",
                    slug_fr=f"{PREFIX}theme-{index}",
                    slug_en=f"{PREFIX}theme-en-{index}",
                    description_fr=f"Recherches sur la {word_fr}.",
                    description_en=f"Research on the {word_en}.",
                )
            )
        return Theme.objects.bulk_create(themes)

    def make_organisations(self, count):
        organisations = []
        for index in range(count):
            city, country, _lat, _lon = CITIES[index % len(CITIES)]
            kind = ORG_KINDS[index % len(ORG_KINDS)]
            organisations.append(
                Organisation(
                    name_fr=f"Institut de recherche {city} {index}",
                    name_en=f"{city} Research Institute {index}",
                    slug_fr=f"{PREFIX}org-{index}",
                    slug_en=f"{PREFIX}org-en-{index}",
                    acronym=f"IR{index}",
                    kind=kind,
                    country=country,
                    city=city,
                    about_fr=f"<p>L'institut de recherche {city} {index} étudie la santé humaine.</p>",
                    about_en=f"<p>The {city} Research Institute {index} studies human health.</p>",
                    press_email=f"presse{index}@example.org",
                )
            )
        return Organisation.objects.bulk_create(organisations, batch_size=BATCH)

    def make_people(self, count):
        people = []
        for index in range(count):
            people.append(
                Person(
                    first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
                    last_name=f"{LAST_NAMES[index % len(LAST_NAMES)]}-{index}",
                    role_fr="Directrice de recherche" if index % 2 else "Directeur de laboratoire",
                    role_en="Research director" if index % 2 else "Laboratory head",
                    organisation=self.organisations[index % len(self.organisations)],
                )
            )
        return Person.objects.bulk_create(people, batch_size=BATCH)

    def make_key_figures(self, years):
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(label_fr="Coopérations déclarées", label_en="Declared cooperations", slug=f"{PREFIX}coop"),
                Indicator(label_fr="Pays partenaires", label_en="Partner countries", slug=f"{PREFIX}countries"),
                Indicator(label_fr="Publications", label_en="Publications", slug=f"{PREFIX}papers"),
            ]
        )
        figures = []
        for offset in range(years):
            year = self.today.year - 1 - offset
            for position, indicator in enumerate(indicators):
                figures.append(
                    KeyFigure(
                        year=year,
                        indicator=indicator,
                        value=Decimal(self.random.randint(100, 9000) * (position + 1)),
                        source_fr="Bilan annuel (données synthétiques)",
                        source_en="Annual report (synthetic data)",
                    )
                )
        KeyFigure.objects.bulk_create(figures, batch_size=BATCH)

    def make_places(self, count):
        places = []
        for index in range(count):
            city, country, lat, lon = CITIES[index % len(CITIES)]
            places.append(
                Place(
                    name_fr=f"{PREFIX}{city} {index}",
                    name_en=f"{PREFIX}{city} {index}",
                    country=country,
                    latitude=max(-90, min(90, lat + self.random.uniform(-2, 2))),
                    longitude=max(-180, min(180, lon + self.random.uniform(-2, 2))),
                )
            )
        return Place.objects.bulk_create(places, batch_size=BATCH)

    def make_sites(self, count, places, years):
        sites = []
        for index in range(count):
            theme = self.themes[index % len(self.themes)]
            start = self.today.year - self.random.randrange(years)
            fields = self.publishable("site", index)
            sites.append(
                CooperationSite(
                    kind=SITE_KINDS[index % len(SITE_KINDS)],
                    name_fr=f"Laboratoire international {theme.name_fr} {index}",
                    name_en=f"International laboratory {theme.name_en} {index}",
                    summary_fr=self.random.choice(FILLER_FR),
                    summary_en=self.random.choice(FILLER_EN),
                    start_year=start,
                    end_year=start + self.random.randint(3, 10),
                    lead=self.random.choice(self.people),
                    **fields,
                )
            )
        sites = CooperationSite.objects.bulk_create(sites, batch_size=BATCH)
        site_places, partners, themes = [], [], []
        Partners = CooperationSite.partners.through
        Themes = CooperationSite.themes.through
        for index, site in enumerate(sites):
            site_places.append(SitePlace(site=site, place=places[index % len(places)], position=0))
            if index % 5 == 0:
                site_places.append(SitePlace(site=site, place=places[(index * 7 + 1) % len(places)], position=1))
            partners.extend(
                Partners(cooperationsite=site, organisation=org) for org in self.pick(self.organisations, 1, 3)
            )
            themes.extend(Themes(cooperationsite=site, theme=theme) for theme in self.pick(self.themes, 1, 2))
        SitePlace.objects.bulk_create(site_places, batch_size=BATCH, ignore_conflicts=True)
        Partners.objects.bulk_create(partners, batch_size=BATCH)
        Themes.objects.bulk_create(themes, batch_size=BATCH)

    def make_agreements(self, count, years):
        agreements = []
        for index in range(count):
            theme = self.themes[index % len(self.themes)]
            signed = self.day_within(years)
            fields = self.publishable("agreement", index)
            agreements.append(
                Agreement(
                    title_fr=f"Accord de coopération en {theme.name_fr.lower()} n° {index}",
                    title_en=f"Cooperation agreement on {theme.name_en.lower()} no. {index}",
                    kind=AGREEMENT_KINDS[index % len(AGREEMENT_KINDS)],
                    summary_fr=f"Partenariat de recherche sur la {THEMES[index % len(THEMES)][2]}.",
                    summary_en=f"Research partnership on the {THEMES[index % len(THEMES)][3]}.",
                    body_fr="".join(f"<p>{sentence}</p>" for sentence in self.pick(FILLER_FR, 2, 4)),
                    body_en="".join(f"<p>{sentence}</p>" for sentence in self.pick(FILLER_EN, 2, 4)),
                    signed_on=signed,
                    signed_at=self.random.choice(CITIES)[0],
                    starts_on=signed,
                    duration_months=self.random.choice([12, 24, 36, 48, 60]),
                    **fields,
                )
            )
        agreements = Agreement.objects.bulk_create(agreements, batch_size=BATCH)
        parties, signatories, objectives, themes = [], [], [], []
        Themes = Agreement.themes.through
        for agreement in agreements:
            for position, org in enumerate(self.pick(self.organisations, 2, 4)):
                parties.append(
                    AgreementParty(
                        agreement=agreement,
                        organisation=org,
                        role_fr="Partenaire",
                        role_en="Partner",
                        position=position,
                    )
                )
                if position < 2:
                    person = self.people[self.organisations.index(org) * 2 % len(self.people)]
                    signatories.append(
                        Signatory(
                            agreement=agreement,
                            person=person,
                            organisation=org,
                            title_at_signing_fr="Président-directeur général",
                            title_at_signing_en="Chief executive",
                            position=position,
                        )
                    )
            for position in range(self.random.randint(2, 3)):
                objectives.append(
                    Objective(
                        agreement=agreement,
                        text_fr=self.random.choice(FILLER_FR),
                        text_en=self.random.choice(FILLER_EN),
                        position=position,
                    )
                )
            themes.extend(Themes(agreement=agreement, theme=theme) for theme in self.pick(self.themes, 1, 2))
        AgreementParty.objects.bulk_create(parties, batch_size=BATCH)
        Signatory.objects.bulk_create(signatories, batch_size=BATCH)
        Objective.objects.bulk_create(objectives, batch_size=BATCH)
        Themes.objects.bulk_create(themes, batch_size=BATCH)

    def release(self, index, count, years):
        theme_index = self.random.randrange(len(THEMES))
        name_fr, name_en, word_fr, word_en = THEMES[theme_index]
        subject = self.random.randrange(len(SUBJECTS_FR))
        verb = self.random.randrange(len(VERBS_FR))
        obj = self.random.randrange(len(OBJECTS_FR))
        title_fr = f"{SUBJECTS_FR[subject]} {VERBS_FR[verb]} {OBJECTS_FR[obj].format(w=word_fr)}"
        title_en = f"{SUBJECTS_EN[subject]} {VERBS_EN[verb]} {OBJECTS_EN[obj].format(w=word_en)}"
        sentences = self.random.sample(range(len(FILLER_FR)), 4)
        rare = index % max(1, count // RARE_COUNT) == 0
        lead_fr = f"{name_fr} : {FILLER_FR[sentences[0]]}" + (f" Le {RARE_WORD[0]} est en cause." if rare else "")
        lead_en = f"{name_en}: {FILLER_EN[sentences[0]]}" + (
            f" {RARE_WORD[1].capitalize()} is involved." if rare else ""
        )
        fields = self.publishable("communique", index)
        return PressRelease(
            title_fr=f"{title_fr} ({index})",
            title_en=f"{title_en} ({index})",
            kind_fr="Communiqué de presse",
            kind_en="Press release",
            dateline_place=self.random.choice(CITIES)[0],
            release_date=self.day_within(years),
            lead_fr=lead_fr,
            lead_en=lead_en,
            body_fr="".join(f"<p>{FILLER_FR[i]} La {word_fr} reste au cœur du projet.</p>" for i in sentences[1:]),
            body_en="".join(f"<p>{FILLER_EN[i]} The {word_en} remains central.</p>" for i in sentences[1:]),
            **fields,
        ), theme_index

    def make_releases(self, count, years):
        Themes = PressRelease.themes.through
        for start in range(0, count, BATCH * 5):
            pairs = [self.release(index, count, years) for index in range(start, min(count, start + BATCH * 5))]
            releases = PressRelease.objects.bulk_create([release for release, _theme in pairs], batch_size=BATCH)
            themes, issuers, contacts, quotes = [], [], [], []
            for release, (_release, theme_index) in zip(releases, pairs, strict=True):
                main = self.themes[theme_index % len(self.themes)]
                chosen = {main, *self.pick(self.themes, 0, 2)}
                themes.extend(Themes(pressrelease=release, theme=theme) for theme in chosen)
                for position, org in enumerate(self.pick(self.organisations, 1, 3)):
                    issuers.append(PressReleaseIssuer(release=release, organisation=org, position=position))
                    if position == 0:
                        contacts.append(
                            PressContact(
                                release=release,
                                organisation=org,
                                name=f"Service de presse {org.city}",
                                email=org.press_email,
                                phone="01 44 23 60 00",
                            )
                        )
                for position in range(self.random.randint(0, 2)):
                    speaker = self.random.choice(self.people)
                    quotes.append(
                        Quote(
                            release=release,
                            speaker=speaker,
                            text_fr=f"« {self.random.choice(FILLER_FR)} »",
                            text_en=f"“{self.random.choice(FILLER_EN)}”",
                            speaker_title_fr=speaker.role_fr,
                            speaker_title_en=speaker.role_en,
                            position=position,
                        )
                    )
            Themes.objects.bulk_create(themes, batch_size=BATCH)
            PressReleaseIssuer.objects.bulk_create(issuers, batch_size=BATCH)
            PressContact.objects.bulk_create(contacts, batch_size=BATCH)
            Quote.objects.bulk_create(quotes, batch_size=BATCH)
            self.stdout.write(f"{start + len(releases)} / {count} press releases")
