from django.conf import settings
from django.db.models import Count, Prefetch
from django.views.generic import DetailView, ListView

from core.viewmixins import AlternatesMixin, TranslatedSlugMixin
from workflow.states import live_q

from .models import Expert, Organisation, Theme
from .related import related_context


class AllObjectsMixin:
    """Themes are reference data typed by staff: every one is public."""

    def get_queryset(self):
        return self.model.objects.all()


class LiveObjectsMixin:
    """Only what live content shows is public (an organisation named by a draft alone is not)."""

    def get_queryset(self):
        return self.model.objects.live()


class RelatedContentMixin:
    """Add the sections the feature apps register for the object: live releases, agreements, sites."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(related_context(self.object))
        return context


class OrganisationDetailView(RelatedContentMixin, AlternatesMixin, LiveObjectsMixin, TranslatedSlugMixin, DetailView):
    model = Organisation
    template_name = "directory/organisation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("logo")


class ThemeListView(ListView):
    model = Theme
    template_name = "directory/theme_list.html"

    def get_queryset(self):
        return Theme.objects.annotate(
            release_count=Count("press_releases", filter=live_q(prefix="press_releases__"), distinct=True),
            agreement_count=Count("agreements", filter=live_q(prefix="agreements__"), distinct=True),
            site_count=Count("cooperation_sites", filter=live_q(prefix="cooperation_sites__"), distinct=True),
        ).order_by("name_fr")


class ThemeDetailView(RelatedContentMixin, AlternatesMixin, AllObjectsMixin, TranslatedSlugMixin, DetailView):
    model = Theme
    template_name = "directory/theme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["experts"] = list(
            Expert.objects.live().select_related("photo").filter(themes=self.object).order_by("last_name", "pk")
        )
        return context


def press_office():
    """Return the organisation whose press office answers journalists (``PRESS_OFFICE_ACRONYM``), or None."""
    return Organisation.objects.filter(acronym=settings.PRESS_OFFICE_ACRONYM).order_by("pk").first()


class ExpertListView(ListView):
    """The experts who agreed to be listed, searchable by name, unit and theme."""

    template_name = "directory/expert_list.html"
    paginate_by = 20

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:200]
        experts = Expert.objects.live()
        if self.query:
            experts = experts.search(self.query)
        return experts.for_listing()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        return context


def live_releases_of_experts():
    """Return the live press releases, newest first, through the experts' own relation (press declares it)."""
    releases = Expert._meta.get_field("press_releases").related_model
    return releases.objects.live().order_by("-release_date", "-pk")


class ExpertDetailView(AlternatesMixin, DetailView):
    template_name = "directory/expert_detail.html"
    context_object_name = "expert"

    def get_queryset(self):
        return (
            Expert.objects.live()
            .select_related("organisation", "photo")
            .prefetch_related(
                "themes",
                Prefetch("press_releases", queryset=live_releases_of_experts()),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.contact_route == Expert.ContactRoute.PRESS_OFFICE:
            context["press_office"] = press_office()
        return context
