"""Open-data API of the live partnership agreements, with their CSV export."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api import (
    ChoiceLabelField,
    PageUrlsField,
    ReadOnlyViewSet,
    TranslatedField,
    TranslatedHtmlField,
    detail_schema,
    list_schema,
)
from core.csvexport import CSVExportMixin, joined
from directory.api import OrganisationSummarySerializer, PersonSerializer, ThemeSummarySerializer
from press.public import ReleaseSummarySerializer

from .filters import AgreementFilter
from .models import Agreement, AgreementParty, Objective, Outcome, Signatory
from .public import AgreementSummarySerializer


class PartySerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer()
    role = TranslatedField()

    class Meta:
        model = AgreementParty
        fields = ["organisation", "role"]


class SignatorySerializer(serializers.ModelSerializer):
    person = PersonSerializer()
    organisation = OrganisationSummarySerializer()
    title_at_signing = TranslatedField()

    class Meta:
        model = Signatory
        fields = ["person", "organisation", "title_at_signing"]


class ObjectiveSerializer(serializers.ModelSerializer):
    text = TranslatedField()

    class Meta:
        model = Objective
        fields = ["text"]


class OutcomeSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = Outcome
        fields = ["title", "description", "laboratory", "city", "year"]


class AgreementSerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    title = TranslatedField()
    kind_label = ChoiceLabelField(Agreement.Kind.choices, source="kind")
    summary = TranslatedField()
    body = TranslatedHtmlField()
    end_date = serializers.DateField(
        source="end_date_value", allow_null=True, help_text=_("Last day in force: the end date, or start + duration.")
    )
    status = serializers.SerializerMethodField(help_text=_("Derived from the dates, today."))
    status_label = serializers.SerializerMethodField()
    parties = PartySerializer(many=True)
    signatories = SignatorySerializer(many=True)
    objectives = ObjectiveSerializer(many=True)
    outcomes = OutcomeSerializer(many=True)
    themes = ThemeSummarySerializer(many=True)
    renewal_of = serializers.SerializerMethodField(help_text=_("The live agreement this one renews, or null."))
    press_releases = ReleaseSummarySerializer(many=True, source="live_releases")
    url = PageUrlsField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "kind_label",
            "summary",
            "body",
            "signed_on",
            "signed_at",
            "starts_on",
            "ends_on",
            "duration_months",
            "end_date",
            "status",
            "status_label",
            "parties",
            "signatories",
            "objectives",
            "outcomes",
            "themes",
            "renewal_of",
            "press_releases",
            "url",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=Agreement.Status.choices))
    def get_status(self, obj):
        return obj.status_on()

    @extend_schema_field(TranslatedField())
    def get_status_label(self, obj):
        return ChoiceLabelField(Agreement.Status.choices).to_representation(obj.status_on())

    @extend_schema_field(AgreementSummarySerializer(allow_null=True))
    def get_renewal_of(self, obj):
        renewed = obj.live_renewal_of
        return AgreementSummarySerializer(renewed, context=self.context).data if renewed else None


class AgreementCSVSerializer(serializers.Serializer):
    """One agreement a row; both languages in separate columns; ISO dates."""

    id = serializers.IntegerField()
    slug_fr = serializers.CharField()
    slug_en = serializers.CharField()
    title_fr = serializers.CharField()
    title_en = serializers.CharField()
    kind = serializers.CharField()
    signed_on = serializers.DateField()
    signed_at = serializers.CharField()
    starts_on = serializers.DateField()
    end_date = serializers.DateField(source="end_date_value")
    duration_months = serializers.IntegerField()
    status = serializers.SerializerMethodField()
    parties = serializers.SerializerMethodField()
    party_countries = serializers.SerializerMethodField()
    themes_fr = serializers.SerializerMethodField()
    themes_en = serializers.SerializerMethodField()
    summary_fr = serializers.CharField()
    summary_en = serializers.CharField()
    url_fr = serializers.SerializerMethodField()
    url_en = serializers.SerializerMethodField()

    def get_status(self, obj):
        return obj.status_on()

    def get_parties(self, obj):
        return joined(party.organisation.acronym or party.organisation.name_fr for party in obj.parties.all())

    def get_party_countries(self, obj):
        return joined(dict.fromkeys(party.organisation.country.code for party in obj.parties.all()))

    def get_themes_fr(self, obj):
        return joined(theme.name_fr for theme in obj.themes.all())

    def get_themes_en(self, obj):
        return joined(theme.name_en or theme.name_fr for theme in obj.themes.all())

    def page_url(self, obj, language):
        with override(language):
            return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_url_fr(self, obj):
        return self.page_url(obj, "fr")

    def get_url_en(self, obj):
        return self.page_url(obj, "en")


def api_agreements():
    """Return the live agreements with everything the API shows, latest signed first."""
    return Agreement.objects.live().for_detail().order_by(F("signed_on").desc(nulls_last=True), "-pk")


@extend_schema_view(
    list=list_schema(
        AgreementSerializer,
        csv=True,
        description=_(
            "Live agreements, latest signed first, filtered like the agreement list of the site. "
            "With ?format=csv (or /agreements.csv): the whole filtered list as CSV."
        ),
    ),
    retrieve=detail_schema(AgreementSerializer, csv=True),
)
class AgreementViewSet(CSVExportMixin, ReadOnlyViewSet):
    serializer_class = AgreementSerializer
    csv_serializer_class = AgreementCSVSerializer
    csv_filename = "agreements.csv"
    filterset_class = AgreementFilter
    kept_representations = True

    def get_queryset(self):
        return api_agreements()
