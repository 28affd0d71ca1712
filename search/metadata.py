"""What a page tells search engines and social networks: canonical address, Open Graph, Twitter card, JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from core.renditions import rendition
from core.templatetags.site_tags import language_alternates, translated_value
from directory.models import Organisation, Theme
from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement
from press.feeds import release_datetime
from press.models import PressRelease

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
DESCRIPTION_CHARS = 200
# Open Graph and Twitter cards show images up to 1 200 px wide: a rendition of that width, not the original.
SHARED_IMAGE_WIDTH = 1200
SCHEMA_CONTEXT = "https://schema.org"
# As django.utils.html.json_script: "</script>" or "<!--" in the data cannot end or alter the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# For each model: the field giving the title, and the fields giving the description (first non-empty wins).
DESCRIBED = {
    PressRelease: ("title", ("lead", "body")),
    Agreement: ("title", ("summary", "body")),
    CooperationSite: ("name", ("summary",)),
    FundingInstrument: ("name", ("summary", "eligibility")),
    Organisation: ("name", ("about",)),
    Theme: ("name", ("description",)),
    Page: ("title", ("lead", "body")),
}


def json_ld(data):
    """Return ``data`` as a ``<script type="application/ld+json">`` element whose content cannot break out."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def plain_text(value, chars=DESCRIPTION_CHARS):
    """Return text without markup, on one line, cut at ``chars`` characters."""
    return Truncator(" ".join(strip_tags(value or "").split())).chars(chars)


def publisher():
    """Return the institute as a schema.org Organization."""
    details = settings.SITE_PUBLISHER
    return {
        "@type": "Organization",
        "name": details["name"],
        "legalName": details["legal_name"],
        "url": details["url"],
    }


