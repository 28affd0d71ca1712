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

from core.content_types import Feed, ObjectFeed, for_model, registered
from core.renditions import rendition, social_card
from core.schemaorg import SCHEMA_CONTEXT, publisher
from core.templatetags.site_tags import language_alternates, translated_value

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
DESCRIPTION_CHARS = 200
# Open Graph and Twitter cards show images up to 1 200 px wide: a rendition of that width, not the original
# (an image with a focal point is cut to the 1 200 × 630 card around it: core.renditions.social_card).
SHARED_IMAGE_WIDTH = 1200
# As django.utils.html.json_script: "</script>" or "<!--" in the data cannot end or alter the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """Return ``data`` as a ``<script type="application/ld+json">`` element whose content cannot break out."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def plain_text(value, chars=DESCRIPTION_CHARS):
    """Return text without markup, on one line, cut at ``chars`` characters."""
    return Truncator(" ".join(strip_tags(value or "").split())).chars(chars)


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

    @cached_property
    def described(self):
        """Return what the object's content type tells about its pages (its ``Metadata``), or None."""
        content_type = for_model(self.obj) if self.obj is not None else None
        return content_type.metadata if content_type is not None else None

    @property
    def title(self):
        if self.described is None:
            return self.site_name
        return translated_value(self.obj, self.described.title)[0]

    @property
    def content_language(self):
        """Return the language of the text shown: French where the object has no translation."""
        if self.described is None:
            return self.language
        return translated_value(self.obj, self.described.title)[1]

    @property
    def description(self):
        if self.described is not None:
            for field in self.described.description:
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
        image = self.described.image(self.obj) if self.described and self.described.image else None
        if image is None:
            return None
        field_file, alt, *focal = image
        if focal and focal[0] is not None:
            found = social_card(field_file, focal[0])
        else:
            found = rendition(field_file, SHARED_IMAGE_WIDTH)
        if found is None:
            return None
        return self.absolute(found.url), alt, found.width, found.height

    @property
    def og_type(self):
        return self.described.og_type if self.described else "website"

    @property
    def published(self):
        return self.described.published(self.obj) if self.described and self.described.published else None

    @property
    def locale(self):
        return OG_LOCALES.get(self.language, self.language)

    @property
    def alternate_locales(self):
        return [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != self.language]

    @property
    def feeds(self):
        """Return the feeds to announce: each content type's (press releases, agreements), and the object's own."""
        declared = [feed for content_type in registered("feeds") for feed in content_type.feeds]
        feeds = [
            (feed.mime_type, str(feed.title), reverse(feed.url_name)) for feed in declared if isinstance(feed, Feed)
        ]
        feeds += [
            (feed.mime_type, feed.title(self.obj), feed.url(self.obj))
            for feed in declared
            if isinstance(feed, ObjectFeed) and isinstance(self.obj, feed.about)
        ]
        return [{"type": kind, "title": title, "url": self.absolute(url)} for kind, title, url in feeds]

    def structured_data(self):
        """Return the schema.org object describing the page, or None."""
        if self.described is not None and self.described.structured_data is not None:
            return self.described.structured_data(self)
        if self.request is not None and self.request.resolver_match and self.request.resolver_match.url_name == "home":
            return self.website()
        return None

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
