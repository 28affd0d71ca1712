"""Open-data API of international cooperation: sites, places, funding instruments, key figures; CSV exports."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api import (
    ChoiceLabelField,
    CountryField,
    PageUrlsField,
    ReadOnlyViewSet,
    TranslatedField,
    TranslatedText,
    detail_schema,
    list_schema,
)
from core.csvexport import CSVExportMixin, joined
from directory.api import OrganisationSummarySerializer, PersonSerializer, ThemeSummarySerializer

from .continents import Continent, continent_of
from .filters import CooperationSiteApiFilter, KeyFigureFilter, PlaceFilter
from .models import AwardAmount, CooperationSite, FundedProject, FundingInstrument, KeyFigure, Place, SitePlace


class ContinentSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Continent.choices)
    name = TranslatedText()


class SiteSummarySerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    name = TranslatedField()
    url = PageUrlsField()

    class Meta:
        model = CooperationSite
        fields = ["id", "slug", "name", "kind", "url"]
        ref_name = "CooperationSiteSummary"


class PlaceSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    country = CountryField()
    continent = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = ["id", "name", "country", "continent", "latitude", "longitude"]

    @extend_schema_field(ContinentSerializer(allow_null=True))
    def get_continent(self, obj):
        continent = continent_of(obj.country.code)
        if continent is None:
            return None
        return {"code": continent.value, "name": ChoiceLabelField(Continent.choices).to_representation(continent)}


class PlaceDetailSerializer(PlaceSerializer):
    sites = SiteSummarySerializer(many=True, source="live_sites", help_text=_("The live sites at this place."))

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "sites"]


class InstrumentSummarySerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    name = TranslatedField()
    url = PageUrlsField()

    class Meta:
        model = FundingInstrument
        fields = ["id", "slug", "name", "acronym", "url"]
        ref_name = "FundingInstrumentSummary"


class SitePlaceSerializer(PlaceSerializer):
    """A place of a site, in the site's order."""

    def to_representation(self, instance):
        return super().to_representation(instance.place)

    class Meta(PlaceSerializer.Meta):
        ref_name = "SitePlace"


class CooperationSiteSerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    name = TranslatedField()
    kind_label = ChoiceLabelField(CooperationSite.Kind.choices, source="kind")
    summary = TranslatedField()
    places = SitePlaceSerializer(many=True, source="ordered_site_places")
    partners = OrganisationSummarySerializer(many=True)
    themes = ThemeSummarySerializer(many=True)
    lead = PersonSerializer(allow_null=True)
    funding_instrument = InstrumentSummarySerializer(allow_null=True, help_text=_("A live instrument, or null."))
    url = PageUrlsField()

    class Meta:
        model = CooperationSite
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "kind_label",
            "summary",
            "places",
            "partners",
            "themes",
            "lead",
            "start_year",
            "end_year",
            "funding_instrument",
            "url",
            "updated_at",
        ]


class AmountSerializer(serializers.ModelSerializer):
    scope = TranslatedField()

    class Meta:
        model = AwardAmount
        fields = ["scope", "amount_eur"]


class FundedProjectSerializer(serializers.ModelSerializer):
    description = TranslatedField()

    class Meta:
        model = FundedProject
        fields = ["name", "description", "lead_name"]


class FundingInstrumentSerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    name = TranslatedField()
    stage_label = ChoiceLabelField(FundingInstrument.Stage.choices, source="stage")
    summary = TranslatedField()
    eligibility = TranslatedField()
    amounts = AmountSerializer(many=True)
    funded_projects = FundedProjectSerializer(many=True)
    sites = SiteSummarySerializer(many=True, source="live_sites", help_text=_("The live sites it funds."))
    url = PageUrlsField()

    class Meta:
        model = FundingInstrument
        fields = [
            "id",
            "slug",
            "name",
            "acronym",
            "stage",
            "stage_label",
            "summary",
            "eligibility",
            "duration_months",
            "partners_min",
            "partners_max",
            "amounts",
            "funded_projects",
            "sites",
            "url",
            "updated_at",
        ]


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(source="slug")
    label = TranslatedField()
    unit = serializers.CharField()


class KeyFigureSerializer(serializers.ModelSerializer):
    indicator = IndicatorSerializer()
    source = TranslatedField()

    class Meta:
        model = KeyFigure
        fields = ["id", "year", "indicator", "value", "share_percent", "source"]


