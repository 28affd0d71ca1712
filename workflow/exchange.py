"""Translator round-trips: export translated fields as XLIFF or PO, import the translations back.

One unit per translated field of an item, identified as ``app.model.pk.field``, and one per translated
field of each of its inline rows (``press.quote.12.text``, with a note naming its item and row). Each unit
carries the hash of its source text (a note), so an import refuses a unit whose source changed since the
export rather than overwrite a newer edit. Rich text goes into XLIFF with its markup as inline codes (``<g>``
for elements, ``<x/>`` for line breaks) rebuilt from the current source on import; PO carries the HTML
as text. Files are read and written by translate-toolkit.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as codes

from core.richtext import RichTextField, sanitize_html
from workflow import checks, notifications, permissions
from workflow.mixins import (
    Authored,
    FieldTracked,
    TrackedPart,
    TranslationTracked,
    part_rows,
    prefetch_part_rows,
    source_digest,
    stale_translation_q,
    translated_field_names,
)
from workflow.models import ReviewMessage, TranslationProposal

HASH_NOTE = "source-hash:"
VOID_TAGS = {"br"}


class Xliff12File(xliff.xlifffile):
    """XLIFF 1.2 (translate-toolkit writes 1.1 by default; the subset used here is the same)."""

    namespace = "urn:oasis:names:tc:xliff:document:1.2"
    XMLskeleton = """<?xml version="1.0" ?>
<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>
<file original='NoName' source-language='fr' datatype='html'>
<body>
</body>
</file>
</xliff>"""


def other_language(language):
    return "fr" if language == "en" else "en"


def is_rich(model, name):
    return isinstance(model._meta.get_field(name), RichTextField)


def unit_id(obj, name):
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{obj.pk}.{name}"


def units_of(objects, language):
    """Yield ``(obj, field, source, target)`` for each field with text to translate into ``language``.

    Each item's own fields, then its inline rows' (a quote, a party's role), the rows in their order.
    """
    source_language = other_language(language)
    prefetch_part_rows(objects)
    for item in objects:
        for obj in [item, *part_rows(item)] if isinstance(item, TranslationTracked) else [item]:
            for name in translated_field_names(type(obj)):
                source = obj.__dict__.get(f"{name}_{source_language}") or ""
                if source.strip():
                    yield obj, name, source, obj.__dict__.get(f"{name}_{language}") or ""


def row_note(obj, name):
    """Return the note telling a translator which item and row a row's unit belongs to, or None for an item's."""
    if not isinstance(obj, TrackedPart):
        return None
    return f"{obj.item} — {obj.field_label(name)}"


def field_label(obj, name):
    """Return "item — field" for an import report: "Release — lead", "Release — quote 2"."""
    if isinstance(obj, TrackedPart):
        return f"{obj.item} — {obj.field_label(name)}"
    return f"{obj} — {obj._meta.get_field(name).verbose_name}"


# Rich text as XLIFF inline codes -------------------------------------------------------------------


class _Tree(HTMLParser):
    """Parse sanitised HTML into nested lists: text, and (tag, attrs, children) per element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = []
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = (tag, attrs, [])
        self.stack[-1].append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node[2])

    def handle_endtag(self, tag):
        if len(self.stack) > 1 and tag not in VOID_TAGS:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].append(data)


def html_tree(html):
    parser = _Tree()
    parser.feed(html or "")
    parser.close()
    return parser.root


def _tags_by_id(nodes, tags=None):
    """Return ``{id: (tag, attrs)}`` numbering elements in document order, as ``to_codes`` does."""
    tags = {} if tags is None else tags
    for node in nodes:
        if isinstance(node, tuple):
            tags[str(len(tags) + 1)] = node[:2]
            _tags_by_id(node[2], tags)
    return tags


def to_codes(html):
    """Return the rich XLIFF content of ``html``: elements as ``<g>``, line breaks as ``<x/>``."""
    counter = [0]

    def convert(nodes):
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(node)
                continue
            counter[0] += 1
            tag, _attrs, children = node
            if tag in VOID_TAGS:
                parts.append(codes.X(id=str(counter[0])))
            else:
                parts.append(codes.G(id=str(counter[0]), sub=convert(children)))
        return parts

    return [StringElem(convert(html_tree(html)))]


def from_codes(rich, source_html):
    """Rebuild HTML from a rich XLIFF target, each code's element taken from the source's element of that id."""
    tags = _tags_by_id(html_tree(source_html))

    def render(elem):
        if isinstance(elem, str):
            return escape(elem)
        if isinstance(elem, codes.X):
            tag, attrs = tags.get(elem.id, ("br", []))
            return f"<{tag}>"
        if isinstance(elem, codes.G):
            tag, attrs = tags.get(elem.id, ("span", []))
            inner = "".join(render(sub) for sub in elem.sub)
            attributes = "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
            return f"<{tag}{attributes}>{inner}</{tag}>"
        return "".join(render(sub) for sub in elem.sub)

    return "".join(render(elem) for elem in rich)


