"""Load the demo content: the seeds, ``content.py``'s facts and ``texts/``, published through the workflow.

The press releases of seeds 000, 001 and 004 come in through the press importer, as any import
does; the loader then gives each release its address, agreement and themes, and publishes it.
The rest is found by a natural key (a French slug, an acronym and a country, a name and a
country…) and written only when something differs, so a second run changes nothing. A row that
matches a key but contradicts the demo on a defining fact (a press release with another date, an
organisation with another name) is a conflict: the load stops and writes nothing. Content goes
public only through the workflow's ``publish()``.
"""

import datetime
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils.html import strip_tags
from django_countries.fields import CountryField

from assets.models import Asset, Licence
from core.richtext import RichTextField, sanitize_html
from core.slugs import slug_for
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
from newsroom.models import ConsentRecord, Journalist, Subscriber
from pages.models import Page
from partnerships.models import Agreement, AgreementAttachment, AgreementParty, Objective, Outcome, Signatory
from press.importer import import_paths
from press.importer.service import write_about_proposal
from press.models import AboutProposal, PressRelease, ReleaseType
from workflow.mixins import SlugFilled
from workflow.states import Status
from workflow.transitions import publish

from . import content, visuals, webpages
from .webpages import SeedError

PARIS = ZoneInfo("Europe/Paris")
TEXTS_DIR = Path(__file__).parent / "texts"
# Positions of the legal pages: after every editorial page.
LEGAL_POSITION = 100


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
        paths = webpages.find_seeds(seeds_dir)
        texts = {number: webpages.read_seed(path) for number, path in paths.items()}
        parsed = _parse(texts)
        with transaction.atomic():
            _write(writer, paths, parsed)
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


# Reading the web-page seeds and the texts


def _parse(texts):
    return {
        "pages": {number: _parse_pages(texts[number], number) for number in content.PAGES},
        "sections_002": _sections(texts["002"], "002"),
        "texts": texts,
    }


def _headings(pages):
    return [heading for page in pages for heading in (page.heading, *page.subheadings, *page.skipped_sections)]


def _sections(text, seed):
    return webpages.sections(
        text, _headings(content.PAGES[seed]), skip_lines=content.SKIP_LINES.get(seed, ()), seed=seed
    )


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
        body = webpages.items_html(items)
        for heading in page.subheadings:
            body += f"<h2>{html.escape(heading, quote=False)}</h2>" + webpages.items_html(found[heading].items)
        if page.contact_email:
            webpages.expect(text, content.CONTACT_EVIDENCE[seed], seed=seed)
        result.append({"data": page, "lead": lead, "body": body})
    return result


def read_text(name, language):
    """Return ``(fields, body)`` of ``texts/<name>.<language>.html``: its front matter, then its HTML."""
    path = TEXTS_DIR / f"{name}.{language}.html"
    match = re.fullmatch(r"---\n(.*?)\n---\n(.*)", path.read_text(encoding="utf-8"), re.S)
    if match is None:
        raise DemoError(f"{path} does not start with a front matter between two “---” lines.")
    return yaml.safe_load(match[1]), match[2]


# Reading the imported releases


def _paragraphs(markup):
    """Return ``[(html, text)]``, one per ``<p>`` of rich text."""
    return [(paragraph, html.unescape(strip_tags(paragraph))) for paragraph in re.findall(r"<p>.*?</p>", markup, re.S)]


def _paragraph(release, language, prefix):
    """Return the one paragraph of ``release``'s body in ``language`` whose text starts with ``prefix``."""
    matches = [pair for pair in _paragraphs(getattr(release, f"body_{language}")) if pair[1].startswith(prefix)]
    if len(matches) != 1:
        raise DemoError(f"The press release has {len(matches)} paragraphs starting {prefix!r}, expected one.")
    return matches[0]


def _list_items(markup):
    """Return the text of each ``<li>`` of rich text."""
    return [html.unescape(strip_tags(item)).strip() for item in re.findall(r"<li>(.*?)</li>", markup, re.S)]


def _capitalise(text):
    return text[:1].upper() + text[1:]


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


