from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from assets.admin import ImagePreviewMixin
from workflow.admin import (
    PublishableAdmin,
    TabularInline,
    TranslatedAdmin,
    TranslatedStackedInline,
    TranslatedTabularInline,
    TranslationFilter,
    publication_fieldsets,
)
from workflow.layout import PlacedInlinesMixin

from . import views
from .models import (
    AwardAmount,
    CooperationSite,
    FundedProject,
    FundingInstrument,
    Indicator,
    KeyFigure,
    Place,
    SitePlace,
)


@admin.register(Place)
class PlaceAdmin(TranslatedAdmin):
    list_display = ["name", "country", "continent", "latitude", "longitude", "translation_status"]
    list_filter = [("country", CountryFilter), TranslationFilter]
    search_fields = ["name_fr", "name_en"]
    fields = ["name", "country", "latitude", "longitude", "translation_check"]
    readonly_fields = ["translation_check"]

    @admin.display(description=_("continent"))
    def continent(self, obj):
        return obj.continent


class AwardAmountInline(TranslatedTabularInline):
    model = AwardAmount
    fields = ["scope", "amount_eur", "position"]


class FundedProjectInline(TranslatedStackedInline):
    model = FundedProject
    fields = ["name", "description", "lead_name", "position"]


@admin.register(FundingInstrument)
class FundingInstrumentAdmin(PublishableAdmin):
    list_display = ["name", "acronym", "stage", "duration_months", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "stage"]
    search_fields = ["name_fr", "name_en", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AwardAmountInline, FundedProjectInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "stage", "summary", "eligibility"]}),
        (_("Terms"), {"fields": ["duration_months", "partners_min", "partners_max"]}),
        *publication_fieldsets(),
    ]
    preview_view_class = views.InstrumentDetailView


PLACES = _("Places and years")


class SitePlaceInline(TabularInline):
    model = SitePlace
    fields = ["place", "position"]
    autocomplete_fields = ["place"]
    extra = 1
    fieldset = PLACES


@admin.register(CooperationSite)
class CooperationSiteAdmin(ImagePreviewMixin, PlacedInlinesMixin, PublishableAdmin):
    list_display = ["name", "kind", "start_year", "end_year", "funding_instrument", "state", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "kind", "themes", ("places__country", CountryFilter)]
    list_select_related = [*PublishableAdmin.list_select_related, "funding_instrument"]
    search_fields = ["name_fr", "name_en", "places__name_fr", "places__name_en"]
    autocomplete_fields = ["partners", "themes", "lead", "funding_instrument", "image"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SitePlaceInline]
    fieldsets = [
        (_("Text"), {"fields": ["kind", "name", "slug", "summary"]}),
        (_("Image"), {"fields": ["image", "image_preview"]}),
        (_("People and partners"), {"fields": ["lead", "partners", "funding_instrument"]}),
        (PLACES, {"fields": [("start_year", "end_year")]}),
        *publication_fieldsets()[:1],
        (_("Themes"), {"fields": ["themes"]}),
        *publication_fieldsets()[1:],
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "image_preview"]
    preview_view_class = views.SiteDetailView


@admin.register(Indicator)
class IndicatorAdmin(TranslatedAdmin):
    list_display = ["label", "slug", "unit", "position", "translation_status"]
    list_filter = [TranslationFilter]
    search_fields = ["label_fr", "label_en", "slug"]
    fields = ["label", "slug", "unit", "position", "translation_check"]
    readonly_fields = ["translation_check"]


@admin.register(KeyFigure)
class KeyFigureAdmin(TranslatedAdmin):
    list_display = ["year", "indicator", "value", "share_percent", "source", "translation_status"]
    list_filter = ["year", "indicator", TranslationFilter]
    list_select_related = ["indicator"]
    search_fields = ["indicator__label_fr", "indicator__label_en", "source_fr", "source_en"]
    autocomplete_fields = ["indicator"]
    fields = ["year", "indicator", "value", "share_percent", "source", "translation_check"]
    readonly_fields = ["translation_check"]
