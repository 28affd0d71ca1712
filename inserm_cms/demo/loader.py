"""Load the demo content: the seeds' prose and ``content.py``'s facts, as published objects.

Every object is found by a natural key (a French slug, an acronym and a country, a name and a
country…) and written only when something differs, so a second run changes nothing. A row
that matches a key but contradicts the demo on a defining fact (a press release with another
date, an organisation with another name) is a conflict: the load stops and writes nothing.
"""

import datetime
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils.text import slugify
from django_countries.fields import CountryField

from core.richtext import RichTextField, sanitize_html
from directory.models import Organisation, Person, Theme
from international.models import (
    AwardAmount,
    CooperationSite,
    FundedProject,
    FundingInstrument,
    Indicator,
    KeyFigure,
    Place,
    SitePlace,
)
from pages.models import Page
from partnerships.models import Agreement, AgreementParty, Objective, Outcome, Signatory
from press.models import PressContact, PressRelease, PressReleaseIssuer, Quote, ReleaseType, kind_for_label
from workflow.publishing import Status, fill_slugs

from . import content, seeds
from .legal import LEGAL_PAGES
from .seeds import SeedError

PARIS = ZoneInfo("Europe/Paris")
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin")
    + ("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June")
    + ("July", "August", "September", "October", "November", "December"),
}


class DemoError(Exception):
    """The demo content cannot be loaded; nothing was written."""


class DemoConflict(DemoError):
    """A row already in the database contradicts the demo content."""


@dataclass
class LoadReport:
    """What a load wrote, per model (verbose name plural)."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def lines(self):
        """Return one line per kind of change, for the command's output."""
        result = []
        for verb, counter in (("Created", self.created), ("Updated", self.updated), ("Deleted", self.deleted)):
            if counter:
                result.append(f"{verb}: " + ", ".join(f"{count} {name}" for name, count in sorted(counter.items())))
        return result


def load_demo(*, seeds_dir):
    """Load the demo content from the seeds in ``seeds_dir`` in one transaction; return a LoadReport."""
    writer = _Writer()
    try:
        parsed = _parse(seeds.read_seeds(seeds_dir))
        with transaction.atomic():
            _write(writer, parsed)
    except SeedError as error:
        raise DemoError(f"{error} Nothing was written.") from error
    except IntegrityError as error:
        raise DemoConflict(f"The database refused a demo row ({error}). Nothing was written.") from error
    return writer.report


