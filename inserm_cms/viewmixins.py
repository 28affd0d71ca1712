"""Mixins shared by the public list and detail views."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language


class LiveQuerysetMixin:
    """Serve only live objects, shaped by the model's ``for_listing()`` when it has one."""

    model = None

    def get_queryset(self):
        queryset = self.model.objects.live()
        if hasattr(queryset, "for_listing"):
            queryset = queryset.for_listing()
        return queryset


class TranslatedSlugMixin(LiveQuerysetMixin):
    """Find an object by its slug in the active language, or by its French slug as fallback."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        language = get_language() or "fr"
        obj = queryset.filter(**{f"slug_{language}": slug}).first()
        if obj is None:
            obj = queryset.filter(Q(slug_fr=slug)).first()
        if obj is None:
            raise Http404
        return obj
