"""The Publishable base: status, schedule, authorship, translation dates, and the one ``live()`` filter."""

import hashlib
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import date_range_constraint, validate_date_range
from core.richtext import RichTextField, sanitize_html

LANGUAGES = ("fr", "en")
DEFAULT_TIME_ZONE = "Europe/Paris"
# Offered first in the time zone menu: Paris, and where the journals that set embargoes work.
COMMON_TIME_ZONES = ("Europe/Paris", "UTC", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def live_q(now=None, prefix=""):
    """Return the condition that makes an object visible to the public at ``now``."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}status": Status.PUBLISHED})
        & (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )


def validate_time_zone(value):
    """Refuse a name that is not an IANA time zone ("Europe/Paris")."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value}, code="time_zone")


def time_zone_choices():
    """Return the time zone menu: the common zones first, then every IANA zone by name."""
    others = sorted(zoneinfo.available_timezones() - set(COMMON_TIME_ZONES))
    return [(name, name.replace("_", " ")) for name in (*COMMON_TIME_ZONES, *others)]


def format_moment(moment, zone_name=DEFAULT_TIME_ZONE):
    """Return "12 March 2026 at 09:00 (Europe/Paris, UTC+01:00)" in the active language."""
    zone = zoneinfo.ZoneInfo(zone_name or DEFAULT_TIME_ZONE)
    try:
        local = timezone.localtime(moment, zone)
    except OverflowError:
        # At the very ends of the calendar the zone's offset leaves Python's range: say it in UTC.
        zone = zoneinfo.ZoneInfo("UTC")
        local = timezone.localtime(moment, zone)
    offset = local.strftime("%z")
    return gettext("%(date)s at %(time)s (%(zone)s, UTC%(offset)s)") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "H:i"),
        "zone": zone.key.replace("_", " "),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


def publish_permission(model):
    """Return the "app.publish_model" permission name of a Publishable model."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    """Tell whether ``user`` may publish, schedule and unpublish objects of ``model`` (see workflow.permissions)."""
    from workflow import permissions

    return permissions.can_publish(user, model)


def translated_field_names(model):
    """Return the translated fields that make up the text of ``model`` (its slugs excepted)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(name for name in options.fields if name != "slug")


def stale_translation_q(language="en"):
    """Return the condition matching rows with a ``language`` field whose source changed since it was confirmed."""
    return Q(**{f"{language}_stale": True})


def source_digest(text):
    """Return the short hash a translation records of the source text it was confirmed against."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


class PublishableQuerySet(models.QuerySet):
    def live(self, now=None):
        """Return what the public may see: published, past its go-live, not yet withdrawn."""
        return self.filter(live_q(now))


class TranslatedModel(models.Model):
    """Abstract base of a model with modeltranslation fields."""

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


class Publishable(TranslatedModel):
    """Abstract base of every piece of content that goes through the editorial workflow."""

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
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The time zone of the publish and unpublish times, as typed and as shown."),
    )
    fr_edited_at = models.DateTimeField(_("French text last edited"), null=True, blank=True, editable=False)
    en_edited_at = models.DateTimeField(_("English text last edited"), null=True, blank=True, editable=False)
    # Per translated field and language ("lead_en"): the hash of the other language's text it was last
    # confirmed against. A field is stale when that text has changed since (see track_translations).
    translation_sources = models.JSONField(_("translation confirmations"), default=dict, blank=True, editable=False)
    fr_stale = models.BooleanField(_("French translation out of date"), default=False, editable=False)
    en_stale = models.BooleanField(_("English translation out of date"), default=False, editable=False)

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

    def save(self, *args, **kwargs):
        self.version += 1
        fill_slugs(self)
        edited = self.stamp_edited_languages()
        self.track_translations()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            tracking = {"translation_sources", "fr_stale", "en_stale"}
            kwargs["update_fields"] = {*update_fields, *tracking, *(f"{language}_edited_at" for language in edited)}
        super().save(*args, **kwargs)
        self._loaded_texts = self.texts_by_language()

    def texts_by_language(self, stored=False):
        """Return, per language, the values of the translated text fields (rich text as it will be stored).

        ``stored``: the values come from the database, where rich text was sanitised on write.
        """
        texts = {}
        for language in LANGUAGES:
            values = []
            for name in translated_field_names(type(self)):
                value = self.__dict__.get(f"{name}_{language}")
                if not stored and isinstance(self._meta.get_field(name), RichTextField):
                    value = sanitize_html(value)
                values.append(value or "")
            texts[language] = tuple(values)
        return texts

    def stamp_edited_languages(self, now=None):
        """Set ``fr_edited_at`` / ``en_edited_at`` for each language whose text changed; return those languages."""
        now = now or timezone.now()
        loaded = getattr(self, "_loaded_texts", None)
        edited = []
        for language, values in self.texts_by_language().items():
            changed = any(values) if loaded is None else values != loaded[language]
            if changed:
                setattr(self, f"{language}_edited_at", now)
                edited.append(language)
        return edited

    def track_translations(self):
        """Record, per field, the source text each translation is confirmed against; flag the stale languages.

        A translation typed or changed in a save is confirmed against the other language as saved with it,
        so writing both languages in one save flags nothing. A field whose source changed while it did
        not becomes stale. A field empty in either language is missing, not stale, and its record is dropped.
        Rows saved before this tracking existed are taken as confirmed against the text loaded before the save.
        """
        names = translated_field_names(type(self))
        current = self.texts_by_language()
        loaded = getattr(self, "_loaded_texts", None)
        sources = dict(self.translation_sources or {})
        for index, name in enumerate(names):
            for language in LANGUAGES:
                other = "en" if language == "fr" else "fr"
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
                other = "en" if language == "fr" else "fr"
                recorded = (self.translation_sources or {}).get(f"{name}_{language}")
                if recorded and current[language][index] and recorded != source_digest(current[other][index]):
                    stale.append((name, language))
        return stale

    def stale_translations(self):
        """Return the languages with at least one stale field."""
        return [language for language in LANGUAGES if any(lang == language for _name, lang in self.stale_fields())]

    def confirm_translation(self, name, language):
        """Record the ``language`` text of field ``name`` as still matching the other language's current text."""
        other = "en" if language == "fr" else "fr"
        source = self.texts_by_language()[other][translated_field_names(type(self)).index(name)]
        if source and (self.__dict__.get(f"{name}_{language}") or ""):
            self.translation_sources = {**(self.translation_sources or {}), f"{name}_{language}": source_digest(source)}

    def confirmed_source_text(self, name, language):
        """Return the source text the ``language`` translation of ``name`` was confirmed against, from history."""
        recorded = (self.translation_sources or {}).get(f"{name}_{language}")
        history = getattr(self, "history", None)
        if not recorded or history is None:
            return None
        other = "en" if language == "fr" else "fr"
        column = f"{name}_{other}"
        for text in history.order_by("-history_date").values_list(column, flat=True)[:200]:
            if source_digest(sanitize_html(text) if self._is_rich(name) else (text or "")) == recorded:
                return text or ""
        return None

    def _is_rich(self, name):
        return isinstance(self._meta.get_field(name), RichTextField)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_texts = instance.texts_by_language(stored=True)
        return instance

    def after_withdrawal(self, *, user=None):
        """Undo what publication allowed besides the public page, once the object is back to draft or review."""

    def publish_as_update(self, *, user=None):
        """Publish this object by writing it into the published object it updates; return False if it updates none."""
        return False

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )


def check_gate(question, objects, user):
    """Refuse (PermissionDenied) the whole write unless ``user`` passes ``question`` for each object.

    ``user`` None is the system itself (the demo loader, a migration): it is not asked.
    """
    if user is None:
        return
    from workflow import permissions

    if not all(getattr(permissions, question)(user, obj) for obj in objects):
        raise PermissionDenied(gettext("You may not do this to every selected item: nothing was changed."))


def publish(objects, *, user=None, at=None):
    """Publish each object, going live at ``at`` (or its own time, or now). Return the count."""
    objects = list(objects)
    check_gate("can_publish", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            if obj.publish_as_update(user=user):
                count += 1
                continue
            obj.status = Status.PUBLISHED
            obj.publish_at = at or obj.publish_at or timezone.now()
            obj.updated_by = user
            obj.save()
            count += 1
    return count


def unpublish(objects, *, user=None):
    """Take each object off the public site, back to draft. Return the count."""
    objects = list(objects)
    check_gate("can_publish", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            was_published = obj.status == Status.PUBLISHED
            obj.status = Status.DRAFT
            obj.updated_by = user
            obj.save()
            if was_published:
                obj.after_withdrawal(user=user)
            count += 1
    return count


def submit_for_review(objects, *, user=None):
    """Move each draft to "in review"; leave other states alone. Return the count moved."""
    objects = list(objects)
    check_gate("can_change", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            if obj.status != Status.DRAFT:
                continue
            obj.status = Status.REVIEW
            obj.updated_by = user
            obj.save()
            count += 1
    return count


def fill_slugs(instance, source="title", languages=("fr", "en")):
    """Fill empty per-language slugs from the title (or name) in the same language."""
    if not hasattr(instance, "slug_fr"):
        return
    if not hasattr(instance, f"{source}_fr"):
        source = "name"
    max_length = instance._meta.get_field("slug_fr").max_length
    for language in languages:
        if not getattr(instance, f"slug_{language}", None) and getattr(instance, f"{source}_{language}", None):
            setattr(instance, f"slug_{language}", slugify(getattr(instance, f"{source}_{language}"))[:max_length])


def slug_constraints(model_name):
    """Return the per-language uniqueness constraints of a translated slug."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{language}"],
            condition=Q(**{f"slug_{language}__gt": ""}),
            name=f"{model_name}_unique_slug_{language}",
            violation_error_message=_("Another item already uses this address (slug) in this language."),
        )
        for language in ("fr", "en")
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


def shaped_like(queryset):
    """Return every row of ``queryset``'s model, fetched as ``queryset`` fetches them but without its filters.

    A preview or an embargo page shows an object the public may not see yet with the public view's own
    ``select_related`` and prefetches (which still keep related objects to the live ones).
    """
    shaped = queryset.model._default_manager.all()
    shaped.query.select_related = queryset.query.select_related
    return shaped.prefetch_related(*queryset._prefetch_related_lookups)
