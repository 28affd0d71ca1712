"""Filters of the press release list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Theme

from .models import PressRelease, ReleaseType, StudySubject, StudyType


def release_years(request=None):
    """Return the years that have live press releases, latest first, as choices."""
    dates = PressRelease.objects.live().dates("release_date", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in dates]


def release_themes(request=None):
    return Theme.objects.filter(press_releases__in=PressRelease.objects.live()).distinct()


def release_organisations(request=None):
    return Organisation.objects.filter(issued_releases__release__in=PressRelease.objects.live()).distinct()


class PressReleaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="release_date__year", choices=release_years, empty_label=_("All years")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=release_themes, empty_label=_("All themes"), distinct=True
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Issuing organisation"),
        field_name="issuers__organisation",
        queryset=release_organisations,
        empty_label=_("All organisations"),
        distinct=True,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type of release"), field_name="release_type", choices=ReleaseType, empty_label=_("All types")
    )
    peer_reviewed = django_filters.ChoiceFilter(
        label=_("Peer review"),
        choices=[("yes", _("Peer-reviewed")), ("no", _("Not peer-reviewed"))],
        empty_label=_("Any"),
        method="filter_peer_reviewed",
    )
    study = django_filters.ChoiceFilter(
        label=_("Type of study"), field_name="study_type", choices=StudyType, empty_label=_("All studies")
    )
    subject = django_filters.ChoiceFilter(
        label=_("Studied in"), field_name="study_subject", choices=StudySubject, empty_label=_("Any subject")
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
