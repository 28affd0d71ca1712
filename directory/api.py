"""Open-data API of the reference data: themes (all public) and the organisations live content names."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from core.api import (
    AbsoluteFileField,
    ChoiceLabelField,
    CountryField,
    PageUrlsField,
    ReadOnlyViewSet,
    TranslatedField,
    TranslatedHtmlField,
    detail_schema,
    list_schema,
)

from .models import Organisation, Person, Theme


class ThemeSummarySerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    name = TranslatedField()

    class Meta:
        model = Theme
        fields = ["id", "slug", "name"]


class ThemeSerializer(ThemeSummarySerializer):
    description = TranslatedField()
    url = PageUrlsField()

    class Meta(ThemeSummarySerializer.Meta):
        fields = [*ThemeSummarySerializer.Meta.fields, "description", "url"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    name = TranslatedField()
    kind_label = ChoiceLabelField(Organisation.Kind.choices, source="kind")
    country = CountryField()
    url = PageUrlsField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "acronym", "kind", "kind_label", "country", "url"]


class OrganisationSerializer(OrganisationSummarySerializer):
    slug = TranslatedField()
    about = TranslatedHtmlField()
    logo = AbsoluteFileField()

    class Meta(OrganisationSummarySerializer.Meta):
        fields = [
            "id",
            "slug",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "country",
            "city",
            "website",
            "logo",
            "about",
            "press_email",
            "press_phone",
            "social_handle",
            "url",
        ]


class PersonSerializer(serializers.ModelSerializer):
    role = TranslatedField()
    organisation = OrganisationSummarySerializer(allow_null=True)

    class Meta:
        model = Person
        fields = ["id", "honorific", "first_name", "last_name", "role", "organisation"]


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)

    class Meta:
        model = Organisation
        fields = ["kind", "country"]


@extend_schema_view(
    list=list_schema(ThemeSerializer, description=_("Every theme, by French name.")),
    retrieve=detail_schema(ThemeSerializer),
)
class ThemeViewSet(ReadOnlyViewSet):
    serializer_class = ThemeSerializer

    def get_queryset(self):
        return Theme.objects.order_by("name_fr", "pk")


@extend_schema_view(
    list=list_schema(
        OrganisationSerializer,
        description=_("The organisations named by live content (issuers, parties, partners…), by French name."),
    ),
    retrieve=detail_schema(OrganisationSerializer),
)
class OrganisationViewSet(ReadOnlyViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return Organisation.objects.live().order_by("name_fr", "pk")
