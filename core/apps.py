from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared building blocks (rich text, dates, numbers, validators, view and API bases, template tags).

    The core imports no feature app and no workflow: every other app may import it.
    """

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import checks

        from .content_types import autodiscover, check_registrations

        autodiscover()  # each app's content_types.py: what its models take part in
        checks.register(check_registrations)
