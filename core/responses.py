"""Answers sent gzipped to the clients that accept it, compressed once and kept, never on each request.

The page cache (``pagecache.middleware``) keeps a page's gzipped body beside it; a view whose answer is built
from the whole archive and kept until content changes (the map's GeoJSON) keeps its body, ETag and gzipped form
with ``kept_response``, so that it goes out compressed with the page cache off too.
"""

import gzip
import re

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag

from .derived import until_change

# Kept pages of these types are kept gzipped too, for the clients that accept it (every browser): compressed
# once when stored, not on each request. Below MIN_GZIP bytes compression gains nothing worth a second copy.
COMPRESSIBLE = {
    "text/html",
    "text/plain",
    "text/css",
    "text/csv",
    "text/xml",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
}
MIN_GZIP = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def gzipped(response):
    """Return ``response``'s body gzipped, or None when its type or size is not worth it.

    The page cache keeps only pages every anonymous visitor shares, none setting a cookie (``pagecache``'s
    ``is_public``): a kept body holds no secret of its reader, so compressing it gives nothing away (BREACH
    needs one).
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
    (``encoded``). ``name`` says what the answer is (``core.derived.until_change``).
    """

    def build():
        response = HttpResponse(render(), **kwargs)
        set_response_etag(response)
        return response.content, response["ETag"], gzipped(response)

    content, etag, compressed = until_change(f"response:{name}", build)
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
