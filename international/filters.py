"""FilterSets of the HTML pages, the GeoJSON endpoint and the open-data API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.api import YearFilter

from .models import CooperationSite, KeyFigure, Place


class CooperationSiteFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of site"),
        choices=CooperationSite.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CooperationSite
        fields = ["kind"]


class CooperationSiteApiFilter(CooperationSiteFilter):
    """The site list's filter (``?kind=``, repeatable), with the list's check boxes left to the HTML form."""

    kind = django_filters.MultipleChoiceFilter(label=_("Kind of site"), choices=CooperationSite.Kind.choices)


class PlaceFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)

    class Meta:
        model = Place
        fields = ["country"]


class KeyFigureFilter(django_filters.FilterSet):
    year = YearFilter(label=_("Year"))
    indicator = django_filters.CharFilter(label=_("Indicator code"), field_name="indicator__slug", max_length=50)

    class Meta:
        model = KeyFigure
        fields = ["year", "indicator"]
