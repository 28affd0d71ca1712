from django.urls import path

from . import views

app_name = "throwaway"
urlpatterns = [
    path("<slug:slug>/", views.NoticeDetailView.as_view(), name="notice-detail"),
]
