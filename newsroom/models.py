"""Public subscribers, accredited journalists, mailings of press releases and their per-recipient delivery log."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Theme
from workflow.states import DEFAULT_TIME_ZONE, validate_time_zone


def new_key():
    return secrets.token_urlsafe(16)


class Language(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Return the subscribers who confirmed and have not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def for_release(self, release):
        """Return the active subscribers who asked for ``release``: its themes (or all) and a language it has."""
        languages = ["fr", "both"]
        if not release.missing_translations("en"):
            languages.append("en")
        themes = release.themes.all()
        return (
            self.active().filter(languages__in=languages).filter(Q(all_themes=True) | Q(themes__in=themes)).distinct()
        )


class Subscriber(models.Model):
    """Someone who asked to receive press releases by e-mail (double opt-in)."""

    class Languages(models.TextChoices):
        FR = "fr", _("In French")
        EN = "en", _("In English")
        BOTH = "both", _("In French and in English")

    email = models.EmailField(_("e-mail address"), max_length=254)
    languages = models.CharField(_("languages"), max_length=4, choices=Languages, default=Languages.FR)
    all_themes = models.BooleanField(_("all releases"), default=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    # Part of every signed link: a new key makes the links sent before it useless.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "email",
                name="subscriber_email_unique",
                violation_error_message=_("This address is already subscribed."),
            ),
            models.CheckConstraint(condition=Q(email=models.functions.Lower("email")), name="subscriber_email_lower"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def mail_language(self):
        """Return the language of the mails: French unless English only was chosen."""
        return "en" if self.languages == self.Languages.EN else "fr"


class ConsentRecord(models.Model):
    """What a subscriber agreed to, when, from which form and in which language (kept as long as the subscriber)."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("Subscription requested")
        CONFIRMED = "confirmed", _("Subscription confirmed")
        CHANGED = "changed", _("Choices changed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="consents"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=16, choices=Action)
    scope = models.JSONField(_("what"), default=dict, help_text=_("The languages and themes agreed to."))
    source = models.CharField(_("from which form"), max_length=40)
    language = models.CharField(_("language of the page"), max_length=8)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d %H:%M}"


class JournalistQuerySet(models.QuerySet):
    def accredited(self, on=None):
        """Return the journalists whose accreditation covers the day ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(accredited_from__lte=on) & (Q(accredited_until__isnull=True) | Q(accredited_until__gte=on))
        )


class Journalist(models.Model):
    """An accredited journalist who may receive releases under embargo."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.FR)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    beats = models.ManyToManyField(Theme, verbose_name=_("beats"), blank=True, related_name="+")
    accredited_from = models.DateField(_("accredited from"), default=datetime.date.today)
    accredited_until = models.DateField(_("accredited until"), null=True, blank=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("accredited journalist")
        verbose_name_plural = _("accredited journalists")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "email", name="journalist_email_unique", violation_error_message=_("A journalist has this address.")
            ),
            models.CheckConstraint(
                condition=Q(accredited_until__isnull=True) | Q(accredited_until__gte=models.F("accredited_from")),
                name="journalist_accreditation_dates",
                violation_error_message=_("The accreditation must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Mailing(models.Model):
    """One sending of a release: under embargo to journalists, or the public version to subscribers."""

    class Kind(models.TextChoices):
        EMBARGO = "embargo", _("Under embargo, to journalists")
        PUBLIC = "public", _("Public version, to subscribers")

    release = models.ForeignKey(
        "press.PressRelease", verbose_name=_("press release"), on_delete=models.CASCADE, related_name="mailings"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    test_mode = models.BooleanField(_("test mode (staff only)"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("add", "view", "send")
        constraints = [
            # The scheduled job marks each release it mailed to subscribers with this one row.
            models.UniqueConstraint("release", condition=Q(kind="public"), name="mailing_one_public_per_release"),
        ]

    def __str__(self):
        return f"{self.release} — {self.get_kind_display()}"


class Delivery(models.Model):
    """One message of a mailing to one address: queued, sent, or failed with its reason."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mailing = models.ForeignKey(Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="deliveries")
    # Copied from the mailing so the database itself refuses a second message to one person.
    release = models.ForeignKey(
        "press.PressRelease", verbose_name=_("press release"), on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Mailing.Kind)
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    subscriber = models.ForeignKey(Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    journalist = models.ForeignKey(Journalist, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    embargo_link = models.ForeignKey(
        "press.EmbargoLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "release",
                "kind",
                "email",
                name="delivery_once_per_release_kind_address",
                violation_error_message=_("This release was already mailed to this address."),
            ),
            models.CheckConstraint(
                condition=Q(subscriber__isnull=True) | Q(journalist__isnull=True),
                name="delivery_one_recipient_kind",
            ),
        ]
        indexes = [models.Index(fields=["mailing", "status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.email} — {self.get_status_display()}"
