from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from inserm_cms.admin import (
    PublishableAdmin,
    TabularInline,
    TranslatedStackedInline,
    TranslatedTabularInline,
    publication_fieldsets,
)

from .admin_import import PressImportAdminMixin
from .models import PressAttachment, PressContact, PressRelease, PressReleaseIssuer, Quote


class IssuerInline(TabularInline):
    model = PressReleaseIssuer
    fields = ["organisation", "position"]
    autocomplete_fields = ["organisation"]


class PressContactInline(TabularInline):
    model = PressContact
    fields = ["organisation", "name", "email", "phone", "handle", "position"]
    autocomplete_fields = ["organisation"]
    extra = 1


class QuoteInline(TranslatedStackedInline):
    model = Quote
    fields = ["text", "speaker", "speaker_title", "position"]
    autocomplete_fields = ["speaker"]


class AttachmentInline(TranslatedTabularInline):
    model = PressAttachment
    fields = ["title", "file", "position"]


@admin.register(PressRelease)
class PressReleaseAdmin(PressImportAdminMixin, PublishableAdmin):
    list_display = ["title", "release_date", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "themes", "issuers__organisation"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    date_hierarchy = "release_date"
    autocomplete_fields = ["themes", "related_agreement"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IssuerInline, PressContactInline, QuoteInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "dateline_place", "release_date", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        (_("Links"), {"fields": ["themes", "related_agreement"]}),
        *publication_fieldsets(),
    ]
