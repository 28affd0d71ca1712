"""Side-by-side comparison of two revisions: field by field, rich text as readable text with changes marked."""

import re
from html import escape
from html.parser import HTMLParser

from diff_match_patch import diff_match_patch
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.richtext import RichTextField

from .history import BOOKKEEPING, parts_of, recorded_models, rows_at

EMPTY = "—"
# A word, or one character of space or punctuation: the units a diff marks.
WORD = re.compile(r"\w+|\W", re.UNICODE)
# Elements that end a line of readable text.
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "ul", "ol", "table"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def readable_text(html):
    """Return the text a reader sees in ``html``: no tags, one line per paragraph, list items bulleted."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def word_diff(engine, old, new):
    """Return the diff of two texts by whole words (diff-match-patch's documented encoding trick)."""
    tokens, codes = [], {}

    def encode(text):
        encoded = []
        for token in WORD.findall(text):
            if token not in codes:
                # Private-use code points: never in the texts, one per distinct word.
                codes[token] = chr(0xF0000 + len(tokens))
                tokens.append(token)
            encoded.append(codes[token])
        return "".join(encoded)

    diffs = engine.diff_main(encode(old), encode(new), False)
    decode = {code: token for token, code in codes.items()}
    engine.diff_cleanupSemantic(diffs)
    return [(operation, "".join(decode[code] for code in text)) for operation, text in diffs]


def marked_diff(old, new):
    """Return the HTML of the old and the new text, deletions in ``<del>`` and insertions in ``<ins>``."""
    engine = diff_match_patch()
    diffs = word_diff(engine, old, new)
    before, after = [], []
    for operation, text in diffs:
        text = escape(text).replace("\n", "<br>")
        if operation == engine.DIFF_EQUAL:
            before.append(text)
            after.append(text)
        elif operation == engine.DIFF_DELETE:
            before.append(f"<del>{text}</del>")
        else:
            after.append(f"<ins>{text}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))


def display_value(record, field):
    """Return ``field`` of a historical ``record`` as words: choices by label, dates in local time, no None."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else gettext("deleted item #%(pk)s") % {"pk": value}
    return str(value)


def is_rich_text(field):
    return isinstance(field, RichTextField)


def compared_fields(model):
    """Return the fields of ``model`` a comparison shows, in form order: no keys, no bookkeeping."""
    history_model = model.history.model
    kept = {field.name for field in history_model._meta.fields}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in kept and not field.primary_key and field.name not in BOOKKEEPING and field.editable
    ]


def field_rows(old, new, model):
    """Return one row per field of two revisions of ``model``: label, both values marked, whether it changed."""
    rows = []
    for field in compared_fields(model):
        rich = is_rich_text(field)
        if rich:
            before = readable_text(getattr(old, field.attname)) or EMPTY
            after = readable_text(getattr(new, field.attname)) or EMPTY
        else:
            before, after = display_value(old, field), display_value(new, field)
        changed = before != after
        if changed and (rich or isinstance(field, (models.CharField, models.TextField))):
            shown = marked_diff(before, after)
        else:
            shown = (escape(before).replace("\n", "<br>"), escape(after).replace("\n", "<br>"))
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "old": mark_safe(shown[0]),
                "new": mark_safe(shown[1]),
                "changed": changed,
            }
        )
    rows.extend(many_to_many_rows(old, new, model))
    return rows


def many_to_many_rows(old, new, model):
    """Return the rows of the many-to-many fields the revisions record (themes, partners…)."""
    rows = []
    for name in recorded_models().get(model._meta.label, []):
        field = model._meta.get_field(name)
        names = []
        for record in (old, new):
            keys = m2m_keys(record, field)
            names.append(sorted(str(item) for item in field.related_model._base_manager.filter(pk__in=keys)))
        rows.append(set_row(capfirst(field.verbose_name), *names))
    return rows


def m2m_keys(record, field):
    """Return the keys of the objects the revision ``record`` holds in the many-to-many ``field``."""
    target = field.m2m_reverse_field_name()
    return [getattr(row, f"{target}_id") for row in getattr(record, field.name).all()]


def set_row(label, before, after):
    """Return a comparison row of two lists of names, removed names struck out and added ones marked."""
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    old = format_html_join(", ", "{}", ((name,) for name in before if name not in removed))
    old_removed = format_html_join(", ", "<del>{}</del>", ((name,) for name in removed))
    new = format_html_join(", ", "{}", ((name,) for name in after if name not in added))
    new_added = format_html_join(", ", "<ins>{}</ins>", ((name,) for name in added))
    return {
        "label": label,
        "old": mark_safe(", ".join(part for part in (old, old_removed) if part) or EMPTY),
        "new": mark_safe(", ".join(part for part in (new, new_added) if part) or EMPTY),
        "changed": bool(removed or added),
    }


def readable_rows(part, fk, record):
    """Return the readable rows of the inline model ``part`` that the item had at its revision ``record``."""
    return sorted(str(row.instance) for row in rows_at(part, fk, record).values())


def inline_rows(old, new, model):
    """Return one comparison row per inline table (quotes, contacts…): its rows in each revision."""
    rows = []
    for part, fk in parts_of(model):
        before, after = readable_rows(part, fk, old), readable_rows(part, fk, new)
        if before or after:
            rows.append(set_row(capfirst(part._meta.verbose_name_plural), before, after))
    return rows


def describe(record, numbered=True):
    """Return a short description of a revision: its version number, date in local time and author."""
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    user = record.history_user
    who = (user.get_full_name() or user.get_username()) if user else ""
    text = gettext("%(when)s by %(who)s") % {"when": when, "who": who} if who else when
    version = getattr(record, "version", None)
    if not numbered or not version:
        return text
    return gettext("Version %(number)s, %(text)s") % {"number": version, "text": text}


def changed_labels(older, newer, model):
    """Return what changed from revision ``older`` to ``newer``: field names, and choices in words."""
    labels = []
    for field in compared_fields(model):
        if getattr(older, field.attname) == getattr(newer, field.attname):
            continue
        if field.choices:
            labels.append(
                gettext("%(field)s: %(old)s → %(new)s")
                % {
                    "field": capfirst(field.verbose_name),
                    "old": display_value(older, field),
                    "new": display_value(newer, field),
                }
            )
        else:
            labels.append(capfirst(field.verbose_name))
    labels.extend(row["label"] for row in many_to_many_rows(older, newer, model) if row["changed"])
    return labels
