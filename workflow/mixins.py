"""The abstract bases content models compose: each one concept, asked for by type (``issubclass``).

``Publishable`` is what every piece of content going through the editorial workflow inherits: a draft
state with its schedule, authorship, an optimistic-lock version, per-language translation tracking and
filled slugs. A model that needs only some of them takes only those.
"""

import functools
import hashlib
import operator
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import date_range_constraint, validate_date_range
from core.richtext import RichTextField, sanitize_html
from core.slugs import missing_slugs

from .states import DEFAULT_TIME_ZONE, PublishableQuerySet, Status, validate_time_zone

LANGUAGES = ("fr", "en")


def translated_field_names(model):
    """Return the translated fields that make up the text of ``model`` (its slugs excepted)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(name for name in options.fields if name != "slug")


def other_language(language):
    return "en" if language == "fr" else "fr"


def tracked_parts(model):
    """Return ``(part model, foreign key)`` of each kind of inline row of ``model`` tracked per field (``TrackedPart``).

    In the order the models declare them; a part's key to its item is the one its ``item_field`` names.
    """
    return [
        (relation.related_model, relation.field)
        for relation in model._meta.related_objects
        if isinstance(relation.related_model, type)
        and issubclass(relation.related_model, TrackedPart)
        and relation.field.name == relation.related_model.item_field
    ]


def item_model(model):
    """Return the model of the item whose permissions govern ``model``: its parent for an inline row, else itself."""
    if issubclass(model, TrackedPart):
        return model._meta.get_field(model.item_field).related_model
    return model


def _rows_where(part, fk, condition):
    return Q(Exists(part._default_manager.filter(condition, **{fk.name: OuterRef("pk")})))


def stale_translation_q(language="en", model=None):
    """Return the condition matching rows with a ``language`` field whose source changed since it was confirmed.

    Given the ``model``, an item also matches when one of its inline rows (a quote, a party's role) has one.
    """
    condition = Q(**{f"{language}_stale": True})
    for part, fk in tracked_parts(model) if model is not None else ():
        condition |= _rows_where(part, fk, Q(**{f"{language}_stale": True}))
    return condition


def blank_q(column):
    """Return the condition matching an empty (or blank) text column."""
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__regex": r"^\s*$"})


def missing_translation_q(model, language="en"):
    """Return the condition matching items with a ``language`` field still to translate, or None if none can be.

    An item's required fields empty in ``language``, or an inline row's field with text in the other language
    only.
    """
    conditions = [blank_q(f"{name}_{language}") for name in getattr(model, "translation_required", ())]
    conditions += [_rows_where(part, fk, part.missing_q(language)) for part, fk in tracked_parts(model)]
    return functools.reduce(operator.or_, conditions) if conditions else None


def source_digest(text):
    """Return the short hash a translation records of the source text it was confirmed against."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def slug_constraints(model_name):
    """Return the per-language uniqueness constraints of a translated slug."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{language}"],
            condition=Q(**{f"slug_{language}__gt": ""}),
            name=f"{model_name}_unique_slug_{language}",
            violation_error_message=_("Another item already uses this address (slug) in this language."),
        )
        for language in LANGUAGES
    ]


def one_language_constraint(model_name, field="title"):
    """Return the rule that ``field`` has text in French or in English: either may be the only one."""
    has_text = [Q(**{f"{field}_{language}__gt": "", f"{field}_{language}__isnull": False}) for language in LANGUAGES]
    messages = {
        "title": _("Enter a title in French or in English (either may be the only one)."),
        "name": _("Enter a name in French or in English (either may be the only one)."),
    }
    return models.CheckConstraint(
        condition=has_text[0] | has_text[1],
        name=f"{model_name}_{field}_in_one_language",
        violation_error_message=messages[field],
    )


class TranslatedModel(models.Model):
    """Abstract base of a model with modeltranslation fields: says which translations are still missing."""

    # Translated fields whose English version a complete translation must have.
    translation_required = ()

    class Meta:
        abstract = True

    def missing_translations(self, language="en"):
        """Return the verbose names of required fields still empty in ``language``."""
        missing = []
        for name in self.translation_required:
            if not (getattr(self, f"{name}_{language}", "") or "").strip():
                missing.append(str(self._meta.get_field(name).verbose_name))
        return missing


class DraftState(models.Model):
    """Abstract base of content that is a draft, in review or published, on a schedule in its own time zone.

    ``Model.objects.live()`` is what the public may see; the transitions of ``workflow.transitions`` are
    the only functions that change the state. Adds the "publish" permission.
    """

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True)
    # Indexed: the page cache looks up the next scheduled change on every content write.
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_date_range],
        help_text=_("Go-live time, also the end of any embargo. Empty: as soon as published."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"), null=True, blank=True, db_index=True, validators=[validate_date_range]
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The time zone of the publish and unpublish times, as typed and as shown."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        default_permissions = ("add", "change", "delete", "view", "publish")
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(unpublish_at__gt=models.F("publish_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=_("The unpublish time must come after the publish time."),
            ),
            date_range_constraint("publish_at", "%(app_label)s_%(class)s_publish_at_range", moment=True),
            date_range_constraint("unpublish_at", "%(app_label)s_%(class)s_unpublish_at_range", moment=True),
        ]

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def after_withdrawal(self, *, user=None):
        """Undo what publication allowed besides the public page, once the object is back to draft or review."""

    def publish_as_update(self, *, user=None):
        """Publish this object by writing it into the published object it updates; return False if it updates none."""
        return False


class Authored(models.Model):
    """Abstract base of a model that records who created it and who last changed it, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Locked(models.Model):
    """Abstract base of a model edited under an optimistic lock: each save counts one more ``version``.

    A form carries the version it was opened at; the admin refuses a save when the row has moved on since.
    """

    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)


