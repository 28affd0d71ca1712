import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assets.mediakit import MediaKitOwner
from assets.models import Asset
from core.dates import date_range_constraint, validate_date_range
from core.models import Ordered
from core.richtext import RichTextField
from core.together import Part, TogetherQuerySet
from directory.models import Organisation, Person, Theme
from directory.reference import live_organisations_by_id, organisations_in_bulk, themes_by_id
from press.public import live_releases
from workflow.mixins import Publishable, TrackedPart, one_language_constraint, slug_constraints
from workflow.states import PublishableQuerySet

ENDING_SOON_DAYS = 183  # "ending within six months"


def add_months(day, months):
    """Return ``day`` moved ``months`` later, clamped to the end of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class EndDate(models.Func):
    """SQL for the agreement's last day: ``ends_on``, or the day before start + duration.

    The start is ``starts_on``, else the signature date, as in ``Agreement.end_date_value``.
    """

    output_field = models.DateField()
    template_postgresql = "COALESCE({0}, CAST({1} + make_interval(months => {2}) - INTERVAL '1 day' AS date))"
    template_sqlite = "COALESCE({0}, date({1}, '+' || {2} || ' months', '-1 day'))"

    def __init__(self, **extra):
        super().__init__(F("ends_on"), Coalesce(F("starts_on"), F("signed_on")), F("duration_months"), **extra)

    def _as_sql(self, compiler, connection, template):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return template.format(*parts), params

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._as_sql(compiler, connection, self.template_postgresql)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self._as_sql(compiler, connection, self.template_sqlite)


class AgreementQuerySet(TogetherQuerySet, PublishableQuerySet):
    def with_end_date(self):
        return self.annotate(end_date=EndDate())

    def with_status(self, status, today=None):
        """Filter on the derived status (see ``Agreement.Status``) on ``today``."""
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
        qs = self.with_end_date()
        started = Q(starts_on__lte=today) | Q(starts_on__isnull=True, signed_on__lte=today)
        running = Q(end_date__isnull=True) | Q(end_date__gte=today)
        if status == Agreement.Status.UPCOMING:
            return qs.exclude(started)
        if status == Agreement.Status.ENDED:
            return qs.filter(end_date__lt=today)
        if status == Agreement.Status.ENDING_SOON:
            return qs.filter(started, end_date__gte=today, end_date__lte=soon)
        if status == Agreement.Status.ACTIVE:
            return qs.filter(started, running).exclude(end_date__lte=soon)
        if status == "in_force":
            return qs.filter(started, running)
        return qs.none()

    def for_listing(self):
        """Return the agreements with what a card shows (themes, parties): two queries for the whole page."""
        themes = Part.many_to_many("themes", Agreement.themes, targets=themes_by_id)
        return self.with_end_date().together(themes, parties_part()).order_by("-signed_on", "-pk")

    def for_detail(self):
        """Return the agreements with what an agreement's page and API entry show, in a fixed number of queries.

        The live press releases about each agreement are in ``live_releases``.
        """
        return (
            self.select_related("renewal_of")
            .together(
                Part.many_to_many("themes", Agreement.themes, targets=themes_by_id),
                parties_part(),
                Part.children("objectives", Objective, "agreement_id"),
                Part.children("outcomes", Outcome, "agreement_id"),
                # The press-kit files: their assets are read only when there are some.
                Part.children(
                    "attachments", AgreementAttachment, "agreement_id", related="asset", fallback=assets_in_bulk
                ),
            )
            .prefetch_related(
                models.Prefetch(
                    "signatories", queryset=Signatory.objects.select_related("person__organisation", "organisation")
                ),
                models.Prefetch("press_releases", queryset=live_releases(), to_attr="live_releases"),
            )
        )


def assets_in_bulk(ids):
    return Asset.objects.in_bulk(ids)


def parties_part():
    """The parties, each row's organisation from the live ones (``core.together``)."""
    return Part.children(
        "parties",
        AgreementParty,
        "agreement_id",
        related="organisation",
        targets=live_organisations_by_id,
        fallback=organisations_in_bulk,
    )


