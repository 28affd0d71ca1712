"""What every content admin shares: tabbed translations, the editorial workflow, revisions, previews.

Roles are groups (see workflow/migrations/0001_roles.py). Every write path of these admins (add and change
forms, inlines, actions, delete, revert) asks the one gate of workflow/permissions.py.
"""

import functools
import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, UniqueConstraint
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.richtext import RichTextField, sanitize_html
from core.slugs import missing_slugs
from core.textdiff import word_diff
from workflow import checks, compare, notifications, permissions, revert
from workflow.admin_rows import TrackedRowsInline, confirm_rows, proposal_rows
from workflow.mixins import (
    TranslationTracked,
    missing_translation_q,
    part_rows,
    stale_translation_q,
    tracked_parts,
)
from workflow.models import TranslationProposal
from workflow.states import DEFAULT_TIME_ZONE, Status, format_moment, live_q, shaped_like, time_zone_choices
from workflow.transitions import publish, send_back, submit_for_review, unpublish


def publication_state(obj, now=None):
    """Return a Publishable's state in words: "Scheduled for 12 March 2026 at 09:00 (Europe/Paris, UTC+01:00)"."""
    now = now or timezone.now()
    if obj.status == Status.DRAFT:
        return gettext("Draft")
    if obj.status == Status.REVIEW:
        return gettext("In review")
    if obj.unpublish_at and obj.unpublish_at <= now:
        return gettext("Expired on %(date)s") % {"date": format_moment(obj.unpublish_at, obj.time_zone)}
    if obj.publish_at and obj.publish_at > now:
        return gettext("Scheduled for %(date)s") % {"date": format_moment(obj.publish_at, obj.time_zone)}
    if obj.unpublish_at:
        return gettext("Published until %(date)s") % {"date": format_moment(obj.unpublish_at, obj.time_zone)}
    return gettext("Published")


def translation_problems(obj):
    """Return what is wrong with an object's translations, in words (empty when both languages are complete).

    The fields of its inline rows count with its own, each named after its row ("quote 2", "party 1: role").
    """
    problems = []
    rows = part_rows(obj) if isinstance(obj, TranslationTracked) else []
    missing_en = obj.missing_translations("en") + [
        row.field_label(name) for row in rows for name in row.missing_fields("en")
    ]
    if missing_en:
        problems.append(format_missing(missing_en))
    missing_fr = obj.missing_translations("fr") + [
        row.field_label(name) for row in rows for name in row.missing_fields("fr")
    ]
    if missing_fr:
        problems.append(gettext("French missing: %(fields)s") % {"fields": ", ".join(missing_fr)})
    stale = obj.stale_fields() if isinstance(obj, TranslationTracked) else []
    stale_rows = [(row, name, language) for row in rows for name, language in row.stale_fields()]
    for language, message in (
        ("en", gettext("English out of date, the French changed since it was confirmed: %(fields)s")),
        ("fr", gettext("French out of date, the English changed since it was confirmed: %(fields)s")),
    ):
        names = [str(obj._meta.get_field(name).verbose_name) for name, lang in stale if lang == language]
        names += [row.field_label(name) for row, name, lang in stale_rows if lang == language]
        if names:
            problems.append(message % {"fields": ", ".join(names)})
    return problems


def stale_field_review(obj):
    """Render, per stale field, what changed in its source since the translation was confirmed, and a box to confirm it.

    Ticking the box and saving records the translation as still correct, without retyping it.
    """
    rows = []
    for name, language in obj.stale_fields() if isinstance(obj, TranslationTracked) else []:
        other = "en" if language == "fr" else "fr"
        field = str(obj._meta.get_field(name).verbose_name)
        old = obj.confirmed_source_text(name, language)
        new = getattr(obj, f"{name}_{other}") or ""
        if old is None:
            change = format_html("<em>{}</em>", gettext("The earlier source text is not in the history."))
        else:
            change = format_html('<span lang="{}">{}</span>', other, word_diff(old, new))
        label = gettext("%(field)s (%(language)s): still correct, confirm without changing it") % {
            "field": field,
            "language": translation.get_language_info(language)["name_translated"],
        }
        rows.append(
            (
                field,
                gettext("Changed in the source since the translation was confirmed:"),
                change,
                f"{name}_{language}",
                label,
            )
        )
    if not rows:
        return ""
    return format_html(
        '<div class="translation-review">{}</div>',
        format_html_join(
            "",
            '<section class="translation-review__field"><h4>{}</h4><p>{}</p><p class="translation-diff">{}</p>'
            '<label><input type="checkbox" name="confirm_translation" value="{}"> {}</label></section>',
            rows,
        ),
    )


