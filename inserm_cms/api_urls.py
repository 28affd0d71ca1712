"""URLs of the read-only open-data API (/api/v1/), its OpenAPI schema and its docs; language-neutral."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from core.api import AnonThrottle
from core.content_types import registered


class ApiRouter(DefaultRouter):
    """The router of the API, whose root lists the endpoints, the schema and the docs."""

    root_view_name = "root"

    def get_api_root_view(self, api_urls=None):
        view = super().get_api_root_view(api_urls=api_urls)
        view.initkwargs["api_root_dict"].update(schema="schema", docs="docs")
        return view


class ApiSchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, throttled like the API."""

    throttle_classes = [AnonThrottle]


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files, its start-up script served apart (no inline script)."""

    throttle_classes = [AnonThrottle]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = _("Inserm communication open-data API")


def not_found(request, path=""):
    """Answer an address under /api/v1/ that names no endpoint with a JSON 404, like the endpoints do."""
    return JsonResponse({"detail": str(_("Not found."))}, status=404)


def api_urlpatterns():
    """Return the API's URL patterns: the schema, the docs, then each registered content type's endpoint."""
    router = ApiRouter()
    for content_type in registered("api"):
        api = content_type.api
        router.register(api.prefix, api.viewset_class(), basename=api.basename)
    return [
        path("schema/", ApiSchemaView.as_view(), name="schema"),
        path("docs/", ApiDocsView.as_view(), name="docs"),
        *router.urls,
        re_path(r"^(?P<path>.*)$", not_found),
    ]


app_name = "api"
urlpatterns = api_urlpatterns()
