"""Inline rows tracked per field in the admin (``TrackedPart``: a quote, a party's role, an objective).

Each row of a translated inline shows its own translation state, compactly: its missing fields, and per stale
field the word diff of what changed in its source since the translation was confirmed, with a box to confirm it
as still correct. The boxes are posted with the item's form and recorded once its inline rows are saved
(``confirm_rows``). Imported translations of rows wait, like the item's own, for a Publisher: ``proposal_rows``
names them after their item ("Release — quote 2 (en)").
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.textdiff import word_diff
from workflow import permissions
from workflow.mixins import TrackedPart, number_rows, other_language, tracked_parts

ROW_BOX = "confirm_row_translation"


def box_value(row, name, language):
    """Return what a row field's "still correct" box posts: "press.quote.12.text_en"."""
    return f"{row._meta.label_lower}.{row.pk}.{name}_{language}"


def source_change(obj, name, language):
    """Return the word diff of the source of ``name`` since its ``language`` translation was confirmed, as HTML."""
    other = other_language(language)
    old = obj.confirmed_source_text(name, language)
    if old is None:
        return format_html("<em>{}</em>", gettext("The earlier source text is not in the history."))
    return format_html('<span lang="{}">{}</span>', other, word_diff(old, getattr(obj, f"{name}_{other}") or ""))


def confirm_label(obj, name, language):
    return gettext("%(field)s (%(language)s): still correct, confirm without changing it") % {
        "field": obj._meta.get_field(name).verbose_name,
        "language": translation.get_language_info(language)["name_translated"],
    }


def row_review(row):
    """Render a row's translation state for its inline: missing fields, then per stale field its diff and box."""
    if row is None or row.pk is None:
        return ""
    problems = []
    missing_en, missing_fr = row.missing_fields("en"), row.missing_fields("fr")
    verbose = {name: str(row._meta.get_field(name).verbose_name) for name in {*missing_en, *missing_fr}}
    if missing_en:
        problems.append(gettext("Missing: %(fields)s") % {"fields": ", ".join(verbose[name] for name in missing_en)})
    if missing_fr:
        problems.append(
            gettext("French missing: %(fields)s") % {"fields": ", ".join(verbose[name] for name in missing_fr)}
        )
    stale = row.stale_fields()
    for language, message in (
        ("en", gettext("English out of date, the French changed since it was confirmed: %(fields)s")),
        ("fr", gettext("French out of date, the English changed since it was confirmed: %(fields)s")),
    ):
        names = [str(row._meta.get_field(name).verbose_name) for name, lang in stale if lang == language]
        if names:
            problems.append(message % {"fields": ", ".join(names)})
    if not problems:
        return ""
    # Phrasing content only: a tabular inline shows a read-only cell inside a <p>.
    fields = format_html_join(
        "",
        '<br><span class="translation-review__field">{} <span class="translation-diff">{}</span><br>'
        '<label><input type="checkbox" name="{}" value="{}"> {}</label></span>',
        (
            (
                gettext("Changed in the source since the translation was confirmed:"),
                source_change(row, name, language),
                ROW_BOX,
                box_value(row, name, language),
                confirm_label(row, name, language),
            )
            for name, language in stale
        ),
    )
    return format_html(
        '<span class="translation-review translation-review--row"><span class="translation-problems">{}</span>{}</span>',
        format_html_join(mark_safe("<br>"), "{}", ((problem,) for problem in problems)),
        fields,
    )


class TrackedRowsInline:
    """An inline of rows tracked per field: each row gets a "translation" cell with its state (``row_review``)."""

    def tracks_rows(self):
        return issubclass(self.model, TrackedPart)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and self.tracks_rows() and "row_translation" not in fields:
            fields.append("row_translation")
        return fields

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.tracks_rows() and "row_translation" not in fields:
            fields.append("row_translation")
        return fields

    @admin.display(description=_("translation"))
    def row_translation(self, row):
        return row_review(row)


def ticked_boxes(request):
    """Return the row fields ticked as still correct: ``{"press.quote": {"12": ["text_en"]}}``."""
    ticked = {}
    for value in request.POST.getlist(ROW_BOX):
        parts = value.split(".")
        if len(parts) == 4 and parts[2].isdigit():
            app_label, model_name, pk, key = parts
            ticked.setdefault(f"{app_label}.{model_name}", {}).setdefault(pk, []).append(key)
    return ticked


def confirm_rows(request, item):
    """Record the inline row fields of ``item`` ticked as still correct, where the user may change those rows.

    Called once the item's form and inline rows are saved: a row whose translation was edited in the same save
    is no longer stale, and its box is ignored.
    """
    ticked = ticked_boxes(request)
    if not ticked or item.pk is None:
        return
    current = type(item)._default_manager.get(pk=item.pk)
    for part, fk in tracked_parts(type(item)):
        wanted = ticked.get(part._meta.label_lower)
        if not wanted or not permissions.can_change_part(request.user, "change", part, current):
            continue
        for row in part._default_manager.filter(pk__in=list(wanted), **{fk.name: item}):
            stale = {f"{name}_{language}": (name, language) for name, language in row.stale_fields()}
            confirmed = [stale[key] for key in wanted[str(row.pk)] if key in stale]
            for name, language in confirmed:
                row.confirm_translation(name, language)
            if confirmed:
                row._history_user = request.user
                row.save()


def proposal_rows(proposals, *, link=True):
    """Return each proposal with its label ("item — field (language)") and its item's change page.

    A proposal for an inline row is named and linked after its item ("Release — quote 2 (en)"). One query
    per kind of object, and one per kind of row to number the rows.
    """
    by_type = {}
    for proposal in proposals:
        by_type.setdefault(proposal.content_type, []).append(proposal.object_id)
    objects = {}
    for content_type, ids in by_type.items():
        model = content_type.model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        if issubclass(model, TrackedPart):
            queryset = queryset.select_related(model.item_field)
        for obj in queryset:
            objects[content_type.pk, obj.pk] = obj
    number_rows([obj for obj in objects.values() if isinstance(obj, TrackedPart)])
    rows = []
    for proposal in proposals:
        obj = objects.get((proposal.content_type_id, proposal.object_id))
        item = obj.item if isinstance(obj, TrackedPart) else obj
        url = ""
        if link and item is not None:
            url = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
        rows.append({"proposal": proposal, "label": proposal.label(obj), "url": url})
    return rows