def translation_proposals(request, obj):
    """Return the change form's context of the imported translations waiting for ``obj`` (none: empty)."""
    proposals = list(TranslationProposal.objects.for_item(obj).select_related("content_type", "created_by"))
    if not proposals:
        return {}
    return {
        "translation_proposals": proposal_rows(proposals, link=False),
        "may_apply_translations": permissions.can_change(request.user, current_state(obj)),
        "translation_apply_url": reverse("admin:translation-apply"),
    }


def constraint_fields(constraint):
    """Return the model fields a constraint reads, in the order it names them."""
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        return list(constraint.fields)
    names = []

    def walk(node):
        for child in node.children:
            if isinstance(child, Q):
                walk(child)
            else:
                name = child[0].split("__")[0]
                if name not in names:
                    names.append(name)

    condition = getattr(constraint, "condition", None)
    if condition is not None:
        walk(condition)
    return names


def readable_rich_text(field, empty):
    """Return the read-only display of the rich-text ``field``: its HTML as readers see it, not its tags escaped.

    Used in place of the field's name in a form's fieldsets; ``empty`` returns what an empty value shows.
    Rich text is stored sanitised (core.richtext); as the public pages do (core.templatetags.site_tags.translated),
    it goes through the sanitiser once more here, so that a row written by raw SQL never runs a script in a
    staff member's session.
    """
    language = getattr(field, "language", None)

    def display(obj):
        html = field.value_from_object(obj)
        if not html:
            return empty()
        lang = format_html(' lang="{}"', language) if language else ""
        return format_html('<div class="readonly-rich-text"{}>{}</div>', lang, mark_safe(sanitize_html(html)))

    display.__name__ = field.name  # the row keeps the field's class ("field-body_fr") and help text
    display.short_description = field.verbose_name
    return display


def with_displays(fields, displays):
    """Return a fieldset's fields with each name in ``displays`` replaced by its display (lines kept)."""
    return [
        type(name)(displays.get(part, part) for part in name)
        if isinstance(name, (list, tuple))
        else displays.get(name, name)
        for name in fields
    ]


def format_missing(names):
    """Return "Missing: title, lead" for the verbose names of empty required fields."""
    return gettext("Missing: %(fields)s") % {"fields": ", ".join(names)}


class AdminForm(forms.ModelForm):
    """Model form that fills blank slugs before validation and shows constraint errors beside their field."""

    def clean(self):
        cleaned_data = super().clean()
        if "slug_fr" in self.fields:
            max_length = self._meta.model._meta.get_field("slug_fr").max_length
            for name, slug in missing_slugs(cleaned_data, max_length=max_length).items():
                if name in self.fields:
                    cleaned_data[name] = slug
        return cleaned_data

    def _post_clean(self):
        # Model validation reports a CheckConstraint as a form-wide error; move each one next
        # to the first field the constraint reads, so staff see it where they must correct.
        super()._post_clean()
        errors = self._errors.pop(NON_FIELD_ERRORS, None)
        if not errors:
            return
        targets = {}
        for constraint in self._meta.model._meta.constraints:
            field = next((name for name in constraint_fields(constraint) if name in self.fields), None)
            if field:
                targets.setdefault(str(constraint.get_violation_error_message()), field)
        for error in errors.as_data():
            for message in error:
                field = targets.get(message)
                self.add_error(field if field in self.fields else None, message)


def problem_q(model, value):
    """Return the condition of a translation filter value, or None when the model cannot have that problem."""
    tracks_edits = issubclass(model, TranslationTracked)
    conditions = {
        "missing": missing_translation_q(model, "en"),
        "missing_fr": missing_translation_q(model, "fr"),
        "stale_en": stale_translation_q("en", model) if tracks_edits else None,
        "stale_fr": stale_translation_q("fr", model) if tracks_edits else None,
    }
    if value == "complete":
        present = [condition for condition in conditions.values() if condition is not None]
        combined = Q()
        for condition in present:
            combined |= condition
        return combined
    return conditions.get(value)


