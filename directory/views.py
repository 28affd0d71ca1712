from django.views.generic import DetailView, ListView

from inserm_cms.viewmixins import TranslatedSlugMixin

from .models import Organisation, Theme


class AllObjectsMixin:
    """Directory entries are reference data: every one is public."""

    def get_queryset(self):
        return self.model.objects.all()


class OrganisationDetailView(AllObjectsMixin, TranslatedSlugMixin, DetailView):
    model = Organisation
    template_name = "directory/organisation_detail.html"


class ThemeListView(ListView):
    model = Theme
    template_name = "directory/theme_list.html"


class ThemeDetailView(AllObjectsMixin, TranslatedSlugMixin, DetailView):
    model = Theme
    template_name = "directory/theme_detail.html"
