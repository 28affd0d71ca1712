"""The agreements' own sections of the admin dashboard: agreements ending soon, and ended without renewal."""

import datetime

from django.db.models import Exists, OuterRef

from workflow.dashboard import listed_rows

from .models import ENDING_SOON_DAYS, Agreement


def agreements_ending(today, days=ENDING_SOON_DAYS):
    """Return the agreements (any state) whose last day falls within ``days``, soonest first."""
    end = today + datetime.timedelta(days=days)
    queryset = Agreement.objects.with_end_date().filter(end_date__gte=today, end_date__lte=end).order_by("end_date")
    return listed_rows(queryset, lambda obj: obj.end_date)


def agreements_ended_without_renewal(today):
    """Return the agreements already ended that no later agreement renews, most recently ended first."""
    renewed = Agreement.objects.filter(renewal_of=OuterRef("pk"))
    queryset = (
        Agreement.objects.with_end_date().filter(end_date__lt=today).exclude(Exists(renewed)).order_by("-end_date")
    )
    return listed_rows(queryset, lambda obj: obj.end_date)


def agreement_sections(today):
    """Return the dashboard sections of the agreements (see templates/admin/index.html)."""
    return {"ending": agreements_ending(today), "ended": agreements_ended_without_renewal(today)}