def go_live(day):
    """Return midnight in Paris on ``day``: the moment dated content goes public."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=PARIS)


def compact_html(markup):
    """Return sanitised HTML without the line breaks and indentation of its source."""
    return sanitize_html(re.sub(r">\s+<", "><", re.sub(r"\s+", " ", markup)).strip())


# Reading the seeds


def _parse(texts):
    return {
        "releases": {
            "anses": {"fr": _parse_release(texts["000"], "000"), "en": _parse_release(texts["001"], "001")},
            "bretagne": _parse_bretagne(texts["004"]),
        },
        "contacts": _parse_contacts(texts["000"]),
        "pages": {number: _parse_pages(texts[number], number) for number in content.PAGES},
        "sections_002": _sections(texts["002"], "002"),
        "texts": texts,
    }


def _written_date(day, language="fr"):
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def _parse_release(text, seed):
    """Cut seed 000 (French) or 001 (English) into dateline, kind, title, lead, body and "about" texts."""
    data = content.PRESS_RELEASES["anses"]
    parts = _enough_blocks(text, 6, seed)
    dateline = seeds.plain(parts[0])
    day = _written_date(data.release_date, "fr" if seed == "000" else "en")
    if not (dateline.startswith(f"{data.dateline_place},") and dateline.endswith(day)):
        raise SeedError(f"Seed {seed}: dateline {dateline!r} does not read {data.dateline_place}, {day}.")
    headings = content.ABOUT_HEADINGS[seed]
    first_about = min(seeds.index_of(parts, heading, seed=seed) for heading in headings.values())
    abouts = {}
    for organisation, heading in headings.items():
        index = seeds.index_of(parts, heading, seed=seed)
        if index + 1 == len(parts):
            raise SeedError(f"Seed {seed}: nothing follows the heading {heading!r}.")
        abouts[organisation] = seeds.paragraph_html([seeds.plain(parts[index + 1])])
    return {
        "kind": seeds.plain(parts[1]),
        "title": seeds.plain(parts[2]),
        "lead": seeds.plain(parts[3]),
        "paragraphs": [seeds.plain(part) for part in parts[4:first_about]],
        "abouts": abouts,
    }


def _enough_blocks(text, count, seed):
    parts = seeds.blocks(text)
    if len(parts) < count:
        raise SeedError(f"Seed {seed} has {len(parts)} paragraphs, fewer than the {count} of a press release.")
    return parts


def _parse_contacts(text):
    """Return the press contacts of seed 000's "Contacts presse" block, by organisation key."""
    parts = seeds.blocks(text)
    index = next((i for i, part in enumerate(parts) if seeds.plain(part).startswith("Contacts presse")), None)
    if index is None or index + 1 >= len(parts):
        raise SeedError("Seed 000 has no “Contacts presse” block.")
    contacts = []
    for line in parts[index + 1].split("\n"):
        line = seeds.plain(line)
        label = line.split(" : ", 1)[0].strip()
        if label not in content.CONTACT_LABELS:
            raise SeedError(f"Seed 000: press contact {label!r} names no known organisation.")
        email = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", line)
        phone = re.search(r"Tél\s*:\s*([0-9][0-9 /]*[0-9])", line)
        handle = re.search(r"(?<!\S)@\w+", line)
        contacts.append(
            {
                "organisation": content.CONTACT_LABELS[label],
                "email": email[0] if email else "",
                "phone": phone[1] if phone else "",
                "handle": handle[0] if handle else "",
            }
        )
    return contacts


def _parse_bretagne(text):
    """Cut seed 004 into title, lead, body, objectives and quotes (the quotes stay out of the body)."""
    data = content.PRESS_RELEASES["bretagne"]
    parts = _enough_blocks(text, 7, "004")
    seeds.expect(parts[2], _written_date(data.release_date), seed="004")
    about = seeds.index_of(parts, "À propos de l'Inserm", seed="004")
    quotes = [part for part in parts[5:about] if part.startswith("*«")]
    body = [part for part in parts[5:about] if not part.startswith("*«")]
    lists = [part for part in body if all(line.strip().startswith("- ") for line in part.split("\n"))]
    if len(lists) != 1 or len(quotes) != len(data.speakers):
        raise SeedError("Seed 004 no longer has one list of objectives and one quote per speaker.")
    lead = seeds.plain(parts[4])
    summary = re.search(r"une (convention-cadre de partenariat .+)$", lead)
    if not summary:
        raise SeedError("Seed 004: the lead no longer names the convention-cadre.")
    for outcome in content.AGREEMENTS["bretagne"].outcomes:
        seeds.expect(text, outcome.laboratory, seed="004")
    seeds.expect(text, "En vigueur jusqu'au 31 décembre 2025", seed="004")
    return {
        "kind": seeds.plain(parts[1]).capitalize(),
        "title": seeds.plain(parts[3]),
        "lead": lead,
        "summary": _capitalise(summary[1]),
        "body": seeds.markdown_html(body, headings=content.BRETAGNE_SUBHEADINGS),
        "objectives": [_objective(line) for line in lists[0].split("\n") if line.strip()],
        "quotes": [_quote(part, speaker) for part, speaker in zip(quotes, data.speakers, strict=True)],
    }


def _objective(line):
    return _capitalise(re.sub(r"\s*[;.]$", "", seeds.plain(line.strip()[2:])))


