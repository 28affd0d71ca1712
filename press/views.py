from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, ListView

from inserm_cms.viewmixins import AlternatesMixin, FilteredListMixin, LiveQuerysetMixin, TranslatedSlugMixin

from .filters import PressReleaseFilter
from .models import PressContact, PressRelease, PressReleaseIssuer, Quote


class ReleaseListView(FilteredListMixin, LiveQuerysetMixin, ListView):
    model = PressRelease
    filterset_class = PressReleaseFilter
    paginate_by = 10
    template_name = "press/release_list.html"
    context_object_name = "release_list"


class ReleaseDetailView(AlternatesMixin, TranslatedSlugMixin, DetailView):
    model = PressRelease
    template_name = "press/release_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        return (
            PressRelease.objects.live()
            .select_related("related_agreement")
            .prefetch_related(
                "themes",
                "attachments",
                Prefetch("issuers", queryset=PressReleaseIssuer.objects.select_related("organisation")),
                Prefetch("contacts", queryset=PressContact.objects.select_related("organisation")),
                Prefetch("quotes", queryset=Quote.objects.select_related("speaker__organisation")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object.related_agreement
        context["related_agreement"] = agreement if agreement is not None and agreement.is_live else None
        return context


class ReleasePdfView(ReleaseDetailView):
    """Serve a live release as a PDF in the URL's language, laid out from the page's own template."""

    def render_to_response(self, context, **response_kwargs):
        # WeasyPrint loads Pango when imported: without it, only this view fails, not the whole site.
        from .pdf import pdf_filename, release_pdf

        pdf = release_pdf(release=self.object, request=self.request, context=context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, pdf_filename(self.object))
        return response
