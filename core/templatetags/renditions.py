"""Template tags for images: an ``<img>`` of resized renditions with ``srcset``, width and height.

::

    {% load renditions %}
    {% translated_pair release "image_alt" as alt %}
    {% responsive_image release.image alt=alt.0 lang=alt.1 sizes="(min-width: 50rem) 48rem, 100vw" %}

An empty field, or a file missing from storage or unreadable, renders nothing (the cause is logged). With
``as name`` the tag stores its HTML instead, so a template can leave out a figure that would stay empty.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from core.renditions import default_widths, renditions
from core.templatetags.site_tags import translated_value

register = template.Library()

LOADING = {"lazy", "eager"}
EXTRA_ATTRIBUTES = ("class", "lang")


def _widths(value):
    if value in (None, ""):
        return default_widths()
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return tuple(int(width) for width in value)


@register.simple_tag
def translated_pair(obj, field):
    """Return ``(text, language)`` of a translated field: the active language's, else the French one."""
    return translated_value(obj, field)


@register.simple_tag
def responsive_image(image, alt="", widths=None, sizes="100vw", src_width=960, loading="lazy", **attributes):
    """Render ``<img>`` for an image field with renditions at ``widths`` (px, space-separated).

    ``src`` is the widest rendition not wider than ``src_width`` (else the narrowest): what browsers
    without ``srcset`` support, and WeasyPrint, load. ``width`` and ``height`` are that rendition's size,
    so the page does not jump when it arrives. Extra attributes: ``class``, and ``lang`` (the language of
    ``alt``, written only when it differs from the page's).
    """
    unknown = set(attributes) - set(EXTRA_ATTRIBUTES)
    if unknown:
        raise TypeError(f"responsive_image does not take {', '.join(sorted(unknown))}")
    if loading not in LOADING:
        raise ValueError(f"responsive_image: loading must be one of {', '.join(sorted(LOADING))}")
    found = renditions(image, _widths(widths))
    if not found:
        return ""
    fitting = [rendition for rendition in found if rendition.width <= int(src_width)]
    src = fitting[-1] if fitting else found[0]
    active_language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if attributes.get("lang") in (None, "", active_language):
        attributes.pop("lang", None)
    if not attributes.get("class"):
        attributes.pop("class", None)
    extra = format_html_join(
        "", ' {}="{}"', ((name, attributes[name]) for name in EXTRA_ATTRIBUTES if name in attributes)
    )
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in found)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        src.url,
        srcset,
        sizes,
        src.width,
        src.height,
        alt or "",
        loading,
        extra,
    )
