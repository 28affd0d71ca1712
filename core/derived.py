"""Values derived from the whole public content (counts, the organisations live content names), kept until
the content changes.

``core`` and ``directory`` sit below ``pagecache``, the layer that knows when content changes (its content
generation and the next scheduled publish or unpublish). ``pagecache`` installs its cache here when it loads
(``pagecache.apps``); without it each value is computed on every call, which is always correct.
"""

_cached_until_change = None


def install(cached_until_change):
    """Keep derived values with ``cached_until_change(name, compute)`` (``pagecache.generation``'s)."""
    global _cached_until_change  # set once, when the apps load
    _cached_until_change = cached_until_change


def until_change(name, compute):
    """Return ``compute()``, kept until content is written or a scheduled change comes (when a cache is installed)."""
    return compute() if _cached_until_change is None else _cached_until_change(name, compute)
