"""Middleware for operations: health probes, request log, Content-Security-Policy, database outages."""

import base64
import hashlib
import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.signals import request_finished
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from core.clientip import client_ip
from inserm_cms import metrics, views
from inserm_cms.logging import request_id_var

request_logger = logging.getLogger("inserm_cms.request")
outage_logger = logging.getLogger("inserm_cms.outage")

# A request id taken from a proxy must be short and harmless in logs and headers.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
IMPORTMAP = re.compile(rb"<script type=\"importmap\"[^>]*>(.*?)</script>", re.DOTALL)
RETRY_AFTER_SECONDS = 30


class HealthCheckMiddleware:
    """Answer /healthz/, /readyz/ and /metrics/ before the Host check: probes and scrapers come by IP address.

    They run every few seconds, so they also stay out of the request log and of the request metrics.
    """

    probes = {"/healthz/": views.healthz, "/readyz/": views.readyz, "/metrics/": metrics.metrics}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.probes.get(request.path_info)
        if probe is not None and request.method in {"GET", "HEAD"}:
            return probe(request)
        return self.get_response(request)


def logged_path(request):
    """Return the request's path with any secret token of its URL (journalist links, subscriber links) masked.

    Such a token opens an embargoed release or a subscriber's choices: it must not end up in the logs.
    """
    match = getattr(request, "resolver_match", None)
    token = match.kwargs.get("token") if match else None
    return request.path.replace(token, "[token]") if token else request.path


class RequestLogMiddleware:
    """Give every request an id (X-Request-ID in and out) and log method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed: Django logs 4xx and 5xx responses after the last middleware.
        request_id_var.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        path = logged_path(request)
        request_logger.log(
            logging.ERROR if response.status_code >= 500 else logging.INFO,
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "client_ip": client_ip(request),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="inserm_cms.forget_request_id")
def forget_request_id(**kwargs):
    """Stop stamping log records with the id of a request once its response is sent."""
    request_id_var.set("")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send the policy of the django-csp settings, allowing import maps by their hash.

    The admin's rich-text editor declares its modules in an inline ``<script type="importmap">``.
    An import map runs no code (the modules it names still have to come from our own origin), so
    each import map in the page is allowed by the SHA-256 of its text; inline scripts stay refused.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not response.streaming and content_type.startswith("text/html"):
            hashes = [
                "'sha256-{}'".format(base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"))
                for body in IMPORTMAP.findall(response.content)
            ]
            if hashes:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["script-src"] = tuple(update.get("script-src", ())) + tuple(hashes)
                response._csp_update = update
        return super().process_response(request, response)


class DatabaseUnavailableMiddleware:
    """Answer a bilingual 503 page, never a traceback, while the database cannot be reached.

    Nothing else is needed to recover: Django opens a new connection (after a health check of the
    persistent one, CONN_HEALTH_CHECKS) on the next request once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        outage_logger.error(
            "Database unavailable: %s %s answered 503",
            request.method,
            request.path,
            exc_info=exception,
            extra={"method": request.method, "path": request.path},
        )
        return service_unavailable()


def service_unavailable():
    """Render the 503 page without a request context: context processors would query the database."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def lockout_response(request, original_response=None, credentials=None):
    """Render the bilingual page django-axes shows to a locked-out user name and IP address."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)),
    }
    response = render(request, "lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Cache-Control"] = "no-store"
    return response