# Export --------------------------------------------------------------------------------------------


def export_xliff(objects, *, language):
    """Return an XLIFF 1.2 file of the fields of ``objects`` to translate into ``language``."""
    store = Xliff12File(sourcelanguage=other_language(language), targetlanguage=language)
    for obj, name, source, target in units_of(objects, language):
        rich = is_rich(type(obj), name)
        unit = store.addsourceunit(source)
        unit.setid(unit_id(obj, name))
        if rich:
            unit.rich_source = to_codes(source)
        if target:
            store_target(unit, target, rich)
        unit.addnote(HASH_NOTE + source_digest(source), origin="developer")
        if note := row_note(obj, name):
            unit.addnote(note, origin="developer")
    return bytes(store)


def store_target(unit, target, rich):
    if rich:
        unit.rich_target = to_codes(target)
    else:
        unit.target = target


def export_po(objects, *, language):
    """Return a PO file of the fields of ``objects`` to translate into ``language`` (rich text as HTML)."""
    store = po.pofile()
    store.updateheader(add=True, Language=language, X_Source_Language=other_language(language))
    for obj, name, source, target in units_of(objects, language):
        unit = store.addsourceunit(source)
        unit.setcontext(unit_id(obj, name))
        unit.target = target
        unit.addnote(HASH_NOTE + source_digest(source), origin="developer")
        if note := row_note(obj, name):
            unit.addnote(note, origin="developer")
    return bytes(store)


def stale_items(language):
    """Return every item, content and reference data alike, with a field out of date in ``language``."""
    return [
        obj
        for model in apps.get_models()
        if issubclass(model, TranslationTracked)
        for obj in model._default_manager.filter(stale_translation_q(language, model)).order_by("pk")
    ]


# Import --------------------------------------------------------------------------------------------


class MalformedFile(ValueError):
    """The file is not a readable XLIFF or PO file of this site."""


@dataclass
class ImportReport:
    applied: list = field(default_factory=list)  # "item — field" written in place
    proposed: list = field(default_factory=list)  # "item — field" kept for review: the item is published
    unchanged: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (unit id, reason)
    written: bool = False


@dataclass
class _Unit:
    key: str
    note: str
    target: str
    rich_target: object = None


def read_units(content, *, filename=""):
    """Return the units of an XLIFF or PO file; raise MalformedFile with a clear message otherwise."""
    data = content if isinstance(content, bytes) else content.encode()
    try:
        if filename.endswith((".xlf", ".xliff")) or data.lstrip().startswith(b"<"):
            store = xliff.xlifffile.parsestring(data)
            units = [
                _Unit(
                    unit.xmlelement.get("id") or "",
                    unit.getnotes(),
                    unit.target or "",
                    unit.rich_target if unit.target else None,
                )
                for unit in store.units
            ]
        else:
            store = po.pofile.parsestring(data)
            units = [
                _Unit(unit.getcontext(), unit.getnotes(), unit.target or "")
                for unit in store.units
                if not unit.isheader()
            ]
    except Exception as error:  # translate-toolkit raises lxml, parse and value errors alike
        raise MalformedFile(_("This file is not a readable XLIFF or PO file: %(error)s") % {"error": error}) from error
    if not units or any(unit.key.count(".") != 3 for unit in units):
        raise MalformedFile(_("This file has no translation units exported by this site."))
    return units


def import_translations(content, *, language, user, filename="", apply=False):
    """Read a translated file; with ``apply``, write the translations it brings, all or nothing.

    A unit is refused when its item (or inline row) is gone, the user may not change it, or its source changed
    since the export. Written text is sanitised like any rich text. A draft or an item in review (or reference
    data) gets it in place, saved as the user's edit (so the fields it fills are confirmed translations)
    and recorded in the item's history. A published item, live or scheduled, is left as it is: its
    translations, its rows' included, wait as ``TranslationProposal`` rows until a Publisher applies them
    (``apply_proposals``), so the public text changes only through review.
    """
    units = read_units(content, filename=filename)
    report = ImportReport()
    loaded, changed, proposals = {}, {}, []
    for unit in units:
        app_model, pk, name = unit.key.rsplit(".", 2)
        try:
            model = apps.get_model(app_model)
            obj = loaded.get((model, pk)) or model._default_manager.get(pk=pk)
        except (LookupError, ValueError, ObjectDoesNotExist):
            report.refused.append((unit.key, _("no such item")))
            continue
        loaded[model, pk] = obj
        if name not in translated_field_names(model):
            report.refused.append((unit.key, _("no such translated field")))
            continue
        item = obj.item if isinstance(obj, TrackedPart) else obj
        public = permissions.is_public(item)
        if not may_translate(user, obj, item, public=public):
            report.refused.append((unit.key, _("you may not change this item")))
            continue
        source = obj.__dict__.get(f"{name}_{other_language(language)}") or ""
        if HASH_NOTE + source_digest(source) not in unit.note:
            report.refused.append((unit.key, _("its source text changed since the export")))
            continue
        target = imported_text(unit, model, name, source)
        label = field_label(obj, name)
        if not target.strip() or target == (obj.__dict__.get(f"{name}_{language}") or ""):
            report.unchanged.append(label)
        elif public:
            proposals.append((obj, name, target, source_digest(source)))
            report.proposed.append(label)
        else:
            write_translation(obj, name, language, target)
            changed[model, pk] = obj
            report.applied.append(label)
    if apply and (changed or proposals):
        with transaction.atomic():
            save_translations(changed.values(), user=user, languages=[language], reason=_("Translation imported"))
            for obj, name, target, digest in proposals:
                TranslationProposal.objects.update_or_create(
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=obj.pk,
                    field=name,
                    language=language,
                    defaults={"text": target, "source_digest": digest, "created_by": user},
                )
        report.written = True
    return report


