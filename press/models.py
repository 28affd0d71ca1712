import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assets.mediakit import MediaKitOwner
from assets.models import Asset, image_from_library
from core.dates import date_range_constraint, validate_date_range
from core.models import Ordered
from core.richtext import RichTextField
from core.text import fold
from core.together import Part, TogetherQuerySet
from directory.models import Organisation, Person, Theme
from directory.reference import live_experts_by_id, live_organisations_by_id, organisations_in_bulk, themes_by_id
from workflow.mixins import Publishable, TrackedPart, one_language_constraint, slug_constraints
from workflow.states import PublishableQuerySet, Status

validate_doi = RegexValidator(
    r"^10\.\d{4,9}/\S+$", _("Enter a DOI such as 10.1038/s41586-024-07000-0 (without https://doi.org/).")
)


class ReleaseType(models.TextChoices):
    RESEARCH = "research", _("Research result")
    INSTITUTIONAL = "institutional", _("Institutional news")
    AGREEMENT = "agreement", _("Agreement")
    AWARD = "award", _("Award")
    EVENT = "event", _("Event")
    PRESS_INVITATION = "press_invitation", _("Invitation to the press")


class StudyType(models.TextChoices):
    EXPERIMENTAL = "experimental", _("Experimental study")
    OBSERVATIONAL = "observational", _("Observational study")
    RCT = "rct", _("Randomised controlled trial")
    META_ANALYSIS = "meta_analysis", _("Meta-analysis")
    SYSTEMATIC_REVIEW = "systematic_review", _("Systematic review")
    MODELLING = "modelling", _("Modelling or simulation")
    REVIEW = "review", _("Literature review")
    CASE_STUDY = "case_study", _("Case study")
    QUALITATIVE = "qualitative", _("Qualitative study")


class StudySubject(models.TextChoices):
    PEOPLE = "people", _("People")
    ANIMALS = "animals", _("Animals")
    CELLS = "cells", _("Cells")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


def issuers_part():
    """The issuing organisations, each row's organisation from the live ones (``core.together``)."""
    return Part.children(
        "issuers",
        PressReleaseIssuer,
        "release_id",
        related="organisation",
        targets=live_organisations_by_id,
        fallback=organisations_in_bulk,
    )


class PressReleaseQuerySet(TogetherQuerySet, PublishableQuerySet):
    def for_listing(self):
        """Return the releases with what a card shows (themes, issuers): two queries for the whole page."""
        themes = Part.many_to_many("themes", PressRelease.themes, targets=themes_by_id)
        return self.select_related("image").together(themes, issuers_part()).order_by("-release_date", "-pk")

    def for_detail(self):
        """Return the releases with what a release's page and API entry show, in a fixed number of queries.

        The live experts to contact are in ``live_experts``.
        """
        organisations = {"targets": live_organisations_by_id, "fallback": organisations_in_bulk}
        return (
            self.select_related("related_agreement", "image")
            .together(
                Part.many_to_many("themes", PressRelease.themes, targets=themes_by_id),
                Part.many_to_many("funders", PressRelease.funders, **organisations),
                Part.many_to_many("live_experts", PressRelease.experts, targets=live_experts_by_id, attach="attr"),
                issuers_part(),
                Part.children("contacts", PressContact, "release_id", related="organisation", **organisations),
            )
            .prefetch_related(
                models.Prefetch("attachments", queryset=PressAttachment.objects.select_related("asset")),
                models.Prefetch("quotes", queryset=Quote.objects.select_related("speaker__organisation")),
            )
        )


class ReleaseKind(models.TextChoices):
    """The heading above a release's title, labelled in each language."""

    PRESS_RELEASE = "press-release", _("Press release")
    PRESS_INFORMATION = "press-information", _("Press information")
    PRESS_KIT = "press-kit", _("Press kit")
    PRESS_INVITATION = "press-invitation", _("Press invitation")
    OTHER = "other", _("Other (written below in each language)")


