"""Filters of the agreement list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.models import Organisation, Theme

from .models import Agreement

STATUS_CHOICES = [
    ("in_force", _("In force")),
    (Agreement.Status.ENDING_SOON, _("Ending within six months")),
    (Agreement.Status.ENDED, _("Ended")),
    (Agreement.Status.UPCOMING, _("Upcoming")),
]


def agreement_themes(request=None):
    return Theme.objects.filter(agreements__in=Agreement.objects.live()).distinct()


def party_countries(request=None):
    """Return the countries of the parties to live agreements, by name in the active language."""
    codes = (
        Organisation.objects.filter(agreement_parties__agreement__in=Agreement.objects.live())
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1]))


class AgreementFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=_("All statuses")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=agreement_themes, empty_label=_("All themes"), distinct=True
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Kind of partner"),
        field_name="parties__organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
        distinct=True,
    )
    country = django_filters.ChoiceFilter(
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
