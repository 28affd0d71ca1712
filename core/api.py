"""Shared pieces of the read-only open-data API: bilingual fields, pagination, lookup, throttle, CSV."""

import functools
import hashlib
import math
import operator

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from . import fragments
from .clientip import client_ip
from .derived import until_change
from .i18n import page_urls
from .together import rows_only

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


# Schema components: what the bilingual fields look like in the OpenAPI document.


class TranslatedText(serializers.Serializer):
    """A text in each language; null where it has not been written in that language."""

    fr = serializers.CharField(allow_null=True, help_text=_("French text."))
    en = serializers.CharField(allow_null=True, help_text=_("English text."))


class TranslatedHtml(serializers.Serializer):
    """Sanitised HTML in each language; null where it has not been written in that language."""

    fr = serializers.CharField(allow_null=True, help_text=_("French HTML (sanitised)."))
    en = serializers.CharField(allow_null=True, help_text=_("English HTML (sanitised)."))


class PageUrls(serializers.Serializer):
    """The absolute address of the public page in each language."""

    fr = serializers.URLField(help_text=_("French page."))
    en = serializers.URLField(help_text=_("English page."))


class Error(serializers.Serializer):
    """An error: ``detail`` for the request as a whole, or a list of messages per parameter name."""

    detail = serializers.CharField(required=False)


# Serializer fields.


def translations(obj, name):
    """Return ``{"fr": …, "en": …}`` read from the language columns of ``name``, empty text as null."""
    return {language: getattr(obj, f"{name}_{language}", None) or None for language in LANGUAGES}


@extend_schema_field(TranslatedText)
class TranslatedField(serializers.Field):
    """Read a modeltranslation field as ``{"fr": …, "en": …}``, from its ``*_fr`` / ``*_en`` columns."""

    def __init__(self, name=None, **kwargs):
        self.translated_name = name
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.translated_name = self.translated_name or field_name

    def to_representation(self, value):
        return translations(value, self.translated_name)


@extend_schema_field(TranslatedHtml)
class TranslatedHtmlField(TranslatedField):
    """Read a rich-text modeltranslation field as HTML in each language (stored sanitised: see core.richtext)."""

    def to_representation(self, value):
        return {language: text or None for language, text in super().to_representation(value).items()}


@extend_schema_field(PageUrls)
class PageUrlsField(serializers.Field):
    """Give the absolute address of the object's public page in each language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return page_urls(value, request=self.context.get("request"))


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class AbsoluteFileField(serializers.Field):
    """Give the absolute address of an uploaded file, or null when there is none."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None

    def to_representation(self, value):
        request = self.context.get("request")
        url = value.url
        return request.build_absolute_uri(url) if request else url


@extend_schema_field(TranslatedText)
class ChoiceLabelField(serializers.Field):
    """Give the label of a choice field's value in each language."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        label = self.labels.get(value)
        result = {}
        for language in LANGUAGES:
            with override(language):
                result[language] = str(label) if label is not None else None
        return result


class Country(serializers.Serializer):
    """An ISO 3166-1 country: its code and its name in each language."""

    code = serializers.CharField(help_text=_("ISO 3166-1 alpha-2 code."))
    name = TranslatedText()


@extend_schema_field(Country)
class CountryField(serializers.Field):
    """Read a django-countries field as ``{"code": "FR", "name": {"fr": "France", "en": "France"}}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        names = {}
        for language in LANGUAGES:
            with override(language):
                names[language] = str(value.name) or None
        return {"code": value.code, "name": names}


# Filters.


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """Filter on a year given as a whole number from 1 to 9999 (anything else is a 400 naming the parameter)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


# Pagination.


def positive_int(request, name):
    """Return the query parameter ``name`` as a positive integer, None when absent; refuse anything else."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: [_("Give a whole number, 1 or more.")]})
    return int(raw)


class CountedOncePaginator(Paginator):
    """A paginator whose count is kept until content changes, under ``count_key`` (the list and its filters).

    Counting every live press release took 230 ms of each API request at 100 000 releases; the set a list's
    filters select only changes when content is written or a scheduled time comes (``core.derived``).
    """

    count_key = None

    @property
    def count(self):
        if "_count" not in self.__dict__:
            counted = functools.partial(Paginator.count.func, self)
            self._count = counted() if self.count_key is None else until_change(self.count_key, counted)
        return self._count


def count_key(request):
    """Return the key of a list's count: its path and filters (every parameter but the page and the format)."""
    skipped = {"page", "page_size", "format"}
    filters = sorted(
        (name, value) for name, values in request.query_params.lists() if name not in skipped for value in values
    )
    digest = hashlib.sha256(repr((request.path, filters)).encode()).hexdigest()
    return f"api-count:{digest}"