def _quote(markdown, speaker):
    """Split ``*« first part, souligne **Name, le Title.** second part »*`` into text and quoted title."""
    match = re.fullmatch(r"\*«\s*(.+?),\s+(?:souligne|confie)\s+\*\*(.+?)\*\*\s+(.+?)\s*»\*", markdown.strip(), re.S)
    person = content.PEOPLE[speaker]
    if not match or f"{person.first_name} {person.last_name}" not in match[2]:
        raise SeedError(f"Seed 004: a quote no longer reads as said by {person.first_name} {person.last_name}.")
    title = match[2].split(",", 1)[1].strip().rstrip(".")
    return {
        "text": seeds.plain(f"{match[1]}. {match[3]}"),
        "speaker_title": re.sub(r"^(le|la)\s+", "", title),
    }


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _headings(pages):
    return [heading for page in pages for heading in (page.heading, *page.subheadings, *page.skipped_sections)]


def _sections(text, seed):
    return seeds.sections(text, _headings(content.PAGES[seed]), skip_lines=content.SKIP_LINES.get(seed, ()), seed=seed)


def _parse_pages(text, seed):
    """Return the title, lead and body HTML of each page cut from a web-page seed."""
    found = _sections(text, seed)
    result = []
    for page in content.PAGES[seed]:
        items = list(found[page.heading].items)
        lead = ""
        if page.lead_from_first_paragraph:
            first = next((index for index, item in enumerate(items) if item.kind == "p"), None)
            if first is None:
                raise SeedError(f"Seed {seed}: the page {page.heading!r} has no opening paragraph.")
            lead = items.pop(first).text
        body = seeds.items_html(items)
        for heading in page.subheadings:
            body += f"<h2>{html.escape(heading, quote=False)}</h2>" + seeds.items_html(found[heading].items)
        if page.contact_email:
            seeds.expect(text, content.CONTACT_EVIDENCE[seed], seed=seed)
        result.append({"data": page, "lead": lead, "body": body})
    return result


# Writing


def _same(obj, name, value):
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        return getattr(obj, model_field.attname) == (value.pk if value is not None else None)
    current = getattr(obj, name)
    if isinstance(model_field, CountryField):
        current = current.code
    elif isinstance(model_field, RichTextField):
        value = sanitize_html(value)
    if current in (None, "") and value in (None, ""):
        return True
    return current == value


def _show(value):
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _describe(key):
    return ", ".join(f"{name}={_show(value)}" for name, value in key.items())


