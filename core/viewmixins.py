"""Mixins shared by the public list and detail views."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import get_language

from .i18n import page_urls


class LiveQuerysetMixin:
    """Serve only live objects, shaped by the model's ``for_listing()`` when it has one."""

    model = None

    def get_queryset(self):
        queryset = self.model.objects.live()
        if hasattr(queryset, "for_listing"):
            queryset = queryset.for_listing()
        return queryset


class TranslatedSlugMixin(LiveQuerysetMixin):
    """Find an object by its slug in the active language, or by its slug in the other language as fallback."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        language = get_language() or "fr"
        obj = queryset.filter(**{f"slug_{language}": slug}).first()
        if obj is None:
            # An item in one language only is reached by that language's slug from both sites.
            obj = queryset.filter(Q(slug_fr=slug) | Q(slug_en=slug)).first()
        if obj is None:
            raise Http404
        return obj


class AlternatesMixin:
    """Give the template ``alternates``: the URL of the same object in every language."""

    def get_alternates(self):
        return page_urls(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["alternates"] = self.get_alternates()
        return context


class BoundedPaginator(Paginator):
    """Count and serve at most ``max_pages`` pages, so that the last page costs what the first costs.

    The count stops at the bound (``capped`` tells when more exist): counting and skipping 100 000
    rows on every request is what made deep pages slow. Filters narrow a list past the bound.
    """

    max_pages = 100

    @cached_property
    def counted(self):
        limit = self.per_page * self.max_pages
        if hasattr(self.object_list, "query"):
            return self.object_list.order_by()[: limit + 1].count()
        return min(len(self.object_list), limit + 1)

    @cached_property
    def count(self):
        return min(self.counted, self.per_page * self.max_pages)

    @property
    def capped(self):
        return self.counted > self.per_page * self.max_pages


class FilteredListMixin:
    """Filter the list with ``filterset_class`` and paginate it without ever failing on bad input.

    An invalid filter value gives an empty list with the form's error; a page number out of
    range or not a number gives the nearest page.
    """

    filterset_class = None
    paginate_by = 12
    paginator_class = BoundedPaginator

    def get_queryset(self):
        base = super().get_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["is_filtered"] = bool(self.filterset.is_bound and self.filterset.form.has_changed())
        return context
