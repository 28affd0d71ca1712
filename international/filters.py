"""FilterSets shared by the HTML pages and the GeoJSON endpoint."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CooperationSite


class CooperationSiteFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of site"),
        choices=CooperationSite.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CooperationSite
        fields = ["kind"]
