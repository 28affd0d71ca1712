from django.db.models import Prefetch
from django.views.generic import DetailView

from core.viewmixins import AlternatesMixin, TranslatedSlugMixin

from .models import Page


class PageDetailView(AlternatesMixin, TranslatedSlugMixin, DetailView):
    model = Page
    template_name = "pages/page_detail.html"

    def get_queryset(self):
        return (
            Page.objects.live()
            .select_related("parent", "image")
            .prefetch_related(Prefetch("children", queryset=Page.objects.live(), to_attr="live_children"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.object.parent
        context["parent"] = parent if parent is not None and parent.is_live else None
        return context
