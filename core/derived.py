"""Values derived from the whole public content (counts, the organisations live content names), kept until
the content changes.

``core`` and ``directory`` sit below ``pagecache``, the layer that knows when content changes (its content
generation and the next scheduled publish or unpublish). ``pagecache`` installs its cache here when it loads
(``pagecache.apps``); without it each value is computed on every call, which is always correct.
"""

_cached_until_change = None
_current_generation = None


def install(cached_until_change, current_generation=None):
    """Keep derived values with ``cached_until_change(name, compute)`` (``pagecache.generation``'s).

    ``current_generation()`` returns ``(generation, expires)``: what the content is now and until when, for
    what keeps its own entries (``core.fragments``).
    """
    global _cached_until_change, _current_generation  # set once, when the apps load
    _cached_until_change = cached_until_change
    _current_generation = current_generation


def tracks_changes():
    """Tell whether a cache that knows when content changes is installed."""
    return _current_generation is not None


def generation():
    """Return ``(generation, expires)`` of the current content, or None when no cache is installed."""
    return None if _current_generation is None else _current_generation()


def until_change(name, compute):
    """Return ``compute()``, kept until content is written or a scheduled change comes (when a cache is installed)."""
    return compute() if _cached_until_change is None else _cached_until_change(name, compute)
