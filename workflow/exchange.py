"""Translator round-trips: export translated fields as XLIFF or PO, import the translations back.

One unit per translated field of an item, identified as ``app.model.pk.field``. Each unit carries the
hash of its source text (a note), so an import refuses a unit whose source changed since the export
rather than overwrite a newer edit. Rich text goes into XLIFF with its markup as inline codes (``<g>``
for elements, ``<x/>`` for line breaks) rebuilt from the current source on import; PO carries the HTML
as text. Files are read and written by translate-toolkit.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as codes

from core.richtext import RichTextField, sanitize_html
from workflow import permissions
from workflow.mixins import Authored, TranslationTracked, source_digest, stale_translation_q, translated_field_names
from workflow.models import TranslationProposal

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
    """Yield ``(obj, field, source, target)`` for each field of ``objects`` with text to translate into ``language``."""
    source_language = other_language(language)
    for obj in objects:
        for name in translated_field_names(type(obj)):
            source = obj.__dict__.get(f"{name}_{source_language}") or ""
            if source.strip():
                yield obj, name, source, obj.__dict__.get(f"{name}_{language}") or ""


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
    return bytes(store)


def stale_items(language):
    """Return every item, content and reference data alike, with a field out of date in ``language``."""
    return [
        obj
        for model in apps.get_models()
        if issubclass(model, TranslationTracked)
        for obj in model._default_manager.filter(stale_translation_q(language)).order_by("pk")
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

    A unit is refused when its item is gone, the user may not change it, or its source changed since
    the export. Written text is sanitised like any rich text. A draft or an item in review (or reference
    data) gets it in place, saved as the user's edit (so the fields it fills are confirmed translations)
    and recorded in the item's history. A published item, live or scheduled, is left as it is: its
    translations wait as ``TranslationProposal`` rows until a Publisher applies them (``apply_proposals``),
    so the public text changes only through review.
    """
    units = read_units(content, filename=filename)
    report = ImportReport()
    changed, proposals = {}, []
    for unit in units:
        app_model, pk, name = unit.key.rsplit(".", 2)
        try:
            model = apps.get_model(app_model)
            obj = changed.get((model, pk)) or model._default_manager.get(pk=pk)
        except (LookupError, ValueError, ObjectDoesNotExist):
            report.refused.append((unit.key, _("no such item")))
            continue
        if name not in translated_field_names(model):
            report.refused.append((unit.key, _("no such translated field")))
            continue
        public = permissions.is_public(obj)
        allowed = (
            user.has_perm(permissions.permission_name("change", model))
            if public
            else permissions.can_change(user, model._default_manager.get(pk=obj.pk))
        )
        if not allowed:
            report.refused.append((unit.key, _("you may not change this item")))
            continue
        source = obj.__dict__.get(f"{name}_{other_language(language)}") or ""
        if HASH_NOTE + source_digest(source) not in unit.note:
            report.refused.append((unit.key, _("its source text changed since the export")))
            continue
        target = imported_text(unit, model, name, source)
        label = f"{obj} — {model._meta.get_field(name).verbose_name}"
        if not target.strip() or target == (obj.__dict__.get(f"{name}_{language}") or ""):
            report.unchanged.append(label)
        elif public:
            proposals.append((obj, name, target, source_digest(source)))
            report.proposed.append(label)
        else:
            setattr(obj, f"{name}_{language}", target)
            changed[model, pk] = obj
            report.applied.append(label)
    if apply and (changed or proposals):
        with transaction.atomic():
            for obj in changed.values():
                save_translation(obj, user=user, reason=_("Translation imported"))
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


def imported_text(unit, model, name, source):
    """Return the target of ``unit`` as the field will store it: rich text rebuilt from its codes and sanitised."""
    if not is_rich(model, name):
        return unit.target
    if unit.rich_target is not None:
        return sanitize_html(from_codes(unit.rich_target, source))
    return sanitize_html(unit.target)


def save_translation(obj, *, user, reason):
    """Save ``obj`` as ``user``'s edit through its normal save: version, history, translation confirmations."""
    if isinstance(obj, Authored):
        obj.updated_by = user
    obj._change_reason = reason
    obj.save()


# Translations waiting for review -------------------------------------------------------------------


@dataclass
class ApplyReport:
    applied: list = field(default_factory=list)  # "item — field (language)"
    refused: list = field(default_factory=list)  # ("item — field (language)", reason)


def apply_proposals(proposals, *, user):
    """Write imported translations into their published items, all or nothing; delete those written.

    Each proposal is checked again: its item must still exist, ``user`` must be allowed to change it as it
    is now (a Publisher, for a published item), and its source text must be the one it was translated
    from. A proposal whose source changed stays, refused, to be discarded or translated again.
    """
    report = ApplyReport()
    changed, applied = {}, []
    for proposal in proposals:
        model = proposal.content_type.model_class()
        key = (model, proposal.object_id)
        obj = changed.get(key)
        if obj is None:
            obj = model._default_manager.filter(pk=proposal.object_id).first() if model else None
        if obj is None:
            report.refused.append((proposal.label(), _("no such item")))
            continue
        label = proposal.label(obj)
        if proposal.field not in translated_field_names(model):
            report.refused.append((label, _("no such translated field")))
            continue
        if not permissions.can_change(user, model._default_manager.get(pk=obj.pk)):
            report.refused.append((label, _("you may not change this item")))
            continue
        source = obj.__dict__.get(f"{proposal.field}_{other_language(proposal.language)}") or ""
        if source_digest(source) != proposal.source_digest:
            report.refused.append((label, _("its source text changed since the import")))
            continue
        setattr(obj, f"{proposal.field}_{proposal.language}", proposal.text)
        changed[key] = obj
        applied.append(proposal.pk)
        report.applied.append(label)
    with transaction.atomic():
        for obj in changed.values():
            save_translation(obj, user=user, reason=_("Imported translation applied"))
        TranslationProposal.objects.filter(pk__in=applied).delete()
    return report
