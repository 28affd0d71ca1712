"""The API throttle counts atomically: parallel requests of one client never get past the limit."""

import threading

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.api import AnonThrottle

LIMIT = 20
THREADS = 16
ATTEMPTS = 10  # per thread: 160 requests against a limit of 20


@pytest.fixture
def twenty_a_minute(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": f"{LIMIT}/min"}}


def anonymous_request(address):
    request = RequestFactory().get("/api/v1/themes/", REMOTE_ADDR=address)
    request.user = None  # the API has no authentication (UNAUTHENTICATED_USER is None)
    return request


def hammer():
    """Send THREADS × ATTEMPTS requests of one client through the throttle at once; return how many passed."""
    start = threading.Barrier(THREADS)
    allowed = []

    def client():
        request = anonymous_request("192.0.2.50")
        start.wait()
        passed = sum(AnonThrottle().allow_request(request, None) for _ in range(ATTEMPTS))
        allowed.append(passed)

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sum(allowed)


def test_parallel_requests_never_exceed_the_limit_in_one_process(twenty_a_minute):
    assert hammer() == LIMIT


def test_parallel_requests_never_exceed_the_limit_with_redis(twenty_a_minute, settings, redis_server):
    settings.CACHES = {
        "default": {"BACKEND": "inserm_cms.cache.ResilientRedisCache", "LOCATION": redis_server, "KEY_PREFIX": "t"}
    }
    cache.clear()
    try:
        assert hammer() == LIMIT
        # Another client has its own count.
        request = anonymous_request("192.0.2.51")
        assert AnonThrottle().allow_request(request, None) is True
    finally:
        cache.clear()