def _needs_publishing(obj, day):
    """Tell whether ``obj`` is not yet published, or not from midnight on ``day`` when it is dated."""
    return obj.status != Status.PUBLISHED or (day is not None and obj.publish_at != go_live(day))


class _Writer:
    """Create or update rows by natural key, publishing them through the workflow, counting what changed."""

    def __init__(self):
        self.report = LoadReport()
        self.created = set()

    def find(self, model, key, values=None, *, conflicts=()):
        """Return the row of ``model`` found by ``key``, or None.

        Refuse (DemoConflict) when it differs from ``values`` on one of the ``conflicts`` fields.
        """
        matches = list(model._default_manager.filter(**key)[:2])
        if len(matches) > 1:
            raise DemoConflict(f"Conflict: several {model._meta.verbose_name_plural} match {_describe(key)}.")
        if not matches:
            return None
        obj = matches[0]
        for name in conflicts:
            if not _same(obj, name, values[name]):
                raise DemoConflict(
                    f"Conflict with an existing {model._meta.verbose_name} ({_describe(key)}): its {name} is "
                    f"{_show(getattr(obj, name))} where the demo content has {_show(values[name])}. "
                    "Nothing was written."
                )
        return obj

    def upsert(self, model, key, values, *, conflicts=(), live=False, day=None):
        """Return the row of ``model`` found by ``key``, created or brought up to ``values``.

        Refuse (DemoConflict) when an existing row differs on one of the ``conflicts`` fields. ``live``:
        the row is published (from midnight on ``day``, when given) through the workflow.
        """
        obj = self.find(model, key, values, conflicts=conflicts)
        if obj is None:
            obj = model(**key, **values)
            self._save(obj, live=live, day=day)
            self.report.created[str(model._meta.verbose_name_plural)] += 1
            self.created.add((model, obj.pk))
            return obj
        self.update(obj, values, live=live, day=day)
        return obj

    def update(self, obj, values, *, live=False, day=None):
        """Bring ``obj`` up to ``values`` and, when ``live``, published; count it when that changed it."""
        changed = [name for name, value in values.items() if not _same(obj, name, value)]
        if not changed and not (live and _needs_publishing(obj, day)):
            return
        for name in changed:
            setattr(obj, name, values[name])
        self._save(obj, live=live, day=day)
        self.count_update(obj)

    def count_update(self, obj):
        """Count ``obj`` as updated, unless this load created it."""
        if (type(obj), obj.pk) not in self.created:
            self.report.updated[str(obj._meta.verbose_name_plural)] += 1

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
            self.count_update(obj)

    def _save(self, obj, *, live=False, day=None):
        """Save ``obj`` (published when ``live``); refuse (DemoConflict) when another row holds a unique value of it."""
        if isinstance(obj, SlugFilled):
            obj.fill_slugs()
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
        if live and _needs_publishing(obj, day):
            publish([obj], at=go_live(day) if day else None)
        else:
            obj.save()


def _write(writer, paths, parsed):
    organisations = _write_organisations(writer)
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
    releases = _import_press_releases(writer, paths)
    agreements = _write_agreements(writer, parsed, releases, organisations, people, themes)
    _publish_press_releases(writer, releases, themes, agreements)
    _complete_organisations(writer, releases)
    instruments = _write_instruments(writer, parsed)
    _write_sites(writer, parsed, organisations, instruments)
    _write_key_figures(writer, parsed)
    _write_pages(writer, parsed)
    _write_newsroom(writer, themes)


def _write_organisations(writer):
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
        if data.acronym:
            lookup, conflicts = {"acronym": data.acronym, "country": data.country}, ("name_fr",)
        else:
            lookup, conflicts = {"name_fr": data.name_fr, "country": data.country}, ()
            del values["name_fr"]
        result[key] = writer.upsert(Organisation, lookup, values, conflicts=conflicts)
    return result


