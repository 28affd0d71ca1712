"""What the workflow keeps besides the items themselves: the messages exchanged around a review, staff
preferences, imported translations waiting to be applied, and translated files between preview and application."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .mixins import TrackedPart, TranslationTracked, tracked_parts


class ReviewMessage(models.Model):
    """A step of a review (submitted, sent back, published) with the message its author wrote, if any.

    Kept beside the item's revisions: the change form lists them, and each one is mailed to whoever
    has to act next (workflow/notifications.py).
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back to draft")
        PUBLISHED = "published", _("published")
        TRANSLATION_APPLIED = "translation_applied", _("imported translation applied")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("step"), max_length=20, choices=Kind)
    text = models.TextField(_("message"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review message")
        verbose_name_plural = _("review messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="reviewmessage_item")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.author or '—'}"


class StaffPreference(models.Model):
    """What the back office remembers of a staff member: the language they work in, used for the mails they get.

    Set from the admin's own language prefix (``/en/admin/`` or ``/fr/admin/``) the first time a session
    uses it (workflow/preferences.py), so switching the back office's language is all it takes.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_preference"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return f"{self.user} — {self.language}"


class TranslationProposalQuerySet(models.QuerySet):
    def for_item(self, obj):
        """Return the translations waiting to be applied to ``obj``, its inline rows' (quotes, parties…) included."""
        condition = Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        for part, fk in tracked_parts(type(obj)):
            rows = part._default_manager.filter(**{fk.name: obj}).values("pk")
            condition |= Q(content_type=ContentType.objects.get_for_model(part), object_id__in=rows)
        return self.filter(condition)

    def visible_to(self, user):
        """Return the translations waiting for items of the types ``user`` may view or change (rows with their item)."""
        models = []
        for model in apps.get_models():
            if issubclass(model, TranslationTracked) and any(
                user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
                for action in ("view", "change")
            ):
                models += [model, *(part for part, _fk in tracked_parts(model))]
        if not models:
            return self.none()
        return self.filter(content_type__in=list(ContentType.objects.get_for_models(*models).values()))


class TranslationProposal(models.Model):
    """A translated field imported for a published (live or scheduled) item, waiting for a Publisher to apply it.

    What the public sees changes only through review: an import leaves the item as it is and keeps the
    text here, with the hash of the source it translates; applying it refuses when that source changed since.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"))
    source_digest = models.CharField(_("source text hash"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = TranslationProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation waiting to be applied")
        verbose_name_plural = _("translations waiting to be applied")
        ordering = ["created_at", "pk"]
        constraints = [
            # A newer import of the same field replaces the proposal it finds.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="translationproposal_one_per_field"
            ),
        ]

    def __str__(self):
        return f"{self.field} ({self.language})"

    def label(self, obj=None):
        """Return "item — field (language)", the item's own name when given; "item — quote 2 (en)" for a row."""
        model = self.content_type.model_class()
        try:
            model._meta.get_field(self.field)
        except (AttributeError, FieldDoesNotExist):
            return f"{obj if obj is not None else self.content_type.name} — {self.field} ({self.language})"
        if isinstance(obj, TrackedPart):
            return f"{obj.item} — {obj.field_label(self.field)} ({self.language})"
        name = model._meta.get_field(self.field).verbose_name
        return f"{obj if obj is not None else self.content_type.name} — {name} ({self.language})"


class TranslationUploadQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Return the uploads past their lifetime: no longer applied, to be deleted."""
        return self.filter(created_at__lt=(now or timezone.now()) - TranslationUpload.LIFETIME)

    def fresh(self, now=None):
        """Return the uploads still within their lifetime."""
        return self.filter(created_at__gte=(now or timezone.now()) - TranslationUpload.LIFETIME)


class TranslationUpload(models.Model):
    """A translated file uploaded in the admin, kept between its preview and its application by its uploader.

    Short-lived: the apply step reads it back instead of a second upload, then deletes it; rows older than
    ``TranslationUpload.LIFETIME`` are refused, dropped at the next upload and purged by a scheduled job
    (``purge-translation-uploads``, inserm_cms.tasks). The file is kept in the row: there is no file to delete.
    """

    LIFETIME = timedelta(hours=2)
    MAX_SIZE = 2 * 1024 * 1024

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    filename = models.CharField(max_length=255)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    content = models.BinaryField()

    objects = TranslationUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("uploaded translation file")
        verbose_name_plural = _("uploaded translation files")

    def __str__(self):
        return self.filename
