"""View mixins of the press kits: the kit on a live item's page, and its ZIP for download."""

import os

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext

from core.i18n import page_urls

from .mediakit import media_kit, request_build


class MediaKitMixin:
    """Give a live item's page its press kit (``media_kit``, found when the page renders it), and request the ZIP's
    build when it is missing.

    A page saying the ZIP is being prepared stays out of the page cache, and what it rendered out of the
    fragment cache (``page_settled``): the worker builds the ZIP within a minute.
    """

    @cached_property
    def media_kit(self):
        """Return the live item's kit (None when it has no file or is not live), asking for its ZIP if missing."""
        # The item with its files: DeferredPartsMixin's ``document`` when the view finds its row first.
        owner = getattr(self, "document", self.object)
        if not owner.is_live:
            return None
        kit = media_kit(owner)
        if kit is not None and not kit.ready:
            request_build(owner, kit, page_urls=page_urls(owner, request=self.request))
        return kit

    def kit_pending(self):
        """Tell whether the page showed a press kit whose ZIP is not built yet."""
        kit = self.__dict__.get("media_kit")
        return kit is not None and not kit.ready

    def page_settled(self):
        return not self.kit_pending() and super().page_settled()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.is_live:
            context["media_kit"] = lambda: self.media_kit  # called by the template where it shows the kit
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.add_post_render_callback(self.keep_pending_kit_out)
        return response

    def keep_pending_kit_out(self, response):
        if self.kit_pending():
            response.page_cache = False


class MediaKitDownloadMixin:
    """Serve the ZIP of a live item's press kit once built; until then say it is being prepared (503, retry later).

    Mixed into the item's detail view (with ``MediaKitMixin``): asking for a missing ZIP requests its build too.
    """

    def render_to_response(self, context, **response_kwargs):
        kit = self.media_kit
        if kit is None:
            raise Http404
        if not kit.ready:
            message = gettext("The press kit is being prepared. Please try again in a minute.")
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "60"
            return response
        filename = os.path.basename(kit.path)
        return FileResponse(default_storage.open(kit.path, "rb"), as_attachment=True, filename=filename)
