import logging

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from assets.views import MediaKitDownloadMixin, MediaKitMixin
from core.i18n import in_each_language
from core.templatetags.site_tags import shown_language
from core.viewmixins import (
    AlternatesMixin,
    DeferredPartsMixin,
    FilteredListMixin,
    LiveQuerysetMixin,
    TranslatedSlugMixin,
)
from directory.models import Expert
from directory.views import press_office
from workflow.states import format_moment, shaped_like

from .filters import PressReleaseFilter
from .models import EmbargoLink, PressRelease, open_embargo_link

logger = logging.getLogger(__name__)


class ReleaseListView(FilteredListMixin, LiveQuerysetMixin, ListView):
    model = PressRelease
    filterset_class = PressReleaseFilter
    paginate_by = 10
    template_name = "press/release_list.html"
    context_object_name = "release_list"


HUB_RELEASES = 5
HUB_EXPERTS = 6


def newsroom(request):
    """Show the press room: press office, boilerplate, latest releases, experts, subscriptions, feeds, open data."""
    experts = list(Expert.objects.live().for_listing()[: HUB_EXPERTS + 1])
    context = {
        "press_office": press_office(),
        "releases": PressRelease.objects.live().for_listing()[:HUB_RELEASES],
        "experts": experts[:HUB_EXPERTS],
        "more_experts": len(experts) > HUB_EXPERTS,
        "api_endpoints": API_ENDPOINTS,
    }
    return render(request, "press/newsroom.html", context)


# What the open-data API serves, as the press room presents it: (path, what, filters).
API_ENDPOINTS = [
    (
        "press-releases",
        _("live press releases, newest first"),
        "q, year, theme, organisation, type, peer_reviewed, study, subject",
    ),
    ("agreements", _("live partnership agreements (also as CSV)"), "status, theme, partner_kind, country"),
    ("sites", _("international cooperation sites (also as CSV)"), "kind"),
    ("places", _("places of the cooperation sites"), "country"),
    ("funding-instruments", _("funding instruments of international cooperation"), ""),
    ("key-figures", _("key figures of international cooperation, by year (also as CSV)"), "year, indicator"),
    ("organisations", _("organisations"), "kind, country"),
    ("themes", _("themes"), ""),
    ("experts", _("experts journalists may call, with how to reach them"), "theme, language"),
]


class ReleaseDetailView(MediaKitMixin, AlternatesMixin, DeferredPartsMixin, TranslatedSlugMixin, DetailView):
    model = PressRelease
    template_name = "press/release_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        return PressRelease.objects.live().for_detail()

    def get_rows(self):
        return PressRelease.objects.live()  # get_queryset()'s rows, without building what it loads

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_agreement"] = lambda: self.document.live_related_agreement
        if self.object.is_live:
            # Offer the PDF in the language the text is written in, and say which it is.
            context["pdf_language"] = shown_language(self.object, "title", "lead", "body")
            slug = getattr(self.object, f"slug_{context['pdf_language']}") or self.object.slug
            with override(context["pdf_language"]):
                context["pdf_url"] = reverse("press:release-pdf", kwargs={"slug": slug})
        return context


class ReleaseKitView(MediaKitDownloadMixin, ReleaseDetailView):
    """Serve the ZIP press kit of a live release once built; until then, say it is being prepared."""


class ReleasePdfView(ReleaseDetailView):
    """Serve a live release as a PDF in the URL's language, laid out from the page's own template."""

    defer_parts = False

    def render_to_response(self, context, **response_kwargs):
        # WeasyPrint loads Pango when imported: without it, only this view fails, not the whole site.
        try:
            from .pdf import pdf_filename, release_pdf
        except (ImportError, OSError):
            logger.exception("WeasyPrint cannot be loaded: press release PDFs are unavailable")
            message = gettext("The PDF version is not available at the moment. Please read the release online.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")

        pdf = release_pdf(release=self.object, request=self.request, context=context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, pdf_filename(self.object))
        return response


def private_page(response):
    """Keep a journalist link's page out of search engines, shared caches and Referer headers."""
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


class EmbargoReleaseView(ReleaseDetailView):
    """Show a release under embargo to the holder of a journalist link; after the embargo, send to the public page."""

    template_name = "press/embargo_release.html"
    refused_template_name = "press/embargo_refused.html"

    def get(self, request, *args, **kwargs):
        self.link, state = open_embargo_link(kwargs["token"], language=get_language() or "fr")
        if self.link is None:
            return private_page(render(request, self.refused_template_name, {"reason": "invalid"}, status=404))
        if state == EmbargoLink.State.LIFTED:
            return redirect(self.link.release.get_absolute_url())
        if state != EmbargoLink.State.ACTIVE:
            return private_page(render(request, self.refused_template_name, {"reason": state}, status=410))
        return private_page(super().get(request, *args, **kwargs))

    def get_object(self, queryset=None):
        return shaped_like(self.get_queryset()).get(pk=self.link.release_id)

    def page_settled(self):
        return False  # a journalist's page is private: nothing it renders goes to the shared fragment cache

    def get_alternates(self):
        return in_each_language(lambda: reverse("press:embargo", kwargs={"token": self.kwargs["token"]}))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        context["embargoed_until"] = format_moment(release.publish_at, release.time_zone)
        context["link_ends"] = format_moment(self.link.ends_at, release.time_zone)
        return context
