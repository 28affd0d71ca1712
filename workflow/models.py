"""What the workflow keeps besides the items themselves: the messages exchanged around a review."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewMessage(models.Model):
    """A step of a review (submitted, sent back, published) with the message its author wrote, if any.

    Kept beside the item's revisions: the change form lists them, and each one is mailed to whoever
    has to act next (workflow/notifications.py).
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back to draft")
        PUBLISHED = "published", _("published")

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
