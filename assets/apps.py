from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    """The media library: images and documents with their credits and licences, reused by every content."""

    name = "assets"
    verbose_name = _("Media library")
