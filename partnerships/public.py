"""What the other apps may use of partnerships: the live agreements related to an object, an agreement's summary."""

from django.db.models import Q
from rest_framework import serializers

from core.api import PageUrlsField, TranslatedField

from .models import Agreement


def agreements_related_to(*, organisations=(), themes=()):
    """Return the live agreements one of ``organisations`` is party to or about one of ``themes``, latest first."""
    return (
        Agreement.objects.live()
        .filter(Q(parties__organisation__in=organisations) | Q(themes__in=themes))
        .distinct()
        .order_by("-signed_on", "-pk")
    )


class AgreementSummarySerializer(serializers.ModelSerializer):
    """An agreement as another object's API entry shows it: its title and pages."""

    slug = TranslatedField()
    title = TranslatedField()
    url = PageUrlsField()

    class Meta:
        model = Agreement
        fields = ["id", "slug", "title", "url"]
        ref_name = "AgreementSummary"
