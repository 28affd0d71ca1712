from django.views.generic import DetailView, ListView

from inserm_cms.viewmixins import LiveQuerysetMixin, TranslatedSlugMixin

from .models import PressRelease


class ReleaseListView(LiveQuerysetMixin, ListView):
    model = PressRelease
    paginate_by = 10
    template_name = "press/release_list.html"


class ReleaseDetailView(TranslatedSlugMixin, DetailView):
    model = PressRelease
    template_name = "press/release_detail.html"
