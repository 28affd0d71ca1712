"""Abstract model bases that any app may build on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ordered(models.Model):
    """Abstract base of a child row (a party, a quote, a place…) listed in the order staff give it.

    Rows come by ``position``, then in the order they were added (equal positions keep their order).
    """

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]
