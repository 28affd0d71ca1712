"""What the other apps may use of press: the live releases related to an object, and a release's summary."""

from django.db.models import Q
from rest_framework import serializers

from core.api import PageUrlsField, TranslatedField

from .models import PressRelease


def live_releases():
    """Return the live press releases, newest first."""
    return PressRelease.objects.live().order_by("-release_date", "-pk")


def releases_related_to(*, organisations=(), themes=()):
    """Return the live releases issued by one of ``organisations`` or about one of ``themes``, newest first."""
    return (
        PressRelease.objects.live()
        .filter(Q(issuers__organisation__in=organisations) | Q(themes__in=themes))
        .distinct()
        .order_by("-release_date", "-pk")
    )


class ReleaseSummarySerializer(serializers.ModelSerializer):
    """A release as another object's API entry shows it: its title, date and pages."""

    slug = TranslatedField()
    title = TranslatedField()
    url = PageUrlsField()

    class Meta:
        model = PressRelease
        fields = ["id", "slug", "title", "release_date", "url"]
        ref_name = "PressReleaseSummary"
