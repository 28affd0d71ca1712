from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Person, Theme
from inserm_cms.publishing import Publishable, PublishableQuerySet, slug_constraints
from inserm_cms.richtext import RichTextField


class PressReleaseQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("themes", "issuers__organisation").order_by("-release_date", "-pk")


class PressRelease(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, blank=True)
    kind = models.CharField(_("kind heading"), max_length=100, default="Communiqué de presse", blank=True)
    dateline_place = models.CharField(_("dateline place"), max_length=100, blank=True)
    release_date = models.DateField(_("release date"), db_index=True)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("body"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="press_releases")
    image = models.ImageField(_("image"), upload_to="press/", blank=True)
    image_alt = models.CharField(_("image text alternative"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    related_agreement = models.ForeignKey(
        "partnerships.Agreement",
        verbose_name=_("related agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )

    objects = PressReleaseQuerySet.as_manager()

    translation_required = ("title", "lead", "body")

    class Meta(Publishable.Meta):
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-release_date", "-pk"]
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("pressrelease"),
            models.CheckConstraint(condition=~Q(title_fr=""), name="pressrelease_title_fr_required"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("press:release-detail", kwargs={"slug": self.slug})


class PressReleaseIssuer(models.Model):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="issuers")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="issued_releases"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("issuing organisation")
        verbose_name_plural = _("issuing organisations")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "organisation"],
                name="pressreleaseissuer_unique",
                violation_error_message=_("This organisation is already an issuer of this release."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class PressContact(models.Model):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    handle = models.CharField(_("social media handle"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["position", "pk"]
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


class Quote(models.Model):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"))
    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_title = models.CharField(_("speaker's title as quoted"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"


class PressAttachment(models.Model):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file (PDF)"), upload_to="press/attachments/")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