def _import_press_releases(writer, paths):
    """Import the press-release seeds with the press importer, as staff would; return the releases by key.

    The import acts as the system (no user): it finds the organisations and people written before,
    and creates drafts, or a draft update of a published release whose seed changed, or nothing when
    the published release already reads as its seeds. A draft update is applied at once (published).
    """
    for data in content.PRESS_RELEASES.values():
        writer.find(
            PressRelease, {"slug_fr": data.slug_fr}, {"release_date": data.release_date}, conflicts=("release_date",)
        )
    keys = {paths[number].name: key for key, data in content.PRESS_RELEASES.items() for number in data.seeds}
    report = import_paths([paths[number] for data in content.PRESS_RELEASES.values() for number in data.seeds])
    found = {key: {} for key in content.PRESS_RELEASES}
    for file in report.files:
        if file.status == "error":
            raise DemoError(
                f"The press importer refused seed {file.name}: {' '.join(file.errors)} Nothing was written."
            )
        found[keys[file.name]][file.release_id] = file.status
    releases = {}
    for key, statuses in found.items():
        if len(statuses) != 1:
            seeds = ", ".join(content.PRESS_RELEASES[key].seeds)
            raise DemoError(
                f"The press importer made {len(statuses)} releases of seeds {seeds}, expected one. Nothing was written."
            )
        [(pk, status)] = statuses.items()
        release = PressRelease.objects.get(pk=pk)
        if status == "created":
            writer.report.created[str(PressRelease._meta.verbose_name_plural)] += 1
            writer.created.add((PressRelease, pk))
        elif status == "draft_update":
            publish([release])
            release = PressRelease.objects.get(pk=release.update_of_id)
            writer.count_update(release)
        elif status == "updated":
            writer.count_update(release)
        releases[key] = release
    return releases


def _publish_press_releases(writer, releases, themes, agreements):
    """Give each imported release what the seeds do not say (its address, agreement, themes); publish it."""
    for key, data in content.PRESS_RELEASES.items():
        release = releases[key]
        if release.release_date != data.release_date:
            raise DemoError(
                f"Seeds {', '.join(data.seeds)} date the press release {release.release_date}, "
                f"where the demo content has {data.release_date}. Nothing was written."
            )
        values = {
            "slug_fr": data.slug_fr,
            "slug_en": data.slug_en,
            "dateline_place": data.dateline_place,
            "related_agreement": agreements[data.agreement],
            # Both demo releases announce the signing of an agreement.
            "release_type": ReleaseType.AGREEMENT,
            "image": _write_visual(writer, release, agreements[data.agreement]),
        }
        # The visual is also the first file of the agreement's press kit (files staff add stay).
        writer.upsert(
            AgreementAttachment, {"agreement": agreements[data.agreement], "asset": values["image"]}, {"position": 1}
        )
        writer.update(release, values, live=True, day=data.release_date)
        writer.set_related(release, "themes", [themes[theme] for theme in data.themes])


def _write_visual(writer, release, agreement):
    """Return the media-library asset of the release's visual: a card naming the agreement's parties, drawn once."""
    partners = [str(party.organisation) for party in agreement.parties.select_related("organisation")]
    title = f"Visuel : {' et '.join(partners)}, {release.release_date.year}"
    asset = writer.find(Asset, {"title_fr": title})
    if asset is not None:
        return asset
    card = visuals.partnership_card(partners, release.release_date.year)
    values = {
        "title_en": f"Visual: {' and '.join(partners)}, {release.release_date.year}",
        "alt_fr": f"Partenariat entre {' et '.join(partners)}, signé en {release.release_date.year}",
        "alt_en": f"Partnership between {' and '.join(partners)}, signed in {release.release_date.year}",
        "caption_fr": "Visuel généré pour la démonstration du site, à partir des parties à l’accord annoncé.",
        "caption_en": "Visual generated for the site demonstration from the parties to the agreement announced.",
        "credit": "Inserm",
        "licence": Licence.PRESS_USE,
        "focal_x": 0.3,
        "focal_y": 0.5,
        "file": ContentFile(card, name="visuel.jpg"),
    }
    return writer.upsert(Asset, {"title_fr": title}, values)


