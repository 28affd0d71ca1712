"""The content-type registry: what each content model takes part in, declared once by its own app.

Each app lists its models in a ``content_types.py`` module, imported when the apps are ready
(``autodiscover()``, as the admin finds ``admin.py``)::

    register(PressRelease, order=10, sitemap=Sitemap("press"), search=Search(...), api=Api(...), ...)

The site-wide features read the registry instead of keeping their own list of models: the sitemap
(inserm_cms.sitemaps), site search (search.engine), page metadata and feed links (search.metadata),
the open-data API routes (inserm_cms.api_urls), revisions (workflow.history), the admin dashboard
(workflow.dashboard) and the page cache's invalidation (pagecache.signals). Each feature lists the
registered types in ``order`` (a feature's own ``order`` wins), then in registration order.

This module imports no other app: a feature app declares its types with plain data and callables.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules, import_string

LAST = 1000  # the order of a type that gives none: after the types of the project


@dataclass(frozen=True)
class Sitemap:
    """A section of sitemap.xml listing the public items of the type."""

    section: str  # the section's key, as in /sitemap.xml?section=…
    order: int | None = None


@dataclass(frozen=True)
class SearchField:
    """A searched field: its weight ("A", most important, to "D") and whether it holds rich-text HTML."""

    name: str
    weight: str
    translated: bool = True
    rich: bool = False

    def column(self, language):
        return f"{self.name}_{language}" if self.translated else self.name

    @property
    def related(self):
        """Whether the field is read through a relation (``themes__name``): one text for all the related rows."""
        return "__" in self.name

    def value(self, obj, language):
        """Return the field's text in ``language`` for ``obj``; the related rows' texts joined by spaces."""
        if not self.related:
            return getattr(obj, self.column(language), "")
        relation, name = self.name.split("__", 1)
        column = f"{name}_{language}" if self.translated else name
        return " ".join(getattr(row, column) or "" for row in getattr(obj, relation).all())


@dataclass(frozen=True)
class Search:
    """A kind of site-search result: its key (the ``type`` filter), label and searched fields."""

    key: str
    label: str
    fields: tuple
    title: str | tuple  # the (translated) field giving the result's title, or untranslated fields joined by spaces
    snippet: tuple  # the fields a snippet is cut from
    date_field: str | None = None  # shown beside the result, and the order of the latest candidates
    year_lookup: str | None = None  # the lookup of the year filter; None: the type has no year
    # PostgreSQL: the table has the generated, indexed columns search_vector_fr/en (see search/migrations/0002).
    # Without them the vector is computed in the query: right, but slower on a large table.
    stored_vector: bool = False
    order: int | None = None
    # The translated field whose text in a language says the item has that language (default: the title);
    # where it is empty, visitors read and search the other language.
    language_field: str | None = None

    @property
    def title_fields(self):
        return (self.title,) if isinstance(self.title, str) else tuple(self.title)


@dataclass(frozen=True)
class Api:
    """An endpoint of the open-data API: its route prefix, viewset (dotted path) and route basename."""

    prefix: str
    viewset: str
    basename: str
    order: int | None = None

    def viewset_class(self):
        return import_string(self.viewset)


@dataclass(frozen=True)
class Feed:
    """A feed announced in the ``<head>`` of every page: MIME type, title, URL name."""

    mime_type: str
    title: str
    url_name: str


@dataclass(frozen=True)
class ObjectFeed:
    """A feed about one object of another type (a theme's releases), announced on that object's page."""

    about: type  # the model whose pages announce the feed
    mime_type: str
    title: Callable[[Any], str]  # obj -> title
    url: Callable[[Any], str]  # obj -> path


@dataclass(frozen=True)
class Metadata:
    """What the page of one item tells search engines and social networks (see search.metadata.PageMeta)."""

    title: str  # the field giving the title
    description: tuple  # the fields giving the description: the first non-empty wins
    og_type: str = "website"
    # obj -> (field file, text alternative, focal point (x, y) or None) or None. With a focal point og:image is the
    # 1 200 × 630 social card cut around it; without (a logo), the image whole, resized.
    image: Callable[[Any], tuple | None] | None = None
    published: Callable[[Any], Any] | None = None  # obj -> the moment it came out
    structured_data: Callable[[Any], dict | None] | None = None  # PageMeta -> schema.org object


@dataclass(frozen=True)
class History:
    """Revisions kept by django-simple-history (its table comes from the app's migration)."""

    m2m_fields: tuple = ()  # the many-to-many fields whose changes the revisions record too
    # A part's foreign key to the item it belongs to (a contact's "release"): its rows are the item's inline
    # rows, compared and restored with the item's revisions. None for an item of its own.
    parent: str | None = None


@dataclass(frozen=True)
class Dashboard:
    """A place on the admin index: items waiting for review, scheduled, missing a translation."""

    order: int | None = None
    # today -> {key: rows}: extra sections of the type (the template shows each key it knows).
    sections: Callable[[Any], dict] | None = None


@dataclass(frozen=True)
class Registration:
    """One content model and everything it takes part in."""

    model: type
    order: int = LAST
    reference: bool = False  # reference data: every row public; else ``model.objects.live()`` is
    sitemap: Sitemap | None = None
    search: Search | None = None
    api: Api | None = None
    metadata: Metadata | None = None
    feeds: tuple = field(default=())  # Feed and ObjectFeed
    history: History | None = None
    dashboard: Dashboard | None = None

    @property
    def label(self):
        return self.model._meta.label

    def public(self):
        """Return the rows the public may see."""
        manager = self.model.objects
        return manager.all() if self.reference else manager.live()


FEATURES = ("sitemap", "search", "api", "metadata", "feeds", "history", "dashboard")

_registry = {}
_discovered = False
_app_labels = None  # app_labels(), computed again after each change to the registry


def register(model, **options):
    """Declare what ``model`` takes part in; return its registration."""
    if model in _registry:
        raise ImproperlyConfigured(f"{model._meta.label} is registered as a content type already.")
    global _app_labels
    registration = Registration(model, **options)
    _registry[model] = registration
    _app_labels = None
    return registration


def unregister(model):
    """Forget ``model`` (tests registering a type of their own)."""
    global _app_labels
    _registry.pop(model, None)
    _app_labels = None


def autodiscover():
    """Import the ``content_types`` module of every installed app, once."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("content_types")


def registered(feature=None):
    """Return the registrations taking part in ``feature`` (every one when None), in that feature's order."""
    if feature is not None and feature not in FEATURES:
        raise ValueError(f"Unknown feature {feature!r}: one of {', '.join(FEATURES)}.")
    autodiscover()
    found = [(index, item) for index, item in enumerate(_registry.values()) if not feature or getattr(item, feature)]

    def position(pair):
        index, item = pair
        own = getattr(getattr(item, feature, None), "order", None) if feature else None
        return (item.order if own is None else own, index)

    return [item for _index, item in sorted(found, key=position)]


def app_labels():
    """Return the labels of the apps that register content types (read on every write by the page cache)."""
    global _app_labels
    autodiscover()
    if _app_labels is None:
        _app_labels = frozenset(item.model._meta.app_label for item in _registry.values())
    return _app_labels


def for_model(model):
    """Return the registration of ``model`` (a class or an instance), or None."""
    autodiscover()
    return _registry.get(model if isinstance(model, type) else type(model))


def check_registrations(app_configs=None, **kwargs):
    """Report registrations naming a field the model lacks, or a key another type uses already."""
    from django.core.checks import Error
    from django.core.exceptions import FieldDoesNotExist

    errors = []

    def error(item, message, number):
        errors.append(Error(f"Content type {item.label}: {message}", obj=item.model, id=f"core.E{number:03}"))

    def missing(item, names):
        for name in names:
            try:
                item.model._meta.get_field(name.split("__")[0])
            except FieldDoesNotExist:
                yield name

    for item in registered():
        if (item.sitemap or item.search) and not item.reference and not hasattr(item.model.objects, "live"):
            error(item, "its manager has no live() to tell the public rows (or declare it reference=True).", 1)
        if item.search:
            search = item.search
            fields = [field.name for field in search.fields] + [*search.title_fields, *search.snippet]
            fields += [name for name in (search.date_field, search.language_field) if name]
            for name in missing(item, fields):
                error(item, f"search names the field {name!r}, which the model lacks.", 2)
        if item.metadata:
            for name in missing(item, [item.metadata.title, *item.metadata.description]):
                error(item, f"metadata names the field {name!r}, which the model lacks.", 3)
        if item.history:
            parent = (item.history.parent,) if item.history.parent else ()
            for name in missing(item, (*item.history.m2m_fields, *parent)):
                error(item, f"history names the field {name!r}, which the model lacks.", 4)
    for feature, key in (("sitemap", "section"), ("search", "key"), ("api", "prefix")):
        seen = {}
        for item in registered(feature):
            value = getattr(getattr(item, feature), key)
            if value in seen:
                error(item, f"its {feature} {key} {value!r} is {seen[value]}'s already.", 5)
            seen.setdefault(value, item.label)
    return errors
