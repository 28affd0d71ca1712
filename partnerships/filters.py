"""Filters of the agreement list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.widgets import QuickSelect
from directory.models import Organisation, Theme
from pagecache.generation import cached_until_change

from .models import Agreement

STATUS_CHOICES = [
    ("in_force", _("In force")),
    (Agreement.Status.ENDING_SOON, _("Ending within six months")),
    (Agreement.Status.ENDED, _("Ended")),
    (Agreement.Status.UPCOMING, _("Upcoming")),
]


def compute_facets():
    """Return the theme ids and party countries that live agreements have."""
    live = Agreement.objects.live().values("pk")
    return {
        "themes": list(
            Agreement.themes.through.objects.filter(agreement__in=live)
            .order_by()
            .values_list("theme_id", flat=True)
            .distinct()
        ),
        "countries": list(
            Organisation.objects.filter(agreement_parties__agreement__in=live)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        ),
    }


def agreement_facets():
    """Return the list's facets, computed once per content change rather than on every request."""
    return cached_until_change("agreement-facets", compute_facets)


def agreement_themes(request=None):
    return Theme.objects.filter(pk__in=agreement_facets()["themes"])


def party_countries(request=None):
    """Return the countries of the parties to live agreements, by name in the active language."""
    codes = agreement_facets()["countries"]
    return sorted(((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1]))


class AgreementFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=_("All statuses"),
    )
    theme = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Theme"),
        field_name="themes",
        queryset=agreement_themes,
        empty_label=_("All themes"),
        distinct=True,
    )
    partner_kind = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Kind of partner"),
        field_name="parties__organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
        distinct=True,
    )
    country = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Partner country"),
        field_name="parties__organisation__country",
        choices=party_countries,
        empty_label=_("All countries"),
        distinct=True,
    )

    class Meta:
        model = Agreement
        fields = ["status", "theme", "partner_kind", "country"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