class SlugFilled(models.Model):
    """Abstract base of a model with per-language slugs (``slug_fr``, ``slug_en``): an empty one is filled on save.

    The slug comes from ``slug_source`` ("title" or "name") in the same language.
    """

    slug_source = "title"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slugs()
        super().save(*args, **kwargs)

    def fill_slugs(self):
        """Fill each empty per-language slug from the title (or name) in the same language."""
        if not hasattr(self, "slug_fr"):
            return
        source = self.slug_source
        values = {
            f"{name}_{language}": getattr(self, f"{name}_{language}", None)
            for name in ("slug", source)
            for language in LANGUAGES
        }
        max_length = self._meta.get_field("slug_fr").max_length
        for name, slug in missing_slugs(values, max_length=max_length, sources=(source,)).items():
            setattr(self, name, slug)


class FieldTracked(models.Model):
    """Abstract base of a model whose translated fields each record the source text their translation matches.

    ``translation_sources`` keeps, per field and language ("lead_en"), the hash of the other language's text
    the translation was last confirmed against; ``fr_stale`` and ``en_stale`` flag a language with a field
    whose source changed since (queryable with ``stale_translation_q``).
    """

    # Per translated field and language ("lead_en"): the hash of the other language's text it was last
    # confirmed against. A field is stale when that text has changed since (see track_translations).
    translation_sources = models.JSONField(_("translation confirmations"), default=dict, blank=True, editable=False)
    fr_stale = models.BooleanField(_("French translation out of date"), default=False, editable=False)
    en_stale = models.BooleanField(_("English translation out of date"), default=False, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.track_translations()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "translation_sources", "fr_stale", "en_stale"}
        super().save(*args, **kwargs)
        self._loaded_texts = self.texts_by_language()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Keep the row as loaded; its texts are read from it only if the object is saved (loaded_texts).
        instance._loaded_row = (field_names, values)
        return instance

    def texts_by_language(self):
        """Return, per language, the values of the translated text fields (rich text as it will be stored)."""
        texts = {}
        for language in LANGUAGES:
            values = []
            for name in translated_field_names(type(self)):
                value = self.__dict__.get(f"{name}_{language}")
                if isinstance(self._meta.get_field(name), RichTextField):
                    value = sanitize_html(value)
                values.append(value or "")
            texts[language] = tuple(values)
        return texts

    def loaded_texts(self):
        """Return the texts per language as loaded from the database or last saved, or None for a new object.

        Rich text is stored sanitised (it is sanitised on every write), so the loaded values are compared as is.
        """
        if "_loaded_texts" not in self.__dict__:
            row = self.__dict__.get("_loaded_row")
            if row is None:
                return None
            loaded = dict(zip(*row, strict=True))
            names = translated_field_names(type(self))
            self._loaded_texts = {
                language: tuple(loaded.get(f"{name}_{language}") or "" for name in names) for language in LANGUAGES
            }
        return self._loaded_texts

    def track_translations(self):
        """Record, per field, the source text each translation is confirmed against; flag the stale languages.

        A translation typed or changed in a save is confirmed against the other language as saved with it,
        so writing both languages in one save flags nothing. A field whose source changed while it did
        not becomes stale. A field empty in either language is missing, not stale, and its record is dropped.
        Rows saved before this tracking existed are taken as confirmed against the text loaded before the save.
        """
        names = translated_field_names(type(self))
        current = self.texts_by_language()
        loaded = self.loaded_texts()
        sources = dict(self.translation_sources or {})
        for index, name in enumerate(names):
            for language in LANGUAGES:
                other = other_language(language)
                key, other_key = f"{name}_{language}", f"{name}_{other}"
                target, source = current[language][index], current[other][index]
                if not target or not source:
                    sources.pop(key, None)
                    continue
                changed = loaded is None or loaded[language][index] != target
                if changed:
                    was_stale = key in sources and loaded and sources[key] != source_digest(loaded[other][index])
                    sources[key] = source_digest(source)
                    if was_stale and loaded[other][index] == source:
                        # A stale translation brought up to date: it does not make its source stale.
                        sources[other_key] = source_digest(target)
                elif key not in sources:
                    sources[key] = source_digest(loaded[other][index] or source)
        self.translation_sources = sources
        stale = self.stale_fields()
        self.fr_stale = any(language == "fr" for _name, language in stale)
        self.en_stale = any(language == "en" for _name, language in stale)

    def stale_fields(self):
        """Return ``(field, language)`` for each translation whose source changed since it was confirmed."""
        current = self.texts_by_language()
        stale = []
        for index, name in enumerate(translated_field_names(type(self))):
            for language in LANGUAGES:
                other = other_language(language)
                recorded = (self.translation_sources or {}).get(f"{name}_{language}")
                if recorded and current[language][index] and recorded != source_digest(current[other][index]):
                    stale.append((name, language))
        return stale

    def stale_translations(self):
        """Return the languages with at least one stale field."""
        return [language for language in LANGUAGES if any(lang == language for _name, lang in self.stale_fields())]

    def confirm_translation(self, name, language):
        """Record the ``language`` text of field ``name`` as still matching the other language's current text."""
        source = self.texts_by_language()[other_language(language)][translated_field_names(type(self)).index(name)]
        if source and (self.__dict__.get(f"{name}_{language}") or ""):
            self.translation_sources = {**(self.translation_sources or {}), f"{name}_{language}": source_digest(source)}

    def confirmed_source_text(self, name, language):
        """Return the source text the ``language`` translation of ``name`` was confirmed against, from history."""
        recorded = (self.translation_sources or {}).get(f"{name}_{language}")
        history = getattr(self, "history", None)
        if not recorded or history is None:
            return None
        column = f"{name}_{other_language(language)}"
        rich = isinstance(self._meta.get_field(name), RichTextField)
        for text in history.order_by("-history_date").values_list(column, flat=True)[:200]:
            if source_digest(sanitize_html(text) if rich else (text or "")) == recorded:
                return text or ""
        return None


