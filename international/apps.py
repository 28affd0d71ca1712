from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalConfig(AppConfig):
    name = "international"
    verbose_name = _("International cooperation")

    def ready(self):
        from . import related  # directory pages list this app's content through directory.related

        related.register()
