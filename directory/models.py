import functools
import operator

from django.apps import apps
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from assets.models import image_from_library
from core.richtext import RichTextField
from core.slugs import slug_for
from workflow.mixins import SlugFilled, TranslatedModel, TranslationTracked, one_language_constraint, slug_constraints


class Theme(SlugFilled, TranslationTracked):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    slug_source = "name"
    translation_required = ("name",)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name_fr"]
        constraints = [
            *slug_constraints("theme"),
            one_language_constraint("theme", "name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:theme-detail", kwargs={"slug": self.slug})


def organisation_appearances(now):
    """Return ``(live rows, path to an organisation)`` for each way public content names organisations.

    Each content model lists its paths in ``public_organisations`` (``PressRelease``: its issuers, funders,
    contacts' and quote speakers' organisations…); the rows are that model's ``live(now)`` ones.
    """
    return [
        (model.objects.live(now), path)
        for model in apps.get_models()
        for path in getattr(model, "public_organisations", ())
    ]


class OrganisationQuerySet(models.QuerySet):
    def live(self, now=None):
        """Return the organisations that live content names: no other organisation is shown to the public.

        An organisation created for a draft or an embargoed release (its name, its "About" text) stays
        private until that release is out, and goes private again if it is withdrawn. One query, no
        duplicate rows: one ``EXISTS`` per way of appearing.
        """
        now = now or timezone.now()
        appears = [Exists(rows.filter(**{path: OuterRef("pk")})) for rows, path in organisation_appearances(now)]
        return self.filter(functools.reduce(operator.or_, appears))


class Organisation(SlugFilled, TranslationTracked):
    class Kind(models.TextChoices):
        RESEARCH_BODY = "research_body", _("Research body")
        AGENCY = "agency", _("Agency")
        MINISTRY = "ministry", _("Ministry")
        REGION = "region", _("Region or local authority")
        UNIVERSITY = "university", _("University")
        HOSPITAL = "hospital", _("Hospital")
        COMPANY = "company", _("Company")
        FOUNDATION = "foundation", _("Foundation")
        INTERNATIONAL = "international", _("International body")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True)
    name_with_article = models.CharField(
        _("name with its article"),
        max_length=270,
        blank=True,
        help_text=_(
            "The name as a sentence reads it, article first: “l’Agence nationale…”, “la Région Bretagne”, "
            "“the French Agency…”. Empty: the name alone, for a name that takes no article."
        ),
    )
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.RESEARCH_BODY)
    country = CountryField(_("country"), default="FR")
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = image_from_library(
        "organisations",
        verbose_name=_("logo"),
        help_text=_("Chosen from the media library, which holds the image and its text alternative."),
    )
    about = RichTextField(_("about"), blank=True, help_text=_("The “About …” boilerplate closing press releases."))
    press_email = models.EmailField(_("press e-mail"), blank=True)
    press_phone = models.CharField(_("press phone"), max_length=100, blank=True)
    social_handle = models.CharField(_("social media handle"), max_length=100, blank=True)

    objects = OrganisationQuerySet.as_manager()

    slug_source = "name"
    translation_required = ("name", "about")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fr"]
        constraints = [
            *slug_constraints("organisation"),
            one_language_constraint("organisation", "name"),
            models.UniqueConstraint(
                fields=["acronym", "country"],
                condition=Q(acronym__gt=""),
                name="organisation_unique_acronym_per_country",
                violation_error_message=_("An organisation with this acronym already exists in this country."),
            ),
        ]

    def __str__(self):
        return self.acronym or self.name

    def get_absolute_url(self):
        return reverse("directory:organisation-detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """Return "Name (ACRONYM)" when both differ, else the name."""
        if self.acronym and self.acronym.lower() != self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name


class Person(TranslationTracked):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    honorific = models.CharField(_("honorific"), max_length=30, blank=True, help_text=_("e.g. Dr, Pr"))
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )

    translation_required = ("role",)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_name", "last_name", "organisation"],
                name="person_unique_name_per_organisation",
                violation_error_message=_("This person already exists in this organisation."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


validate_language_codes = RegexValidator(
    r"^[a-z]{2,3}(, ?[a-z]{2,3})*$", _("Enter language codes separated by commas, such as: fr, en, es.")
)


class ExpertQuerySet(models.QuerySet):
    def live(self, now=None):
        """Return the experts shown to the public: those who agreed to be listed and are not hidden.

        ``now`` is accepted like every ``live()`` takes it; a listing has no schedule.
        """
        return self.filter(listing_consent_at__isnull=False, hidden=False)

    def for_listing(self):
        return self.select_related("photo").prefetch_related("themes").order_by("last_name", "first_name", "pk")

    def search(self, text):
        """Return the experts whose name, unit or themes contain every word of ``text``."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(unit__icontains=word)
                | Q(themes__name_fr__icontains=word)
                | Q(themes__name_en__icontains=word)
            )
        return queryset.distinct()


class Expert(TranslatedModel):
    """A researcher journalists may call, listed only with their recorded consent."""

    class ContactRoute(models.TextChoices):
        PRESS_OFFICE = "press_office", _("Through the press office")
        DIRECT = "direct", _("Directly")

    honorific = models.CharField(_("honorific"), max_length=30, blank=True, help_text=_("e.g. Dr, Pr"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    role = models.CharField(_("job title"), max_length=255, blank=True)
    unit = models.CharField(
        _("research unit"), max_length=255, help_text=_("e.g. U1234 Inserm / Université Paris Cité")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="experts")
    languages = models.CharField(
        _("languages spoken"),
        max_length=60,
        default="fr",
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas: fr, en, es."),
    )
    bio = models.TextField(_("short biography"), blank=True)
    contact_route = models.CharField(
        _("how journalists reach them"), max_length=20, choices=ContactRoute, default=ContactRoute.PRESS_OFFICE
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Shown only when journalists reach them directly."))
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    photo = image_from_library(
        "experts",
        verbose_name=_("photo"),
        help_text=_("Chosen from the media library, which holds its text alternative and credit."),
    )
    listing_consent_at = models.DateTimeField(
        _("consent to be listed given on"),
        null=True,
        blank=True,
        help_text=_("Empty: the expert is not shown anywhere on the public site."),
    )
    listing_consent_note = models.CharField(
        _("how the consent was given"), max_length=255, blank=True, help_text=_("e.g. e-mail of 3 March 2026")
    )
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hide the expert from the public site at once, consent or not.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExpertQuerySet.as_manager()

    translation_required = ("bio",)
    public_organisations = ("organisation",)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(slug__gt=""),
                name="expert_unique_slug",
                violation_error_message=_("Another expert already uses this address (slug)."),
            ),
            models.CheckConstraint(
                condition=Q(contact_route="press_office") | ~Q(email="") | ~Q(phone=""),
                name="expert_direct_contact_needs_email_or_phone",
                violation_error_message=_("An expert reached directly needs an e-mail address or a phone number."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(f"{self.first_name} {self.last_name}", self._meta.get_field("slug").max_length)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:expert-detail", kwargs={"slug": self.slug})

    @property
    def full_name(self):
        return " ".join(part for part in (self.honorific, self.first_name, self.last_name) if part)

    @property
    def language_names(self):
        """Return the languages spoken, each named in itself (français, English, español)."""
        names = []
        for code in (code.strip() for code in self.languages.split(",")):
            try:
                names.append(get_language_info(code)["name_local"])
            except KeyError:
                names.append(code)
        return names

    @property
    def is_live(self):
        return self.listing_consent_at is not None and not self.hidden
