"""Plan, pair and write imported press releases; report what happened to each file."""

import itertools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.slugs import slug_for
from directory.models import Organisation, Person
from press.models import AboutProposal, PressContact, PressRelease, PressReleaseIssuer, Quote, kind_for_label
from workflow import transitions
from workflow.permissions import can_add, can_change, can_publish
from workflow.states import Status

from .parser import ParsedDocument, organisation_names, parse_document
from .sources import read_paths
from .text import words

KIND_WORDS = (
    ("region", Organisation.Kind.REGION),
    ("departement", Organisation.Kind.REGION),
    ("metropole", Organisation.Kind.REGION),
    ("universit", Organisation.Kind.UNIVERSITY),
    ("ministere", Organisation.Kind.MINISTRY),
    ("ministry", Organisation.Kind.MINISTRY),
    ("agence", Organisation.Kind.AGENCY),
    ("agency", Organisation.Kind.AGENCY),
    ("fondation", Organisation.Kind.FOUNDATION),
    ("foundation", Organisation.Kind.FOUNDATION),
    ("hopital", Organisation.Kind.HOSPITAL),
    ("hospital", Organisation.Kind.HOSPITAL),
    ("chu", Organisation.Kind.HOSPITAL),
    ("institut", Organisation.Kind.RESEARCH_BODY),
    ("institute", Organisation.Kind.RESEARCH_BODY),
    ("centre", Organisation.Kind.RESEARCH_BODY),
)
LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def key(name):
    """Return the comparison key of a name: folded words joined by spaces."""
    return " ".join(words(name))


def kind_from_name(name):
    """Return the organisation kind a name announces ("Région Bretagne" → region), or None."""
    tokens = words(name)
    for word, kind in KIND_WORDS:
        if any(token.startswith(word) if len(word) > 3 else token == word for token in tokens):
            return kind
    return None


@dataclass(eq=False)
class PlannedOrganisation:
    """An organisation the batch names but the directory does not hold yet."""

    names: dict
    acronym: str
    kind: str
    instance: Organisation | None = None

    def __str__(self):
        return self.acronym or self.names.get("fr") or self.names.get("en")


@dataclass(eq=False)
class PlannedPerson:
    first_name: str
    last_name: str
    organisation: object
    roles: dict
    instance: Person | None = None


class Directory:
    """Find organisations and people by name, and plan the creation of the unknown ones."""

    def __init__(self):
        self.index = {}
        for organisation in Organisation.objects.all():
            for name in (organisation.acronym, organisation.name_fr, organisation.name_en):
                if name:
                    self.index.setdefault(key(name), organisation)
        self.people = {}

    def find(self, label):
        for name in organisation_names(label):
            entity = self.index.get(key(name))
            if entity is not None:
                return entity
        return None

    def find_or_plan(self, label, language, *, kind=None):
        """Return the organisation a label names, planning a new one when none matches exactly."""
        entity = self.find(label)
        names = organisation_names(label)
        if entity is not None:
            if isinstance(entity, PlannedOrganisation):
                for name in names:
                    if len(name.split()) > 1:
                        entity.names.setdefault(language, name)
            return entity
        if not names:
            return None
        single = [name for name in names if len(name.split()) == 1 and len(name) <= 12]
        long = [name for name in names if name not in single]
        acronym = single[0] if single else ""
        display = long[0] if long else names[0]
        entity = PlannedOrganisation(
            names={language: display},
            acronym=acronym,
            kind=kind or kind_from_name(display) or Organisation.Kind.RESEARCH_BODY,
        )
        for name in names:
            self.index[key(name)] = entity
        return entity

    def person(self, full_name, organisation, title, language):
        """Return the Person (or the planned one) of a quoted speaker."""
        first, _space, last = full_name.partition(" ")
        person_key = (key(first), key(last))
        if person_key in self.people:
            planned = self.people[person_key]
            if isinstance(planned, PlannedPerson):
                planned.roles.setdefault(language, title)
            return planned
        existing = [
            person
            for person in Person.objects.filter(last_name__iexact=last).select_related("organisation")
            if key(person.first_name) == person_key[0]
        ]
        if existing:
            self.people[person_key] = existing[0]
        else:
            self.people[person_key] = PlannedPerson(first, last, organisation, {language: title})
        return self.people[person_key]


