from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.Model):
    """The one row whose number every cached page key holds: raising it drops every cached page at once.

    Kept in the database so that a write handled by one process invalidates the pages cached by all
    the others (each gunicorn worker has its own local-memory cache).
    """

    value = models.BigIntegerField(_("generation"), default=0)
    next_change = models.DateTimeField(
        _("next scheduled change"),
        null=True,
        blank=True,
        help_text=_("The next publish or unpublish time to come when the generation was last raised."),
    )

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self):
        return str(self.value)