class PageMeta:
    """The metadata of the page being rendered, about ``obj`` when the page shows one object."""

    def __init__(self, context, obj=None):
        self.request = context.get("request")
        self.obj = obj
        self.language = (get_language() or DEFAULT_LANGUAGE)[:2]
        self.alternates = language_alternates(context)
        self.site_name = str(context.get("SITE_NAME") or settings.SITE_NAME)

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if self.request and url else url

    @property
    def canonical(self):
        """Return this page's address: the object's own in this language, else the path (and page number)."""
        if self.request is None:
            return ""
        if self.obj is not None and self.alternates.get(self.language):
            return self.absolute(self.alternates[self.language])
        page = self.request.GET.get("page", "")
        suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
        return self.absolute(self.request.path + suffix)

    @property
    def x_default(self):
        return self.absolute(self.alternates.get(DEFAULT_LANGUAGE, ""))

    @property
    def fields(self):
        return DESCRIBED.get(type(self.obj))

    @property
    def title(self):
        if self.fields is None:
            return self.site_name
        return translated_value(self.obj, self.fields[0])[0]

    @property
    def content_language(self):
        """Return the language of the text shown: French where the object has no translation."""
        if self.fields is None:
            return self.language
        return translated_value(self.obj, self.fields[0])[1]

    @property
    def description(self):
        if self.fields is not None:
            for field in self.fields[1]:
                text = plain_text(translated_value(self.obj, field)[0])
                if text:
                    return text
        return _(
            "Press releases, partnership agreements and international cooperation of Inserm, "
            "the French national institute for health and medical research."
        )

    @cached_property
    def image(self):
        """Return ``(absolute URL, text alternative, width, height)`` of the page's image rendition, or None."""
        if isinstance(self.obj, PressRelease) and self.obj.image:
            field_file, alt = self.obj.image, translated_value(self.obj, "image_alt")[0]
        elif isinstance(self.obj, Organisation) and self.obj.logo:
            field_file, alt = self.obj.logo, self.obj.name
        else:
            return None
        found = rendition(field_file, SHARED_IMAGE_WIDTH)
        if found is None:
            return None
        return self.absolute(found.url), alt, found.width, found.height

    @property
    def og_type(self):
        return "article" if isinstance(self.obj, PressRelease) else "website"

    @property
    def published(self):
        return release_datetime(self.obj) if isinstance(self.obj, PressRelease) else None

    @property
    def locale(self):
        return OG_LOCALES.get(self.language, self.language)

    @property
    def alternate_locales(self):
        return [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != self.language]

    @property
    def feeds(self):
        """Return the feeds to announce: press releases (RSS, Atom), agreements, and a theme's own."""
        feeds = [
            ("application/rss+xml", _("Press releases (RSS)"), reverse("press:feed-rss")),
            ("application/atom+xml", _("Press releases (Atom)"), reverse("press:feed-atom")),
            ("application/rss+xml", _("Agreements (RSS)"), reverse("partnerships:feed-rss")),
        ]
        if isinstance(self.obj, Theme):
            name, slug = self.obj.name, self.obj.slug
            feeds += [
                (
                    "application/rss+xml",
                    _("Press releases: %(theme)s (RSS)") % {"theme": name},
                    reverse("press:theme-feed-rss", kwargs={"slug": slug}),
                ),
                (
                    "application/atom+xml",
                    _("Press releases: %(theme)s (Atom)") % {"theme": name},
                    reverse("press:theme-feed-atom", kwargs={"slug": slug}),
                ),
            ]
        return [{"type": kind, "title": title, "url": self.absolute(url)} for kind, title, url in feeds]

    def structured_data(self):
        """Return the schema.org object describing the page, or None."""
        if isinstance(self.obj, PressRelease):
            return self.news_article()
        if isinstance(self.obj, Organisation):
            return self.organisation()
        if self.request is not None and self.request.resolver_match and self.request.resolver_match.url_name == "home":
            return self.website()
        return None

    def news_article(self):
        release = self.obj
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(110),
            "description": self.description,
            "datePublished": self.published.isoformat(),
            "dateModified": release.updated_at.isoformat() if release.updated_at else None,
            "inLanguage": self.content_language,
            "url": self.canonical,
            "mainEntityOfPage": self.canonical,
            "publisher": publisher(),
            "author": [
                {
                    "@type": "Organization",
                    "name": issuer.organisation.name,
                    "url": self.absolute(issuer.organisation.get_absolute_url()),
                }
                for issuer in release.issuers.all()
            ]
            or publisher(),
        }
        if self.image:
            data["image"] = [self.image[0]]
        themes = [theme.name for theme in release.themes.all()]
        if themes:
            data["keywords"] = ", ".join(themes)
        if release.has_article:
            data["citation"] = self.scholarly_article()
            if release.is_research:
                data["about"] = data["citation"]
        return {key: value for key, value in data.items() if value is not None}

    def scholarly_article(self):
        """Return the journal article a release reports as a schema.org ScholarlyArticle."""
        release = self.obj
        article = {"@type": "ScholarlyArticle"}
        if release.article_title:
            article["name"] = release.article_title
        if release.journal:
            article["isPartOf"] = {"@type": "Periodical", "name": release.journal}
        if release.article_published_on:
            article["datePublished"] = release.article_published_on.isoformat()
        if release.journal_doi:
            article["url"] = release.doi_url
            article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": release.journal_doi}
        funders = [
            {"@type": "Organization", "name": funder.name, "url": self.absolute(funder.get_absolute_url())}
            for funder in release.funders.all()
        ]
        if funders:
            article["funder"] = funders
        return article

    def organisation(self):
        organisation = self.obj
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Organization",
            "name": organisation.name,
            "url": self.canonical,
            "description": self.description,
            "address": {"@type": "PostalAddress", "addressCountry": organisation.country.code},
        }
        if organisation.city:
            data["address"]["addressLocality"] = organisation.city
        if organisation.acronym and organisation.acronym.lower() != organisation.name.lower():
            data["alternateName"] = organisation.acronym
        if organisation.website:
            data["sameAs"] = [organisation.website]
        if self.image:
            data["logo"] = self.image[0]
        return data

    def website(self):
        with override(self.language):
            search_url = self.absolute(reverse("search:results"))
        return {
            "@context": SCHEMA_CONTEXT,
            "@type": "WebSite",
            "name": self.site_name,
            "url": self.canonical,
            "inLanguage": self.language,
            "publisher": publisher(),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
                "query-input": "required name=search_term_string",
            },
        }