@dataclass
class FileReport:
    name: str
    language: str = ""
    status: str = "error"
    found: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    release_id: int | None = None
    release_title: str = ""

    @property
    def status_label(self):
        return {
            "created": _("created"),
            "updated": _("updated"),
            "draft_update": _("saved as a draft update of the published release"),
            "unchanged": _("unchanged, nothing written"),
            "error": _("not imported"),
        }.get(self.status, self.status)


@dataclass
class Pairing:
    french: str
    english: str
    reason: str
    existing_release: int | None = None

    @property
    def key(self):
        return f"{self.french}|{self.english}"


@dataclass
class BatchReport:
    dry_run: bool
    files: list = field(default_factory=list)
    pairings: list = field(default_factory=list)
    ambiguities: list = field(default_factory=list)

    def count(self, status):
        """Return the number of releases with ``status``, or of files not imported for "error"."""
        if status == "error":
            return sum(report.status == "error" for report in self.files)
        return len({report.release_id for report in self.files if report.status == status})

    @property
    def summary(self):
        summary = _(
            "Releases: %(created)s created, %(updated)s updated, %(unchanged)s unchanged. Files not imported: %(errors)s."
        ) % {
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": self.count("error"),
        }
        drafts = self.count("draft_update")
        if drafts:
            summary += " " + ngettext(
                "%(count)s published release left unchanged, its update saved as a draft for review.",
                "%(count)s published releases left unchanged, their updates saved as drafts for review.",
                drafts,
            ) % {"count": drafts}
        return summary

    def as_text(self):
        """Return the report as plain text, one paragraph per file, then the pairings and a summary."""
        lines = [_("Dry run: nothing was written.")] if self.dry_run else []
        for report in self.files:
            language = f" ({_(LANGUAGE_NAMES[report.language])})" if report.language else ""
            head = f"{report.name}{language}: {report.status_label}"
            if report.release_title:
                head += f" — “{report.release_title}”"
            lines.append(head)
            lines.extend(f"  ✗ {error}" for error in report.errors)
            lines.extend(f"  ✓ {item}" for item in report.found)
            lines.extend(f"  ? {item}" for item in report.missing)
            lines.extend(f"  • {note}" for note in report.notes)
        if self.pairings or self.ambiguities:
            lines.append(_("Pairings (French + English = one release):"))
            lines.extend(f"  {pairing.french} + {pairing.english}: {pairing.reason}" for pairing in self.pairings)
            lines.extend(f"  {ambiguity}" for ambiguity in self.ambiguities)
        lines.append(self.summary)
        return "\n".join(lines)


@dataclass(eq=False)
class Plan:
    """What one document contributes: its parse, its organisations and its report."""

    doc: ParsedDocument
    report: FileReport
    issuers: list = field(default_factory=list)
    abouts: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    quotes: list = field(default_factory=list)


def _plan_document(doc, report, directory):
    plan = Plan(doc=doc, report=report)
    language = doc.language
    for about in doc.abouts:
        entity = directory.find_or_plan(about.heading, language)
        if entity is not None:
            plan.abouts.append((entity, about))
    for label in doc.header_labels:
        entity = directory.find(label)
        if entity is not None:
            plan.issuers.append(entity)
        else:
            report.missing.append(_("header line not recognised, left out: “%(line)s”") % {"line": label})
    plan.issuers.extend(entity for entity, _about in plan.abouts)
    for contact in doc.contacts:
        organisation, names = None, []
        for label in contact.labels:
            entity = directory.find(label) if organisation is None else None
            if entity is not None:
                organisation = entity
            else:
                names.append(label)
        plan.contacts.append((organisation, ", ".join(names)[:200], contact))
        if organisation is not None:
            plan.issuers.append(organisation)
    for quote in doc.quotes:
        organisation = None
        for label in quote.organisation_labels:
            organisation = directory.find(label)
            if organisation is None and kind_from_name(label):
                organisation = directory.find_or_plan(label, language, kind=kind_from_name(label))
            if organisation is not None:
                break
        person = directory.person(quote.speaker_name, organisation, quote.speaker_title, language)
        plan.quotes.append((person, quote))
    plan.issuers = _by_first_mention(list(dict.fromkeys(plan.issuers)), f"{doc.title} {doc.lead}")
    return plan


