from django.apps import AppConfig
from django.contrib.admin import apps
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    default = True
    name = "workflow"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from .history import register_history

        register_history()


class AdminConfig(apps.AdminConfig):
    """``django.contrib.admin`` with the back office's own site (workflow/sites.py) as the default site."""

    default = False
    default_site = "workflow.sites.AdminSite"