class ApiPagination(PageNumberPagination):
    """Number the pages from 1; a page size up to 100; a bad ``page`` or ``page_size`` is a 400 naming it."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    count_key = None

    def django_paginator_class(self, object_list, per_page):
        paginator = CountedOncePaginator(object_list, per_page)
        paginator.count_key = self.count_key
        return paginator

    def paginate_queryset(self, queryset, request, view=None):
        self.count_key = count_key(request)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        size = positive_int(request, self.page_size_query_param)
        return min(size, self.max_page_size) if size else self.page_size

    def get_page_number(self, request, paginator):
        return positive_int(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Page number, from 1.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Results per page: 20 unless given, 100 at most.")),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


# Throttle.


class AnonThrottle(AnonRateThrottle):
    """Limit anonymous clients per address and fixed window, at the rate read from the settings on each request.

    Each request adds one to a counter per client and window with the cache's atomic ``add`` and
    ``incr`` (INCR on Redis), so parallel requests cannot overshoot the limit. Without Redis each
    process counts alone (the limit is then per gunicorn worker). While the cache is down nothing is
    counted and requests are let through (fail open: the API stays up, unthrottled; see docs/ops.md).

    The address is the one the login lockout counts (``core.clientip``): a proxy header is
    read only when a trusted proxy sent it, never from a visitor reaching the site directly.
    """

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.get_cache_key(request, view)}:{window}"
        try:
            self.cache.add(key, 0, self.duration + 1)
            count = self.cache.incr(key)
        except ValueError:  # evicted between add and incr: count this request alone
            count = 1
        if count is None:  # the cache is down (inserm_cms.cache): fail open
            return True
        return count <= self.num_requests

    def wait(self):
        return max(1, math.ceil(self.window_ends - self.now))

    def get_cache_key(self, request, view):
        # The API authenticates no one (REST_FRAMEWORK): every client is counted by address, a DRF request
        # or, on a page-cache hit, a plain Django one alike.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        return client_ip(request)


def count_cached_request(request):
    """Count an API request the page cache answers against the anonymous throttle; False over the limit.

    Named by the API's responses (``page_cache_check``): refused, the request goes on to the view, whose
    throttle answers the 429 with its ``Retry-After``.
    """
    return AnonThrottle().allow_request(request, view=None)


# Viewsets.

MAX_ID = 2**63 - 1  # the largest primary key a database column holds


def list_schema(serializer_class, *, csv=False, description=""):
    """Describe a list operation: its results, its errors and, when it has one, its CSV export."""
    if not csv:
        return extend_schema(
            responses={200: serializer_class(many=True), 400: Error, 404: Error}, description=description
        )
    json = "application/json"
    responses = {
        (200, json): serializer_class(many=True),
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=str(_("The whole filtered list as CSV."))),
        (400, json): Error,
        (404, json): Error,
    }
    return extend_schema(responses=responses, description=description)


def detail_schema(serializer_class, *, slug=True, csv=False):
    """Describe a detail operation, looked up by id (or slug) of a live object."""
    description = _("Look up by numeric id, or by the French or English slug.") if slug else _("Look up by numeric id.")
    json = "application/json"
    responses = {(200, json): serializer_class, (404, json): Error}
    if csv:
        responses[(200, "text/csv")] = OpenApiResponse(
            OpenApiTypes.STR, description=str(_("The object as one CSV row."))
        )
    return extend_schema(
        parameters=[
            OpenApiParameter("lookup", str if slug else int, OpenApiParameter.PATH, description=str(description))
        ],
        responses=responses,
    )


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail only, looked up by numeric id or, when ``slug_lookup``, by a slug in either language."""

    pagination_class = ApiPagination
    throttle_classes = [AnonThrottle]
    lookup_url_kwarg = "lookup"
    lookup_value_regex = r"[^/]+"  # any text: an id, a slug, or something that finds nothing (a JSON 404)
    slug_lookup = True

    # Keep each item's representation in the fragment cache (core.fragments), as the pages keep their cards: a
    # list page then reads the ids of its rows and serializes only the items not kept. Only for serializers whose
    # output depends on nothing but the item, the language and the site's address (absolute URLs).
    kept_representations = False

    def list(self, request, *args, **kwargs):
        if not (self.kept_representations and fragments.enabled()):
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(rows_only(queryset).values_list("pk", flat=True))
        if page is None:  # unpaginated (a CSV export): every row, serialized
            return super().list(request, *args, **kwargs)
        serializer_class = self.get_serializer_class()
        address = (serializer_class.__qualname__, request.scheme, request.get_host())
        loaded = {}

        def load(pks):
            loaded.update((obj.pk, obj) for obj in queryset.filter(pk__in=pks))

        def represent(pk):
            return self.get_serializer(loaded[pk]).data

        keyed = [(("api", *address, pk), pk) for pk in page]
        return self.get_paginated_response(fragments.cached_fragments(keyed, represent, prepare=load))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Served from the page cache like the pages, each hit still counted against the anonymous throttle.
        response.page_cache_check = "core.api.count_cached_request"
        return response

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset())
        value = self.kwargs[self.lookup_url_kwarg]
        conditions = []
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            conditions.append(Q(pk=int(value)))
        if self.slug_lookup:
            conditions += [Q(slug_fr=value), Q(slug_en=value)]
        if not conditions:
            raise Http404
        condition = functools.reduce(operator.or_, conditions)
        # An id wins over a slug that happens to be all digits.
        matches = sorted(queryset.filter(condition), key=lambda obj: str(obj.pk) != value)
        if not matches:
            raise Http404
        obj = matches[0]
        self.check_object_permissions(self.request, obj)
        return obj