def _complete_organisations(writer, releases):
    """Write the "About" texts the import proposed, and the press contacts of the releases, into the organisations.

    An organisation takes the "About" text of the oldest release (Inserm's comes from seed 000, not
    from the later wording of seed 004); the proposals of newer releases are dropped.
    """
    proposals = AboutProposal.objects.filter(release__in=releases.values())
    for proposal in proposals.order_by("release__release_date", "pk"):
        organisation = Organisation.objects.get(pk=proposal.organisation_id)
        if (getattr(organisation, f"about_{proposal.language}") or "").strip():
            proposal.delete()
            continue
        proposal.organisation = organisation
        writer.count_update(write_about_proposal(proposal, user=None))
    for release in releases.values():
        for contact in release.contacts.select_related("organisation"):
            if contact.organisation is not None:
                writer.update(
                    contact.organisation,
                    {"press_email": contact.email, "press_phone": contact.phone, "social_handle": contact.handle},
                )


def _write_agreements(writer, parsed, releases, organisations, people, themes):
    anses, bretagne = releases["anses"], releases["bretagne"]
    seed_004 = parsed["texts"]["004"]
    summary = re.search(r"une (convention-cadre de partenariat .+)$", bretagne.lead_fr)
    if not summary:
        raise DemoError("The lead of the Bretagne press release no longer names the convention-cadre.")
    for outcome in content.AGREEMENTS["bretagne"].outcomes:
        webpages.expect(seed_004, outcome.laboratory, seed="004")
    webpages.expect(seed_004, content.BRETAGNE_END_EVIDENCE, seed="004")
    texts = {
        "anses": {
            "summary_fr": _paragraph(anses, "fr", "Le partenariat prévoit")[1],
            "summary_en": _paragraph(anses, "en", "The partnership provides for")[1],
            "body_fr": _paragraph(anses, "fr", "Par ailleurs")[0]
            + _paragraph(anses, "fr", "À travers cette convention")[0],
            "body_en": _paragraph(anses, "en", "In addition")[0] + _paragraph(anses, "en", "Through this agreement")[0],
        },
        "bretagne": {"summary_fr": _capitalise(summary[1]), "summary_en": "", "body_fr": "", "body_en": ""},
    }
    objectives = {
        "anses": [],
        "bretagne": [_capitalise(re.sub(r"\s*[;.]$", "", item)) for item in _list_items(bretagne.body_fr)],
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
        }
        agreement = writer.upsert(
            Agreement, {"slug_fr": data.slug_fr}, values, conflicts=("kind", "signed_on"), live=True, day=data.signed_on
        )
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
        writer.sync_children(
            Objective,
            "agreement",
            agreement,
            [{"position": index, "text_fr": text, "text_en": ""} for index, text in enumerate(objectives[key])],
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


def _write_instruments(writer, parsed):
    sections = parsed["sections_002"]
    result = {}
    for data in content.INSTRUMENTS:
        text = " ".join(sections[data.heading].paragraphs())
        for fragment in data.evidence:
            webpages.expect(text, fragment, seed="002")
        values = {
            "name_fr": data.name_fr,
            "name_en": "",
            "acronym": data.acronym,
            "stage": data.stage,
            "summary_fr": webpages.pick(text, *data.summary, seed="002"),
            "summary_en": "",
            "eligibility_fr": webpages.pick(text, *data.eligibility, seed="002") if data.eligibility else "",
            "eligibility_en": "",
            "duration_months": data.duration_months,
            "partners_min": data.partners_min,
            "partners_max": data.partners_max,
        }
        instrument = writer.upsert(
            FundingInstrument, {"slug_fr": data.slug_fr}, values, conflicts=("stage",), live=True
        )
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
                    "description_fr": webpages.pick(text, *project.description, seed="002"),
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
    webpages.expect(text, content.JOINT_UNITS_EVIDENCE, seed="002")
    webpages.expect(text, content.OFFICES_EVIDENCE, seed="002")
    kind = CooperationSite.Kind
    sites = [(kind.JOINT_UNIT, [city]) for city in content.JOINT_UNITS]
    projects = webpages.leaf_cities(section.list_after(content.RESEARCH_PROJECTS_LIST, seed="002"))
    sites += [(kind.RESEARCH_PROJECT, [city]) for city in projects]
    for item in section.list_after(content.NETWORKS_LIST, seed="002"):
        match = re.search(r"\b(?:entre|avec)\s+(.+)$", item.text)
        if not match:
            raise SeedError(f"Seed 002: network {item.text!r} names no cities.")
        sites.append((kind.NETWORK, [city.strip() for city in re.split(r",\s*|\s+et\s+", match[1]) if city.strip()]))
    field_sites = webpages.leaf_cities(section.list_after(content.FIELD_SITES_LIST, seed="002"))
    sites += [(kind.FIELD_SITE, [city]) for city in field_sites]
    sites += [(kind.OFFICE, [city]) for city in content.OFFICES]
    return sites


def _write_sites(writer, parsed, organisations, instruments):
    places = {}
    for kind, cities in _site_cities(parsed):
        for city in cities:
            if city not in content.PLACES:
                raise DemoError(f"Seed 002 names {city!r}, which has no coordinates in demo/content.py.")
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
            },
            live=True,
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
            webpages.expect(parsed["texts"][figure.seed], fragment, seed=figure.seed)
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
                "slug_en": slug_for(data.title_en, Page._meta.get_field("slug_en").max_length),
                "lead_fr": page["lead"],
                "lead_en": "",
                "body_fr": compact_html(page["body"]),
                "body_en": "",
                "parent": written[data.parent] if data.parent else None,
                "position": data.position,
                "show_in_menu": True,
                "contact_email": data.contact_email,
            }
            written[data.slug_fr] = writer.upsert(Page, {"slug_fr": data.slug_fr}, values, live=True)
    for index, legal in enumerate(content.LEGAL_PAGES):
        values = {
            "compliance": legal.compliance,
            "contact_email": legal.contact_email,
            "parent": None,
            "position": LEGAL_POSITION + index,
            "show_in_menu": False,
        }
        for language in ("fr", "en"):
            fields, body = read_text(legal.name, language)
            values.update(
                {
                    f"slug_{language}": fields["slug"],
                    f"title_{language}": fields["title"],
                    f"lead_{language}": fields.get("lead", ""),
                    f"body_{language}": compact_html(body),
                }
            )
        writer.upsert(Page, {"role": legal.role}, values, conflicts=("slug_fr",), live=True)


