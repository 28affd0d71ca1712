"""Open-data API of the reference data: themes (all public), the organisations live content names, listed experts."""

import django_filters
from django.db.models import F, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from assets.api import PhotoSerializer, requested_language
from core.api import (
    LANGUAGES,
    MAX_ID,
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
from core.derived import until_change
from core.lookups import AnyOf

from .models import Expert, Organisation, Person, Theme
from .views import press_office


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
    logo = AbsoluteFileField(source="logo.file", allow_null=True)  # the logo's file in the media library

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
    kept_representations = True

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, at check time: no database yet
            return Organisation.objects.none()
        return (
            Organisation.objects.filter(AnyOf(F("pk"), live_organisation_ids()))
            .select_related("logo")
            .order_by("name_fr", "pk")
        )


def live_organisation_ids():
    """Return the ids of ``Organisation.objects.live()``, kept until content changes (``core.derived``).

    The live filter is one ``EXISTS`` per way of being named, over the whole archive: the list ran it twice
    (count and page), 15 ms each at 100 000 releases.
    """
    return until_change("live-organisation-ids", lambda: list(Organisation.objects.live().values_list("pk", flat=True)))


class ExpertContact(serializers.Serializer):
    route = serializers.ChoiceField(Expert.ContactRoute.choices)
    route_label = ChoiceLabelField(Expert.ContactRoute.choices, source="route")
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)


class ExpertSerializer(serializers.ModelSerializer):
    """What a journalist needs to call an expert; their own e-mail and phone only when they take calls directly."""

    name = serializers.CharField(source="full_name", read_only=True)
    role = TranslatedField()
    organisation = OrganisationSummarySerializer(allow_null=True)
    themes = ThemeSummarySerializer(many=True)
    languages = serializers.SerializerMethodField()
    bio = TranslatedField()
    contact = serializers.SerializerMethodField()
    photo = PhotoSerializer(allow_null=True, help_text=_("The expert's photo, or null."))
    url = PageUrlsField()

    class Meta:
        model = Expert
        fields = [
            "id",
            "slug",
            "name",
            "honorific",
            "first_name",
            "last_name",
            "role",
            "unit",
            "organisation",
            "themes",
            "languages",
            "bio",
            "contact",
            "photo",
            "url",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, expert):
        return [code.strip() for code in expert.languages.split(",") if code.strip()]

    @extend_schema_field(ExpertContact)
    def get_contact(self, expert):
        """Return the route and where to call: the expert when direct, else the press office (the model's rule)."""
        if expert.contact_route == Expert.ContactRoute.DIRECT:
            email, phone = expert.email, expert.phone
        else:
            office = self.context.get("press_office")
            email, phone = (office.press_email, office.press_phone) if office else ("", "")
        contact = {"route": expert.contact_route, "email": email or None, "phone": phone or None}
        return ExpertContact(contact).data


class ExpertFilter(django_filters.FilterSet):
    theme = django_filters.CharFilter(label=_("Theme (slug)"), method="filter_theme")
    language = django_filters.CharFilter(label=_("Language spoken (code)"), method="filter_language")

    class Meta:
        model = Expert
        fields = ["theme", "language"]

    def filter_theme(self, queryset, name, value):
        return queryset.filter(Q(themes__slug_fr=value) | Q(themes__slug_en=value)).distinct()

    def filter_language(self, queryset, name, value):
        code = value.strip().lower()
        if not (code.isascii() and code.isalpha()):
            return queryset.none()
        return queryset.filter(languages__regex=rf"(^|,) *{code} *(,|$)")


# The language of the texts given in one language only (a photo's text alternative, its licence's name).
LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    OpenApiParameter.QUERY,
    enum=list(LANGUAGES),
    description=_(
        "Language of the texts given in one language only (a photo's text alternative and licence): "
        "fr or en. Without it, the request's Accept-Language, else French."
    ),
)


@extend_schema_view(
    list=[
        list_schema(
            ExpertSerializer, description=_("The experts who agreed to be listed and are not hidden, by last name.")
        ),
        extend_schema(parameters=[LANG_PARAMETER]),
    ],
    retrieve=[detail_schema(ExpertSerializer), extend_schema(parameters=[LANG_PARAMETER])],
)
class ExpertViewSet(ReadOnlyViewSet):
    serializer_class = ExpertSerializer
    filterset_class = ExpertFilter
    slug_lookup = False  # one slug, not one per language: looked up below

    def get_queryset(self):
        return Expert.objects.live().for_listing().select_related("organisation")

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "press_office": press_office(),
            "language": requested_language(self.request),
        }

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        condition = Q(slug=value)
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            condition |= Q(pk=int(value))
        # An id wins over a slug that happens to be all digits.
        matches = sorted(self.get_queryset().filter(condition), key=lambda obj: str(obj.pk) != value)
        obj = matches[0] if matches else None
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        return obj
