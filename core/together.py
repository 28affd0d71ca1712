"""Load several relations of the same objects in one SQL query instead of one ``prefetch_related`` query each.

Each relation (a ``Part``) is a table of rows pointing at the objects: child rows (a release's issuers, an
agreement's objectives) or the rows of a many-to-many table (a release's themes). The rows of every part
come in one ``UNION ALL``, each row as a JSON object of its columns, and are attached where the templates and
serializers read them (``obj.issuers.all()``, ``obj.themes.all()`` or a ``to_attr`` list). What a row points
at (the theme, the organisation) comes from ``targets``: a ``{pk: object}`` mapping kept until content changes
(the themes, the live organisations), so it costs no query on most requests.

    class PressReleaseQuerySet(TogetherQuerySet):
        def for_listing(self):
            return self.together(Part.many_to_many("themes", ...), Part.children("issuers", ...))
"""

import datetime
import json
from collections import defaultdict

from django.conf import settings
from django.db import connections, models
from django.db.models.functions import JSONObject
from django.utils import timezone


class Part:
    """One relation of the objects, loaded from the rows of ``model`` (the table that points at them).

    ``parent``: the column of ``model`` holding the object's id. ``target``: the column pointing at what the
    relation shows, resolved through ``targets()`` (``{pk: object}``, in the order the page lists them); a
    target missing from it is fetched (``fallback``) so that a preview of unpublished content still shows it.
    ``attach``: ``"prefetch"`` to answer ``obj.<name>.all()``, ``"attr"`` for a plain list in ``obj.<name>``.
    """

    def __init__(
        self, name, model, parent, *, target=None, targets=None, fallback=None, builds=False, attach="prefetch"
    ):
        self.name = name
        self.model = model
        self.parent = parent
        self.target = target
        self.targets = targets
        self.fallback = fallback
        self.builds = builds
        self.attach = attach

    @classmethod
    def many_to_many(cls, name, descriptor, *, targets, fallback=None, attach="prefetch"):
        """Return the part of a many-to-many field (``PressRelease.themes``), its targets from ``targets()``."""
        field = descriptor.field
        return cls(
            name,
            descriptor.through,
            f"{field.m2m_field_name()}_id",
            target=f"{field.m2m_reverse_field_name()}_id",
            targets=targets,
            fallback=fallback,
            attach=attach,
        )

    @classmethod
    def children(cls, name, model, parent, *, related=None, targets=None, fallback=None):
        """Return the part of ``model``'s rows (in ``position`` order), ``related`` (a foreign key) resolved."""
        return cls(
            name,
            model,
            parent,
            target=related,
            targets=targets,
            fallback=fallback,
            builds=True,
        )

    def queryset(self, ids):
        """Return ``(rows, columns)``: the rows of this part for objects ``ids``, with the columns to read."""
        rows = self.model._default_manager.filter(**{f"{self.parent}__in": ids}).order_by()
        if self.builds:
            return rows, [field.attname for field in rows.model._meta.concrete_fields]
        return rows, [self.parent, self.target]

    def resolve(self, rows, model, using):
        """Return ``{parent id: [objects]}`` for the JSON ``rows`` of this part."""
        column = model._meta.get_field(self.target).attname if self.builds and self.target else self.target
        found = self.targets() if self.targets else {}
        missing = {row[column] for row in rows} - {None} - set(found) if column else set()
        if missing and self.fallback is not None:
            found = {**found, **self.fallback(missing)}
        grouped = defaultdict(list)
        if self.builds:
            field = model._meta.get_field(self.target) if self.target else None
            for row in rows:
                obj = build(model, row, using)
                if field is not None:
                    field.set_cached_value(obj, found.get(row[column]))
                grouped[row[self.parent]].append(obj)
            for objects in grouped.values():
                objects.sort(key=lambda obj: (getattr(obj, "position", 0), obj.pk))
            return grouped
        rank = {pk: index for index, pk in enumerate(found)}
        for row in rows:
            target = found.get(row[column])
            if target is not None:  # not among the targets (an expert who is no longer listed): left out
                grouped[row[self.parent]].append(target)
        for objects in grouped.values():
            objects.sort(key=lambda obj: rank[obj.pk])
        return grouped

    def store(self, obj, objects):
        if self.attach == "attr":
            setattr(obj, self.name, objects)
            return
        queryset = getattr(obj, self.name).all()
        queryset._result_cache = objects
        queryset._prefetch_done = True
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[self.name] = queryset


def build(model, row, using):
    """Return the ``model`` instance of a JSON row (its columns converted as the database would give them)."""
    fields = model._meta.concrete_fields
    values = []
    for field in fields:
        value = field.to_python(row.get(field.attname))
        if isinstance(value, datetime.datetime) and settings.USE_TZ and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)  # SQLite's JSON holds the UTC time without offset
        values.append(value)
    return model.from_db(using, [field.attname for field in fields], values)


def load_together(objects, parts, using="default"):
    """Attach every part's rows to ``objects`` (model instances of one model) in one query."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects or not parts:
        return
    ids = [obj.pk for obj in objects]
    branches, params, models_by_part = [], [], []
    connection = connections[using]
    for index, part in enumerate(parts):
        rows, columns = part.queryset(ids)
        selected = rows.values_list(JSONObject(**{column: column for column in columns}))
        sql, branch_params = selected.query.sql_with_params()
        branches.append(f"SELECT {index} AS part, part_row.* FROM ({sql}) part_row")
        params.extend(branch_params)
        models_by_part.append(rows.model)
    found = [[] for _ in parts]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        for index, row in cursor.fetchall():
            found[index].append(json.loads(row) if isinstance(row, str | bytes) else row)
    for part, rows, model in zip(parts, found, models_by_part, strict=True):
        grouped = part.resolve(rows, model, using)
        parent = next((field for field in model._meta.concrete_fields if field.attname == part.parent), None)
        for obj in objects:
            children = grouped.get(obj.pk, [])
            if part.builds and parent is not None:
                for child in children:  # child.release: the object itself, as a prefetch would give it
                    parent.set_cached_value(child, obj)
            part.store(obj, children)


class TogetherQuerySet(models.QuerySet):
    """A queryset that loads its ``together(...)`` parts with the objects: one more query, whatever their number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._together = ()

    def together(self, *parts):
        """Return a copy that loads ``parts`` (``Part``) of each object it fetches, in one query.

        ``together(None)`` clears the parts, like ``prefetch_related(None)``.
        """
        clone = self._chain()
        clone._together = () if parts == (None,) else (*self._together, *parts)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._together = self._together
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if not fetched and self._together and issubclass(self._iterable_class, models.query.ModelIterable):
            load_together(self._result_cache, self._together, using=self.db)


def rows_only(queryset):
    """Return ``queryset`` without what it loads besides its own rows (joined rows, ``together`` parts, prefetches)."""
    rows = queryset.select_related(None).prefetch_related(None)
    return rows.together(None) if isinstance(rows, TogetherQuerySet) else rows