class _Writer:
    """Create or update rows by natural key, counting what changed."""

    def __init__(self):
        self.report = LoadReport()
        self.created = set()

    def upsert(self, model, key, values, *, conflicts=()):
        """Return the row of ``model`` found by ``key``, created or brought up to ``values``.

        Refuse (DemoConflict) when an existing row differs on one of the ``conflicts`` fields.
        """
        label = str(model._meta.verbose_name)
        matches = list(model._default_manager.filter(**key)[:2])
        if len(matches) > 1:
            raise DemoConflict(f"Conflict: several {model._meta.verbose_name_plural} match {_describe(key)}.")
        if not matches:
            obj = model(**key, **values)
            self._save(obj)
            self.report.created[str(model._meta.verbose_name_plural)] += 1
            self.created.add((model, obj.pk))
            return obj
        obj = matches[0]
        for name in conflicts:
            if not _same(obj, name, values[name]):
                raise DemoConflict(
                    f"Conflict with an existing {label} ({_describe(key)}): its {name} is "
                    f"{_show(getattr(obj, name))} where the demo content has {_show(values[name])}. "
                    "Nothing was written."
                )
        changed = [name for name, value in values.items() if not _same(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            self._save(obj)
            self.report.updated[str(model._meta.verbose_name_plural)] += 1
        return obj

    def sync_children(self, model, parent_field, parent, rows, *, key_fields):
        """Make the children of ``parent`` exactly ``rows``, matching existing ones on ``key_fields``."""
        kept = []
        for row in rows:
            key = {parent_field: parent, **{name: row[name] for name in key_fields}}
            values = {name: value for name, value in row.items() if name not in key_fields}
            kept.append(self.upsert(model, key, values).pk)
        stale = model._default_manager.filter(**{parent_field: parent}).exclude(pk__in=kept)
        count = stale.count()
        if count:
            stale.delete()
            self.report.deleted[str(model._meta.verbose_name_plural)] += count

    def set_related(self, obj, name, targets):
        """Make the many-to-many ``name`` of ``obj`` hold exactly ``targets``."""
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)
            if (type(obj), obj.pk) not in self.created:
                self.report.updated[str(obj._meta.verbose_name_plural)] += 1

    def _save(self, obj):
        """Save ``obj``, refusing (DemoConflict) when another row holds one of its unique values."""
        fill_slugs(obj)
        try:
            obj.validate_unique()
            for model, constraints in obj.get_constraints():
                for constraint in constraints:
                    if isinstance(constraint, UniqueConstraint):
                        constraint.validate(model, obj)
        except ValidationError as error:
            slugs = {name: getattr(obj, name) for name in ("slug_fr", "slug_en") if getattr(obj, name, None)}
            raise DemoConflict(
                f"Conflict: the demo {obj._meta.verbose_name} “{obj}” ({_describe(slugs)}) cannot be saved: "
                f"{' '.join(error.messages)} Nothing was written."
            ) from error
        obj.save()


def _published(day=None):
    return {"status": Status.PUBLISHED, "publish_at": go_live(day) if day else None}


def _write(writer, parsed):
    organisations = _write_organisations(writer, parsed)
    people = {
        key: writer.upsert(
            Person,
            {
                "first_name": data.first_name,
                "last_name": data.last_name,
                "organisation": organisations[data.organisation],
            },
            {"honorific": data.honorific, "role_fr": data.role_fr, "role_en": data.role_en},
        )
        for key, data in content.PEOPLE.items()
    }
    themes = {
        key: writer.upsert(
            Theme,
            {"slug_fr": data.slug_fr},
            {"slug_en": data.slug_en, "name_fr": data.name_fr, "name_en": data.name_en},
        )
        for key, data in content.THEMES.items()
    }
    agreements = _write_agreements(writer, parsed, organisations, people, themes)
    _write_press_releases(writer, parsed, organisations, people, themes, agreements)
    instruments = _write_instruments(writer, parsed)
    _write_sites(writer, parsed, organisations, instruments)
    _write_key_figures(writer, parsed)
    _write_pages(writer, parsed)


def _write_organisations(writer, parsed):
    anses_release = parsed["releases"]["anses"]
    contacts = {contact["organisation"]: contact for contact in parsed["contacts"]}
    result = {}
    for key, data in content.ORGANISATIONS.items():
        values = {
            "name_fr": data.name_fr,
            "name_en": data.name_en,
            "name_with_article_fr": data.name_with_article_fr,
            "name_with_article_en": data.name_with_article_en,
            "slug_fr": data.slug_fr,
            "slug_en": data.slug_en,
            "kind": data.kind,
            "city": data.city,
            "website": data.website,
        }
        if key in anses_release["fr"]["abouts"]:
            values["about_fr"] = anses_release["fr"]["abouts"][key]
            values["about_en"] = anses_release["en"]["abouts"][key]
        if key in contacts:
            values.update(
                press_email=contacts[key]["email"],
                press_phone=contacts[key]["phone"],
                social_handle=contacts[key]["handle"],
            )
        if data.acronym:
            lookup, conflicts = {"acronym": data.acronym, "country": data.country}, ("name_fr",)
        else:
            lookup, conflicts = {"name_fr": data.name_fr, "country": data.country}, ()
            del values["name_fr"]
        result[key] = writer.upsert(Organisation, lookup, values, conflicts=conflicts)
    return result


def _write_agreements(writer, parsed, organisations, people, themes):
    anses = parsed["releases"]["anses"]
    bretagne = parsed["releases"]["bretagne"]
    texts = {
        "anses": {
            "summary_fr": _paragraph(anses["fr"], "Le partenariat prévoit"),
            "summary_en": _paragraph(anses["en"], "The partnership provides for"),
            "body_fr": seeds.paragraph_html(
                [_paragraph(anses["fr"], "Par ailleurs"), _paragraph(anses["fr"], "À travers cette convention")]
            ),
            "body_en": seeds.paragraph_html(
                [_paragraph(anses["en"], "In addition"), _paragraph(anses["en"], "Through this agreement")]
            ),
        },
        "bretagne": {"summary_fr": bretagne["summary"], "summary_en": "", "body_fr": "", "body_en": ""},
    }
    result = {}
    for key, data in content.AGREEMENTS.items():
        values = {
            "slug_en": data.slug_en,
            "title_fr": data.title_fr,
            "title_en": data.title_en,
            "kind": data.kind,
            "signed_on": data.signed_on,
            "signed_at": data.signed_at,
            "starts_on": data.starts_on,
            "ends_on": data.ends_on,
            "duration_months": data.duration_months,
            **{name: compact_html(value) if name.startswith("body") else value for name, value in texts[key].items()},
            **_published(data.signed_on),
        }
        agreement = writer.upsert(Agreement, {"slug_fr": data.slug_fr}, values, conflicts=("kind", "signed_on"))
        writer.sync_children(
            AgreementParty,
            "agreement",
            agreement,
            [{"organisation": organisations[org], "position": index} for index, org in enumerate(data.parties)],
            key_fields=("organisation",),
        )
        writer.sync_children(
            Signatory,
            "agreement",
            agreement,
            [
                {
                    "person": people[signatory.person],
                    "organisation": organisations[content.PEOPLE[signatory.person].organisation],
                    "title_at_signing_fr": signatory.title_fr,
                    "title_at_signing_en": signatory.title_en,
                    "position": index,
                }
                for index, signatory in enumerate(data.signatories)
            ],
            key_fields=("person",),
        )
        objectives = bretagne["objectives"] if key == "bretagne" else []
        writer.sync_children(
            Objective,
            "agreement",
            agreement,
            [{"position": index, "text_fr": text, "text_en": ""} for index, text in enumerate(objectives)],
            key_fields=("position",),
        )
        writer.sync_children(
            Outcome,
            "agreement",
            agreement,
            [
                {
                    "position": index,
                    "title_fr": outcome.title_fr,
                    "title_en": "",
                    "laboratory": outcome.laboratory,
                    "city": outcome.city,
                    "year": outcome.year,
                }
                for index, outcome in enumerate(data.outcomes)
            ],
            key_fields=("position",),
        )
        writer.set_related(agreement, "themes", [themes[theme] for theme in data.themes])
        result[key] = agreement
    return result


def _paragraph(release, prefix):
    matches = [paragraph for paragraph in release["paragraphs"] if paragraph.startswith(prefix)]
    if len(matches) != 1:
        raise DemoError(f"The press release has {len(matches)} paragraphs starting {prefix!r}, expected one.")
    return matches[0]


def _kind_heading(*, fr, en):
    """Return the heading choice of the seeds' written headings, keeping the text only for an unknown one."""
    heading = kind_for_label(fr or en)
    other = heading == PressRelease.Kind.OTHER
    return {"heading": heading, "kind_fr": fr if other else "", "kind_en": en if other else ""}


def _write_press_releases(writer, parsed, organisations, people, themes, agreements):
    anses = parsed["releases"]["anses"]
    bretagne = parsed["releases"]["bretagne"]
    languages = {
        "anses": {
            f"{name}_{language}": value
            for language in ("fr", "en")
            for name, value in (
                ("title", anses[language]["title"]),
                ("lead", anses[language]["lead"]),
                ("body", compact_html(seeds.paragraph_html(anses[language]["paragraphs"]))),
            )
        },
        "bretagne": {
            "title_fr": bretagne["title"],
            "title_en": "",
            "lead_fr": bretagne["lead"],
            "lead_en": "",
            "body_fr": compact_html(bretagne["body"]),
            "body_en": "",
        },
    }
    languages["anses"].update(_kind_heading(fr=anses["fr"]["kind"], en=anses["en"]["kind"]))
    languages["bretagne"].update(_kind_heading(fr=bretagne["kind"], en=""))
    contacts = {"anses": parsed["contacts"], "bretagne": []}
    quotes = {"anses": [], "bretagne": bretagne["quotes"]}
    for key, data in content.PRESS_RELEASES.items():
        values = {
            "slug_en": data.slug_en,
            "release_date": data.release_date,
            "dateline_place": data.dateline_place,
            "related_agreement": agreements[data.agreement],
            # Both demo releases announce the signing of an agreement.
            "release_type": ReleaseType.AGREEMENT,
            **languages[key],
            **_published(data.release_date),
        }
        release = writer.upsert(PressRelease, {"slug_fr": data.slug_fr}, values, conflicts=("release_date",))
        writer.sync_children(
            PressReleaseIssuer,
            "release",
            release,
            [{"organisation": organisations[org], "position": index} for index, org in enumerate(data.issuers)],
            key_fields=("organisation",),
        )
        writer.sync_children(
            PressContact,
            "release",
            release,
            [
                {
                    "position": index,
                    "organisation": organisations[contact["organisation"]],
                    "email": contact["email"],
                    "phone": contact["phone"],
                    "handle": contact["handle"],
                }
                for index, contact in enumerate(contacts[key])
            ],
            key_fields=("position",),
        )
        writer.sync_children(
            Quote,
            "release",
            release,
            [
                {
                    "position": index,
                    "text_fr": quote["text"],
                    "text_en": "",
                    "speaker": people[speaker],
                    "speaker_title_fr": quote["speaker_title"],
                    "speaker_title_en": "",
                }
                for index, (quote, speaker) in enumerate(zip(quotes[key], data.speakers, strict=True))
            ],
            key_fields=("position",),
        )
        writer.set_related(release, "themes", [themes[theme] for theme in data.themes])


def _write_instruments(writer, parsed):
    sections = parsed["sections_002"]
    result = {}
    for data in content.INSTRUMENTS:
        text = " ".join(sections[data.heading].paragraphs())
        for fragment in data.evidence:
            seeds.expect(text, fragment, seed="002")
        values = {
            "name_fr": data.name_fr,
            "name_en": "",
            "acronym": data.acronym,
            "stage": data.stage,
            "summary_fr": seeds.pick(text, *data.summary, seed="002"),
            "summary_en": "",
            "eligibility_fr": seeds.pick(text, *data.eligibility, seed="002") if data.eligibility else "",
            "eligibility_en": "",
            "duration_months": data.duration_months,
            "partners_min": data.partners_min,
            "partners_max": data.partners_max,
            **_published(),
        }
        instrument = writer.upsert(FundingInstrument, {"slug_fr": data.slug_fr}, values, conflicts=("stage",))
        writer.sync_children(
            AwardAmount,
            "instrument",
            instrument,
            [
                {
                    "position": index,
                    "amount_eur": amount.amount_eur,
                    "scope_fr": amount.scope_fr,
                    "scope_en": amount.scope_en,
                }
                for index, amount in enumerate(data.amounts)
            ],
            key_fields=("position",),
        )
        writer.sync_children(
            FundedProject,
            "instrument",
            instrument,
            [
                {
                    "name": project.name,
                    "lead_name": project.lead_name,
                    "description_fr": seeds.pick(text, *project.description, seed="002"),
                    "description_en": "",
                    "position": index,
                }
                for index, project in enumerate(data.projects)
            ],
            key_fields=("name",),
        )
        result[data.acronym or data.slug_fr] = instrument
    return result


def _site_cities(parsed):
    """Return ``[(kind, [city, …]), …]``: one entry per site of seed 002's map, in the seed's order."""
    text = parsed["texts"]["002"]
    section = parsed["sections_002"][content.MAP_SECTION]
    seeds.expect(text, content.JOINT_UNITS_EVIDENCE, seed="002")
    seeds.expect(text, content.OFFICES_EVIDENCE, seed="002")
    kind = CooperationSite.Kind
    sites = [(kind.JOINT_UNIT, [city]) for city in content.JOINT_UNITS]
    projects = seeds.leaf_cities(section.list_after(content.RESEARCH_PROJECTS_LIST, seed="002"))
    sites += [(kind.RESEARCH_PROJECT, [city]) for city in projects]
    for item in section.list_after(content.NETWORKS_LIST, seed="002"):
        match = re.search(r"\b(?:entre|avec)\s+(.+)$", item.text)
        if not match:
            raise SeedError(f"Seed 002: network {item.text!r} names no cities.")
        sites.append((kind.NETWORK, [city.strip() for city in re.split(r",\s*|\s+et\s+", match[1]) if city.strip()]))
    field_sites = seeds.leaf_cities(section.list_after(content.FIELD_SITES_LIST, seed="002"))
    sites += [(kind.FIELD_SITE, [city]) for city in field_sites]
    sites += [(kind.OFFICE, [city]) for city in content.OFFICES]
    return sites


def _write_sites(writer, parsed, organisations, instruments):
    places = {}
    for kind, cities in _site_cities(parsed):
        for city in cities:
            if city not in content.PLACES:
                raise DemoError(f"Seed 002 names {city!r}, which has no coordinates in inserm_cms/demo/content.py.")
            if city not in places:
                data = content.PLACES[city]
                places[city] = writer.upsert(
                    Place,
                    {"name_fr": city, "country": data.country},
                    {"name_en": data.name_en, "latitude": data.latitude, "longitude": data.longitude},
                )
        name_fr, name_en = content.SITE_NAMES[kind]
        site = writer.upsert(
            CooperationSite,
            {"kind": kind, "name_fr": name_fr.format(fr=", ".join(cities))},
            {
                "name_en": name_en.format(en=", ".join(content.PLACES[city].name_en for city in cities)),
                "funding_instrument": instruments["PRI"] if kind == CooperationSite.Kind.RESEARCH_PROJECT else None,
                **_published(),
            },
        )
        writer.sync_children(
            SitePlace,
            "site",
            site,
            [{"place": places[city], "position": index} for index, city in enumerate(cities)],
            key_fields=("place",),
        )
        writer.set_related(site, "partners", [organisations[key] for key in content.SITE_PARTNERS.get(kind, ())])


def _write_key_figures(writer, parsed):
    indicators = {
        key: writer.upsert(
            Indicator,
            {"slug": data.slug},
            {"label_fr": data.label_fr, "label_en": data.label_en, "position": data.position},
        )
        for key, data in content.INDICATORS.items()
    }
    for figure in content.KEY_FIGURES:
        for fragment in figure.evidence:
            seeds.expect(parsed["texts"][figure.seed], fragment, seed=figure.seed)
        source_fr, source_en = content.KEY_FIGURE_SOURCES[figure.seed]
        writer.upsert(
            KeyFigure,
            {"year": figure.year, "indicator": indicators[figure.indicator]},
            {
                "value": figure.value,
                "share_percent": figure.share_percent,
                "source_fr": source_fr,
                "source_en": source_en,
            },
            conflicts=("value", "share_percent"),
        )


def _write_pages(writer, parsed):
    written = {}
    for pages in parsed["pages"].values():
        for page in pages:
            data = page["data"]
            values = {
                "title_fr": data.title_fr or data.heading,
                "title_en": data.title_en,
                "slug_en": slugify(data.title_en),
                "lead_fr": page["lead"],
                "lead_en": "",
                "body_fr": compact_html(page["body"]),
                "body_en": "",
                "parent": written[data.parent] if data.parent else None,
                "position": data.position,
                "show_in_menu": True,
                "contact_email": data.contact_email,
                **_published(),
            }
            written[data.slug_fr] = writer.upsert(Page, {"slug_fr": data.slug_fr}, values)
    for index, legal in enumerate(LEGAL_PAGES):
        values = {name: value for name, value in legal.items() if name != "role"}
        values.update(
            body_fr=compact_html(legal["body_fr"]),
            body_en=compact_html(legal["body_en"]),
            parent=None,
            position=100 + index,
            show_in_menu=False,
            **_published(),
        )
        written[legal["slug_fr"]] = writer.upsert(Page, {"role": legal["role"]}, values, conflicts=("slug_fr",))
