"""Prometheus metrics at /metrics/, for the monitoring system only (404 to anyone else).

django-prometheus counts requests and their latency per view, database queries and their duration;
``inserm_cms.cache`` times cache operations; ``TaskQueueCollector`` reads the task queue at each scrape.
With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR (an empty folder at start-up) so that one
scrape sums every worker (prometheus_client's multiprocess mode).
"""

import datetime
import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from core.clientip import client_ip

logger = logging.getLogger("inserm_cms.metrics")

TASK_STATUSES = ("READY", "RUNNING", "SUCCESSFUL", "FAILED")


class TaskQueueCollector:
    """Report the background tasks by state: the queue's depth, the tasks running, the failures kept."""

    def describe(self):
        return []  # collected at each scrape only: the database is not there when the registry is built

    def collect(self):
        tasks = GaugeMetricFamily(
            "inserm_tasks", "Background task results by state (READY is the queue's depth).", labels=["status"]
        )
        oldest = GaugeMetricFamily("inserm_tasks_oldest_ready_age_seconds", "Age of the oldest task waiting to run.")
        try:
            counts, age = task_counts()
        except Exception as error:  # the database or Redis is down: say so through the other metrics
            logger.warning("Could not count the background tasks: %s", error)
            return
        for status in TASK_STATUSES:
            tasks.add_metric([status], counts.get(status, 0))
        oldest.add_metric([], age)
        yield tasks
        yield oldest


def task_counts():
    """Return the number of tasks per state and the age in seconds of the oldest one waiting."""
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    backend = task_backends["default"]
    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        rows = DBTaskResult.objects.values("status").annotate(count=Count("id"))
        counts = {row["status"]: row["count"] for row in rows}
        first = DBTaskResult.objects.filter(status="READY").aggregate(first=Min("enqueued_at"))["first"]
    else:  # RQ on Redis
        import django_rq

        queue = django_rq.get_queue("default")
        counts = {
            "READY": queue.count,
            "RUNNING": queue.started_job_registry.count,
            "SUCCESSFUL": queue.finished_job_registry.count,
            "FAILED": queue.failed_job_registry.count,
        }
        jobs = queue.get_jobs(0, 1)
        first = jobs[0].enqueued_at if jobs else None
        if first is not None and timezone.is_naive(first):
            first = timezone.make_aware(first, datetime.UTC)
    age = (timezone.now() - first).total_seconds() if first else 0
    return counts, age


_task_collector = TaskQueueCollector()
REGISTRY.register(_task_collector)


def allowed(request):
    """Return whether the request comes with the metrics token or from an address allowed to scrape."""
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode()):
            return True
    if settings.METRICS_ALLOWED_IPS:
        try:
            address = ipaddress.ip_address(client_ip(request))
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(network, strict=False) for network in settings.METRICS_ALLOWED_IPS)
    return False


@never_cache
def metrics(request):
    """Answer the Prometheus text format to the monitoring system; a 404 to anyone else."""
    if not allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_task_collector)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