def may_translate(user, obj, item, *, public):
    """Tell whether ``user`` may write a translation of ``obj`` (``item`` or one of its inline rows).

    For a published item, whether they may propose one: the right to change its kind of item (an Editor's);
    applying it later takes a Publisher. Otherwise the gate's answer on the item as it is now.
    """
    model = type(item)
    if public:
        allowed = user.has_perm(permissions.permission_name("change", model))
    else:
        allowed = permissions.can_change(user, model._default_manager.get(pk=item.pk))
    if allowed and obj is not item:
        allowed = user.has_perm(permissions.permission_name("change", type(obj)))
    return allowed


def imported_text(unit, model, name, source):
    """Return the target of ``unit`` as the field will store it: rich text rebuilt from its codes and sanitised."""
    if not is_rich(model, name):
        return unit.target
    if unit.rich_target is not None:
        return sanitize_html(from_codes(unit.rich_target, source))
    return sanitize_html(unit.target)


def write_translation(obj, name, language, text):
    """Put a translation of the current source into ``obj``: its source is confirmed against it, not made stale."""
    setattr(obj, f"{name}_{language}", text)
    if isinstance(obj, FieldTracked):
        obj.confirm_translation(name, other_language(language))


def save_translation(obj, *, user, reason):
    """Save ``obj`` as ``user``'s edit through its normal save: version, history, translation confirmations."""
    if isinstance(obj, Authored):
        obj.updated_by = user
    obj._change_reason = reason
    obj._history_user = user
    obj.save()


def save_translations(objects, *, user, languages, reason):
    """Save translated items and inline rows as ``user``'s edit: each item once, first, then the rows.

    The item's save is a revision (version, history with ``reason``), as an admin save of a row is; the rows
    saved after it belong to that revision (see workflow.history.rows_at). An item whose rows were translated
    into ``languages`` records those languages as edited, as an inline edit in the admin does.
    """
    items, rows = {}, {}
    for obj in objects:
        if isinstance(obj, TrackedPart):
            rows[type(obj), obj.pk] = obj
            items.setdefault((type(obj.item), obj.item.pk), obj.item)
        else:
            items[type(obj), obj.pk] = obj
    edited = {(type(row.item), row.item.pk) for row in rows.values()}
    for key in edited:
        if isinstance(items[key], TranslationTracked):
            for language in languages:
                setattr(items[key], f"{language}_edited_at", timezone.now())
    for item in items.values():
        save_translation(item, user=user, reason=reason)
    for row in rows.values():
        row._change_reason = reason
        row._history_user = user
        row.save()


# Translations waiting for review -------------------------------------------------------------------


@dataclass
class ApplyReport:
    applied: list = field(default_factory=list)  # "item — field (language)"
    refused: list = field(default_factory=list)  # ("item — field (language)", reason)
    # ("item — field (language)", warnings): held back by a pre-publication warning; apply despite it to write
    warned: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (item, its translation problems left once applied)


@dataclass
class _Group:
    """The proposals applied to one item: its own fields' and its rows'."""

    item: object
    changes: list = field(default_factory=list)  # (object written, proposal, label)


class _Held(Exception):
    """The pre-publication checks stop the translations of one item: its writes are rolled back."""

    def __init__(self, problems):
        super().__init__()
        self.problems = problems