# The headings written in the institute's documents, folded, and the choice each one means.
KIND_LABELS = {
    "communique de presse": ReleaseKind.PRESS_RELEASE,
    "press release": ReleaseKind.PRESS_RELEASE,
    "information presse": ReleaseKind.PRESS_INFORMATION,
    "press information": ReleaseKind.PRESS_INFORMATION,
    "dossier de presse": ReleaseKind.PRESS_KIT,
    "press kit": ReleaseKind.PRESS_KIT,
    "invitation presse": ReleaseKind.PRESS_INVITATION,
    "press invitation": ReleaseKind.PRESS_INVITATION,
}


def fold_label(text):
    """Return ``text`` lower-cased, without accents or surrounding punctuation ("Communiqué de presse :")."""
    return " ".join(fold(text or "").strip(" :.-").split())


def kind_for_label(text):
    """Return the kind a written heading means, ``OTHER`` for an unknown one, ``""`` for none."""
    if not (text or "").strip():
        return ""
    return KIND_LABELS.get(fold_label(text), ReleaseKind.OTHER)


class PressRelease(MediaKitOwner, Publishable):
    Kind = ReleaseKind

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, blank=True)
    heading = models.CharField(
        _("kind heading"),
        max_length=32,
        choices=ReleaseKind,
        default=ReleaseKind.PRESS_RELEASE,
        blank=True,
        help_text=_("Shown above the title, in the reader's language. Empty: no heading."),
    )
    kind = models.CharField(
        _("other kind heading"),
        max_length=100,
        blank=True,
        help_text=_("Only used when the kind heading is “Other”: the heading as written in each language."),
    )
    dateline_place = models.CharField(_("dateline place"), max_length=100, blank=True)
    release_date = models.DateField(_("release date"), db_index=True, validators=[validate_date_range])
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("body"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="press_releases")
    image = image_from_library("press_releases")
    related_agreement = models.ForeignKey(
        "partnerships.Agreement",
        verbose_name=_("related agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )
    update_of = models.ForeignKey(
        "self",
        verbose_name=_("update of"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="draft_updates",
        help_text=_("The published release this draft will update once a publisher applies it."),
    )
    journal_doi = models.CharField(
        _("DOI of the journal article"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("The article the embargo waits for, if any: 10.xxxx/…"),
    )
    # Not required in forms: a form that leaves it out (an older import, a script) keeps the default.
    release_type = models.CharField(
        _("type of release"),
        max_length=20,
        choices=ReleaseType,
        default=ReleaseType.INSTITUTIONAL,
        blank=True,
        db_index=True,
    )
    peer_reviewed = models.BooleanField(
        _("peer-reviewed"), null=True, blank=True, help_text=_("Research results only. Empty: not stated.")
    )
    study_type = models.CharField(
        _("type of study"), max_length=20, choices=StudyType, blank=True, help_text=_("Research results only.")
    )
    study_subject = models.CharField(
        _("subject of the study"),
        max_length=20,
        choices=StudySubject,
        blank=True,
        help_text=_("Research results only: people, animals or cells."),
    )
    journal = models.CharField(_("journal"), max_length=200, blank=True)
    article_title = models.CharField(_("title of the article"), max_length=500, blank=True)
    article_published_on = models.DateField(_("publication date of the article"), null=True, blank=True)
    funders = models.ManyToManyField(
        Organisation, verbose_name=_("funders"), blank=True, related_name="funded_releases"
    )
    experts = models.ManyToManyField(
        "directory.Expert",
        verbose_name=_("experts to contact"),
        blank=True,
        related_name="press_releases",
        help_text=_("Only the experts who agreed to be listed and are not hidden appear on the page."),
    )

    objects = PressReleaseQuerySet.as_manager()

    translation_required = ("title", "lead", "body")
    # Where a live release names organisations: they are public through it (Organisation.objects.live()).
    public_organisations = (
        "issuers__organisation",
        "funders",
        "contacts__organisation",
        "quotes__speaker__organisation",
    )
    # The press kit (assets.mediakit): the image, then the attachments.
    media_kit_folder = "press/kits"
    media_kit_url_name = "press:release-kit"

    class Meta(Publishable.Meta):
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-release_date", "-pk"]
        # The list's order, walked by every list page and by search's latest candidates (no sort of the archive).
        indexes = [models.Index(fields=["-release_date", "-id"], name="pressrelease_latest")]
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("pressrelease"),
            one_language_constraint("pressrelease"),
            date_range_constraint("release_date", "pressrelease_release_date_range"),
            models.CheckConstraint(
                condition=Q(update_of__isnull=True) | ~Q(status="published"),
                name="pressrelease_draft_update_never_published",
                violation_error_message=_(
                    "This draft updates a published release: apply it to that release instead of publishing it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(release_type=ReleaseType.RESEARCH)
                | Q(peer_reviewed__isnull=True, study_type="", study_subject=""),
                name="pressrelease_evidence_only_for_research",
                violation_error_message=_(
                    "Peer review, type and subject of study describe research results only: "
                    "choose “Research result” as the type of release, or empty these fields."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("press:release-detail", kwargs={"slug": self.slug})

    def media_kit_image(self):
        return self.image

    @classmethod
    def media_kit_queryset(cls):
        return super().media_kit_queryset().select_related("image")

    def after_withdrawal(self, *, user=None):
        """Revoke the journalist links, so that publishing the release again does not silently revive them."""
        revoke_embargo_links(self.embargo_links.all(), user=user)

    def publish_as_update(self, *, user=None):
        """Publish a draft update (made by an import) by applying it to the release it updates."""
        if self.update_of_id is None:
            return False
        from press.importer.service import apply_draft_update  # the importer builds on this module

        apply_draft_update(self, user=user)
        return True

    @property
    def live_related_agreement(self):
        """Return the related agreement if the public may see it, else None."""
        agreement = self.related_agreement
        return agreement if agreement is not None and agreement.is_live else None

    @property
    def doi_url(self):
        return f"https://doi.org/{self.journal_doi}" if self.journal_doi else ""

    @property
    def has_article(self):
        return bool(self.journal or self.journal_doi or self.article_title)

    @property
    def is_research(self):
        return self.release_type == ReleaseType.RESEARCH


class PressReleaseIssuer(Ordered):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="issuers")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="issued_releases"
    )

    class Meta(Ordered.Meta):
        verbose_name = _("issuing organisation")
        verbose_name_plural = _("issuing organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "organisation"],
                name="pressreleaseissuer_unique",
                violation_error_message=_("This organisation is already an issuer of this release."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class PressContact(Ordered):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    handle = models.CharField(_("social media handle"), max_length=100, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="presscontact_email_or_phone",
                violation_error_message=_("A press contact needs an e-mail address or a phone number."),
            ),
        ]

    def __str__(self):
        return self.name or self.email or self.phone

    @property
    def phone_numbers(self):
        """Return the phone numbers, split where several are given ("01 … / 01 …")."""
        return [number.strip() for number in self.phone.split("/") if number.strip()]


class Quote(TrackedPart, Ordered):
    item_field = "release"

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"))
    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_title = models.CharField(_("speaker's title as quoted"), max_length=255, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"


class PressAttachment(Ordered):
    """A document or extra image of a release's press kit, from the media library."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="attachments")
    asset = models.ForeignKey(
        Asset, verbose_name=_("document or image"), on_delete=models.PROTECT, related_name="press_attachments"
    )

    class Meta(Ordered.Meta):
        verbose_name = _("press kit file")
        verbose_name_plural = _("press kit files")

    def __str__(self):
        return str(self.asset)


def hash_token(token):
    """Return the SHA-256 digest under which an embargo link's token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class EmbargoLink(models.Model):
    """A link that shows a press release to journalists before its embargo lifts. Only its token's hash is kept."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn: the release is no longer scheduled")
        LIFTED = "lifted", _("Embargo lifted: leads to the public page")

    release = models.ForeignKey(
        PressRelease, verbose_name=_("press release"), on_delete=models.CASCADE, related_name="embargo_links"
    )
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("Who the link is for: a journalist, a newsroom, a mailing list.")
    )
    token_hash = models.CharField(_("token digest"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Empty: when the embargo lifts. Never later than that.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("journalist link")
        verbose_name_plural = _("journalist links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.release} — {self.recipient}"

    @property
    def ends_at(self):
        """Return when the link stops showing the release: its own expiry or the embargo lift, whichever is first."""
        ends = [moment for moment in (self.expires_at, self.release.publish_at) if moment is not None]
        return min(ends) if ends else None

    def state_on(self, now=None):
        now = now or timezone.now()
        if self.release.is_live:
            return self.State.LIFTED
        if self.release.status != Status.PUBLISHED:
            # Only the reviewed, scheduled text is shown: never a draft or an item in review.
            return self.State.WITHDRAWN
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.ends_at is None or self.ends_at <= now:
            return self.State.EXPIRED
        return self.State.ACTIVE


class EmbargoLinkAccess(models.Model):
    """One opening of a journalist link."""

    link = models.ForeignKey(EmbargoLink, verbose_name=_("link"), on_delete=models.CASCADE, related_name="accesses")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    outcome = models.CharField(_("outcome"), max_length=16, choices=EmbargoLink.State)

    class Meta:
        verbose_name = _("journalist link opening")
        verbose_name_plural = _("journalist link openings")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return f"{self.link} — {self.opened_at:%Y-%m-%d %H:%M}"


def create_embargo_link(*, release, recipient, expires_at=None, user=None, now=None):
    """Create a journalist link to a release still under embargo; return the link and its token (shown once).

    Refuse (ValidationError) a release already live or without an embargo time to come, and an expiry after the
    embargo lift or already past.
    """
    now = now or timezone.now()
    if release.is_live:
        raise ValidationError(_("This press release is already public: share its public address instead."))
    if release.publish_at is None or release.publish_at <= now:
        raise ValidationError(
            _("Set the embargo time (“publish at”) in the future first: a journalist link expires when it lifts.")
        )
    if release.status != Status.PUBLISHED:
        raise ValidationError(
            _("Schedule the release first (publish it with its embargo time): a link shows only reviewed text.")
        )
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": _("This time is already past.")})
    if expires_at is not None and expires_at > release.publish_at:
        raise ValidationError(
            {"expires_at": _("A journalist link cannot outlive the embargo: choose an earlier time.")}
        )
    token = secrets.token_urlsafe(32)
    link = EmbargoLink.objects.create(
        release=release,
        recipient=recipient,
        token_hash=hash_token(token),
        expires_at=expires_at,
        created_by=user,
    )
    return link, token


def revoke_embargo_links(links, *, user=None, now=None):
    """Revoke the links not revoked yet; return how many were."""
    with transaction.atomic():
        return EmbargoLink.objects.filter(pk__in=[link.pk for link in links], revoked_at__isnull=True).update(
            revoked_at=now or timezone.now(), revoked_by=user
        )


def open_embargo_link(token, *, language, now=None):
    """Find the link of ``token``, log the opening and return the link with its state, or (None, None)."""
    if not token or len(token) > 100:
        return None, None
    link = EmbargoLink.objects.select_related("release").filter(token_hash=hash_token(token)).first()
    if link is None:
        return None, None
    state = link.state_on(now)
    EmbargoLinkAccess.objects.create(link=link, language=language[:8], outcome=state)
    return link, state


class ImportBatchQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Return the batches older than ``PRESS_IMPORT_BATCH_MAX_AGE``."""
        return self.filter(created_at__lt=(now or timezone.now()) - settings.PRESS_IMPORT_BATCH_MAX_AGE)


class ImportBatch(models.Model):
    """Documents uploaded for import, kept (in the database, never under a URL) until their owner confirms."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    sources = models.JSONField(_("documents"), default=list)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"

    def is_expired(self, now=None):
        return self.created_at < (now or timezone.now()) - settings.PRESS_IMPORT_BATCH_MAX_AGE


class AboutProposal(models.Model):
    """An organisation's "About" text found in an imported release, kept for staff review (never public)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    release = models.ForeignKey(
        PressRelease, verbose_name=_("press release"), on_delete=models.CASCADE, related_name="about_proposals"
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    about = models.TextField(_("proposed text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposed “About” text")
        verbose_name_plural = _("proposed “About” texts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "release", "language"], name="aboutproposal_unique_per_release_language"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.language})"


def purge_import_batches(now=None):
    """Delete the import batches nobody confirmed in time; return how many were."""
    count, _by_model = ImportBatch.objects.expired(now).delete()
    return count
