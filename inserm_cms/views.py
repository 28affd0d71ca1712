import logging
import os
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from international.models import CooperationSite, KeyFigure
from pagecache.generation import cached_until_change
from partnerships.models import Agreement
from press.models import PressRelease

logger = logging.getLogger("inserm_cms.health")

HOME_RELEASES = 4
HOME_AGREEMENTS = 4


def home_summary():
    """Return the home page's figures: the latest year's key figures and the number of live sites."""
    latest_year = KeyFigure.objects.order_by("-year").values_list("year", flat=True).first()
    figures = []
    if latest_year:
        figures = list(
            KeyFigure.objects.filter(year=latest_year).select_related("indicator").order_by("indicator__position")
        )
    return {"site_count": CooperationSite.objects.live().count(), "figures_year": latest_year, "figures": figures}


def home(request):
    """Show the latest press releases, the agreements in force, international presence and key figures."""
    summary = cached_until_change("home-summary", home_summary)
    context = {
        "releases": PressRelease.objects.live().for_listing()[:HOME_RELEASES],
        "agreements": Agreement.objects.live().with_status("in_force").for_listing()[:HOME_AGREEMENTS],
        **summary,
    }
    return render(request, "home.html", context)


def page_not_found(request, exception):
    """Render the bilingual 404 page in the language of the requested path."""
    return render(request, "404.html", {"request_path": request.path}, status=404)


@requires_csrf_token
def server_error(request):
    """Render the 500 page without a request context: the database or a context processor may be down."""
    html = loader.get_template("500.html").render()
    return HttpResponseServerError(html)


def trivial(request):
    """Answer a few bytes through the whole middleware stack: the benchmark's baseline (BENCH_VIEWS only)."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response.page_cache = False  # the baseline is a view that runs, not a cache hit
    return response


@never_cache
def healthz(request):
    """Answer as long as the process runs."""
    return JsonResponse({"status": "ok"})


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    cache.check()


def check_storage():
    """Reach the media storage: a HEAD request on object storage, a writable folder on disk."""
    if isinstance(default_storage, FileSystemStorage):
        folder = Path(default_storage.location)
        while not folder.exists() and folder != folder.parent:  # created on first upload
            folder = folder.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise PermissionError(f"{folder} is not a writable folder")
    else:
        default_storage.exists("readyz-probe")


def readiness_checks():
    """Return the dependencies an instance needs to serve, by name: the cache only when it is shared."""
    checks = {"database": check_database, "storage": check_storage}
    if hasattr(cache, "check"):  # inserm_cms.cache.ResilientRedisCache
        checks["cache"] = check_cache
    return checks


@never_cache
def readyz(request):
    """Answer 200 when every dependency answers, else 503; the JSON body names each one's state."""
    results = {}
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception as error:  # any failure of a dependency means not ready
            results[name] = f"unavailable: {type(error).__name__}"
            logger.warning("Readiness check failed: %s (%s)", name, error, extra={"check": name})
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": results}, status=200 if ready else 503)
