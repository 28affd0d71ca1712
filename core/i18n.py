"""Addresses in each language of the site."""

from django.conf import settings
from django.utils.translation import override


def in_each_language(url):
    """Return ``{language code: url()}``, calling ``url`` with each language of the site active in turn."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            urls[code] = url()
    return urls


def page_urls(obj, request=None):
    """Return the address of ``obj``'s page in each language; absolute when ``request`` is given."""
    urls = in_each_language(obj.get_absolute_url)
    if request is not None:
        urls = {code: request.build_absolute_uri(path) for code, path in urls.items()}
    return urls
