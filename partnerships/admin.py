from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflow.admin import PublishableAdmin, TranslatedStackedInline, TranslatedTabularInline, publication_fieldsets

from . import views
from .models import Agreement, AgreementParty, Objective, Outcome, Signatory


class PartyInline(TranslatedTabularInline):
    model = AgreementParty
    fields = ["organisation", "role", "position"]
    autocomplete_fields = ["organisation"]


class SignatoryInline(TranslatedTabularInline):
    model = Signatory
    fields = ["person", "organisation", "title_at_signing", "position"]
    autocomplete_fields = ["person", "organisation"]


class ObjectiveInline(TranslatedTabularInline):
    model = Objective
    fields = ["text", "position"]


class OutcomeInline(TranslatedStackedInline):
    model = Outcome
    fields = ["title", "description", "laboratory", "city", "year", "position"]


@admin.register(Agreement)
class AgreementAdmin(PublishableAdmin):
    list_display = ["title", "kind", "signed_on", "term", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "kind", "themes", "parties__organisation__kind"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["themes", "renewal_of"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartyInline, SignatoryInline, ObjectiveInline, OutcomeInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (_("Dates"), {"fields": ["signed_on", "signed_at", "starts_on", "ends_on", "duration_months"]}),
        (_("Links"), {"fields": ["themes", "renewal_of"]}),
        *publication_fieldsets(),
    ]
    preview_view_class = views.AgreementDetailView

    @admin.display(description=_("term"))
    def term(self, obj):
        return obj.status_label
