"""Filters of the press release list."""

import django_filters
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.widgets import QuickSelect
from directory.models import Organisation, Theme
from pagecache.generation import cached_until_change

from .models import PressRelease, PressReleaseIssuer, ReleaseType, StudySubject, StudyType


def compute_facets():
    """Return the years, theme ids and organisation ids that live press releases have (one pass each)."""
    live = PressRelease.objects.live()
    return {
        "years": [day.year for day in live.dates("release_date", "year", order="DESC")],
        "themes": list(
            PressRelease.themes.through.objects.filter(pressrelease__in=live.values("pk"))
            .order_by()
            .values_list("theme_id", flat=True)
            .distinct()
        ),
        "organisations": list(
            PressReleaseIssuer.objects.filter(release__in=live.values("pk"))
            .order_by()
            .values_list("organisation_id", flat=True)
            .distinct()
        ),
    }


def release_facets():
    """Return the list's facets, computed once per content change rather than on every request."""
    return cached_until_change("press-facets", compute_facets)


def release_years(request=None):
    """Return the years that have live press releases, latest first, as choices."""
    return [(str(year), str(year)) for year in release_facets()["years"]]


def labelled(model, ids):
    """Return ``(id, label)`` choices of ``model`` rows in the active language, in the model's order."""
    return [(str(obj.pk), str(obj)) for obj in model.objects.filter(pk__in=ids)]


def release_themes(request=None):
    language = get_language() or "fr"
    return cached_until_change(f"press-themes-{language}", lambda: labelled(Theme, release_facets()["themes"]))


def release_organisations(request=None):
    language = get_language() or "fr"
    return cached_until_change(
        f"press-organisations-{language}", lambda: labelled(Organisation, release_facets()["organisations"])
    )


class PressReleaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    year = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Year"),
        field_name="release_date__year",
        choices=release_years,
        empty_label=_("All years"),
    )
    theme = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Theme"),
        field_name="themes",
        choices=release_themes,
        empty_label=_("All themes"),
        distinct=True,
    )
    organisation = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Issuing organisation"),
        field_name="issuers__organisation",
        choices=release_organisations,
        empty_label=_("All organisations"),
        distinct=True,
    )
    type = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Type of release"),
        field_name="release_type",
        choices=ReleaseType,
        empty_label=_("All types"),
    )
    peer_reviewed = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Peer review"),
        choices=[("yes", _("Peer-reviewed")), ("no", _("Not peer-reviewed"))],
        empty_label=_("Any"),
        method="filter_peer_reviewed",
    )
    study = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Type of study"),
        field_name="study_type",
        choices=StudyType,
        empty_label=_("All studies"),
    )
    subject = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Studied in"),
        field_name="study_subject",
        choices=StudySubject,
        empty_label=_("Any subject"),
    )

    class Meta:
        model = PressRelease
        fields = ["q", "year", "theme", "organisation", "type", "peer_reviewed", "study", "subject"]

    def filter_peer_reviewed(self, queryset, name, value):
        return queryset.filter(peer_reviewed=(value == "yes"))

    def search(self, queryset, name, value):
        """Match the words in the title or lead, in French or English."""
        for word in value.split():
            queryset = queryset.filter(
                Q(title_fr__icontains=word)
                | Q(title_en__icontains=word)
                | Q(lead_fr__icontains=word)
                | Q(lead_en__icontains=word)
            )
        return queryset
