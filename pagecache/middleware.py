"""A full-page cache for anonymous visitors, per language, invalidated by the content generation."""

import hashlib

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_request

from core.responses import encoded, gzipped

from .generation import current_generation, request_memo

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


def answer(request, response, compressed=None):
    """Send ``response`` as the client takes it (gzipped when kept so and accepted), or 304 when unchanged."""
    response = encoded(request, response, compressed)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


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
                return answer(request, response, getattr(response, "gzipped", None))
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
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return answer(request, response, compressed)
        response = self.get_response(request)
        if not is_public(request, response):
            return response
        add_validators(response, now, expires)
        compressed = getattr(response, "gzipped", None)
        if not is_storable(request, response):
            return answer(request, response, compressed)
        timeout = settings.PAGE_CACHE_TIMEOUT
        if expires is not None:
            timeout = min(timeout, int((expires - now).total_seconds()))
        if timeout > 0:
            headers = {name: value for name, value in response.items() if name.lower() not in SKIPPED_HEADERS}
            check = getattr(response, "page_cache_check", None)
            compressed = compressed or gzipped(response)
            cache.set(key, (response.status_code, headers, response.content, check, compressed), timeout)
            response["X-Page-Cache"] = "miss"
        return answer(request, response, compressed)
