"""A full-page cache for anonymous visitors, per language, invalidated by the content generation."""

import gzip
import hashlib
import re

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_request

from .generation import cached_until_change, current_generation, request_memo

# A visitor holding one of these may see a page of their own (staff session, flash message).
PERSONAL_COOKIES = ("messages",)
UNCACHEABLE = {"private", "no-store", "no-cache"}
SKIPPED_HEADERS = {"set-cookie", "x-request-id"}
# Read by programs that poll (feed readers, crawlers, map and API clients): they get validators and a max-age.
MACHINE_READABLE = {
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
    "application/geo+json",
    "text/csv",
}
MAX_AGE = 300
# What a stored page is: (status, headers, body, hit check, gzipped body). Part of the key, so that a release
# storing another shape never reads the previous one's entries from a cache that outlived it (Redis).
ENTRY_FORMAT = 2
# Kept pages of these types are kept gzipped too, for the clients that accept it (every browser): compressed
# once when stored, not on each request. Below MIN_GZIP bytes compression gains nothing worth a second copy.
COMPRESSIBLE = MACHINE_READABLE | {"text/html", "text/plain", "text/css", "application/javascript", "image/svg+xml"}
MIN_GZIP = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def gzipped(response):
    """Return ``response``'s body gzipped, or None when its type or size is not worth it.

    Only pages every anonymous visitor shares are stored, and none sets a cookie (``is_public``): a stored body
    holds no secret of its reader, so compressing it gives nothing away (BREACH needs one).
    """
    if response.has_header("Content-Encoding") or len(response.content) < MIN_GZIP:
        return None
    if response.get("Content-Type", "").split(";")[0].strip() not in COMPRESSIBLE:
        return None
    body = gzip.compress(response.content, compresslevel=6, mtime=0)
    return body if len(body) < len(response.content) else None


def kept_response(name, render, **kwargs):
    """Return an ``HttpResponse(render(), **kwargs)`` whose body, ETag and gzipped form are kept until content changes.

    For a large answer built from the whole archive (the map's GeoJSON): a request neither builds, encodes,
    hashes nor compresses it again, with the page cache off too, and a client accepting gzip gets it compressed
    (``encoded``). ``name`` says what the answer is (``cached_until_change``).
    """

    def build():
        response = HttpResponse(render(), **kwargs)
        set_response_etag(response)
        return response.content, response["ETag"], gzipped(response)

    content, etag, compressed = cached_until_change(f"response:{name}", build)
    response = HttpResponse(content, **kwargs)
    response["ETag"] = etag
    response.gzipped = compressed
    return response


def encoded(request, response, body):
    """Return ``response`` as the client takes it: its gzipped ``body`` when there is one and the client accepts it.

    The compressed answer is another representation of the page: its ETag is the page's made weak, as Django's
    GZipMiddleware does, and every answer of a page kept both ways says it varies with Accept-Encoding.
    """
    if body is None:
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    if not ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        return response
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = "gzip"
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
    return response


def is_anonymous_read(request):
    """Tell whether ``request`` is a GET or HEAD by a visitor with no session: the only ones the cache sees."""
    if request.method not in {"GET", "HEAD"}:
        return False
    cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in cookies)


def page_key(request, generation):
    """Return the cache key of ``request``'s page at ``generation``: host, path, query, language, Accept.

    And the static files' manifest hash: a release does not serve the previous one's pages (naming its static
    files) from a cache that outlived the deployment (Redis).
    """
    parts = (
        request.get_host(),
        request.get_full_path(),
        get_language_from_request(request, check_path=True),
        request.headers.get("Accept", ""),
        getattr(staticfiles_storage, "manifest_hash", ""),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page{ENTRY_FORMAT}:{generation}:{digest}"


def is_public(request, response):
    """Tell whether ``response`` may be served to every anonymous visitor of the same address."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & UNCACHEABLE:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def is_storable(request, response):
    """Tell whether ``response`` is public and its view lets it into the page cache (``response.page_cache``)."""
    return getattr(response, "page_cache", True) is not False and is_public(request, response)


def hit_allowed(request, check):
    """Tell whether a stored page may answer ``request``: ``check`` is the dotted path its view gave, or None.

    A view whose answers are counted per client (the API's throttle) names a function that counts the hit
    and returns False over the limit: the view then answers (and refuses) as if nothing were cached.
    """
    return check is None or import_string(check)(request)


def add_validators(response, now, expires=None, lookup=False):
    """Give a public machine-readable 200 an ETag and a max-age no later than the next scheduled change.

    ``lookup``: read that change from the generation (when the page cache has not already read it).
    """
    if response.status_code != 200 or response.streaming:
        return
    if response.get("Content-Type", "").split(";")[0].strip() not in MACHINE_READABLE:
        return
    if not response.has_header("ETag"):
        set_response_etag(response)
    if lookup:
        _generation, expires = current_generation(now)
    max_age = MAX_AGE if expires is None else max(0, min(MAX_AGE, int((expires - now).total_seconds())))
    patch_cache_control(response, public=True, max_age=max_age)


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests from the cache; store the public 200 pages they get.

    The key holds the content generation (read from the database on each request, so a write in any
    process invalidates every process's pages) and each entry expires no later than the next scheduled
    publish or unpublish time. Requests with a session (staff, preview) neither read nor fill it, and
    pages marked private or no-store (journalist links) are never stored. A view may name, in
    ``response.page_cache_check``, a function each hit must pass first (the API counts hits against its throttle).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_memo.set({})
        try:
            return self.cached_response(request)
        finally:
            request_memo.reset(token)

    def cached_response(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        if not settings.PAGE_CACHE:
            response = self.get_response(request)
            if is_public(request, response):
                add_validators(response, timezone.now(), lookup=True)
                response = encoded(request, response, getattr(response, "gzipped", None))
                return get_conditional_response(request, etag=response.get("ETag"), response=response)
            return response
        now = timezone.now()
        try:
            generation, expires = current_generation(now)
        except DatabaseError:
            # No database, no generation to key pages on: the view answers (a 503 while the database is down).
            return self.get_response(request)
        try:
            key = page_key(request, generation)
        except DisallowedHost:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None and hit_allowed(request, cached[3]):
            status, headers, content, _check, compressed = cached
            response = encoded(request, HttpResponse(content, status=status, headers=headers), compressed)
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        response = self.get_response(request)
        if not is_public(request, response):
            return response
        add_validators(response, now, expires)
        if not is_storable(request, response):
            response = encoded(request, response, getattr(response, "gzipped", None))
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        timeout = settings.PAGE_CACHE_TIMEOUT
        if expires is not None:
            timeout = min(timeout, int((expires - now).total_seconds()))
        if timeout > 0:
            headers = {name: value for name, value in response.items() if name.lower() not in SKIPPED_HEADERS}
            check = getattr(response, "page_cache_check", None)
            compressed = getattr(response, "gzipped", None) or gzipped(response)
            cache.set(key, (response.status_code, headers, response.content, check, compressed), timeout)
            response = encoded(request, response, compressed)
            response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
