from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsermCmsConfig(AppConfig):
    name = "inserm_cms"
    verbose_name = _("Site")

    def ready(self):
        from inserm_cms import checks  # noqa: F401  (registers the system checks)
