"""The sitemap: every public page in French and English, each with its hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import reverse

from core.content_types import registered


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


class ContentSitemap(BilingualSitemap):
    """The public items of a registered content type, in the order they were created."""

    content_type = None

    def items(self):
        return self.content_type.public().order_by("pk")


class LiveSitemap(ContentSitemap):
    """Content that records its last save (``updated_at``): last modified then."""

    def lastmod(self, obj):
        return obj.updated_at


def sitemaps():
    """Return the sections of the sitemap: the site's fixed pages, then each registered content type's."""
    sections = {"static": StaticViewSitemap}
    for content_type in registered("sitemap"):
        base = LiveSitemap if hasattr(content_type.model, "updated_at") else ContentSitemap
        sections[content_type.sitemap.section] = type(
            f"{content_type.model.__name__}Sitemap", (base,), {"content_type": content_type}
        )
    return sections


def sitemap_xml(request):
    """Serve sitemap.xml from the content types registered now."""
    return sitemap(request, sitemaps=sitemaps())