def _entity_names(entity):
    if isinstance(entity, PlannedOrganisation):
        return [entity.acronym, *entity.names.values()]
    return [entity.acronym, entity.name_fr, entity.name_en]


def _by_first_mention(entities, text):
    """Order organisations as the title and lead first name them; the others keep their order, after."""
    folded = " " + key(text) + " "

    def position(item):
        index, entity = item
        found = [folded.find(f" {key(name)} ") for name in _entity_names(entity) if name and key(name)]
        found = [place for place in found if place >= 0]
        return (min(found), index) if found else (len(folded), index)

    return [entity for _index, entity in sorted(enumerate(entities), key=position)]


def _title_words(title):
    """Return the words two translated titles may share: names, acronyms, numbers, cognate stems."""
    stems = set()
    for word in words(title):
        if word.isdigit() or len(word) >= 5:
            stems.add(word[:5])
    return stems


def _pair_score(fr, en):
    shared = set(fr.issuers) & set(en.issuers)
    union = set(fr.issuers) | set(en.issuers)
    if union and not shared:
        return None
    overlap = len(shared) / len(union) if union else 0.0
    return overlap, len(_title_words(fr.doc.title) & _title_words(en.doc.title))


def _describe_pairing(fr, en):
    shared = [str(entity) for entity in fr.issuers if entity in en.issuers]
    reason = _("same release date %(date)s") % {"date": fr.doc.release_date.isoformat()}
    if shared:
        reason += "; " + _("same organisations: %(names)s") % {"names": ", ".join(shared)}
    common = sorted(_title_words(fr.doc.title) & _title_words(en.doc.title))
    if common:
        reason += "; " + _("titles share: %(words)s") % {"words": ", ".join(common)}
    return reason


def pair_documents(plans, *, undone=()):
    """Return (pairs, ambiguities): French and English plans of the same release, best match first.

    A French and an English document pair when they have the same release date and name the same
    organisations (at least one in common, or none on either side). When several fit, the one sharing
    more organisations, then more title words (names, numbers, cognate stems), wins; a tie pairs nothing.
    """
    french = [plan for plan in plans if plan.doc.language == "fr"]
    english = [plan for plan in plans if plan.doc.language == "en"]
    candidates = []
    for fr, en in itertools.product(french, english):
        if fr.doc.release_date != en.doc.release_date or f"{fr.report.name}|{en.report.name}" in undone:
            continue
        score = _pair_score(fr, en)
        if score is not None:
            candidates.append((score, fr, en))
    candidates.sort(key=lambda item: item[0], reverse=True)
    pairs, ambiguities, used = [], [], set()
    for score, fr, en in candidates:
        if fr in used or en in used:
            continue
        rivals = [
            other
            for other in candidates
            if other[0] == score and (other[1] is fr) != (other[2] is en) and not ({other[1], other[2]} & used)
        ]
        if rivals:
            names = sorted({plan.report.name for item in [(score, fr, en), *rivals] for plan in item[1:]})
            ambiguities.append(
                _("not paired, several documents fit equally well: %(names)s") % {"names": ", ".join(names)}
            )
            used.update(plan for item in [(score, fr, en), *rivals] for plan in item[1:])
            continue
        pairs.append((fr, en))
        used.update((fr, en))
    return pairs, ambiguities


def _matching_release(doc):
    """Return the stored release of the same date and title in the document's language, or None."""
    title_key, slug = key(doc.title), slugify(doc.title)
    for release in PressRelease.objects.filter(release_date=doc.release_date, update_of__isnull=True):
        title = getattr(release, f"title_{doc.language}") or ""
        if title and (key(title) == title_key or getattr(release, f"slug_{doc.language}") == slug):
            return release
    return None


def _release_to_translate(plan):
    """Return the one stored release a document translates: same date, shared organisations, no text in its language."""
    language = plan.doc.language
    issuers = {entity.pk for entity in plan.issuers if isinstance(entity, Organisation)}
    candidates = []
    untranslated = PressRelease.objects.filter(
        Q(**{f"title_{language}": ""}) | Q(**{f"title_{language}__isnull": True}),
        release_date=plan.doc.release_date,
        update_of__isnull=True,
    )
    for release in untranslated.prefetch_related("issuers"):
        stored = {issuer.organisation_id for issuer in release.issuers.all()}
        if (stored & issuers) or not (stored or issuers):
            candidates.append(release)
    return candidates[0] if len(candidates) == 1 else None


