from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "international"
urlpatterns = [
    path("", views.overview, name="overview"),
    path(_("map/"), views.site_map, name="map"),
    path(_("sites/"), views.site_list, name="site-list"),
    path(_("sites/<slug:slug>/"), views.SiteDetailView.as_view(), name="site-detail"),
    path(_("funding/"), views.InstrumentListView.as_view(), name="instrument-list"),
    path(_("funding/<slug:slug>/"), views.InstrumentDetailView.as_view(), name="instrument-detail"),
    path(_("key-figures/"), views.key_figures, name="key-figures"),
    path("map.geojson", views.map_geojson, name="map-geojson"),
]
