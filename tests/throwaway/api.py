"""Open-data API of the live notices."""

from rest_framework import serializers

from core.api import PageUrlsField, ReadOnlyViewSet, TranslatedField, TranslatedHtmlField

from .models import Notice


class NoticeSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    slug = TranslatedField()
    body = TranslatedHtmlField()
    url = PageUrlsField()

    class Meta:
        model = Notice
        fields = ["id", "slug", "title", "body", "issued_on", "url"]


class NoticeViewSet(ReadOnlyViewSet):
    serializer_class = NoticeSerializer

    def get_queryset(self):
        return Notice.objects.live().order_by("-issued_on", "pk")
