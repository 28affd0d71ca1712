"""Reverting an item to one of its revisions: its own fields, its many-to-many fields and its inline rows.

The admin's revert form restores the item's fields and many-to-many choices (the form, so the same
validation and state rules as any change); ``restore_parts`` then gives the inline rows (contacts, quotes,
parties…) the values they had at that revision, in the same transaction. ``revert`` does the whole of it
for callers without a form (commands, tests). Every write asks the gate of workflow/permissions.py.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.fields import TranslationField
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_language

from . import permissions
from .compare import EMPTY, describe, display_value, m2m_keys
from .history import parts_of, rows_at, untranslated_originals


@dataclass
class PartRestore:
    """What restoring one inline table of an item takes: rows to delete, to give old values, to re-create."""

    part: type
    fk: models.ForeignKey
    delete: list = field(default_factory=list)  # current rows absent from the revision
    change: list = field(default_factory=list)  # (current row, values at the revision)
    create: list = field(default_factory=list)  # (key, values at the revision) of rows deleted since

    def actions(self):
        """Return the permission actions ("add", "change", "delete") this restore needs."""
        needed = {"delete": self.delete, "change": self.change, "add": self.create}
        return [action for action, rows in needed.items() if rows]


def restored_fields(part, fk):
    """Return the fields of ``part`` a restore writes: those its revisions keep, but the key and the parent."""
    kept = {name.attname for name in part.history.model._meta.fields}
    shadowed = set(untranslated_originals(part))
    return [
        column
        for column in part._meta.concrete_fields
        if column.attname in kept and not column.primary_key and column.name != fk.name and column.name not in shadowed
    ]


def values_of(record, columns):
    """Return ``{attname: value}`` of ``columns`` in the historical ``record``."""
    return {column.attname: getattr(record, column.attname) for column in columns}


def unique_columns(part, fk):
    """Return the columns a unique constraint of ``part`` ties to the parent (an issuer's organisation)."""
    names = set()
    for constraint in part._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names.update(name for name in constraint.fields if name != fk.name)
    return {part._meta.get_field(name).attname for name in names}


def missing_targets(part, values):
    """Return the names of the required foreign keys in ``values`` whose object no longer exists."""
    return [
        column
        for column in part._meta.concrete_fields
        if column.many_to_one
        and values.get(column.attname) is not None
        and not column.related_model._base_manager.filter(pk=values[column.attname]).exists()
    ]


def plan_parts(*, obj, record):
    """Return, per inline table of ``obj``, what restoring it to the revision ``record`` takes."""
    plans = []
    for part, fk in parts_of(type(obj)):
        columns = restored_fields(part, fk)
        unique = unique_columns(part, fk)
        then = {key: values_of(row, columns) for key, row in rows_at(part, fk, record).items()}
        plan = PartRestore(part, fk)
        for row in part._default_manager.filter(**{fk.attname: obj.pk}):
            old = then.pop(row.pk, None)
            if old is None:
                plan.delete.append(row)
            elif any(getattr(row, name) != value for name, value in old.items()):
                if any(getattr(row, name) != old[name] for name in unique):
                    # Moved onto another row's organisation (or person…): re-created, so no two rows clash midway.
                    plan.delete.append(row)
                    plan.create.append((row.pk, old))
                else:
                    plan.change.append((row, old))
        plan.create.extend(then.items())
        plans.append(plan)
    return plans


def check_parts(user, current, plans):
    """Refuse (PermissionDenied) a restore of rows ``user`` may not write in the item as it is now."""
    if not permissions.can_change(user, current):
        raise PermissionDenied
    for plan in plans:
        for action in plan.actions():
            if not permissions.can_change_part(user, action, plan.part, parent=current):
                raise PermissionDenied


def apply_parts(*, user, obj, plans):
    """Write the planned rows: deletions first (freeing unique values), then changes, then re-creations."""
    for plan in plans:
        for row in plan.delete:
            row._history_user = user
            row.delete()
    for plan in plans:
        for row, values in plan.change:
            for name, value in values.items():
                setattr(row, name, value)
            row._history_user = user
            row.save()
        for key, values in plan.create:
            values = dict(values)
            for column in missing_targets(plan.part, values):
                if not column.null:
                    break  # its organisation (or person) was deleted since: the row cannot come back
                values[column.attname] = None
            else:
                row = plan.part(pk=key, **{plan.fk.attname: obj.pk}, **values)
                row._history_user = user
                row.save(force_insert=True)


def restore_parts(*, user, obj, current, record):
    """Give the inline rows of ``obj`` the values they had at its revision ``record``.

    Rows added since are deleted, rows deleted since re-created with their old key, changed rows get their
    old values; each write leaves the row's own revision. ``current`` is the item as it was before the revert
    began (the gate judges it). Call it inside the transaction that saves ``obj``, after that save: the rows
    then belong to the revert's revision.
    """
    plans = plan_parts(obj=obj, record=record)
    check_parts(user, current, plans)
    apply_parts(user=user, obj=obj, plans=plans)


@dataclass
class PartPreview:
    """What an item holds in one inline table or many-to-many field at a revision, and how today differs.

    ``rows`` are the revision's rows as readable text, each with a note: "" (as today), "removed" (deleted
    since: a restore re-creates it) or "changed" (changed since: a restore gives it these values back).
    ``added`` are today's rows the revision did not have: a restore removes them.
    """

    label: str
    rows: list = field(default_factory=list)  # (text, note)
    added: list = field(default_factory=list)


def translated_text(row, name):
    """Return the translated field ``name`` of ``row`` in the active language, else in the first one filled."""
    active = get_language()
    for language in (active, *(code for code in AVAILABLE_LANGUAGES if code != active)):
        value = getattr(row, build_localized_fieldname(name, language), None)
        if value:
            return str(value)
    return ""


def row_text(row, fk):
    """Return an inline row, or a revision of one, as its values in words ("Une avancée. — Marie Curie").

    Translated values are read in the active language (the staff member's), related items by their names.
    """
    part = fk.model
    translated = set(untranslated_originals(part))
    skipped = {fk.name, *(name.lstrip("-") for name in part._meta.ordering)}
    texts = []
    for column in part._meta.concrete_fields:
        if column.primary_key or not column.editable or column.name in skipped or isinstance(column, TranslationField):
            continue
        text = translated_text(row, column.name) if column.name in translated else display_value(row, column)
        if text and text != EMPTY:
            texts.append(text)
    return " — ".join(texts) or EMPTY


def preview_parts(*, obj, record):
    """Return what the inline tables and many-to-many fields of ``obj`` hold at its revision ``record``.

    One ``PartPreview`` per table or field, marking what a restore brings back and what it removes; those
    empty then and now are left out.
    """
    previews = []
    for plan in plan_parts(obj=obj, record=record):
        recreated = {key for key, _values in plan.create}
        moved = {row.pk for row in plan.delete} & recreated  # re-created with other values (see plan_parts)
        changed = {row.pk for row, _values in plan.change} | moved
        preview = PartPreview(capfirst(plan.part._meta.verbose_name_plural))
        for key, revision in rows_at(plan.part, plan.fk, record).items():
            note = "changed" if key in changed else "removed" if key in recreated else ""
            preview.rows.append((row_text(revision, plan.fk), note))
        preview.added = [row_text(row, plan.fk) for row in plan.delete if row.pk not in recreated]
        if preview.rows or preview.added:
            previews.append(preview)
    for m2m in record._history_m2m_fields:
        then = set(m2m_keys(record, m2m))
        now = set(getattr(obj, m2m.name).values_list("pk", flat=True))
        names = {item.pk: str(item) for item in m2m.related_model._base_manager.filter(pk__in=then | now)}
        preview = PartPreview(capfirst(m2m.verbose_name))
        preview.rows = sorted((names[key], "" if key in now else "removed") for key in then if key in names)
        preview.added = sorted(names[key] for key in now - then if key in names)
        if preview.rows or preview.added:
            previews.append(preview)
    return previews


def restored_reason(record):
    """Return the reason a revert is recorded with: "Restored version of <date>"."""
    return gettext("Restored version of %(version)s") % {"version": describe(record, numbered=False)}


def revert(*, user, obj, record):
    """Revert ``obj`` to its revision ``record``: fields, many-to-many fields and inline rows, in one transaction.

    The gate decides on the item as it is now. The state stays as it is: a revision brings back its text, not
    its state (publishing and withdrawing, with what they set off, are workflow.transitions' job). Return the
    reverted object.
    """
    model = type(obj)
    with transaction.atomic():
        current = model._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
        restored = record.instance
        if permissions.is_publishable(model):
            restored.status = current.status
        if not permissions.can_save(user, model, current=current, new_status=getattr(restored, "status", None)):
            raise PermissionDenied
        if hasattr(current, "version"):
            restored.version = current.version  # counts on from today's version, never back
        if hasattr(current, "updated_by_id"):
            restored.updated_by = user
        restored._change_reason = restored_reason(record)
        restored._history_user = user
        restored._state.adding = False
        restored.save()
        for m2m in record._history_m2m_fields:
            target = m2m.m2m_reverse_field_name()
            getattr(restored, m2m.name).set([getattr(row, f"{target}_id") for row in getattr(record, m2m.name).all()])
        restore_parts(user=user, obj=restored, current=current, record=record)
    return restored
