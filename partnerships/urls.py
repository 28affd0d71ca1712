from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement-list"),
    path("<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
]
