from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "newsroom"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path(_("requested/"), views.requested, name="requested"),
    path(_("confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("manage/<str:token>/"), views.manage, name="manage"),
    path(_("manage/<str:token>/export/"), views.export, name="export"),
    path(_("manage/<str:token>/delete/"), views.delete, name="delete"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
