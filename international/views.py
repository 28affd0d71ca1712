from django.http import JsonResponse
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from inserm_cms.viewmixins import LiveQuerysetMixin, TranslatedSlugMixin

from .models import CooperationSite, FundingInstrument, KeyFigure


def overview(request):
    sites = CooperationSite.objects.live().for_listing()
    return render(request, "international/overview.html", {"sites": sites})


class SiteDetailView(TranslatedSlugMixin, DetailView):
    model = CooperationSite
    template_name = "international/site_detail.html"


class InstrumentListView(LiveQuerysetMixin, ListView):
    model = FundingInstrument
    template_name = "international/instrument_list.html"


class InstrumentDetailView(TranslatedSlugMixin, DetailView):
    model = FundingInstrument
    template_name = "international/instrument_detail.html"


def key_figures(request):
    figures = KeyFigure.objects.select_related("indicator").order_by("indicator__position", "year")
    return render(request, "international/key_figures.html", {"figures": figures})


def map_geojson(request):
    features = []
    for site in CooperationSite.objects.live().for_listing():
        for place in site.places.all():
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                    "properties": {"site": site.name, "kind": site.kind, "place": place.name, "url": site.get_absolute_url()},
                }
            )
    return JsonResponse({"type": "FeatureCollection", "features": features})
