from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from inserm_cms.publishing import TranslatedModel, fill_slugs, one_language_constraint, slug_constraints
from inserm_cms.richtext import RichTextField
from inserm_cms.validators import RandomFileName, validate_image


class Theme(TranslatedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

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

    def save(self, *args, **kwargs):
        fill_slugs(self, source="name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:theme-detail", kwargs={"slug": self.slug})


class Organisation(TranslatedModel):
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
    logo = models.ImageField(_("logo"), upload_to=RandomFileName("logos"), validators=[validate_image], blank=True)
    about = RichTextField(_("about"), blank=True, help_text=_("The “About …” boilerplate closing press releases."))
    press_email = models.EmailField(_("press e-mail"), blank=True)
    press_phone = models.CharField(_("press phone"), max_length=100, blank=True)
    social_handle = models.CharField(_("social media handle"), max_length=100, blank=True)

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

    def save(self, *args, **kwargs):
        fill_slugs(self, source="name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:organisation-detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """Return "Name (ACRONYM)" when both differ, else the name."""
        if self.acronym and self.acronym.lower() != self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name


class Person(TranslatedModel):
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