def _unique_slug(language, title, release_date, exclude_pk):
    base = slug_for(title, 300) or "communique"
    slug, counter = base, 1
    while PressRelease.objects.filter(**{f"slug_{language}": slug}).exclude(pk=exclude_pk).exists():
        suffix = f"-{release_date.isoformat()}" if counter == 1 else f"-{release_date.isoformat()}-{counter}"
        slug = base[: 300 - len(suffix)] + suffix
        counter += 1
    return slug


SNAPSHOT_FIELDS = [
    "title_fr",
    "title_en",
    "slug_fr",
    "slug_en",
    "heading",
    "kind_fr",
    "kind_en",
    "lead_fr",
    "lead_en",
    "body_fr",
    "body_en",
    "dateline_place",
    "release_date",
    "status",
]
# What a draft update may change in the release it updates.
UPDATED_FIELDS = [
    "heading",
    *(f"{name}_{language}" for name in ("title", "kind", "lead", "body") for language in ("fr", "en")),
]


def _snapshot(release, *, content_only=False):
    """Return what an import may change in ``release`` as stored; ``content_only`` leaves out slugs and status."""
    if release is None or release.pk is None:
        return None
    release = PressRelease.objects.get(pk=release.pk)
    fields = [name for name in SNAPSHOT_FIELDS if not (content_only and name.startswith(("slug", "status")))]
    return (
        tuple(getattr(release, name) for name in fields),
        tuple(release.issuers.values_list("organisation_id", flat=True)),
        tuple(release.contacts.values_list("organisation_id", "name", "email", "phone", "handle")),
        tuple(release.quotes.values_list("text_fr", "text_en", "speaker_id", "speaker_title_fr", "speaker_title_en")),
    )


def _draft_update(release, user):
    """Return the draft that holds changes to the published ``release``: its pending one, or a new copy."""
    pending = release.draft_updates.order_by("pk").first()
    if pending is not None:
        return pending
    draft = PressRelease.objects.get(pk=release.pk)
    draft.pk = draft.id = None
    draft._state.adding = True
    draft.update_of, draft.status, draft.version = release, Status.DRAFT, 0
    # The schedule stays the release's own: no embargo, so no journalist link, on the unreviewed draft.
    draft.publish_at = draft.unpublish_at = None
    draft.created_by = draft.updated_by = user
    for language in ("fr", "en"):
        if getattr(draft, f"slug_{language}"):
            title = getattr(draft, f"title_{language}")
            setattr(draft, f"slug_{language}", _unique_slug(language, title, draft.release_date, None))
    draft._change_reason = _("Draft update of the published release #%(pk)s") % {"pk": release.pk}
    save_in_default_language(draft)
    draft.themes.set(release.themes.all())
    _copy_related(release, draft)
    return draft


def _copy_related(source, target):
    """Give ``target`` the issuers, press contacts and quotes of ``source`` (replacing its own)."""
    issuers = list(source.issuers.all())
    contacts = list(source.contacts.all())
    quotes = list(source.quotes.all())
    target.issuers.all().delete()
    target.contacts.all().delete()
    target.quotes.all().delete()
    for row in (*issuers, *contacts, *quotes):
        row.pk = row.id = None
        row._state.adding = True
        row.release = target
        row.save()


def apply_draft_update(draft, *, user):
    """Write a draft update into the published release it updates, delete the draft; return the release.

    Only a user who may publish releases applies an update: it changes what the public reads (``user``
    None is the system itself, the demo loader). The release keeps its address, status, schedule, image,
    attachments and journalist links.
    """
    if user is not None and not can_publish(user, PressRelease):
        raise PermissionDenied
    with transaction.atomic():
        release = PressRelease.objects.select_for_update().get(pk=draft.update_of_id)
        for name in UPDATED_FIELDS:
            setattr(release, name, getattr(draft, name))
        release.dateline_place, release.release_date = draft.dateline_place, draft.release_date
        _copy_related(draft, release)
        # Deleted before the release is saved, so the draft's slugs are free for a new language of the release.
        draft.delete()
        for language in ("fr", "en"):
            title = getattr(release, f"title_{language}")
            if title and not getattr(release, f"slug_{language}"):
                setattr(release, f"slug_{language}", _unique_slug(language, title, release.release_date, release.pk))
        release.updated_by = user
        release._change_reason = _("Draft update applied")
        save_in_default_language(release)
    return release


