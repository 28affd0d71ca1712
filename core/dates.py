"""Sane bounds for the dates staff type: 1900 to 2200, in forms and in the database."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
EARLIEST_DAY = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DAY = datetime.date(LATEST_YEAR, 12, 31)
# Stored in UTC: the bounds of a moment, whatever its time zone, stay a day inside what Python can convert.
EARLIEST_MOMENT = datetime.datetime(EARLIEST_YEAR, 1, 1, tzinfo=datetime.UTC)
AFTER_LATEST_MOMENT = datetime.datetime(LATEST_YEAR + 1, 1, 1, tzinfo=datetime.UTC)

# The years are written out so that the sentence translates whole (they are the bounds above).
DATE_RANGE_MESSAGE = _("Enter a date between 1900 and 2200.")


def validate_date_range(value):
    """Refuse a date (or a moment, read in its own time zone) before 1900 or after 2200."""
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_range")


def date_range_constraint(field, name, *, moment=False):
    """Return the check constraint keeping ``field`` (null allowed) between 1900 and 2200."""
    if moment:
        within = Q(**{f"{field}__gte": EARLIEST_MOMENT, f"{field}__lt": AFTER_LATEST_MOMENT})
    else:
        within = Q(**{f"{field}__gte": EARLIEST_DAY, f"{field}__lte": LATEST_DAY})
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | within,
        name=name,
        violation_error_message=DATE_RANGE_MESSAGE,
    )


def clamp_stored_dates(model, fields, *, moment=False):
    """Move the stored values of ``fields`` that lie outside 1900–2200 to the nearest bound (for a migration).

    ``fields`` go from the earliest in meaning to the latest ("starts_on", "ends_on"): clamped values keep that
    order (a second apart for moments, which must differ), so the constraints between them still hold.
    """
    manager = model._default_manager
    count = len(fields)
    if moment:
        second = datetime.timedelta(seconds=1)
        too_early, too_late = "lt", "gte"
        low, high = EARLIEST_MOMENT, AFTER_LATEST_MOMENT
        lows = [low + second * position for position in range(count)]
        highs = [high - second * (count - position) for position in range(count)]
    else:
        too_early, too_late = "lt", "gt"
        low, high = EARLIEST_DAY, LATEST_DAY
        lows, highs = [low] * count, [high] * count
    # Raise the latest field first and lower the earliest first, so that no update crosses its neighbour.
    for position in reversed(range(count)):
        manager.filter(**{f"{fields[position]}__{too_early}": low}).update(**{fields[position]: lows[position]})
    for position in range(count):
        manager.filter(**{f"{fields[position]}__{too_late}": high}).update(**{fields[position]: highs[position]})