def _write_newsroom(writer, themes):
    """Write the fictional accredited journalists and the confirmed subscribers, with their consent records."""
    for data in content.JOURNALISTS:
        journalist = writer.upsert(
            Journalist,
            {"email": data.email},
            {
                "name": data.name,
                "outlet": data.outlet,
                "language": data.language,
                "time_zone": data.time_zone,
                "accredited_from": data.accredited_from,
                "accredited_until": data.accredited_until,
            },
        )
        writer.set_related(journalist, "beats", [themes[key] for key in data.beats])
    for data in content.SUBSCRIBERS:
        subscriber = writer.upsert(
            Subscriber,
            {"email": data.email},
            {
                "languages": data.languages,
                "all_themes": not data.themes,
                "confirmed_at": data.confirmed_at,
                "unsubscribed_at": None,
            },
        )
        chosen = [themes[key] for key in data.themes]
        writer.set_related(subscriber, "themes", chosen)
        # What the subscription form would have recorded: the request, then the confirmation.
        scope = {
            "languages": data.languages,
            "all_releases": not data.themes,
            "themes": sorted(theme.slug_fr for theme in chosen),
        }
        consent = {"scope": scope, "source": content.SUBSCRIPTION_SOURCE, "language": data.page_language}
        writer.sync_children(
            ConsentRecord,
            "subscriber",
            subscriber,
            [
                {"action": ConsentRecord.Action.REQUESTED, "at": data.requested_at, **consent},
                {"action": ConsentRecord.Action.CONFIRMED, "at": data.confirmed_at, **consent},
            ],
            key_fields=("action",),
        )
