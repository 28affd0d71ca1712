from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from assets.models import image_from_library
from core.models import Ordered
from directory.models import Organisation, Person, Theme
from workflow.mixins import Publishable, TrackedPart, TranslationTracked, one_language_constraint, slug_constraints
from workflow.states import PublishableQuerySet

from .continents import continent_of


class Place(TranslationTracked):
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    translation_required = ()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name_fr"]
        constraints = [
            one_language_constraint("place", "name"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
                violation_error_message=_("Latitude must lie between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
                violation_error_message=_("Longitude must lie between -180 and 180."),
            ),
            models.UniqueConstraint(
                fields=["name_fr", "country"],
                name="place_unique_name_per_country",
                violation_error_message=_("This place already exists in this country."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})"

    @property
    def continent(self):
        return continent_of(self.country.code)


class FundingInstrument(Publishable):
    class Stage(models.IntegerChoices):
        EXPLORE = 1, _("Explore")
        CONSOLIDATE = 2, _("Consolidate")
        STRUCTURE = 3, _("Structure")
        INTEGRATE = 4, _("Integrate")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    summary = models.TextField(_("summary"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration in months"), null=True, blank=True)
    partners_min = models.PositiveSmallIntegerField(_("minimum number of partners"), null=True, blank=True)
    partners_max = models.PositiveSmallIntegerField(_("maximum number of partners"), null=True, blank=True)

    slug_source = "name"
    translation_required = ("name", "summary")

    class Meta(Publishable.Meta):
        verbose_name = _("funding instrument")
        verbose_name_plural = _("funding instruments")
        ordering = ["stage", "name_fr"]
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("fundinginstrument"),
            one_language_constraint("fundinginstrument", "name"),
            models.CheckConstraint(
                condition=Q(partners_min__isnull=True)
                | Q(partners_max__isnull=True)
                | Q(partners_max__gte=F("partners_min")),
                name="fundinginstrument_partners_range",
                violation_error_message=_("The maximum number of partners cannot be below the minimum."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("international:instrument-detail", kwargs={"slug": self.slug})


class AwardAmount(TrackedPart, Ordered):
    item_field = "instrument"

    instrument = models.ForeignKey(FundingInstrument, on_delete=models.CASCADE, related_name="amounts")
    scope = models.CharField(_("scope"), max_length=200, blank=True, help_text=_("e.g. “partnerships in Europe”"))
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)

    class Meta(Ordered.Meta):
        verbose_name = _("award amount")
        verbose_name_plural = _("award amounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_eur__gte=0),
                name="awardamount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.amount_eur} € {self.scope}".strip()


class FundedProject(TrackedPart, Ordered):
    item_field = "instrument"

    instrument = models.ForeignKey(FundingInstrument, on_delete=models.CASCADE, related_name="funded_projects")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead_name = models.CharField(_("led by"), max_length=200, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")

    def __str__(self):
        return self.name


class CooperationSiteQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("places", "themes").order_by("kind", "name_fr")

    def for_detail(self):
        """Return the sites with what a site's page and API entry show, in a fixed number of queries.

        The places come in their editorial order in ``ordered_site_places``; the funding instrument only if live.
        """
        return self.select_related("lead__organisation", "image").prefetch_related(
            models.Prefetch(
                "site_places",
                queryset=SitePlace.objects.select_related("place").order_by("position", "pk"),
                to_attr="ordered_site_places",
            ),
            "partners",
            "themes",
            models.Prefetch("funding_instrument", queryset=FundingInstrument.objects.live()),
        )


class CooperationSite(Publishable):
    class Kind(models.TextChoices):
        JOINT_UNIT = "joint_unit", _("International joint unit")
        RESEARCH_PROJECT = "research_project", _("International research project")
        NETWORK = "network", _("International research network")
        FIELD_SITE = "field_site", _("Field site")
        OFFICE = "office", _("Representation office")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    image = image_from_library("cooperation_sites")
    places = models.ManyToManyField(Place, verbose_name=_("places"), through="SitePlace", related_name="sites")
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="cooperation_sites"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="cooperation_sites")
    lead = models.ForeignKey(
        Person, verbose_name=_("led by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="led_sites"
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    funding_instrument = models.ForeignKey(
        FundingInstrument,
        verbose_name=_("funding instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sites",
    )

    objects = CooperationSiteQuerySet.as_manager()

    slug_source = "name"
    translation_required = ("name",)
    public_organisations = ("partners", "lead__organisation")

    class Meta(Publishable.Meta):
        verbose_name = _("cooperation site")
        verbose_name_plural = _("cooperation sites")
        ordering = ["kind", "name_fr"]
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("cooperationsite"),
            one_language_constraint("cooperationsite", "name"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="cooperationsite_ends_after_start",
                violation_error_message=_("A site cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("international:site-detail", kwargs={"slug": self.slug})


class SitePlace(Ordered):
    site = models.ForeignKey(CooperationSite, on_delete=models.CASCADE, related_name="site_places")
    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="site_places")

    class Meta(Ordered.Meta):
        verbose_name = _("place of the site")
        verbose_name_plural = _("places of the site")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "place"],
                name="siteplace_unique",
                violation_error_message=_("This place is already listed for this site."),
            ),
        ]

    def __str__(self):
        return str(self.place)


class Indicator(Ordered, TranslationTracked):
    label = models.CharField(_("label"), max_length=200)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)

    translation_required = ("label",)

    class Meta(Ordered.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.label


class KeyFigure(TranslationTracked):
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="figures"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    share_percent = models.DecimalField(_("share of total (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    translation_required = ("source",)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["-year", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "indicator"],
                name="keyfigure_unique_year_indicator",
                violation_error_message=_("This indicator already has a figure for this year."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="keyfigure_value_not_negative",
                violation_error_message=_("A figure cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | Q(share_percent__gte=0, share_percent__lte=100),
                name="keyfigure_share_percent_range",
                violation_error_message=_("A share must lie between 0 and 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(share_percent__isnull=False),
                name="keyfigure_value_or_share",
                violation_error_message=_("Give a value, a share, or both."),
            ),
        ]

    def __str__(self):
        return f"{self.year} — {self.indicator}"
