"""Planning and pairing: what each document contributes, which French and English documents are one release,
and which stored release a document updates or translates."""

import itertools
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.models import Organisation
from press.models import PressRelease

from .names import by_first_mention, key, kind_from_name
from .parser import ParsedDocument
from .report import FileReport
from .text import words


@dataclass(eq=False)
class Plan:
    """What one document contributes: its parse, its organisations and its report."""

    doc: ParsedDocument
    report: FileReport
    issuers: list = field(default_factory=list)
    abouts: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    quotes: list = field(default_factory=list)


def plan_document(doc, report, directory):
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
    plan.issuers = by_first_mention(list(dict.fromkeys(plan.issuers)), f"{doc.title} {doc.lead}")
    return plan


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


def describe_pairing(fr, en):
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


def matching_release(doc):
    """Return the stored release of the same date and title in the document's language, or None."""
    title_key, slug = key(doc.title), slugify(doc.title)
    for release in PressRelease.objects.filter(release_date=doc.release_date, update_of__isnull=True):
        title = getattr(release, f"title_{doc.language}") or ""
        if title and (key(title) == title_key or getattr(release, f"slug_{doc.language}") == slug):
            return release
    return None


def release_to_translate(plan):
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
