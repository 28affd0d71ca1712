from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from core.viewmixins import AlternatesMixin, FilteredListMixin, LiveQuerysetMixin, TranslatedSlugMixin
from press.models import PressRelease

from .filters import AgreementFilter
from .models import Agreement, AgreementParty, Signatory


class AgreementListView(FilteredListMixin, LiveQuerysetMixin, ListView):
    model = Agreement
    filterset_class = AgreementFilter
    paginate_by = 10
    template_name = "partnerships/agreement_list.html"


class AgreementDetailView(AlternatesMixin, TranslatedSlugMixin, DetailView):
    model = Agreement
    template_name = "partnerships/agreement_detail.html"

    def get_queryset(self):
        return (
            Agreement.objects.live()
            .select_related("renewal_of")
            .prefetch_related(
                "themes",
                "objectives",
                "outcomes",
                Prefetch("parties", queryset=AgreementParty.objects.select_related("organisation")),
                Prefetch("signatories", queryset=Signatory.objects.select_related("person", "organisation")),
                Prefetch(
                    "press_releases",
                    queryset=PressRelease.objects.live().order_by("-release_date", "-pk"),
                    to_attr="live_releases",
                ),
                Prefetch(
                    "renewals", queryset=Agreement.objects.live().order_by("signed_on", "pk"), to_attr="live_renewals"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        renewed = self.object.renewal_of
        context["renews"] = renewed if renewed is not None and renewed.is_live else None
        context["progress"] = self.object.progress()
        context["status"] = self.object.status_on()
        return context
