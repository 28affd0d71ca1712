"""Open-data API of the live press releases."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api import (
    LANGUAGES,
    AbsoluteFileField,
    ChoiceLabelField,
    PageUrlsField,
    ReadOnlyViewSet,
    TranslatedField,
    TranslatedHtmlField,
    TranslatedText,
    YearFilter,
    detail_schema,
    list_schema,
    translations,
)
from directory.api import OrganisationSummarySerializer, PersonSerializer, ThemeSummarySerializer
from partnerships.public import AgreementSummarySerializer

from .filters import PressReleaseFilter
from .models import PressAttachment, PressContact, PressRelease, Quote, ReleaseType, StudySubject, StudyType


class PressReleaseApiFilter(PressReleaseFilter):
    """The press list's filters; any year is accepted (a year without releases gives an empty list)."""

    year = YearFilter(label=_("Year"), field_name="release_date__year")


class IssuerSerializer(OrganisationSummarySerializer):
    """An issuing organisation, in the release's order."""

    def to_representation(self, instance):
        return super().to_representation(instance.organisation)

    class Meta(OrganisationSummarySerializer.Meta):
        ref_name = "Issuer"


class PressContactSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(allow_null=True)

    class Meta:
        model = PressContact
        fields = ["organisation", "name", "email", "phone", "handle"]


class QuoteSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    speaker = PersonSerializer(allow_null=True)
    speaker_title = TranslatedField()

    class Meta:
        model = Quote
        fields = ["text", "speaker", "speaker_title"]


class AttachmentSerializer(serializers.ModelSerializer):
    """A file of the release's press kit: its title, address, kind, credit and licence (from the media library)."""

    title = serializers.SerializerMethodField()
    file = AbsoluteFileField(source="asset.file")
    kind = serializers.CharField(source="asset.kind")
    credit = serializers.CharField(source="asset.credit")
    licence = serializers.CharField(source="asset.licence")

    class Meta:
        model = PressAttachment
        fields = ["title", "file", "kind", "credit", "licence"]

    @extend_schema_field(TranslatedText)
    def get_title(self, obj):
        return translations(obj.asset, "title")


class ImageSerializer(serializers.Serializer):
    """The release's image (an asset of the media library) with its text alternative, credit and licence."""

    url = AbsoluteFileField(source="file")
    alt = TranslatedField(name="alt", source="*")
    decorative = serializers.BooleanField(
        help_text=_("True for an image that only decorates: pages give it an empty text alternative.")
    )
    credit = serializers.CharField()
    licence = serializers.CharField(help_text=_("The licence's code: press_use, cc_by_4, cc0…"))


class ArticleSerializer(serializers.Serializer):
    """The journal article a research release reports."""

    title = serializers.CharField(source="article_title")
    journal = serializers.CharField()
    doi = serializers.CharField(source="journal_doi")
    doi_url = serializers.CharField(help_text=_("The DOI resolved through doi.org."))
    published_on = serializers.DateField(source="article_published_on", allow_null=True)


@extend_schema_field(TranslatedText)
class KindHeadingField(TranslatedField):
    """Read the heading above a release's title in each language: the choice's label, or the "other" text."""

    def to_representation(self, value):
        if value.heading == PressRelease.Kind.OTHER:
            return super().to_representation(value)
        labels = {}
        for language in LANGUAGES:
            with override(language):
                labels[language] = str(value.get_heading_display()) if value.heading else None
        return labels


class PressReleaseSerializer(serializers.ModelSerializer):
    slug = TranslatedField()
    title = TranslatedField()
    kind = KindHeadingField(help_text=_("The heading above the title in each language, e.g. “Press release”."))
    lead = TranslatedField()
    body = TranslatedHtmlField()
    image = serializers.SerializerMethodField()
    issuers = IssuerSerializer(many=True)
    themes = ThemeSummarySerializer(many=True)
    contacts = PressContactSerializer(many=True)
    quotes = QuoteSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    related_agreement = AgreementSummarySerializer(
        source="live_related_agreement", allow_null=True, help_text=_("A live agreement, or null.")
    )
    release_type_label = ChoiceLabelField(ReleaseType.choices, source="release_type")
    study_type_label = ChoiceLabelField(StudyType.choices, source="study_type")
    study_subject_label = ChoiceLabelField(StudySubject.choices, source="study_subject")
    article = serializers.SerializerMethodField()
    funders = OrganisationSummarySerializer(many=True)
    url = PageUrlsField()

    class Meta:
        model = PressRelease
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "release_type",
            "release_type_label",
            "peer_reviewed",
            "study_type",
            "study_type_label",
            "study_subject",
            "study_subject_label",
            "dateline_place",
            "release_date",
            "lead",
            "body",
            "image",
            "issuers",
            "themes",
            "contacts",
            "quotes",
            "attachments",
            "related_agreement",
            "article",
            "funders",
            "url",
            "updated_at",
        ]

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, obj):
        if obj.image is None:
            return None
        return ImageSerializer(obj.image, context=self.context).data

    @extend_schema_field(ArticleSerializer(allow_null=True))
    def get_article(self, obj):
        if not obj.has_article:
            return None
        return ArticleSerializer(obj, context=self.context).data


def api_releases():
    """Return the live press releases with everything the API shows, newest first."""
    return PressRelease.objects.live().for_detail().order_by("-release_date", "-pk")


@extend_schema_view(
    list=list_schema(
        PressReleaseSerializer,
        description=_("Live press releases, newest first, filtered like the press list of the site."),
    ),
    retrieve=detail_schema(PressReleaseSerializer),
)
class PressReleaseViewSet(ReadOnlyViewSet):
    serializer_class = PressReleaseSerializer
    filterset_class = PressReleaseApiFilter
    kept_representations = True

    def get_queryset(self):
        return api_releases()