def write_about_proposal(proposal, *, user):
    """Write a proposed "About" text into its organisation and delete the proposal; return the organisation.

    Refused unless ``user`` may change organisations (``user`` None is the system itself, the demo loader)
    and the release it came from is public: the text then tells nothing the public cannot read already.
    """
    if user is not None and not can_change(user, proposal.organisation):
        raise PermissionDenied
    if not proposal.release.is_live:
        raise ValidationError(
            _("“%(release)s” is not public yet: its “About” text waits until it is.") % {"release": proposal.release}
        )
    with transaction.atomic():
        organisation = proposal.organisation
        setattr(organisation, f"about_{proposal.language}", proposal.about)
        organisation._change_reason = change_reason(
            _("“About” text from the press release “%(release)s”") % {"release": proposal.release}
        )
        save_in_default_language(organisation)
        proposal.delete()
    return organisation


def change_reason(text):
    """Return ``text`` cut to what a revision's change reason holds (100 characters)."""
    return text if len(text) <= 100 else text[:99] + "…"


def save_in_default_language(instance):
    """Save with the default language active.

    A RichTextField's pre_save reads and writes back the untranslated attribute, which modeltranslation
    maps to the active language with a fallback to French: saved in English, an empty English text
    would receive the French one.
    """
    with translation.override(settings.LANGUAGE_CODE):
        instance.save()


