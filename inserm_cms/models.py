from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of a scheduled job for one slot of its schedule: enqueued once, whatever the schedulers."""

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"), help_text=_("The time of the schedule this run is for."))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "slot"],
                name="scheduled_run_once_per_slot",
                violation_error_message=_("This job was already enqueued for this slot."),
            )
        ]

    def __str__(self):
        return f"{self.job} @ {self.slot.isoformat()}"
