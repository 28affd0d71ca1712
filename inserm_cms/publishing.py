"""The Publishable base: status, schedule, authorship, and the one ``live()`` filter."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


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
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Go-live time, also the end of any embargo. Empty: as soon as published."),
    )
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
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

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(unpublish_at__gt=models.F("publish_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=_("The unpublish time must come after the publish time."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.version += 1
        fill_slugs(self)
        super().save(*args, **kwargs)

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )


def publish(objects, *, user=None, at=None):
    """Publish each object, going live at ``at`` (or its own time, or now). Return the count."""
    count = 0
    with transaction.atomic():
        for obj in objects:
            obj.status = Status.PUBLISHED
            obj.publish_at = at or obj.publish_at or timezone.now()
            obj.updated_by = user
            obj.save()
            count += 1
    return count


def unpublish(objects, *, user=None):
    """Take each object off the public site, back to draft. Return the count."""
    count = 0
    with transaction.atomic():
        for obj in objects:
            obj.status = Status.DRAFT
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