class UnitWriter:
    """Write one release from one document or a French + English pair, inside one transaction."""

    def __init__(self, plans, target, *, publish, user):
        self.plans, self.target, self.publish, self.user = plans, target, publish, user
        self.created = []
        self.notes = []
        self.proposed = set()
        self.draft_update_of = None

    def may(self, check, target):
        """Ask the permission gate ``check`` about ``target`` for the importing user (a command run by no user may)."""
        return self.user is None or check(self.user, target)

    def propose(self, entity, note):
        """Report once that ``entity`` was not created, for someone who may create it to review."""
        if id(entity) not in self.proposed:
            self.proposed.add(id(entity))
            self.notes.append(note)

    def organisation(self, entity):
        """Return the Organisation of ``entity``, creating a planned one if the user may; else None."""
        if not isinstance(entity, PlannedOrganisation):
            return entity
        if entity.instance is None and not self.may(can_add, Organisation):
            self.propose(
                entity,
                _(
                    "organisation “%(name)s” is not in the directory and was not created (you may not add "
                    "organisations): ask someone who may to add it, then import again to link it"
                )
                % {"name": entity},
            )
            return None
        if entity.instance is None:
            names = entity.names
            entity.instance = Organisation.objects.create(
                name_fr=names.get("fr") or names.get("en"),
                name_en=names.get("en", ""),
                acronym=entity.acronym,
                kind=entity.kind,
            )
            self.created.append(entity)
            self.notes.append(_("organisation “%(name)s” created, please review it") % {"name": entity.instance})
        return entity.instance

    def person(self, planned):
        """Return the Person of a quoted speaker, creating a planned one if the user may; else None."""
        if not isinstance(planned, PlannedPerson):
            return planned
        if planned.instance is None and not self.may(can_add, Person):
            self.propose(
                planned,
                _(
                    "person “%(name)s” is not in the directory and was not created (you may not add people): "
                    "their quote has no speaker until someone who may adds them and the file is imported again"
                )
                % {"name": f"{planned.first_name} {planned.last_name}"},
            )
            return None
        if planned.instance is None:
            organisation = self.organisation(planned.organisation) if planned.organisation else None
            planned.instance = Person.objects.filter(
                first_name=planned.first_name, last_name=planned.last_name, organisation=organisation
            ).first() or Person.objects.create(
                first_name=planned.first_name,
                last_name=planned.last_name,
                organisation=organisation,
                role_fr=planned.roles.get("fr") or planned.roles.get("en", ""),
                role_en=planned.roles.get("en", ""),
            )
            self.created.append(planned)
            self.notes.append(_("person “%(name)s” created, please review them") % {"name": planned.instance.full_name})
        return planned.instance

    def forget_created(self):
        """Drop the instances created in a rolled-back transaction, so a later unit creates them again."""
        for planned in self.created:
            planned.instance = None

    def write(self):
        """Write the release; return it and its status ("created", "updated", "draft_update" or "unchanged").

        A published release (live or scheduled) is never changed in place: the import goes into a draft
        update of it, which a publisher applies once reviewed (``apply_draft_update``).
        """
        release = self.target or PressRelease()
        if release.pk is not None and release.status == Status.PUBLISHED:
            self.draft_update_of = release
            before = _snapshot(release, content_only=True)
            release = _draft_update(release, self.user)
        else:
            before = _snapshot(release)
        self.other_languages = {
            language
            for language in ("fr", "en")
            if release.pk
            and getattr(release, f"title_{language}")
            and language not in {plan.doc.language for plan in self.plans}
        }
        docs = [plan.doc for plan in self.plans]
        names = ", ".join(doc.name for doc in docs)
        for doc in docs:
            language = doc.language
            previous_title = getattr(release, f"title_{language}") or ""
            setattr(release, f"title_{language}", doc.title[:300])
            if not getattr(release, f"slug_{language}") or key(previous_title) != key(doc.title):
                setattr(release, f"slug_{language}", _unique_slug(language, doc.title, doc.release_date, release.pk))
            if doc.kind:
                release.heading = kind_for_label(doc.kind)
                setattr(
                    release, f"kind_{language}", doc.kind[:100] if release.heading == PressRelease.Kind.OTHER else ""
                )
            setattr(release, f"lead_{language}", doc.lead)
            setattr(release, f"body_{language}", doc.body_html)
        if release.pk is None:
            # A release in one language only: the other language's text is empty, not unknown (NULL).
            for language in {"fr", "en"} - {doc.language for doc in docs}:
                for name in ("title", "slug", "kind", "lead", "body"):
                    setattr(release, f"{name}_{language}", "")
        release.release_date = docs[0].release_date
        place = next((doc.dateline_place for doc in docs if doc.dateline_place), "")
        release.dateline_place = (place or release.dateline_place)[:100]
        if release.pk is None:
            release.status = Status.DRAFT
            release.created_by = self.user
        release.updated_by = self.user
        release._change_reason = change_reason(_("Imported from %(files)s") % {"files": names})
        if self.publish and self.draft_update_of is None:
            # The workflow's publish() sets the status and go-live time (now, unless scheduled) and saves.
            with translation.override(settings.LANGUAGE_CODE):
                transitions.publish([release], user=self.user)
        else:
            save_in_default_language(release)

        organisation_changes = self._write_abouts(release)
        issuers = [self.organisation(entity) for plan in self.plans for entity in plan.issuers]
        if self.keeps_other_language(release):
            issuers = [issuer.organisation for issuer in release.issuers.select_related("organisation")] + issuers
        issuers = [issuer for issuer in dict.fromkeys(issuers) if issuer is not None]
        release.issuers.all().delete()
        PressReleaseIssuer.objects.bulk_create(
            PressReleaseIssuer(release=release, organisation=organisation, position=position)
            for position, organisation in enumerate(issuers)
        )
        self._write_contacts(release)
        self._write_quotes(release)
        if self.draft_update_of is not None:
            if before == _snapshot(release, content_only=True):
                return release, "unchanged"
            self.notes.append(
                _(
                    "the published release was not changed: this import is saved as a draft update of it, "
                    "which a publisher applies once reviewed"
                )
            )
            return release, "draft_update"
        if before is not None and before == _snapshot(release) and not organisation_changes:
            return release, "unchanged"
        return release, "created" if before is None else "updated"

    def _write_abouts(self, release):
        """Fill empty "About" texts of organisations, only when this import puts ``release`` online.

        "About" texts are public on organisation pages, and a draft's boilerplate may describe partners
        of an embargoed release: unless the import publishes the release and the user may change
        organisations, the text is kept as an AboutProposal, never shown to the public, for staff review.
        """
        changes = 0
        writes = release.is_live and self.may(can_change, Organisation)
        for plan in self.plans:
            language = plan.doc.language
            for entity, about in plan.abouts:
                organisation = self.organisation(entity)
                if organisation is None:
                    continue
                stored = getattr(organisation, f"about_{language}") or ""
                if not stored.strip() and not writes:
                    AboutProposal.objects.update_or_create(
                        organisation=organisation,
                        release=self.draft_update_of or release,
                        language=language,
                        defaults={"about": about.html, "created_by": self.user},
                    )
                    self.notes.append(
                        _(
                            "“About” text (%(language)s) proposed for “%(name)s”, not written: it becomes public "
                            "with the organisation, so it waits among the proposed “About” texts for an "
                            "administrator to write it once the release is out"
                        )
                        % {"language": _(LANGUAGE_NAMES[language]), "name": organisation}
                    )
                elif not stored.strip():
                    setattr(organisation, f"about_{language}", about.html)
                    save_in_default_language(organisation)
                    changes += 1
                    self.notes.append(
                        _("“About” text (%(language)s) added to “%(name)s”")
                        % {"language": _(LANGUAGE_NAMES[language]), "name": organisation}
                    )
                elif key(re.sub(r"<[^>]+>", " ", stored)) != key(about.text):
                    self.notes.append(
                        _("the “About” text of “%(name)s” differs from the stored one: the stored text was kept")
                        % {"name": organisation}
                    )
        return changes

    def keeps_other_language(self, release):
        """Return True when this unit updates one language of a release that also has the other one."""
        return bool(self.other_languages)

    def _write_contacts(self, release):
        if self.keeps_other_language(release) and not any(plan.contacts for plan in self.plans):
            return
        release.contacts.all().delete()
        seen = set()
        position = 0
        for plan in self.plans:
            for entity, name, contact in plan.contacts:
                identity = (contact.email.lower(), contact.phone)
                if identity in seen:
                    continue
                seen.add(identity)
                PressContact.objects.create(
                    release=release,
                    organisation=self.organisation(entity) if entity is not None else None,
                    name=name,
                    email=contact.email[:254],
                    phone=contact.phone[:100],
                    handle=contact.handle[:100],
                    position=position,
                )
                position += 1

    def _write_quotes(self, release):
        if self.keeps_other_language(release):
            self._update_quotes(release)
            return
        release.quotes.all().delete()
        by_language = {plan.doc.language: plan.quotes for plan in self.plans}
        french, english = by_language.get("fr", []), by_language.get("en", [])
        if french and english and len(french) != len(english):
            self.notes.append(
                _("%(fr)s quotes in French but %(en)s in English: matched by position")
                % {"fr": len(french), "en": len(english)}
            )
        for position, (fr, en) in enumerate(itertools.zip_longest(french, english)):
            person = self.person((fr or en)[0])
            Quote.objects.create(
                release=release,
                text_fr=fr[1].text if fr else "",
                text_en=en[1].text if en else "",
                speaker=person,
                speaker_title_fr=fr[1].speaker_title[:255] if fr else "",
                speaker_title_en=en[1].speaker_title[:255] if en else "",
                position=position,
            )

    def _update_quotes(self, release):
        """Rewrite one language of the stored quotes, matched by position, leaving the other language alone."""
        plan = self.plans[0]
        language = plan.doc.language
        stored = list(release.quotes.all())
        for position, (person, quote) in enumerate(plan.quotes):
            if position < len(stored):
                existing = stored[position]
                setattr(existing, f"text_{language}", quote.text)
                setattr(existing, f"speaker_title_{language}", quote.speaker_title[:255])
                existing.save()
            else:
                Quote.objects.create(
                    release=release,
                    speaker=self.person(person),
                    position=position,
                    **{f"text_{language}": quote.text, f"speaker_title_{language}": quote.speaker_title[:255]},
                )
        for existing in stored[len(plan.quotes) :]:
            setattr(existing, f"text_{language}", "")
            setattr(existing, f"speaker_title_{language}", "")
            existing.save()


