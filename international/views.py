"""Public pages of the international cooperation section and the map's GeoJSON."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Prefetch
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView

from core.i18n import page_urls
from core.numbers import format_euros
from core.responses import kept_response
from core.templatetags.site_tags import fallback_message
from core.viewmixins import TranslatedSlugMixin
from pagecache.generation import cached_until_change
from pages.public import editorial_pages
from partnerships.public import agreements_related_to
from press.public import releases_related_to

from .figures import bar_charts, figure_table
from .filters import CooperationSiteFilter
from .map import feature_collection, group_by_continent, paginate_groups, with_places
from .models import CooperationSite, FundingInstrument, KeyFigure


def live_sites():
    """Return the live sites with their places, in kind then French name order."""
    return with_places(CooperationSite.objects.live()).order_by("kind", "name_fr")


def live_instruments():
    """Return the live funding instruments with what the comparison shows, by stage."""
    return FundingInstrument.objects.live().prefetch_related("amounts", "funded_projects").order_by("stage", "name_fr")


def partners_text(instrument):
    """Return the number of partners an instrument asks for, in words."""
    low, high = instrument.partners_min, instrument.partners_max
    if low and high and low == high:
        return ngettext("%(count)s partner", "%(count)s partners", low) % {"count": low}
    if low and high:
        return _("%(min)s to %(max)s partners") % {"min": low, "max": high}
    if low:
        return ngettext("At least %(count)s partner", "At least %(count)s partners", low) % {"count": low}
    if high:
        return ngettext("Up to %(count)s partner", "Up to %(count)s partners", high) % {"count": high}
    return ""


def duration_text(instrument):
    """Return an instrument's duration in words."""
    months = instrument.duration_months
    if not months:
        return ""
    return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}


def describe(instruments):
    """Attach the texts the instrument pages show to each instrument (amounts formatted per language)."""
    for instrument in instruments:
        instrument.partners_text = partners_text(instrument)
        instrument.duration_text = duration_text(instrument)
        for amount in instrument.amounts.all():
            amount.text = format_euros(amount.amount_eur)
    return instruments


def priority_pages():
    """Return the strategy pages the overview lists: live top-level editorial pages, each with its live children.

    The top-level page ("Europe and international") carries the strategy; its children are the priorities.
    """
    return editorial_pages()


def map_config():
    """Return what static/js/map.js needs, passed through json_script (no inline script)."""
    return {
        "geojsonUrl": reverse("international:map-geojson"),
        "tilesUrl": settings.MAP_TILES_URL,
        "tilesAttribution": settings.MAP_TILES_ATTRIBUTION,
        "labels": {
            "openSite": _("Open the page of this site"),
            "loadError": _("The map data could not be loaded. The list of sites gives the same information."),
            "noSites": _("No site matches the selected kinds."),
            "siteCount": _("Sites shown on the map: %(count)s"),
        },
    }


def live_kind_counts():
    """Return ``{kind: number of live sites}``, counted once per content change."""
    return cached_until_change(
        "site-kind-counts",
        lambda: dict(CooperationSite.objects.live().order_by("kind").values_list("kind").annotate(n=Count("pk"))),
    )


def kind_choices(selected, counts):
    """Return the kinds of site for the filter form with their counts, checked when selected (all when none is)."""
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "checked": not selected or value in selected}
        for value, label in CooperationSite.Kind.choices
    ]


def filter_data(request):
    """Return the query string for the site filter, with empty values (``?kind=``) meaning no filter."""
    data = request.GET.copy()
    data.setlist("kind", [kind for kind in data.getlist("kind") if kind])
    return data


def selected_kinds(filterset):
    """Return the kinds a valid filter asks for, or none."""
    if filterset.is_valid():
        return filterset.form.cleaned_data.get("kind") or []
    return []


def overview(request):
    """Show the latest key figures, the map, the priorities and the funding instruments."""
    latest_year = KeyFigure.objects.aggregate(latest=Max("year"))["latest"]
    figures = (
        KeyFigure.objects.filter(year=latest_year)
        .select_related("indicator")
        .order_by("indicator__position", "indicator_id")
        if latest_year
        else KeyFigure.objects.none()
    )
    _years, rows = figure_table(list(figures))
    kind_counts = live_kind_counts()
    context = {
        "figures_year": latest_year,
        "figure_cells": [row.cells[0] for row in rows],
        "site_count": sum(kind_counts.values()),
        "priorities": priority_pages(),
        "instruments": FundingInstrument.objects.live().order_by("stage", "name_fr"),
        "map_config": map_config(),
        "kinds": kind_choices([], kind_counts),
    }
    return render(request, "international/overview.html", context)


def site_map(request):
    """Show the interactive map, its kind filter and the way to its text alternative."""
    filterset = CooperationSiteFilter(filter_data(request), queryset=CooperationSite.objects.none())
    kinds = selected_kinds(filterset)
    context = {"map_config": map_config(), "kinds": kind_choices(kinds, live_kind_counts())}
    return render(request, "international/map.html", context)


SITES_PER_PAGE = 200  # entries: a site once per country it is listed under


