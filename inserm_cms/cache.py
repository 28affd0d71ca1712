"""A Redis cache that a Redis outage cannot turn into a 500: errors are logged and the cache is bypassed.

Every read then misses (``get`` returns its default), every write is dropped, and the site computes
what it would have read: pages stay up, slower. After a failure the cache is not tried again for
``RETRY_SECONDS`` (a blackholed Redis would otherwise cost a connection timeout per call); one
warning is logged when it goes, one line when it comes back. ``/readyz/`` calls ``check()``, which
does raise, to name the cache while it is down.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from prometheus_client import Counter, Histogram
from redis.exceptions import RedisError

logger = logging.getLogger("inserm_cms.cache")

RETRY_SECONDS = 5
CHECK_KEY = "inserm_cms:readyz"

OPERATION_SECONDS = Histogram(
    "inserm_cache_operation_seconds", "Duration of the operations on the shared (Redis) cache.", ["operation"]
)
ERRORS = Counter(
    "inserm_cache_errors_total", "Operations on the shared cache that failed or were bypassed.", ["operation"]
)

# Shared by the threads of a process (each thread has its own cache object).
_state = {"down_until": 0.0, "down": False}
_lock = threading.Lock()


def _failed(operation, error):
    with _lock:
        _state["down_until"] = time.monotonic() + RETRY_SECONDS
        first = not _state["down"]
        _state["down"] = True
    if first:
        logger.warning(
            "Cache unavailable, bypassed: %s failed with %s",
            operation,
            type(error).__name__,
            extra={"operation": operation, "error": str(error)},
        )


def _succeeded():
    if _state["down"]:
        with _lock:
            back = _state["down"]
            _state["down"] = False
        if back:
            logger.info("Cache available again")


def forget_outage():
    """Try Redis again at the next call, as after a check that found it back."""
    with _lock:
        _state["down_until"] = 0.0


def bypassed_on_error(default=None):
    """Run the cache operation; on a Redis or socket error, log it and return ``default`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            operation = method.__name__
            if time.monotonic() < _state["down_until"]:
                ERRORS.labels(operation).inc()
                return default() if callable(default) else default
            try:
                with OPERATION_SECONDS.labels(operation).time():
                    result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                ERRORS.labels(operation).inc()
                _failed(operation, error)
                return default() if callable(default) else default
            _succeeded()
            return result

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, bypassed (never raising) while Redis cannot be reached."""

    get = bypassed_on_error()(RedisCache.get)
    get_many = bypassed_on_error(dict)(RedisCache.get_many)
    has_key = bypassed_on_error(False)(RedisCache.has_key)
    add = bypassed_on_error(False)(RedisCache.add)
    set = bypassed_on_error(False)(RedisCache.set)
    set_many = bypassed_on_error(list)(RedisCache.set_many)
    touch = bypassed_on_error(False)(RedisCache.touch)
    delete = bypassed_on_error(False)(RedisCache.delete)
    delete_many = bypassed_on_error(False)(RedisCache.delete_many)
    clear = bypassed_on_error(False)(RedisCache.clear)
    # None tells the caller (the API throttle) that nothing was counted.
    incr = bypassed_on_error(None)(RedisCache.incr)

    def check(self):
        """Write and read a key, raising when Redis cannot be reached."""
        RedisCache.set(self, CHECK_KEY, "ok", 30)
        if RedisCache.get(self, CHECK_KEY) != "ok":
            raise RedisError("the cache did not return the value just written")
        forget_outage()
