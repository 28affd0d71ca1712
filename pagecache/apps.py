from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import derived


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import signals  # noqa: F401  (invalidation on every content write)
        from .generation import cached_until_change, current_generation

        # Lower layers (the API's counts, the live organisations, the rendered fragments) keep their derived
        # values until content changes.
        derived.install(cached_until_change, current_generation)