class SiteCSVSerializer(serializers.Serializer):
    """One site a row; its first place gives the coordinates; both languages in separate columns."""

    id = serializers.IntegerField()
    slug_fr = serializers.CharField()
    slug_en = serializers.CharField()
    name_fr = serializers.CharField()
    name_en = serializers.CharField()
    kind = serializers.CharField()
    places_fr = serializers.SerializerMethodField()
    places_en = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    continents = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    themes_fr = serializers.SerializerMethodField()
    themes_en = serializers.SerializerMethodField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    funding_instrument_fr = serializers.SerializerMethodField()
    funding_instrument_en = serializers.SerializerMethodField()
    url_fr = serializers.SerializerMethodField()
    url_en = serializers.SerializerMethodField()

    def places(self, obj):
        return [site_place.place for site_place in obj.ordered_site_places]

    def get_places_fr(self, obj):
        return joined(place.name_fr for place in self.places(obj))

    def get_places_en(self, obj):
        return joined(place.name_en or place.name_fr for place in self.places(obj))

    def get_countries(self, obj):
        return joined(dict.fromkeys(place.country.code for place in self.places(obj)))

    def get_continents(self, obj):
        return joined(dict.fromkeys(continent_of(place.country.code) for place in self.places(obj)))

    def get_latitude(self, obj):
        places = self.places(obj)
        return places[0].latitude if places else None

    def get_longitude(self, obj):
        places = self.places(obj)
        return places[0].longitude if places else None

    def get_partners(self, obj):
        return joined(partner.acronym or partner.name_fr for partner in obj.partners.all())

    def get_themes_fr(self, obj):
        return joined(theme.name_fr for theme in obj.themes.all())

    def get_themes_en(self, obj):
        return joined(theme.name_en or theme.name_fr for theme in obj.themes.all())

    def get_funding_instrument_fr(self, obj):
        return obj.funding_instrument.name_fr if obj.funding_instrument else None

    def get_funding_instrument_en(self, obj):
        instrument = obj.funding_instrument
        return (instrument.name_en or instrument.name_fr) if instrument else None

    def page_url(self, obj, language):
        with override(language):
            return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_url_fr(self, obj):
        return self.page_url(obj, "fr")

    def get_url_en(self, obj):
        return self.page_url(obj, "en")


class KeyFigureCSVSerializer(serializers.Serializer):
    """One figure a row: year, indicator, value, share, source in both languages."""

    id = serializers.IntegerField()
    year = serializers.IntegerField()
    indicator = serializers.CharField(source="indicator.slug")
    indicator_fr = serializers.CharField(source="indicator.label_fr")
    indicator_en = serializers.SerializerMethodField()
    unit = serializers.CharField(source="indicator.unit")
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    share_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    source_fr = serializers.CharField()
    source_en = serializers.CharField()

    def get_indicator_en(self, obj):
        return obj.indicator.label_en or obj.indicator.label_fr


def live_site_summaries():
    return CooperationSite.objects.live().order_by("kind", "name_fr", "pk")


def api_sites():
    """Return the live sites with their places, partners, themes, lead and live instrument, by kind then name."""
    return CooperationSite.objects.live().for_detail().order_by("kind", "name_fr", "pk")


@extend_schema_view(
    list=list_schema(
        CooperationSiteSerializer,
        csv=True,
        description=_(
            "Live cooperation sites, by kind then French name. "
            "With ?format=csv (or /sites.csv): the whole filtered list as CSV."
        ),
    ),
    retrieve=detail_schema(CooperationSiteSerializer, csv=True),
)
class CooperationSiteViewSet(CSVExportMixin, ReadOnlyViewSet):
    serializer_class = CooperationSiteSerializer
    csv_serializer_class = SiteCSVSerializer
    csv_filename = "cooperation-sites.csv"
    filterset_class = CooperationSiteApiFilter

    def get_queryset(self):
        return api_sites()


@extend_schema_view(
    list=list_schema(
        PlaceDetailSerializer,
        description=_("The places of live cooperation sites (no other place is published), by French name."),
    ),
    retrieve=detail_schema(PlaceDetailSerializer, slug=False),
)
class PlaceViewSet(ReadOnlyViewSet):
    serializer_class = PlaceDetailSerializer
    filterset_class = PlaceFilter
    slug_lookup = False

    def get_queryset(self):
        live_sites = live_site_summaries()
        return (
            Place.objects.filter(pk__in=SitePlace.objects.filter(site__in=live_sites).values("place"))
            .prefetch_related(Prefetch("sites", queryset=live_sites, to_attr="live_sites"))
            .order_by("name_fr", "pk")
        )


@extend_schema_view(
    list=list_schema(FundingInstrumentSerializer, description=_("Live funding instruments, by stage then name.")),
    retrieve=detail_schema(FundingInstrumentSerializer),
)
class FundingInstrumentViewSet(ReadOnlyViewSet):
    serializer_class = FundingInstrumentSerializer

    def get_queryset(self):
        return (
            FundingInstrument.objects.live()
            .prefetch_related(
                "amounts",
                "funded_projects",
                Prefetch("sites", queryset=live_site_summaries(), to_attr="live_sites"),
            )
            .order_by("stage", "name_fr", "pk")
        )


@extend_schema_view(
    list=list_schema(
        KeyFigureSerializer,
        csv=True,
        description=_(
            "Key figures of international cooperation, latest year first. "
            "With ?format=csv (or /key-figures.csv): the whole filtered list as CSV."
        ),
    ),
    retrieve=detail_schema(KeyFigureSerializer, slug=False, csv=True),
)
class KeyFigureViewSet(CSVExportMixin, ReadOnlyViewSet):
    serializer_class = KeyFigureSerializer
    csv_serializer_class = KeyFigureCSVSerializer
    csv_filename = "key-figures.csv"
    filterset_class = KeyFigureFilter
    slug_lookup = False

    def get_queryset(self):
        return KeyFigure.objects.select_related("indicator").order_by("-year", "indicator__position", "indicator", "pk")