class TranslationFilter(admin.SimpleListFilter):
    """Filter on the translation's state: complete, required fields missing, or out of date, in the database."""

    title = _("translation")
    parameter_name = "translation_en"

    def lookups(self, request, model_admin):
        choices = [
            ("complete", _("Complete")),
            ("missing", _("English missing")),
            ("missing_fr", _("French missing")),
        ]
        if issubclass(model_admin.model, TranslationTracked):
            choices += [("stale_en", _("English out of date")), ("stale_fr", _("French out of date"))]
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        condition = problem_q(queryset.model, value)
        if value == "complete":
            return queryset.exclude(condition) if condition else queryset
        return queryset.none() if condition is None else queryset.filter(condition)


class PublicationStateFilter(admin.SimpleListFilter):
    """Filter on the editorial state shown in the "State" column."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("live", _("Published and visible")),
            ("scheduled", _("Scheduled")),
            ("expired", _("Expired")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "draft":
            return queryset.filter(status=Status.DRAFT)
        if value == "review":
            return queryset.filter(status=Status.REVIEW)
        if value == "live":
            return queryset.filter(live_q(now))
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == "expired":
            return queryset.filter(status=Status.PUBLISHED, unpublish_at__lte=now)
        return queryset


class SafeChangeList(ChangeList):
    """A change list that treats an out-of-range date drill-down (``?release_date__year=99999999999``) as bad input."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            # Django turns a ValueError into the "?e=1" page, but not the OverflowError of a huge year.
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        # The translation column names the stale and missing fields of each item's inline rows: load them at once.
        queryset = super().get_queryset(request, exclude_parameters)
        rows = [fk.remote_field.get_accessor_name() for _part, fk in tracked_parts(self.model)]
        return queryset.prefetch_related(*rows) if rows else queryset


def current_state(obj):
    """Return ``obj`` as it is in the database (an old revision or a form's instance may differ), or None."""
    if obj is None or obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


class TranslatedAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Admin of a translated model: French and English fields in tabs, translation column, revisions.

    Every permission hook asks workflow.permissions, so reference data and content follow one rule.
    """

    form = AdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_per_page = 50
    actions = ["export_xliff_en", "export_xliff_fr", "export_po_en", "export_po_fr"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # modeltranslation makes the French field required when the original is; either language may be
        # the only one where the model's constraint asks for a title (or name) in one of them.
        language = getattr(db_field, "language", None)
        if field is not None and language:
            base = db_field.name.removesuffix(f"_{language}")
            constraints = {constraint.name for constraint in self.model._meta.constraints}
            if f"{self.model._meta.model_name}_{base}_in_one_language" in constraints:
                field.required = False
        if isinstance(field, forms.SplitDateTimeField):
            label_date_and_time(field)
        return field

    def has_add_permission(self, request):
        return permissions.can_add(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change(request.user, self.model if obj is None else obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete(request.user, self.model if obj is None else obj)

    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_form.html"

    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    @functools.cached_property
    def rich_text_displays(self):
        """Return ``{field name: read-only display}`` of the model's rich-text fields (see readable_rich_text)."""
        return {
            field.name: readable_rich_text(field, self.get_empty_value_display)
            for field in self.model._meta.concrete_fields
            if isinstance(field, RichTextField)
        }

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # A form the user may only view (a published release for an Editor) shows every field read-only: rich
        # text as the formatted text it is. Not the revert form: its fields are the version to restore.
        if obj is None or getattr(request, "restored_revision", None) is not None:
            return fieldsets
        if not self.rich_text_displays or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": with_displays(options["fields"], self.rich_text_displays)})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # A read-only display in the fieldsets (see get_fieldsets) is not a form field.
            kwargs["fields"] = [name for name in kwargs["fields"] if not callable(name)]
        form = super().get_form(request, obj, change=change, **kwargs)
        restored = getattr(request, "restored_revision", None)
        if restored is None:
            return form
        # A revert form shows the many-to-many choices of the restored version, not today's: saving it
        # restores them through the same form, and so the same gate, as the rest of the item.
        chosen = {
            field.name: compare.m2m_keys(restored, field)
            for field in restored._history_m2m_fields
            if field.name in form.base_fields
        }

        class RestoringForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(chosen)

        RestoringForm.__name__ = form.__name__
        return RestoringForm

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The names of the changed fields, not raw values: the comparison shows the values, readable.
        previous = None
        for current in historical_records:
            if previous is not None:
                previous.changed_labels = compare.changed_labels(current, previous, self.model)
            previous = current

    def compare_view(self, request, object_id):
        """Show two revisions side by side, field by field (the latest two unless ``old`` and ``new`` say)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.order_by("-history_date", "-history_id"))
        by_id = {str(record.history_id): record for record in records}
        new = by_id.get(request.GET.get("new", ""), records[0] if records else None)
        old = by_id.get(request.GET.get("old", ""), records[1] if len(records) > 1 else new)
        if new is None:
            raise Http404
        if (old.history_date, old.history_id) > (new.history_date, new.history_id):
            old, new = new, old
        rows = compare.field_rows(old, new, self.model) + compare.inline_rows(old, new, self.model)
        show_all = request.GET.get("all") == "1"
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %(item)s") % {"item": obj},
            "opts": self.opts,
            "object": obj,
            "records": [(record, compare.describe(record)) for record in records],
            "old": old,
            "new": new,
            "old_label": compare.describe(old),
            "new_label": compare.describe(new),
            "rows": rows if show_all else [row for row in rows if row["changed"]],
            "show_all": show_all,
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=(obj.pk,)),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/compare.html", context)

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404 from error
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting is a change of the object as it is now: the rights on it, not on the old revision, decide.
        if not str(version_id).isdigit():
            raise Http404
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        restored = current.history.filter(history_id=version_id).first()
        if restored is not None:
            request.restored_revision = restored
        if request.method != "POST":
            if restored is not None:
                # The inline rows and many-to-many choices of that version, in words, with what a restore changes.
                extra_context = {
                    **(extra_context or {}),
                    "restored_parts": revert.preview_parts(obj=current, record=restored),
                }
            return super().history_form_view(request, object_id, version_id, extra_context)
        # One transaction: the item, its many-to-many fields and its inline rows come back together or not at all
        # (and the form's version check locks the row, so a concurrent save waits and is then refused).
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if super().revert_disabled(request, obj):
            return True
        return not self.has_change_permission(request, current_state(obj))

    def save_model(self, request, obj, form, change):
        current = current_state(obj) if change else None
        if change and current is None:
            raise PermissionDenied
        if not permissions.can_save(request.user, self.model, current=current, new_status=getattr(obj, "status", None)):
            raise PermissionDenied
        self.confirm_translations(request, obj)
        restored = getattr(request, "restored_revision", None)
        if restored is None:
            super().save_model(request, obj, form, change)
            return
        obj._change_reason = revert.restored_reason(restored)
        if hasattr(current, "version"):
            obj.version = current.version  # the revert form's object is the old revision: count on from today's
        super().save_model(request, obj, form, change)
        # After the item's save, so the rows belong to the revert's revision (see workflow.history.rows_at).
        revert.restore_parts(user=request.user, obj=obj, current=current, record=restored)

    @admin.display(description=_("translation"))
    def translation_status(self, obj):
        return "; ".join(translation_problems(obj)) or gettext("Complete")

    @admin.display(description=_("translation"))
    def translation_check(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        problems = translation_problems(obj)
        if not problems:
            return gettext("Complete in French and English.")
        listed = format_html(
            '<ul class="translation-problems">{}</ul>',
            format_html_join("", "<li>{}</li>", ((problem,) for problem in problems)),
        )
        return format_html("{}{}", listed, stale_field_review(obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        confirm_rows(request, form.instance)  # the inline rows' boxes, once the rows are saved

    def confirm_translations(self, request, obj):
        """Record the stale fields the user ticked as still correct (``stale_field_review``'s boxes)."""
        if not isinstance(obj, TranslationTracked):
            return
        stale = {f"{name}_{language}": (name, language) for name, language in obj.stale_fields()}
        for key in request.POST.getlist("confirm_translation"):
            if key in stale:
                obj.confirm_translation(*stale[key])

    def changelist_view(self, request, extra_context=None):
        if issubclass(self.model, TranslationTracked) and self.has_change_permission(request):
            extra_context = {"translation_import_url": reverse("admin:translation-import"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def translation_file(self, queryset, *, language, kind):
        """Return the selected items' fields to translate into ``language`` as a downloaded XLIFF or PO file."""
        from workflow.exchange import export_po, export_xliff

        content = (export_xliff if kind == "xlf" else export_po)(list(queryset.order_by("pk")), language=language)
        response = HttpResponse(content, content_type="application/xliff+xml" if kind == "xlf" else "text/x-gettext")
        name = f"{self.opts.model_name}-{language}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description=_("Export for translation into English (XLIFF)"), permissions=["view"])
    def export_xliff_en(self, request, queryset):
        return self.translation_file(queryset, language="en", kind="xlf")

    @admin.action(description=_("Export for translation into French (XLIFF)"), permissions=["view"])
    def export_xliff_fr(self, request, queryset):
        return self.translation_file(queryset, language="fr", kind="xlf")

    @admin.action(description=_("Export for translation into English (PO)"), permissions=["view"])
    def export_po_en(self, request, queryset):
        return self.translation_file(queryset, language="en", kind="po")

    @admin.action(description=_("Export for translation into French (PO)"), permissions=["view"])
    def export_po_fr(self, request, queryset):
        return self.translation_file(queryset, language="fr", kind="po")


def publication_fieldsets():
    """Return the fieldsets every Publishable form ends with."""
    return [
        (
            _("Publication"),
            {"fields": ["state", "status", "time_zone", "publish_at", "unpublish_at", "translation_check"]},
        ),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["created_at", "created_by", "updated_at", "updated_by", "version"]},
        ),
    ]


def conflict_message(obj, current, loaded_version):
    """Return the refusal of a stale save: who saved since the form was opened, when, and what they changed."""
    who = current.updated_by.get_username() if current.updated_by else gettext("someone")
    message = gettext(
        "Not saved: %(user)s saved this item on %(date)s, after you opened it. What you typed is still in the "
        "form below: compare it with their version (see History), then save again to keep yours."
    ) % {"user": who, "date": format_moment(current.updated_at, DEFAULT_TIME_ZONE)}
    history = getattr(obj, "history", None)
    if history is None:
        return message
    opened = history.filter(version=loaded_version).order_by("-history_date").first()
    latest = history.order_by("-history_date").first()
    if opened is None or latest is None or opened.pk == latest.pk:
        return message
    changed = [
        str(obj._meta.get_field(name).verbose_name)
        for name in latest.diff_against(opened).changed_fields
        if name not in {"version", "updated_at", "updated_by", "fr_edited_at", "en_edited_at"}
    ]
    if changed:
        message += " " + gettext("They changed: %(fields)s.") % {"fields": ", ".join(changed)}
    return message


def label_date_and_time(field):
    """Name the date and the time inputs of a split date-time field: the admin writes "Date:" beside them, unlinked."""
    widgets = getattr(field.widget, "widgets", ())
    if len(widgets) == 2:
        widgets[0].attrs["aria-label"] = gettext("%(field)s: date") % {"field": field.label}
        widgets[1].attrs["aria-label"] = gettext("%(field)s: time") % {"field": field.label}


class PublishableForm(AdminForm):
    """The change form of a Publishable: status within the user's rights, times in their zone, no lost edits."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    review_message = forms.CharField(
        label=_("Message for this step"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sent with the notification when you submit for review, send back to draft or publish, "
            "and kept with the item."
        ),
    )
    publish_despite_warnings = forms.BooleanField(
        label=_("Publish despite the warnings"),
        required=False,
        help_text=_("The pre-publication checks warn but do not block: tick to publish all the same."),
    )
    # Set by PublishableAdmin.get_form for the user who opens the form.
    can_publish = False
    # The status in the database when the form was opened (None for a new item).
    stored_status = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is not None:
            # The version in the database, not the instance's: a revert form holds an old revision.
            manager = type(instance)._default_manager
            version, status = manager.filter(pk=instance.pk).values_list("version", "status").first() or (None, None)
            self.initial["loaded_version"] = version
            self.stored_status = status
            if not self.can_publish and instance.status == Status.PUBLISHED and status is not None:
                # A revert to a revision that was published restores its text, not its state.
                self.initial["status"] = status
        zone = instance.zone
        for name in ("publish_at", "unpublish_at"):
            value = getattr(instance, name)
            if name in self.fields and value is not None:
                # Shown as typed: the wall-clock time in the item's own time zone.
                self.initial[name] = timezone.make_naive(value, zone)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [(value, label) for value, label in status.choices if value != Status.PUBLISHED]
            status.error_messages["invalid_choice"] = _(
                "Only a Publisher can publish: choose “Draft” or “In review” (submit for review)."
            )

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone") or self.instance.time_zone or DEFAULT_TIME_ZONE
        if "time_zone" in self.fields:
            cleaned_data["time_zone"] = zone_name
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in ("publish_at", "unpublish_at"):
            value = cleaned_data.get(name)
            if value is not None:
                # The form read the time in the site's zone; it was typed in the chosen one.
                cleaned_data[name] = value.replace(tzinfo=None).replace(tzinfo=zone)
        if self.instance.pk is not None:
            self.check_version(cleaned_data.get("loaded_version"))
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        if self.cleaned_data.get("status") == Status.PUBLISHED and self.stored_status != Status.PUBLISHED:
            self.check_publication()

    def check_publication(self):
        """Refuse to publish an item that fails a blocking check, or a warning not explicitly overridden.

        The checks read the inline rows as posted: PublishableAdmin._create_formsets leaves the formsets
        on the instance, before Django validates this form.
        """
        rows = checks.posted_rows(getattr(self.instance, "_inline_formsets", ()))
        if rows is None:
            return  # an inline row is invalid: the form says so, the checks wait for a valid one
        problems = checks.problems_of(self.instance, rows)
        for problem in problems:
            if problem.blocks:
                self.add_error(None, gettext("Not published: %(problem)s") % {"problem": problem.message})
        warnings = [problem for problem in problems if problem.stops and not problem.blocks]
        if warnings and not self.cleaned_data.get("publish_despite_warnings"):
            for problem in warnings:
                self.add_error(None, gettext("Warning: %(problem)s") % {"problem": problem.message})
            self.add_error(
                "publish_despite_warnings" if "publish_despite_warnings" in self.fields else None,
                gettext("Correct the warnings above, or tick this box to publish all the same."),
            )

    def check_version(self, loaded_version):
        """Refuse the save when someone else saved since this form was opened (optimistic locking)."""
        model = type(self.instance)
        current = model._default_manager.select_related("updated_by").filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            current = current.select_for_update(of=("self",))
        current = current.first()
        if current is None or current.version == loaded_version:
            return
        self.add_error(None, conflict_message(self.instance, current, loaded_version))
        # The next save, once the editor has merged, is measured against the version they now know.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current.version


def with_review(fields):
    """Return a fieldset's fields with the review's messages and a new message after the status."""
    if "status" not in fields:
        return fields
    at = list(fields).index("status") + 1
    return [*fields[:at], "review_messages", "review_message", *fields[at:]]


def with_override(fields):
    """Return a fieldset's fields with the pre-publication checks (and their override) after the status."""
    if "status" not in fields:
        return fields
    at = list(fields).index("status") + 1
    return [*fields[:at], "publication_checks", "publish_despite_warnings", *fields[at:]]


def review_step(before, after):
    """Return the review step a save from the change form takes (see workflow/notifications.py), or None."""
    if after == before:
        return None
    if after == Status.REVIEW:
        return "submitted"
    if after == Status.DRAFT and before == Status.REVIEW:
        return "sent_back"
    if after == Status.PUBLISHED:
        return "published"
    return None


class PublishableAdmin(TranslatedAdmin):
    """Admin of a Publishable: workflow state and actions, publish permission, preview, no lost edits."""

    form = PublishableForm
    actions = [
        "submit_for_review_selected",
        "send_back_selected",
        "publish_selected",
        "unpublish_selected",
        "export_xliff_en",
        "export_xliff_fr",
        "export_po_en",
        "export_po_fr",
    ]
    publish_actions = ("publish_selected", "unpublish_selected")
    list_filter = [PublicationStateFilter, TranslationFilter]
    list_select_related = ["updated_by"]
    readonly_fields = [
        "state",
        "review_messages",
        "publication_checks",
        "translation_check",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "version",
    ]
    change_form_template = "admin/workflow/change_form.html"
    # The public detail view whose template and context the preview reuses.
    preview_view_class = None

    def has_publish_permission(self, request, obj=None):
        return permissions.can_publish(request.user, self.model if obj is None else obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.has_publish_permission(request, obj)
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The state in the database decides: a revert form's object is an old, perhaps published, revision.
        if obj is None or not self.has_change_permission(request, current_state(obj)):
            return fieldsets
        name, options = fieldsets[0]
        fieldsets = [(name, {**options, "fields": [*options["fields"], "loaded_version"]}), *fieldsets[1:]]
        fieldsets = [(name, {**options, "fields": with_review(options["fields"])}) for name, options in fieldsets]
        if self.has_publish_permission(request, obj):
            fieldsets = [(name, {**options, "fields": with_override(options["fields"])}) for name, options in fieldsets]
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":
            # Not required: a form posted without it keeps the item's zone (Paris for a new one).
            return forms.ChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=time_zone_choices(),
                initial=DEFAULT_TIME_ZONE,
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Draft")
        return publication_state(obj)

    @admin.display(description=_("review"))
    def review_messages(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = [
            (
                format_moment(message.created_at, DEFAULT_TIME_ZONE),
                message.author.get_username() if message.author else "—",
                message.get_kind_display(),
                message.text,
            )
            for message in notifications.messages_of(obj)
        ]
        if not rows:
            return gettext("No step of a review yet.")
        return format_html(
            '<ol class="review-messages">{}</ol>',
            format_html_join(
                "",
                "<li>{}, {} — {}{}</li>",
                (
                    (when, who, kind, format_html("<blockquote>{}</blockquote>", text) if text else "")
                    for when, who, kind, text in rows
                ),
            ),
        )

    @admin.display(description=_("pre-publication checks"))
    def publication_checks(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Checked when you publish.")
        problems = checks.problems_of(obj)
        if not problems:
            return gettext("Nothing to correct before publishing.")
        return format_html(
            '<ul class="publication-checks">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> {}</li>",
                ((checks.severity_label(problem), problem.message) for problem in problems),
            ),
        )

    def _create_formsets(self, request, obj, change):
        # Django builds the inline formsets on the form's instance before it validates the form: left on the
        # instance, they let PublishableForm's pre-publication checks count the rows about to be saved.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj._inline_formsets = formsets
        return formsets, inline_instances

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def preview_url(self, obj, language):
        with translation.override(language):
            return reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_preview", args=[obj.pk]
            )

    def preview_view(self, request, object_id):
        """Show the object exactly as its public page will, in the URL's language, whatever its state."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or self.preview_view_class is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        alternates = {code: self.preview_url(obj, code) for code in ("fr", "en")}

        class Preview(self.preview_view_class):
            def get_object(self, queryset=None):
                return shaped_like(self.get_queryset()).get(pk=obj.pk)

            def get_context_data(self, **kwargs):
                context = super().get_context_data(**kwargs)
                context["alternates"] = alternates
                context["is_preview"] = True
                context["publication_problems"] = [
                    (checks.severity_label(problem), problem.message) for problem in checks.problems_of(obj)
                ]
                return context

        response = Preview.as_view()(request, slug=obj.slug or "-")
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.preview_view_class is not None:
            extra_context["preview_urls"] = [
                (code, name, self.preview_url(obj, code)) for code, name in (("fr", _("French")), ("en", _("English")))
            ]
        if obj is not None:
            extra_context.update(translation_proposals(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action in self.publish_actions and not self.has_publish_permission(request):
            self.message_user(
                request,
                gettext("Only a Publisher can publish or unpublish: nothing was changed."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        previous = current_state(obj) if change else None
        super().save_model(request, obj, form, change)
        if previous is not None and previous.status == Status.PUBLISHED and obj.status != Status.PUBLISHED:
            obj.after_withdrawal(user=request.user)
        step = review_step(previous.status if previous is not None else None, obj.status)
        if step is not None:
            notifications.record(obj, step, user=request.user, text=form.cleaned_data.get("review_message", ""))
        if obj.status == Status.PUBLISHED and (not change or "status" in form.changed_data):
            if getattr(request, "restored_revision", None) is None:
                obj._warn_translation = True  # in save_related: the warning names the inline rows as saved
            else:
                self.warn_translation(request, [obj])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A translation typed in an inline row (a quote, an objective) is an edit of that language too.
        edited = {
            name.rsplit("_", 1)[1]
            for formset in formsets
            for inline_form in formset.forms
            for name in inline_form.changed_data
            if name.endswith(("_fr", "_en"))
        }
        if edited:
            now = timezone.now()
            stamps = {f"{language}_edited_at": now for language in edited}
            type(form.instance)._default_manager.filter(pk=form.instance.pk).update(**stamps)
            for name, value in stamps.items():
                setattr(form.instance, name, value)
        if getattr(form.instance, "_warn_translation", False):
            self.warn_translation(request, [form.instance])

    def warn_translation(self, request, objects):
        """Warn, without refusing, that published items have a missing or out-of-date translation."""
        for obj in objects:
            problems = translation_problems(obj)
            if problems:
                self.message_user(
                    request,
                    gettext("“%(item)s” is published with translation problems: %(problems)s.")
                    % {"item": obj, "problems": "; ".join(problems)},
                    messages.WARNING,
                )

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, obj):
        when = date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")
        if obj.updated_by:
            return gettext("%(date)s by %(user)s") % {"date": when, "user": obj.updated_by.get_username()}
        return when

    def get_view_on_site_url(self, obj=None):
        if obj is None or not obj.is_live:
            return None
        return super().get_view_on_site_url(obj)

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review_selected(self, request, queryset):
        drafts = [obj for obj in queryset.filter(status=Status.DRAFT) if self.has_change_permission(request, obj)]
        count = submit_for_review(drafts, user=request.user)
        self.message_user(
            request,
            gettext("Submitted %(count)d %(items)s for review.")
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send the selected items in review back to draft"), permissions=["change"])
    def send_back_selected(self, request, queryset):
        in_review = [obj for obj in queryset.filter(status=Status.REVIEW) if self.has_change_permission(request, obj)]
        count = send_back(in_review, user=request.user)
        self.message_user(
            request,
            gettext("Sent %(count)d %(items)s back to draft.")
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        objects = self.passing_checks(request, list(queryset))
        count = publish(objects, user=request.user)
        self.warn_translation(request, objects)
        self.message_user(
            request,
            gettext("Published %(count)d %(items)s.") % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )
        waiting = sum(1 for obj in objects if not obj.is_live)
        if waiting:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them is not visible yet: check its publish and unpublish times.",
                    "%(count)d of them are not visible yet: check their publish and unpublish times.",
                    waiting,
                )
                % {"count": waiting},
                messages.WARNING,
            )

    def passing_checks(self, request, objects):
        """Return the objects the pre-publication checks let the publish action publish; say why for the others.

        The action cannot override a warning: that is done, item by item, on the change form.
        """
        passing = []
        for obj in objects:
            problems = [] if obj.status == Status.PUBLISHED else checks.problems_of(obj)
            problems = [problem for problem in problems if problem.stops]
            if not problems:
                passing.append(obj)
                continue
            self.message_user(
                request,
                gettext("“%(item)s” was not published: %(problems)s Open it to correct this%(override)s.")
                % {
                    "item": obj,
                    "problems": " ".join(problem.message for problem in problems),
                    "override": ""
                    if any(problem.blocks for problem in problems)
                    else gettext(", or to publish it despite the warnings"),
                },
                messages.ERROR,
            )
        return passing

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = unpublish(list(queryset), user=request.user)
        self.message_user(
            request,
            gettext("Unpublished %(count)d %(items)s: back to draft.")
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )


class GatedInline:
    """Inline rows are the parent's content: writing them asks the gate about the parent in its current state."""

    form = AdminForm
    extra = 0

    def has_add_permission(self, request, obj):
        return permissions.can_change_part(request.user, "add", self.model, obj)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_part(request.user, "change", self.model, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_change_part(request.user, "delete", self.model, obj)


class LabelledCells:
    """A tabular inline whose inputs carry their column's name: a table header is not a label (axe's "label" rule).

    Named here, on the server, for every row (the blank row "Add another" copies included); static/js/admin_a11y.js
    names only what the browser draws (a Select2 chooser, from the name given here to its <select>).
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    if not field.label:
                        continue
                    if isinstance(field, forms.SplitDateTimeField):
                        label_date_and_time(field)
                        continue
                    # The input inside a related-field wrapper (the autocomplete's <select>) is the one drawn.
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.attrs.setdefault("aria-label", str(field.label))

        LabelledFormSet.__name__ = formset.__name__
        return LabelledFormSet


class TabularInline(GatedInline, LabelledCells, admin.TabularInline):
    pass


class TranslatedTabularInline(GatedInline, TrackedRowsInline, LabelledCells, TranslationTabularInline):
    pass


class TranslatedStackedInline(GatedInline, TrackedRowsInline, TranslationStackedInline):
    pass
