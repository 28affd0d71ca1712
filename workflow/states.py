"""Editorial states, the one ``live()`` filter, and the time zone a schedule is typed in."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Paris"
# Offered first in the time zone menu: Paris, and where the journals that set embargoes work.
COMMON_TIME_ZONES = ("Europe/Paris", "UTC", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def live_q(now=None, prefix=""):
    """Return the condition that makes an object visible to the public at ``now``."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}status": Status.PUBLISHED})
        & (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )


class PublishableQuerySet(models.QuerySet):
    def live(self, now=None):
        """Return what the public may see: published, past its go-live, not yet withdrawn."""
        return self.filter(live_q(now))


def shaped_like(queryset):
    """Return every row of ``queryset``'s model, fetched as ``queryset`` fetches them but without its filters.

    A preview or an embargo page shows an object the public may not see yet with the public view's own
    ``select_related`` and prefetches (which still keep related objects to the live ones).
    """
    shaped = queryset.model._default_manager.all()
    shaped.query.select_related = queryset.query.select_related
    shaped = shaped.prefetch_related(*queryset._prefetch_related_lookups)
    if getattr(queryset, "_together", ()):  # relations loaded in one query (core.together)
        shaped = shaped.together(*queryset._together)
    return shaped


def validate_time_zone(value):
    """Refuse a name that is not an IANA time zone ("Europe/Paris")."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value}, code="time_zone")


def time_zone_choices():
    """Return the time zone menu: the common zones first, then every IANA zone by name."""
    others = sorted(zoneinfo.available_timezones() - set(COMMON_TIME_ZONES))
    return [(name, name.replace("_", " ")) for name in (*COMMON_TIME_ZONES, *others)]


def format_moment(moment, zone_name=DEFAULT_TIME_ZONE):
    """Return "12 March 2026 at 09:00 (Europe/Paris, UTC+01:00)" in the active language."""
    zone = zoneinfo.ZoneInfo(zone_name or DEFAULT_TIME_ZONE)
    try:
        local = timezone.localtime(moment, zone)
    except OverflowError:
        # At the very ends of the calendar the zone's offset leaves Python's range: say it in UTC.
        zone = zoneinfo.ZoneInfo("UTC")
        local = timezone.localtime(moment, zone)
    offset = local.strftime("%z")
    return gettext("%(date)s at %(time)s (%(zone)s, UTC%(offset)s)") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "H:i"),
        "zone": zone.key.replace("_", " "),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }
