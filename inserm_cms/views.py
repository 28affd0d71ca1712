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


@never_cache
def readyz(request):
    """Answer 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any database failure means not ready
        return JsonResponse({"status": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok"})