def site_list(request):
    """List the live sites by continent then country, ``SITES_PER_PAGE`` entries a page: the map's text alternative."""
    filterset = CooperationSiteFilter(filter_data(request), queryset=live_sites())
    kinds = sorted(selected_kinds(filterset))

    def render_pages():
        sites = filterset.qs if filterset.is_valid() else filterset.queryset
        continents, unlocated = group_by_continent(list(sites))
        pages, first_page = paginate_groups(continents, unlocated, SITES_PER_PAGE)
        filtered = [("kind", kind) for kind in kinds]
        contents = [
            {"code": group.code, "label": group.label, "count": group.site_count, "page": first_page[group.code]}
            for group in continents
        ]

        def href(item, number):
            query = "" if item["page"] == number else "?" + urlencode([*filtered, ("page", item["page"])])
            return f"{query}#continent-{item['code']}"

        return [
            render_to_string(
                "international/includes/site_groups.html",
                {
                    "contents": [{**item, "href": href(item, number)} for item in contents],
                    "continents": page.continents,
                    "unlocated": page.unlocated,
                },
                request,
            )
            for number, page in enumerate(pages, start=1)
        ]

    # Rendered once per content change: the list holds every live site, whatever the scale, cut into pages so that
    # a page's size stays the same as sites are added (2 000 sites: 555 kB in one page).
    key = f"site-list-pages-{request.LANGUAGE_CODE}-{','.join(kinds)}-{SITES_PER_PAGE}"
    page = Paginator(cached_until_change(key, render_pages), 1).get_page(request.GET.get("page"))
    context = {
        "groups": mark_safe(page.object_list[0]),  # noqa: S308  (our own rendered template)
        "page_obj": page,
        "filterset": filterset,
        "kinds": kind_choices(kinds, live_kind_counts()),
        "filtered": bool(kinds),
    }
    return render(request, "international/site_list.html", context, status=200 if filterset.is_valid() else 400)


def map_geojson(request):
    """Return the live sites as GeoJSON in the active language, filtered by ``?kind=``."""
    filterset = CooperationSiteFilter(filter_data(request), queryset=live_sites())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    kinds = ",".join(sorted(selected_kinds(filterset)))
    # Built, encoded, hashed and compressed once per content change: it holds every live site and place, whatever
    # the scale (853 kB at 2 400 places, 54 kB gzipped), written without the spaces after separators.
    response = kept_response(
        f"map-geojson-{request.LANGUAGE_CODE}-{kinds}",
        lambda: json.dumps(feature_collection(filterset.qs), cls=DjangoJSONEncoder, separators=(",", ":")),
        content_type="application/geo+json",
    )
    response["Content-Language"] = request.LANGUAGE_CODE
    return response


class SiteDetailView(TranslatedSlugMixin, DetailView):
    model = CooperationSite
    template_name = "international/site_detail.html"
    context_object_name = "site"

    def get_queryset(self):
        return CooperationSite.objects.live().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = self.object
        context["places"] = [site_place.place for site_place in site.ordered_site_places]
        context["map_config"] = {**map_config(), "geojsonUrl": None, "features": feature_collection([site])}
        context["alternates"] = page_urls(site)
        context["fallback"] = fallback_message(site, "name", "summary")
        context.update(related_to_site(site, context["places"]))
        return context


RELATED_TO_SITE = 5
NEIGHBOURS = 6


def related_to_site(site, places):
    """Return the live releases and agreements of the site's partners or themes, and live sites in its countries.

    The institute itself (``PRESS_OFFICE_ACRONYM``) is left out of the partners: it is party to nearly everything.
    """
    partners = [partner.pk for partner in site.partners.all() if partner.acronym != settings.PRESS_OFFICE_ACRONYM]
    themes = [theme.pk for theme in site.themes.all()]
    releases = agreements = []
    if partners or themes:
        releases = list(releases_related_to(organisations=partners, themes=themes)[:RELATED_TO_SITE])
        agreements = list(agreements_related_to(organisations=partners, themes=themes)[:RELATED_TO_SITE])
    countries = {place.country.code for place in places}
    neighbours = list(
        CooperationSite.objects.live()
        .filter(places__country__in=countries)
        .exclude(pk=site.pk)
        .distinct()
        .order_by("name_fr", "pk")[:NEIGHBOURS]
    )
    return {"related_releases": releases, "related_agreements": agreements, "neighbours": neighbours}


class InstrumentListView(ListView):
    model = FundingInstrument
    template_name = "international/instrument_list.html"
    context_object_name = "instruments"

    def get_queryset(self):
        return live_instruments()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["instruments"] = describe(list(context["instruments"]))
        return context


class InstrumentDetailView(TranslatedSlugMixin, DetailView):
    model = FundingInstrument
    template_name = "international/instrument_detail.html"
    context_object_name = "instrument"

    def get_queryset(self):
        return live_instruments().prefetch_related(
            Prefetch("sites", queryset=CooperationSite.objects.live().order_by("name_fr"), to_attr="live_sites")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        describe([self.object])
        context["alternates"] = page_urls(self.object)
        context["fallback"] = fallback_message(self.object, "name", "summary", "eligibility")
        return context


def key_figures(request):
    """Show every key figure as a table (indicators by year) and as bar charts drawn on the server."""
    figures = list(
        KeyFigure.objects.select_related("indicator").order_by("indicator__position", "indicator_id", "year")
    )
    years, rows = figure_table(figures)
    context = {
        "years": years,
        "rows": rows,
        "charts": bar_charts(years, rows, no_data_text=_("no figure")),
        "sources": sorted({figure.source for figure in figures if figure.source}),
    }
    return render(request, "international/key_figures.html", context)
