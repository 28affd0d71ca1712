"""The sitemap: every public page in French and English, each with its hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Expert, Organisation, Theme
from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement
from press.models import PressRelease


class BilingualSitemap(Sitemap):
    """List each item once per language, with ``xhtml:link`` alternates and an x-default (French)."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        """Point x-default to the French page: Django drops the language prefix, which every path here needs."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


class StaticViewSitemap(BilingualSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "press:release-list",
            "press:newsroom",
            "directory:expert-list",
            "partnerships:agreement-list",
            "international:overview",
            "international:map",
            "international:site-list",
            "international:instrument-list",
            "international:key-figures",
            "directory:theme-list",
        ]

    def location(self, item):
        return reverse(item)


class LiveSitemap(BilingualSitemap):
    """The live objects of ``model``, last modified when they were last saved."""

    model = None

    def items(self):
        return self.model.objects.live().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PressReleaseSitemap(LiveSitemap):
    model = PressRelease


class AgreementSitemap(LiveSitemap):
    model = Agreement


class CooperationSiteSitemap(LiveSitemap):
    model = CooperationSite


class FundingInstrumentSitemap(LiveSitemap):
    model = FundingInstrument


class PageSitemap(LiveSitemap):
    model = Page


class ReferenceSitemap(BilingualSitemap):
    """Organisations and themes: reference data, all public."""

    model = None

    def items(self):
        return self.model.objects.order_by("pk")


class OrganisationSitemap(ReferenceSitemap):
    model = Organisation


class ThemeSitemap(ReferenceSitemap):
    model = Theme


class ExpertSitemap(LiveSitemap):
    model = Expert


SITEMAPS = {
    "static": StaticViewSitemap,
    "press": PressReleaseSitemap,
    "agreements": AgreementSitemap,
    "sites": CooperationSiteSitemap,
    "instruments": FundingInstrumentSitemap,
    "pages": PageSitemap,
    "organisations": OrganisationSitemap,
    "themes": ThemeSitemap,
    "experts": ExpertSitemap,
}
