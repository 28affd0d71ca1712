from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflow.admin import (
    PublishableAdmin,
    TabularInline,
    TranslatedStackedInline,
    TranslatedTabularInline,
    publication_fieldsets,
)
from workflow.layout import PlacedInlinesMixin

from . import views
from .models import Agreement, AgreementAttachment, AgreementParty, Objective, Outcome, Signatory

TEXT = _("Text")
SIGNATURE = _("Signature, term and signatories")
LINKS = _("Themes and links")
PUBLICATION, RECORD = publication_fieldsets()


class PartyInline(TranslatedTabularInline):
    model = AgreementParty
    fields = ["organisation", "role", "position"]
    autocomplete_fields = ["organisation"]
    fieldset = SIGNATURE


class SignatoryInline(TranslatedStackedInline):
    # Stacked: the person, the organisation and the title in two languages did not fit a 1280 px window.
    # Left empty, the organisation and the title at signing are the person's (Signatory.fill_from_person).
    model = Signatory
    fields = [("person", "organisation"), "title_at_signing", "position"]
    autocomplete_fields = ["person", "organisation"]
    fieldset = SIGNATURE


class ObjectiveInline(TranslatedTabularInline):
    model = Objective
    fields = ["text", "position"]
    fieldset = TEXT


class OutcomeInline(TranslatedStackedInline):
    model = Outcome
    fields = ["title", "description", ("laboratory", "city", "year"), "position"]
    fieldset = TEXT


class AttachmentInline(TabularInline):
    # The agreement's press kit: images and documents of the media library, with their credits and licences.
    model = AgreementAttachment
    fields = ["asset", "position"]
    autocomplete_fields = ["asset"]
    fieldset = LINKS


@admin.register(Agreement)
class AgreementAdmin(PlacedInlinesMixin, PublishableAdmin):
    list_display = ["title", "kind", "signed_on", "term", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "kind", "themes", "parties__organisation__kind"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["themes", "renewal_of"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartyInline, SignatoryInline, ObjectiveInline, OutcomeInline, AttachmentInline]
    fieldsets = [
        (TEXT, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (SIGNATURE, {"fields": [("signed_on", "signed_at"), "starts_on", "ends_on", "duration_months"]}),
        PUBLICATION,
        (LINKS, {"fields": ["themes", "renewal_of"]}),
        RECORD,
    ]
    preview_view_class = views.AgreementDetailView

    @admin.display(description=_("term"))
    def term(self, obj):
        return obj.status_label
