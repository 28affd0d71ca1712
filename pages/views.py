from django.views.generic import DetailView

from inserm_cms.viewmixins import TranslatedSlugMixin

from .models import Page


class PageDetailView(TranslatedSlugMixin, DetailView):
    model = Page
    template_name = "pages/page_detail.html"
