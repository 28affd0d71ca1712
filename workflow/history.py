"""Revisions of every content model, kept by django-simple-history.

History is registered here, once modeltranslation (first of the installed apps) has added the
``*_fr`` / ``*_en`` columns to the models: a ``HistoricalRecords()`` declared in models.py would be
built before them and keep no translated text (django-simple-history's documentation and issue #209).
"""

import simple_history
import simple_history.models
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_noop
from simple_history.signals import post_create_historical_record

from core.content_types import registered

# django-simple-history's French catalogue reads "de l' objet" here; ours (LOCALE_PATHS come first) corrects it.
LIBRARY_STRINGS = [gettext_noop("Press the 'Revert' button below to revert to this version of the object.")]


def recorded_models():
    """Return ``{model label: many-to-many fields recorded}`` of the content types that keep revisions."""
    return {item.label: list(item.history.m2m_fields) for item in registered("history")}


def parts_of(model):
    """Return (part model, foreign key) of each part whose revisions go with ``model``'s (its inline rows).

    A part declares the key to its item (``History(parent="release")``); other keys pointing at ``model``
    (a release's ``related_agreement``) do not make rows of it.
    """
    found = []
    for item in registered("history"):
        name = item.history.parent
        if name:
            field = item.model._meta.get_field(name)
            if field.related_model is model:
                found.append((item.model, field))
    return found


def next_revision(record):
    """Return the revision of the same item that follows ``record``, or None when ``record`` is the latest."""
    key = record.instance_type._meta.pk.attname
    later = Q(history_date__gt=record.history_date) | Q(
        history_date=record.history_date, history_id__gt=record.history_id
    )
    return (
        type(record)
        ._default_manager.filter(later, **{key: getattr(record, key)})
        .order_by("history_date", "history_id")
        .first()
    )


def rows_at(part, fk, record):
    """Return the revisions of the ``part`` rows the item had at its revision ``record``, by row key.

    An admin save writes the item, then its inline rows: the rows of a version are those in place until the
    item's next revision (or now, for the latest one), not those already there when the version was saved.
    """
    item_key = getattr(record, record.instance_type._meta.pk.attname)
    revisions = part.history.filter(**{fk.attname: item_key})
    following = next_revision(record)
    if following is not None:
        revisions = revisions.filter(history_date__lt=following.history_date)
    key = part._meta.pk.attname
    order = [key if name == "pk" else name for name in part._meta.ordering or ["pk"]]
    latest = revisions.latest_of_each().exclude(history_type="-").order_by(*order)
    return {getattr(row, key): row for row in latest}


def untranslated_originals(model):
    """Return the original fields modeltranslation shadows (``title``): their column mirrors one language."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def register_history(models=None):
    """Register every content type keeping revisions with django-simple-history, translated columns included."""
    for label, m2m_fields in (models or recorded_models()).items():
        model = apps.get_model(label)
        simple_history.register(
            model,
            records_class=RevisionRecords,
            excluded_fields=untranslated_originals(model),
            m2m_fields=m2m_fields,
        )
    post_create_historical_record.connect(remember_revision, dispatch_uid="workflow.history.remember_revision")


# Columns every save rewrites: a save that changes only these is not a revision.
BOOKKEEPING = {"version", "updated_at", "updated_by", "updated_by_id", "fr_edited_at", "en_edited_at"}


class RevisionRecords(simple_history.models.HistoricalRecords):
    """Historical records that keep one row per save and none for a save that changed nothing.

    The admin saves the item, then its many-to-many fields: the second step refreshes the row of the
    first instead of adding a row of its own. A save with no change but bookkeeping (version, time
    stamps) refreshes those columns on the latest row, so the row of each version stays findable.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        instance._revision = None
        super().post_save(instance, created, using=using, **kwargs)

    def create_historical_record(self, instance, history_type, using=None):
        manager = getattr(instance, self.manager_name)
        latest = manager.order_by("-history_date", "-history_id").first() if history_type == "~" else None
        # A save with a reason (a revert) is a revision even when only its inline rows change.
        reason = getattr(instance, "_change_reason", None)
        if latest is not None and not reason and not self.changes_since(latest, instance):
            columns = {
                field.attname: getattr(instance, field.attname)
                for field in self.fields_included(instance)
                if field.attname in BOOKKEEPING
            }
            if columns:
                type(latest)._default_manager.filter(pk=latest.pk).update(**columns)
            instance._revision = None
            return
        super().create_historical_record(instance, history_type, using=using)

    def changes_since(self, record, instance):
        """Return whether ``instance`` differs from ``record`` in anything but bookkeeping."""
        for field in self.fields_included(instance):
            if field.attname not in BOOKKEEPING and getattr(record, field.attname) != getattr(instance, field.attname):
                return True
        for field in self.get_m2m_fields_from_model(type(instance)):
            if self.m2m_ids(record, field) != set(getattr(instance, field.name).values_list("pk", flat=True)):
                return True
        return False

    def m2m_ids(self, record, field):
        """Return the keys of the objects a historical ``record`` holds in the many-to-many ``field``."""
        rows = getattr(record, field.name).all()
        target = field.m2m_reverse_field_name()
        return {getattr(row, f"{target}_id") for row in rows}

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        revision = getattr(instance, "_revision", None)
        if revision is None or hasattr(instance, "skip_history_when_saving"):
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove", "post_clear"):
            # The many-to-many step of the save that made ``revision``: update that row's snapshot.
            for field in revision._history_m2m_fields:
                getattr(revision, field.name).all().delete()
            self.create_historical_record_m2ms(revision, instance)


def remember_revision(sender, instance, history_instance, **kwargs):
    """Keep on the saved object the revision its save made, for its many-to-many step."""
    instance._revision = history_instance
