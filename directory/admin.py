from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from assets.admin import thumbnail
from workflow.admin import TranslatedAdmin, TranslationFilter

from .models import Expert, Organisation, Person, Theme


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ["name", "slug_fr", "slug_en", "translation_status"]
    list_filter = [TranslationFilter]
    search_fields = ["name_fr", "name_en", "slug_fr", "slug_en"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "translation_check"]
    readonly_fields = ["translation_check"]


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
    list_display = ["name", "acronym", "kind", "country", "city", "translation_status"]
    list_filter = ["kind", ("country", CountryFilter), TranslationFilter]
    search_fields = ["name_fr", "name_en", "acronym", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["logo"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "name_with_article", "acronym", "slug", "kind", "country", "city", "website"]},
        ),
        (_("Logo"), {"fields": ["logo", "logo_preview"]}),
        (_("About"), {"fields": ["about"]}),
        (_("Press relations"), {"fields": ["press_email", "press_phone", "social_handle"]}),
        (_("Translation"), {"fields": ["translation_check"]}),
    ]
    readonly_fields = ["translation_check", "logo_preview"]

    @admin.display(description=_("preview"))
    def logo_preview(self, obj):
        return thumbnail(obj.logo if obj else None)


@admin.register(Person)
class PersonAdmin(TranslatedAdmin):
    list_display = ["full_name", "honorific", "role", "organisation", "translation_status"]
    list_filter = ["organisation__kind", TranslationFilter]
    list_select_related = ["organisation"]
    search_fields = ["first_name", "last_name", "role_fr", "role_en", "organisation__name_fr", "organisation__acronym"]
    autocomplete_fields = ["organisation"]
    fields = ["honorific", "first_name", "last_name", "role", "organisation", "translation_check"]
    readonly_fields = ["translation_check"]

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj):
        return obj.full_name


@admin.register(Expert)
class ExpertAdmin(TranslatedAdmin):
    list_display = ["full_name", "unit", "listing_consent_at", "hidden", "translation_status"]
    list_filter = ["hidden", "contact_route", "themes", TranslationFilter]
    list_editable = ["hidden"]
    search_fields = ["first_name", "last_name", "unit", "themes__name_fr", "themes__name_en"]
    autocomplete_fields = ["organisation", "themes", "photo"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["honorific", "first_name", "last_name", "slug", "role", "unit", "organisation"]}),
        (_("Expertise"), {"fields": ["themes", "languages", "bio"]}),
        (_("Photo"), {"fields": ["photo", "photo_preview"]}),
        (_("Contact"), {"fields": ["contact_route", "email", "phone"]}),
        (
            _("Listing"),
            {
                "fields": ["listing_consent_at", "listing_consent_note", "hidden"],
                "description": _(
                    "The expert appears on the public site only with a recorded consent and while not hidden."
                ),
            },
        ),
    ]

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        return thumbnail(obj.photo if obj else None)
