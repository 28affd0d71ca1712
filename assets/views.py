"""View mixins of the press kits: the kit on a live item's page, and its ZIP for download."""

import os

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext

from core.i18n import page_urls

from .mediakit import media_kit, request_build


class MediaKitMixin:
    """Give a live item's page its press kit (``media_kit``), and request the ZIP's build when it is missing.

    A page saying the ZIP is being prepared stays out of the page cache: the worker builds it within a minute.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.is_live:
            context["media_kit"] = kit = media_kit(self.object)
            if kit is not None and not kit.ready:
                request_build(self.object, kit, page_urls=page_urls(self.object, request=self.request))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        kit = context.get("media_kit")
        if kit is not None and not kit.ready:
            response.page_cache = False
        return response


class MediaKitDownloadMixin:
    """Serve the ZIP of a live item's press kit once built; until then say it is being prepared (503, retry later).

    Mixed into the item's detail view (with ``MediaKitMixin``): asking for a missing ZIP requests its build too.
    """

    def render_to_response(self, context, **response_kwargs):
        kit = context.get("media_kit")
        if kit is None:
            raise Http404
        if not kit.ready:
            message = gettext("The press kit is being prepared. Please try again in a minute.")
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "60"
            return response
        filename = os.path.basename(kit.path)
        return FileResponse(default_storage.open(kit.path, "rb"), as_attachment=True, filename=filename)
