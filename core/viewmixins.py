"""Mixins shared by the public list and detail views."""

import copy
import hashlib

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import get_language

from . import fragments
from .derived import until_change
from .i18n import page_urls
from .together import rows_only


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


class DeferredPartsMixin:
    """Find a detail page's object by its row alone, and load what else the page shows only to render it.

    ``get_queryset()`` says what the page shows: the related rows it joins, its ``together()`` and
    ``prefetch_related()`` parts (themes, issuers, contacts...). With the fragment cache on, the page's
    object is its row alone, and ``document`` (in the context: the object fetched whole) is called by the
    template inside its ``{% fragment %}`` blocks only. The row an address finds is kept until content changes
    (``core.derived.until_change``: any write, or a scheduled publish or unpublish time, moves the content on,
    and ``live()`` answers the same until then), so when the fragments are in the cache the page runs no query
    of its own. Loading and rendering the parts was most of a detail page's time, then finding its row
    (bench/profiles/). A view whose output is not kept (``defer_parts = False``: a PDF) or that fetches its
    object otherwise (a preview, an embargo page) gets it whole.
    """

    defer_parts = True

    def get_object(self, queryset=None):
        if queryset is not None or not (self.defer_parts and fragments.enabled()):
            return super().get_object(queryset)
        self.deferred = True
        address = "&".join(f"{name}={value}" for name, value in sorted(self.kwargs.items()))
        name = "row:" + fragments.key_part(
            f"{type(self).__module__}.{type(self).__qualname__}:{get_language()}:{address}"
        )
        # A missing object raises Http404 inside: nothing is kept for an address that finds none.
        kept = until_change(name, lambda: super(DeferredPartsMixin, self).get_object(self.get_rows()))
        return copy.copy(kept)  # the kept instance is shared by this process's requests: the view gets its own

    def get_rows(self):
        """Return the rows ``get_queryset()`` filters, without what it loads besides them."""
        return rows_only(self.get_queryset()).order_by()

    @cached_property
    def document(self):
        """Return the page's object with everything its page shows."""
        if not getattr(self, "deferred", False):
            return self.object
        whole = self.get_queryset().filter(pk=self.object.pk).first()
        if whole is None:  # withdrawn since its row was read
            raise Http404
        return whole

    def page_settled(self):
        """Tell whether what the page rendered may be kept until content changes (see ``MediaKitMixin``)."""
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["document"] = lambda: self.document  # called by the template, only where it renders the parts
        context["page_settled"] = self.page_settled
        return context


class AlternatesMixin:
    """Give the template ``alternates``: the URL of the same object in every language."""

    def get_alternates(self):
        return page_urls(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["alternates"] = self.get_alternates()
        return context


def filter_signature(form, query):
    """Return a short digest of what ``query`` (``request.GET``) gives ``form``'s fields, or None when too long.

    What a filtered list shows, and its filter form, depend on these values only (the page number aside).
    """
    typed = repr(sorted((name, tuple(query.getlist(name))) for name in form.fields if name in query))
    if len(typed) > 500:
        return None
    return hashlib.sha256(typed.encode()).hexdigest()[:32]


class BoundedPaginator(Paginator):
    """Count and serve at most ``max_pages`` pages, so that the last page costs what the first costs.

    The count stops at the bound (``capped`` tells when more exist): counting and skipping 100 000
    rows on every request is what made deep pages slow. Filters narrow a list past the bound. Given a
    ``count_key`` (what the list is: its view and filters), the count is kept until content changes: within
    a content generation no publish or unpublish time is crossed, so it is the same at any time of it, and a
    filtered list's count (a theme and a year: thousands of rows joined) is computed once per change.
    """

    max_pages = 100
    count_key = None

    @cached_property
    def counted(self):
        limit = self.per_page * self.max_pages
        if not hasattr(self.object_list, "query"):
            return min(len(self.object_list), limit + 1)
        bounded = self.object_list.order_by()[: limit + 1]
        if self.count_key is None:
            return bounded.count()
        return until_change(f"count:{self.count_key}", bounded.count)

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
        signature = filter_signature(self.filterset.form, self.request.GET)
        if signature is not None:
            paginator.count_key = f"{type(self).__module__}.{type(self).__name__}:{signature}"
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["is_filtered"] = bool(self.filterset.is_bound and self.filterset.form.has_changed())
        return context
