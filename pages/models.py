from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assets.models import image_from_library
from core.richtext import RichTextField
from workflow.mixins import Publishable, one_language_constraint, slug_constraints


class Page(Publishable):
    """Editorial prose: strategy, priorities, policy, and the pages a public site must carry."""

    class Role(models.TextChoices):
        NONE = "", _("Editorial page")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        LEGAL = "legal", _("Legal notice")
        PRIVACY = "privacy", _("Personal data")

    class Compliance(models.TextChoices):
        NONE = "", _("Not applicable")
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NON = "non", _("Non-compliant")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("body"), blank=True)
    image = image_from_library("pages")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent page"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(_("position in menu"), default=0)
    show_in_menu = models.BooleanField(_("show in menu"), default=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.NONE, blank=True)
    compliance = models.CharField(
        _("RGAA compliance status"),
        max_length=10,
        choices=Compliance,
        default=Compliance.NONE,
        blank=True,
        help_text=_("Only for the accessibility statement."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    translation_required = ("title", "body")

    class Meta(Publishable.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "title_fr"]
        constraints = [
            *Publishable.Meta.constraints,
            one_language_constraint("page"),
            *slug_constraints("page"),
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(role__gt=""),
                name="page_unique_role",
                violation_error_message=_("Another page already has this role."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page-detail", kwargs={"slug": self.slug})