class TranslationTracked(TranslatedModel, FieldTracked):
    """Abstract base of a model that tracks its translation per field and language.

    Records when each language's text was last edited (``fr_edited_at``, ``en_edited_at``) besides, per field,
    which source text each translation was confirmed against (``FieldTracked``). Its inline rows with
    translated text are ``TrackedPart`` rows, tracked the same way.
    """

    fr_edited_at = models.DateTimeField(_("French text last edited"), null=True, blank=True, editable=False)
    en_edited_at = models.DateTimeField(_("English text last edited"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        edited = self.stamp_edited_languages()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(f"{language}_edited_at" for language in edited)}
        super().save(*args, **kwargs)

    def stamp_edited_languages(self, now=None):
        """Set ``fr_edited_at`` / ``en_edited_at`` for each language whose text changed; return those languages."""
        now = now or timezone.now()
        loaded = self.loaded_texts()
        edited = []
        for language, values in self.texts_by_language().items():
            changed = any(values) if loaded is None else values != loaded[language]
            if changed:
                setattr(self, f"{language}_edited_at", now)
                edited.append(language)
        return edited


class TrackedPart(FieldTracked):
    """Abstract base of an inline row with translated text (a quote, a party's role, an objective).

    Its fields are tracked like its item's, each against its own source, so a stale quote is that quote's
    field, not "the French changed" on the whole item. A field is missing when only the other language has
    text. ``item_field`` names the foreign key to the item the row belongs to.
    """

    item_field = ""

    class Meta:
        abstract = True

    @property
    def item(self):
        return getattr(self, self.item_field)

    @classmethod
    def missing_q(cls, language="en"):
        """Return the condition matching rows with a field that has text in the other language only."""
        other = other_language(language)
        return functools.reduce(
            operator.or_,
            [~blank_q(f"{name}_{other}") & blank_q(f"{name}_{language}") for name in translated_field_names(cls)],
        )

    def missing_fields(self, language="en"):
        """Return the translated fields with text in the other language and none in ``language``."""
        texts = self.texts_by_language()
        return [
            name
            for index, name in enumerate(translated_field_names(type(self)))
            if texts[other_language(language)][index].strip() and not texts[language][index].strip()
        ]

    def row_number(self):
        """Return the row's place among its item's rows (1 for the first), as the form and the site list them."""
        if "_row_number" not in self.__dict__:
            number_rows([self])
        return self._row_number

    def field_label(self, name):
        """Return a field of this row as staff read it in a list of fields: "quote 2: speaker's title as quoted"."""
        row = str(self._meta.verbose_name)
        field = str(self._meta.get_field(name).verbose_name)
        if field == row:  # "objective 3", not "objective 3: objective"
            return gettext("%(row)s %(number)s") % {"row": row, "number": self.row_number() or ""}
        return gettext("%(row)s %(number)s: %(field)s") % {
            "row": row,
            "number": self.row_number() or "",
            "field": field,
        }


def number_rows(rows):
    """Give each inline row its ``row_number`` among its item's rows, in one query per kind of row."""
    by_part = {}
    for row in rows:
        by_part.setdefault(type(row), []).append(row)
    for part, members in by_part.items():
        key = part._meta.get_field(part.item_field).attname
        order = {}
        for pk, item_id in part._default_manager.filter(
            **{f"{key}__in": {getattr(row, key) for row in members}}
        ).values_list("pk", key):
            order.setdefault(item_id, []).append(pk)
        for row in members:
            keys = order.get(getattr(row, key), [])
            row._row_number = keys.index(row.pk) + 1 if row.pk in keys else None


def prefetch_part_rows(objects):
    """Load the inline rows tracked per field of ``objects`` (items of any kinds), one query per kind of row."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, members in by_model.items():
        accessors = [fk.remote_field.get_accessor_name() for _part, fk in tracked_parts(model)]
        if accessors:
            models.prefetch_related_objects(members, *accessors)


def part_rows(obj):
    """Return the inline rows of ``obj`` tracked per field, numbered as its form and its page list them.

    One query per kind of row, none when the item's rows were prefetched (as the admin's change list does).
    """
    rows = []
    if obj.pk is None:
        return rows
    for _part, fk in tracked_parts(type(obj)):
        for number, row in enumerate(getattr(obj, fk.remote_field.get_accessor_name()).all(), start=1):
            row._row_number = number
            rows.append(row)
    return rows


class Publishable(DraftState, Authored, Locked, SlugFilled, TranslationTracked):
    """Abstract base of every piece of content that goes through the editorial workflow.

    A draft state on a schedule, authorship, an optimistic lock, filled slugs and translation tracking.
    """

    class Meta(DraftState.Meta):
        abstract = True