def import_sources(sources, *, language=None, dry_run=False, publish=False, user=None, undone=()):
    """Import press releases from Sources; return the BatchReport.

    Each release is written in its own transaction: a file that fails leaves nothing behind and the
    rest of the batch goes on. ``dry_run`` runs everything, then rolls it all back. ``undone`` holds
    the keys ("french|english") of pairings staff refused. ``publish`` needs a ``user`` who may publish
    releases; ``user`` None (a command run by ops) creates organisations and people but never publishes.
    """
    if publish and (user is None or not can_publish(user, PressRelease)):
        raise PermissionDenied("Only a user who may publish press releases can publish on import.")
    batch = BatchReport(dry_run=dry_run)
    with transaction.atomic():
        _run(batch, sources, language=language, publish=publish, user=user, undone=set(undone))
        if dry_run:
            transaction.set_rollback(True)
    return batch


def _run(batch, sources, *, language, publish, user, undone):
    directory = Directory()
    plans = []
    for source in sources:
        report = FileReport(name=source.name)
        batch.files.append(report)
        if source.error:
            report.errors.append(source.error)
            continue
        doc = parse_document(source.name, source.text, language=language)
        report.language = doc.language or ""
        report.found, report.missing, report.errors = doc.found, doc.missing, doc.errors
        if doc.ok:
            report.release_title = doc.title
            plans.append(_plan_document(doc, report, directory))
    plans.sort(key=lambda plan: plan.doc.language != "fr")

    pairs, batch.ambiguities = pair_documents(plans, undone=undone)
    paired = {plan for pair in pairs for plan in pair}
    units = []
    for fr, en in pairs:
        batch.pairings.append(Pairing(french=fr.report.name, english=en.report.name, reason=_describe_pairing(fr, en)))
        units.append(([fr, en], _matching_release(fr.doc) or _matching_release(en.doc)))
    for plan in plans:
        if plan in paired:
            continue
        target = _matching_release(plan.doc)
        if target is None:
            target = _release_to_translate(plan)
            if target is not None and plan.doc.language == "en":
                pairing = Pairing(
                    french=_("stored release “%(title)s”") % {"title": target.title_fr},
                    english=plan.report.name,
                    reason=_("same release date %(date)s and organisations, no English version yet")
                    % {"date": target.release_date.isoformat()},
                    existing_release=target.pk,
                )
            elif target is not None:
                pairing = Pairing(
                    french=plan.report.name,
                    english=_("stored release “%(title)s”") % {"title": target.title_en},
                    reason=_("same release date %(date)s and organisations, no French version yet")
                    % {"date": target.release_date.isoformat()},
                    existing_release=target.pk,
                )
            if target is not None:
                if pairing.key in undone:
                    target = None
                else:
                    batch.pairings.append(pairing)
            if target is None and plan.doc.language == "en":
                plan.report.notes.append(
                    _(
                        "English-only release: no French document or stored release of the same date and "
                        "organisations; a French version imported later completes it"
                    )
                )
        units.append(([plan], target))

    for unit_plans, target in units:
        writer = UnitWriter(unit_plans, target, publish=publish, user=user)
        try:
            with transaction.atomic():
                release, status = writer.write()
                if status == "unchanged":
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 — any failure of one release is reported, the batch goes on
            writer.forget_created()
            for plan in unit_plans:
                plan.report.status = "error"
                plan.report.errors.append(_("not written: %(error)s") % {"error": error})
            continue
        if status == "unchanged":
            writer.forget_created()
            release = writer.draft_update_of or release
        for index, plan in enumerate(unit_plans):
            plan.report.status = status
            plan.report.release_id = release.pk
            plan.report.release_title = release.title_fr or release.title_en
            if index == 0 and status != "unchanged":
                plan.report.notes.extend(writer.notes)
            if len(unit_plans) == 2:
                other = unit_plans[1] if plan is unit_plans[0] else unit_plans[0]
                plan.report.notes.append(_("paired with %(name)s") % {"name": other.report.name})
            if status != "unchanged":
                state = _("published") if release.status == Status.PUBLISHED else _("draft")
                plan.report.notes.append(_("release status: %(status)s") % {"status": state})


def import_paths(paths, **options):
    """Import the files, folders and zip archives at ``paths``; return the BatchReport."""
    return import_sources(read_paths(paths), **options)
