from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from assets.views import MediaKitDownloadMixin, MediaKitMixin
from core.viewmixins import (
    AlternatesMixin,
    DeferredPartsMixin,
    FilteredListMixin,
    LiveQuerysetMixin,
    TranslatedSlugMixin,
)

from .filters import AgreementFilter
from .models import Agreement


class AgreementListView(FilteredListMixin, LiveQuerysetMixin, ListView):
    model = Agreement
    filterset_class = AgreementFilter
    paginate_by = 10
    template_name = "partnerships/agreement_list.html"


class AgreementDetailView(MediaKitMixin, AlternatesMixin, DeferredPartsMixin, TranslatedSlugMixin, DetailView):
    model = Agreement
    template_name = "partnerships/agreement_detail.html"

    def get_queryset(self):
        return (
            Agreement.objects.live()
            .for_detail()
            .prefetch_related(
                Prefetch(
                    "renewals", queryset=Agreement.objects.live().order_by("signed_on", "pk"), to_attr="live_renewals"
                )
            )
        )

    def get_rows(self):
        return Agreement.objects.live()  # get_queryset()'s rows, without building what it loads

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["renews"] = lambda: self.document.live_renewal_of
        context["progress"] = self.object.progress()
        context["status"] = self.object.status_on()
        return context


class AgreementKitView(MediaKitDownloadMixin, AgreementDetailView):
    """Serve the ZIP press kit of a live agreement once built; until then, say it is being prepared."""
