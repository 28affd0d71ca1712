from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "directory"
urlpatterns = [
    path(_("organisations/<slug:slug>/"), views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path(_("experts/"), views.ExpertListView.as_view(), name="expert-list"),
    path(_("experts/<slug:slug>/"), views.ExpertDetailView.as_view(), name="expert-detail"),
    path(_("themes/"), views.ThemeListView.as_view(), name="theme-list"),
    path(_("themes/<slug:slug>/"), views.ThemeDetailView.as_view(), name="theme-detail"),
]
