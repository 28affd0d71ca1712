"""Rendered fragments kept until content changes: the cards every list repeats, the lists' filter forms.

A list page renders the same cards as the next visitor's, and the home page, the filtered lists and the
newsroom show the same release's card again: rendering twenty cards took half of a list's time
(bench/profiles/). Each fragment is kept in the cache under its inputs (the object, the language, the
template's variables), the content generation (``pagecache.generation``: any content write, or a scheduled
publish or unpublish time, moves it on) and the day (an agreement's card says whether it is in force today).

Unlike the page cache this serves staff too: a fragment holds nothing that depends on who reads it.
"""

import hashlib

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .derived import generation, tracks_changes

TIMEOUT = 3600


def fragment_key(*parts):
    """Return the cache key of a fragment whose output depends only on ``parts`` and the current content.

    Needs the content generation (``core.derived``, installed by ``pagecache``): see ``enabled()``.
    """
    number, expires = generation()
    return key_in(number, parts), expires


def key_part(inputs):
    """Return ``inputs`` as it may stand in a cache key, hashed when too long or holding spaces or control characters.

    Keys stay valid for every cache backend (memcached: 250 characters, no spaces or control characters).
    """
    if len(inputs) > 120 or any(ord(char) < 33 or ord(char) == 127 for char in inputs):
        return hashlib.sha256(inputs.encode()).hexdigest()
    return inputs


def key_in(number, parts):
    """Return the key of the fragment ``parts`` in content generation ``number``.

    The static files' manifest hash is part of it: a fragment naming ``site.4f2a….css`` is not served by the next
    release, whose image holds other files, from a cache (Redis) that outlives the deployment.
    """
    language = get_language() or settings.LANGUAGE_CODE
    inputs = key_part(":".join(str(part) for part in parts))
    build = getattr(staticfiles_storage, "manifest_hash", "")
    return f"fragment:{number}:{build}:{timezone.localdate().isoformat()}:{language}:{inputs}"


def timeout_until(expires):
    """Return the seconds a fragment may be kept: until the next scheduled change, at most ``TIMEOUT``."""
    if expires is None:
        return TIMEOUT
    return min(TIMEOUT, int((expires - timezone.now()).total_seconds()))


def enabled():
    """Tell whether fragments are kept: ``FRAGMENT_CACHE`` is on and the content generation is known."""
    return settings.FRAGMENT_CACHE and tracks_changes()


def cached_fragments(keyed, render, prepare=None, keep=None):
    """Return the HTML of each ``(key parts, item)`` of ``keyed``, in order: from the cache, else ``render(item)``.

    One cache round trip for the whole batch (``get_many``), one more to store what had to be rendered.
    ``prepare(items)``, if given, is called once with the items to render before any is rendered (to load
    what only their rendering reads). ``keep()``, if given, is asked after rendering whether what was rendered
    may be stored (a page announcing a press kit still being built may not).
    """
    if not enabled():
        if prepare is not None:
            prepare([item for _, item in keyed])
        return [render(item) for _, item in keyed]
    number, expires = generation()  # once per batch: outside a request nothing memoises it
    keys = [key_in(number, parts) for parts, _ in keyed]
    found = cache.get_many(keys) if keys else {}
    todo = [(key, item) for key, (_, item) in zip(keys, keyed, strict=True) if key not in found]
    if todo and prepare is not None:
        prepare([item for _, item in todo])
    missing = {key: render(item) for key, item in todo}
    rendered = [found[key] if key in found else missing[key] for key in keys]
    timeout = timeout_until(expires)
    if missing and timeout > 0 and (keep is None or keep()):
        cache.set_many(missing, timeout)
    return rendered


def cached_fragment(parts, render, keep=None):
    """Return one fragment: ``render()``'s HTML, kept in the cache under ``parts`` like ``cached_fragments``."""
    return cached_fragments([(parts, None)], lambda _: render(), keep=keep)[0]
