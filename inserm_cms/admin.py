"""What every content admin shares: tabbed translations, workflow columns, filters and actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import Q, UniqueConstraint
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from inserm_cms.publishing import Status, live_q, publish, unpublish

admin.site.site_header = _("Inserm communication — back office")
admin.site.site_title = _("Inserm back office")
admin.site.index_title = _("Content management")


def publication_state(obj, now=None):
    """Return a Publishable's state in words: draft, in review, published, scheduled or expired."""
    now = now or timezone.now()
    if obj.status == Status.DRAFT:
        return gettext("Draft")
    if obj.status == Status.REVIEW:
        return gettext("In review")
    if obj.unpublish_at and obj.unpublish_at <= now:
        return gettext("Expired")
    if obj.publish_at and obj.publish_at > now:
        when = date_format(timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT")
        return gettext("Scheduled for %(date)s") % {"date": when}
    return gettext("Published")


def missing_translation_q(model, language="en"):
    """Return the condition matching rows whose required ``language`` fields are still empty."""
    condition = Q()
    for name in model.translation_required:
        column = f"{name}_{language}"
        condition |= Q(**{column: ""}) | Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__regex": r"^\s*$"})
    return condition


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


def format_missing(names):
    """Return "Missing: title, lead" for the verbose names of empty required fields."""
    return gettext("Missing: %(fields)s") % {"fields": ", ".join(names)}


class AdminForm(forms.ModelForm):
    """Model form that fills blank slugs before validation and shows constraint errors beside their field."""

    def clean(self):
        cleaned_data = super().clean()
        for language in ("fr", "en"):
            slug_name = f"slug_{language}"
            if slug_name not in self.fields or cleaned_data.get(slug_name):
                continue
            source = cleaned_data.get(f"title_{language}") or cleaned_data.get(f"name_{language}")
            if source:
                max_length = self._meta.model._meta.get_field(slug_name).max_length
                cleaned_data[slug_name] = slugify(source)[:max_length]
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


class TranslationFilter(admin.SimpleListFilter):
    """Filter on whether every required English field is filled, in the database."""

    title = _("English translation")
    parameter_name = "translation_en"

    def lookups(self, request, model_admin):
        return [("complete", _("Complete")), ("missing", _("Missing"))]

    def queryset(self, request, queryset):
        if not queryset.model.translation_required:
            return queryset.none() if self.value() == "missing" else queryset
        condition = missing_translation_q(queryset.model, "en")
        if self.value() == "missing":
            return queryset.filter(condition)
        if self.value() == "complete":
            return queryset.exclude(condition)
        return queryset


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


class TranslatedAdmin(TabbedTranslationAdmin):
    """Admin of a translated model: French and English fields in tabs, translation column."""

    form = AdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_per_page = 50

    @admin.display(description=_("English translation"))
    def translation_status(self, obj):
        missing = obj.missing_translations("en")
        if not missing:
            return gettext("Complete")
        return format_missing(missing)


def publication_fieldsets():
    """Return the fieldsets every Publishable form ends with."""
    return [
        (_("Publication"), {"fields": ["state", "status", "publish_at", "unpublish_at"]}),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["created_at", "created_by", "updated_at", "updated_by", "version"]},
        ),
    ]


class PublishableAdmin(TranslatedAdmin):
    """Admin of a Publishable: state column, publish/unpublish actions, authorship, live-only site link."""

    actions = ["publish_selected", "unpublish_selected"]
    list_filter = [PublicationStateFilter, TranslationFilter]
    list_select_related = ["updated_by"]
    readonly_fields = ["state", "created_at", "created_by", "updated_at", "updated_by", "version"]

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Draft")
        return publication_state(obj)

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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        objects = list(queryset)
        count = publish(objects, user=request.user)
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

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = unpublish(list(queryset), user=request.user)
        self.message_user(
            request,
            gettext("Unpublished %(count)d %(items)s: back to draft.")
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )


class TabularInline(admin.TabularInline):
    form = AdminForm
    extra = 0


class TranslatedTabularInline(TranslationTabularInline):
    form = AdminForm
    extra = 0


class TranslatedStackedInline(TranslationStackedInline):
    form = AdminForm
    extra = 0