class Agreement(MediaKitOwner, Publishable):
    class Kind(models.TextChoices):
        FRAMEWORK = "framework", _("Framework agreement")
        COOPERATION = "cooperation", _("Cooperation agreement")
        MEMORANDUM = "memorandum", _("Memorandum of understanding")
        CHAIR = "chair", _("Chair agreement")
        OTHER = "other", _("Other agreement")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        ACTIVE = "active", _("In force")
        ENDING_SOON = "ending_soon", _("Ending within six months")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.FRAMEWORK)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=[validate_date_range])
    signed_at = models.CharField(_("signed at (place)"), max_length=100, blank=True)
    starts_on = models.DateField(
        _("starts on"),
        null=True,
        blank=True,
        validators=[validate_date_range],
        help_text=_("Empty: in force from the signature date."),
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[validate_date_range])
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        help_text=_(
            "Give either an end date or a duration. The duration counts from the start date or, "
            "without one, from the signature date."
        ),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="agreements")
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )

    objects = AgreementQuerySet.as_manager()

    translation_required = ("title", "summary")
    public_organisations = ("parties__organisation", "signatories__organisation", "signatories__person__organisation")
    # The press kit (assets.mediakit): the attachments.
    media_kit_folder = "partnerships/kits"
    media_kit_url_name = "partnerships:agreement-kit"

    class Meta(Publishable.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]
        # The list's order: the home page's agreements in force stop after the first few rows instead of a sort.
        indexes = [models.Index(fields=["-signed_on", "-id"], name="agreement_latest")]
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("agreement"),
            one_language_constraint("agreement"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(duration_months__isnull=True),
                name="agreement_end_or_duration",
                violation_error_message=_("Give either an end date or a duration, not both."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(duration_months__gt=0),
                name="agreement_duration_positive",
                violation_error_message=_("The duration must be at least one month."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(starts_on__isnull=False) | Q(signed_on__isnull=False),
                name="agreement_duration_needs_start",
                violation_error_message=_("A duration counts from the start or signature date: give one of them."),
            ),
            models.CheckConstraint(
                condition=Q(renewal_of__isnull=True) | ~Q(renewal_of=F("pk")),
                name="agreement_not_own_renewal",
                violation_error_message=_("An agreement cannot renew itself."),
            ),
            date_range_constraint("signed_on", "agreement_signed_on_range"),
            date_range_constraint("starts_on", "agreement_starts_on_range"),
            date_range_constraint("ends_on", "agreement_ends_on_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:agreement-detail", kwargs={"slug": self.slug})

    @property
    def live_renewal_of(self):
        """Return the agreement this one renews if the public may see it, else None."""
        renewed = self.renewal_of
        return renewed if renewed is not None and renewed.is_live else None

    @property
    def start_date(self):
        return self.starts_on or self.signed_on

    @property
    def end_date_value(self):
        """Return the last day in force: the end date given, or derived from the duration and the start.

        The start is the start date, else the signature date (``EndDate`` computes the same in SQL).
        """
        if self.ends_on:
            return self.ends_on
        start = self.start_date
        if self.duration_months and start:
            return add_months(start, self.duration_months) - datetime.timedelta(days=1)
        return None

    def status_on(self, today=None):
        today = today or timezone.localdate()
        start, end = self.start_date, self.end_date_value
        if start and start > today:
            return self.Status.UPCOMING
        if end and end < today:
            return self.Status.ENDED
        if end and (end - today).days <= ENDING_SOON_DAYS:
            return self.Status.ENDING_SOON
        return self.Status.ACTIVE

    @property
    def status_label(self):
        return self.status_on().label

    def progress(self, today=None):
        """Return the share (0-100) of the agreement's term that has run, or None."""
        today = today or timezone.localdate()
        start, end = self.start_date, self.end_date_value
        if not (start and end) or end <= start:
            return None
        elapsed = (min(max(today, start), end) - start).days
        return round(100 * elapsed / (end - start).days)


class AgreementParty(TrackedPart, Ordered):
    item_field = "agreement"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="agreementparty_unique",
                violation_error_message=_("This organisation is already a party to this agreement."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class Signatory(TrackedPart, Ordered):
    item_field = "agreement"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="signatures")
    # Not required in forms: left empty, both are taken from the person (see ``fill_from_person``).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        help_text=_("Empty: the person's organisation."),
    )
    title_at_signing = models.CharField(
        _("title at signing"), max_length=255, blank=True, help_text=_("Empty: the person's current role.")
    )

    class Meta(Ordered.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="signatory_unique",
                violation_error_message=_("This person already signs this agreement."),
            ),
        ]

    def __str__(self):
        return str(self.person)

    def save(self, *args, **kwargs):
        self.fill_from_person()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_from_person()
        if self.organisation_id is None and self.person_id is not None:
            raise ValidationError(
                {"organisation": _("Choose the organisation: this person has none in the directory.")}
            )

    def fill_from_person(self):
        """Fill an empty organisation and title at signing from the person as the directory has them.

        The title is copied only when it is empty in every language: a title typed in one language is a
        title held at the time, which the person's current role may no longer be.
        """
        if self.person_id is None:
            return
        person = self.person
        if self.organisation_id is None and person.organisation_id is not None:
            self.organisation_id = person.organisation_id
        titles = [f"title_at_signing_{code}" for code, _name in settings.LANGUAGES]
        if not any(getattr(self, name, "") for name in titles):
            for name in titles:
                setattr(self, name, getattr(person, name.replace("title_at_signing", "role"), "") or "")


class Objective(TrackedPart, Ordered):
    item_field = "agreement"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("objective"))

    class Meta(Ordered.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.text[:80]


class Outcome(TrackedPart, Ordered):
    item_field = "agreement"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    laboratory = models.CharField(_("laboratory"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.title


class AgreementAttachment(Ordered):
    """An image or document of an agreement's press kit, from the media library."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="attachments")
    asset = models.ForeignKey(
        Asset, verbose_name=_("document or image"), on_delete=models.PROTECT, related_name="agreement_attachments"
    )

    class Meta(Ordered.Meta):
        verbose_name = _("press kit file")
        verbose_name_plural = _("press kit files")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "asset"],
                name="agreementattachment_unique",
                violation_error_message=_("This file is already in the press kit of this agreement."),
            ),
        ]

    def __str__(self):
        return str(self.asset)
