from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from international.models import CooperationSite, KeyFigure
from partnerships.models import Agreement
from press.models import PressRelease


def home(request):
    latest_year = KeyFigure.objects.order_by("-year").values_list("year", flat=True).first()
    context = {
        "releases": PressRelease.objects.live().for_listing()[:4],
        "agreements": Agreement.objects.live().with_status("in_force").for_listing()[:4],
        "site_count": CooperationSite.objects.live().count(),
        "figures_year": latest_year,
        "figures": KeyFigure.objects.filter(year=latest_year).select_related("indicator") if latest_year else [],
    }
    return render(request, "home.html", context)


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
