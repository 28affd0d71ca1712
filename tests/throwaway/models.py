from django.db import models
from django.urls import reverse

from core.richtext import RichTextField
from workflow.mixins import Publishable, one_language_constraint, slug_constraints


class Notice(Publishable):
    """A short public notice: the smallest content type that goes through the workflow."""

    title = models.CharField("title", max_length=255)
    slug = models.SlugField("slug", max_length=255, blank=True)
    summary = models.TextField("summary", blank=True)
    body = RichTextField("body", blank=True)
    issued_on = models.DateField("issued on")

    translation_required = ("title", "body")

    class Meta(Publishable.Meta):
        verbose_name = "notice"
        verbose_name_plural = "notices"
        constraints = [
            *Publishable.Meta.constraints,
            one_language_constraint("notice"),
            *slug_constraints("notice"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("throwaway:notice-detail", kwargs={"slug": self.slug})
