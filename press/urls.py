from django.urls import path

from . import views

app_name = "press"
urlpatterns = [
    path("", views.ReleaseListView.as_view(), name="release-list"),
    path("<slug:slug>/", views.ReleaseDetailView.as_view(), name="release-detail"),
]
