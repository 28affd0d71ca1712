from functools import cached_property

from django.conf import settings
from django.db.models import Q

from core.derived import until_change
from pages.models import Page


class SiteNavigation:
    """The menu and footer pages, read in one query the first time a template asks for them after a content change."""

    footer_roles = (Page.Role.ACCESSIBILITY, Page.Role.LEGAL, Page.Role.PRIVACY)

    @cached_property
    def _pages(self):
        # The same on every page: read once per content change (and scheduled change), not per request.
        return until_change("site-navigation-pages", self.live_pages)

    @classmethod
    def live_pages(cls):
        menu_or_footer = Q(parent__isnull=True, show_in_menu=True) | Q(role__in=cls.footer_roles)
        return list(Page.objects.live().filter(menu_or_footer).order_by("position", "title_fr"))

    @cached_property
    def menu(self):
        """Return the top-level live pages shown in the menu, by position."""
        return [page for page in self._pages if page.parent_id is None and page.show_in_menu]

    @cached_property
    def footer(self):
        """Return the live accessibility statement, legal notice and personal data pages, in that order."""
        by_role = {page.role: page for page in self._pages if page.role}
        return [by_role[role] for role in self.footer_roles if role in by_role]


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "DEMO_MODE": settings.DEMO_MODE, "site_nav": SiteNavigation()}