def apply_proposals(proposals, *, user, despite_warnings=False):
    """Write imported translations into their published items, item by item; delete those written.

    Each proposal is checked again: its item (or row) must still exist, ``user`` must be allowed to change the
    item as it is now (a Publisher, for a published item), and its source text must be the one it was translated
    from. A proposal whose source changed stays, refused, to be discarded or translated again.

    Then the pre-publication checks (workflow.checks) run on each item as its translations leave it, as
    publishing does: a problem they bring that blocks publishing refuses the item's translations, a warning
    holds them back unless ``despite_warnings`` (both leave the item as it was and keep the proposals); notes
    are reported. Problems the item had already are not the translations' doing. What was applied is kept as
    a review message in the item's history: who applied which translation, imported by whom.
    """
    report = ApplyReport()
    loaded, groups = {}, {}
    for proposal in proposals:
        model = proposal.content_type.model_class()
        obj = loaded.get((model, proposal.object_id))
        if obj is None and model is not None:
            obj = model._default_manager.filter(pk=proposal.object_id).first()
        if obj is None:
            report.refused.append((proposal.label(), _("no such item")))
            continue
        loaded[model, obj.pk] = obj
        item = obj.item if isinstance(obj, TrackedPart) else obj
        item = loaded.setdefault((type(item), item.pk), item)
        label = proposal.label(obj)
        if proposal.field not in translated_field_names(model):
            report.refused.append((label, _("no such translated field")))
            continue
        current = type(item)._default_manager.get(pk=item.pk)
        allowed = permissions.can_change(user, current) and (
            obj is item or permissions.can_change_part(user, "change", model, current)
        )
        if not allowed:
            report.refused.append((label, _("you may not change this item")))
            continue
        source = obj.__dict__.get(f"{proposal.field}_{other_language(proposal.language)}") or ""
        if source_digest(source) != proposal.source_digest:
            report.refused.append((label, _("its source text changed since the import")))
            continue
        if isinstance(obj, TrackedPart):
            setattr(obj, obj.item_field, item)  # one instance of the item, saved once
        groups.setdefault((type(item), item.pk), _Group(item)).changes.append((obj, proposal, label))
    for group in groups.values():
        apply_group(group, user=user, despite_warnings=despite_warnings, report=report)
    return report


def apply_group(group, *, user, despite_warnings, report):
    """Write one item's proposals and keep them if the pre-publication checks let them through (see apply_proposals).

    The translation check is left out of the comparison: a translation of the current source fills a field and
    confirms both languages, so it cannot make one missing or stale, but its messages list the fields together
    and a shorter list would read as a new problem. What remains of it is reported, as publishing does.
    """
    item = group.item
    before = {
        (problem.check, problem.message) for problem in checks.problems_of(type(item)._default_manager.get(pk=item.pk))
    }
    try:
        with transaction.atomic():
            for obj, proposal, _label in group.changes:
                write_translation(obj, proposal.field, proposal.language, proposal.text)
            save_translations(
                [obj for obj, _proposal, _label in group.changes],
                user=user,
                languages={proposal.language for _obj, proposal, _label in group.changes},
                reason=_("Imported translation applied"),
            )
            applied = type(item)._default_manager.get(pk=item.pk)
            stopping = [
                problem
                for problem in checks.problems_of(applied)
                if problem.stops
                and problem.check != "translation"
                and (problem.check, problem.message) not in before
                and (problem.blocks or not despite_warnings)
            ]
            if stopping:
                raise _Held(stopping)
            notifications.record(item, ReviewMessage.Kind.TRANSLATION_APPLIED, user=user, text=applied_text(group))
            TranslationProposal.objects.filter(pk__in=[proposal.pk for _obj, proposal, _l in group.changes]).delete()
    except _Held as held:
        messages = " ".join(problem.message for problem in held.problems)
        blocked = any(problem.blocks for problem in held.problems)
        for _obj, _proposal, label in group.changes:
            if blocked:
                report.refused.append(
                    (label, _("the pre-publication checks refuse it: %(problems)s") % {"problems": messages})
                )
            else:
                report.warned.append((label, messages))
        return
    report.applied += [label for _obj, _proposal, label in group.changes]
    remaining = checks.check_translation(applied, {}) if checks.severity("translation") != checks.OFF else []
    if remaining:
        report.notes.append((applied, "; ".join(remaining)))


def applied_text(group):
    """Return the review message of applied translations: which fields, in which language, imported by whom."""
    by_import = {}
    for obj, proposal, _label in group.changes:
        name = (
            obj.field_label(proposal.field)
            if isinstance(obj, TrackedPart)
            else str(obj._meta.get_field(proposal.field).verbose_name)
        )
        importer = proposal.created_by.get_username() if proposal.created_by else "—"
        by_import.setdefault((proposal.language, importer), []).append(name)
    return "\n".join(
        _("%(language)s: %(fields)s, imported by %(user)s")
        % {
            "language": translation.get_language_info(language)["name_translated"],
            "fields": ", ".join(names),
            "user": importer,
        }
        for (language, importer), names in by_import.items()
    )
