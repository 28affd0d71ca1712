"""PDF versions of press releases: WeasyPrint lays out the page's own template, cached until the release changes."""

import hashlib
import mimetypes
import posixpath
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATE = "press/release_pdf.html"
# A key names one version of one release: a stale PDF is never served, so it only needs to expire to free space.
CACHE_TIMEOUT = 30 * 24 * 60 * 60


class LocalFilesFetcher(URLFetcher):
    """Read the site's own static and media files from storage; refuse every other URL (no network).

    ``site_url`` is the address the HTML's relative URLs resolve against ("https://host/"); a URL is
    served only when it falls under that site's STATIC_URL or MEDIA_URL.
    """

    def __init__(self, *, site_url, **kwargs):
        super().__init__(fail_on_errors=False, **kwargs)
        self.static_prefix = urljoin(site_url, settings.STATIC_URL)
        self.media_prefix = urljoin(site_url, settings.MEDIA_URL)

    def fetch(self, url, headers=None):
        """Return the file behind ``url``; raise ``ValueError`` for any URL outside our own files."""
        address = url.split("#")[0].split("?")[0]
        if address.startswith(self.static_prefix):
            body = read_static(local_name(address, self.static_prefix))
        elif address.startswith(self.media_prefix):
            body = read_media(local_name(address, self.media_prefix))
        else:
            raise ValueError(f"Refused to fetch {url}: only the site's own static and media files are read.")
        content_type = mimetypes.guess_type(address)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})


def local_name(address, prefix):
    """Return the storage name of ``address`` below ``prefix``; refuse names that climb out of it."""
    name = posixpath.normpath(unquote(address[len(prefix) :]))
    if not name or name.startswith(("/", "..")) or name == ".":
        raise ValueError(f"Refused to fetch {address}: not a file name.")
    return name


def read_static(name):
    """Return the bytes of a static file: collected (hashed names included) or found in the apps."""
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as file:
            return file.read()
    path = finders.find(name)
    if not path:
        raise ValueError(f"No static file named {name}.")
    with open(path, "rb") as file:
        return file.read()


def read_media(name):
    """Return the bytes of an uploaded file."""
    with default_storage.open(name) as file:
        return file.read()


def render_pdf(*, html, site_url):
    """Lay out ``html`` as a tagged PDF; its relative URLs resolve against ``site_url``."""
    document = HTML(string=html, base_url=site_url, url_fetcher=LocalFilesFetcher(site_url=site_url))
    return document.write_pdf(pdf_tags=True)


def release_pdf(*, release, request, context):
    """Return the PDF of ``release`` in the active language, from the cache when this version was already made.

    ``context`` is the release page's context. The key holds the release's version and a digest of the
    HTML, so a save of the release or a change in anything the PDF shows (issuers, contacts, quotes,
    about blocks, stylesheet name) gives a new PDF.
    """
    site_url = request.build_absolute_uri("/")
    page_url = request.build_absolute_uri(release.get_absolute_url())
    html = render_to_string(TEMPLATE, {**context, "pdf": True, "page_url": page_url}, request=request)
    digest = hashlib.sha256(f"{site_url}\n{html}".encode()).hexdigest()
    key = f"press-pdf:{release.pk}:{get_language()}:{release.version}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html=html, site_url=site_url)
        cache.set(key, pdf, CACHE_TIMEOUT)
    return pdf


def pdf_filename(release):
    """Return the download name: the slug in the active language, marked with the language when it falls back."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    own_slug = getattr(release, f"slug_{language}", "")
    return f"{own_slug}.pdf" if own_slug else f"{release.slug_fr}-{language}.pdf"
