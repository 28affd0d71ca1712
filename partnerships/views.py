from django.views.generic import DetailView, ListView

from inserm_cms.viewmixins import LiveQuerysetMixin, TranslatedSlugMixin

from .models import Agreement


class AgreementListView(LiveQuerysetMixin, ListView):
    model = Agreement
    paginate_by = 10
    template_name = "partnerships/agreement_list.html"


class AgreementDetailView(TranslatedSlugMixin, DetailView):
    model = Agreement
    template_name = "partnerships/agreement_detail.html"
