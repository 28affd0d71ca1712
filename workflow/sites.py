"""The back office's admin site: the editorial dashboard on its index and the rich-text editor's translations.

It is the default site (``workflow.apps.AdminConfig`` replaces ``django.contrib.admin`` in INSTALLED_APPS),
so ``admin.site`` and ``@admin.register`` everywhere use it.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

# The admin's JavaScript catalogue only holds the admin's own strings: add the rich-text editor's (link and
# image dialogs, list and table properties), which its scripts read through ``window.gettext``.
admin_javascript_catalog = JavaScriptCatalog.as_view(packages=["django.contrib.admin", "django_prose_editor"])


class AdminSite(admin.AdminSite):
    site_header = _("Inserm communication — back office")
    site_title = _("Inserm back office")
    index_title = _("Content management")

    def index(self, request, extra_context=None):
        """Show the editorial dashboard above the applications."""
        from workflow.dashboard import editorial_dashboard

        return super().index(
            request, extra_context={"dashboard": editorial_dashboard(request), **(extra_context or {})}
        )

    def each_context(self, request):
        """Remember the language the staff member works in (for their mails) on every admin page."""
        from workflow.preferences import remember_language

        remember_language(request)
        return super().each_context(request)

    def get_urls(self):
        """Add the translation exchange's screens (workflow/admin_exchange.py) to the admin's."""
        from workflow.admin_exchange import exchange_urls

        return [*exchange_urls(self), *super().get_urls()]

    def i18n_javascript(self, request, extra_context=None):
        """Serve the admin's JavaScript catalogue with the rich-text editor's strings."""
        return admin_javascript_catalog(request)
