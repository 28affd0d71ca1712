"""The content generation folded into every cached page key, and the next scheduled change that bounds it."""

from django.apps import apps
from django.db.models import F, Min, Q
from django.utils import timezone

from inserm_cms.publishing import Publishable, Status

from .models import Generation

ROW = 1


def next_scheduled_change(now=None):
    """Return the next publish_at or unpublish_at to come among published content, or None."""
    now = now or timezone.now()
    moments = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        found = model._default_manager.filter(status=Status.PUBLISHED).aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        moments.extend(moment for moment in found.values() if moment is not None)
    return min(moments, default=None)


def bump_generation():
    """Make every cached page stale, in every process: called on each content write."""
    if not Generation.objects.filter(pk=ROW).update(value=F("value") + 1, computed=False, next_change=None):
        Generation.objects.get_or_create(pk=ROW)


def current_generation(now=None):
    """Return ``(generation, expires)``: the number to fold into page keys and when it stops being valid.

    Once a scheduled publish or unpublish time is reached the generation moves on by itself, so no
    page cached before it is served after it.
    """
    now = now or timezone.now()
    row = Generation.objects.filter(pk=ROW).values_list("value", "computed", "next_change").first()
    if row is None:
        Generation.objects.get_or_create(pk=ROW)
        row = (0, False, None)
    value, computed, next_change = row
    if computed and (next_change is None or next_change > now):
        return value, next_change
    if computed:  # a scheduled change has come: what was cached before it may be wrong now
        Generation.objects.filter(pk=ROW, value=value).update(value=value + 1, computed=False, next_change=None)
        value += 1
    next_change = next_scheduled_change(now)
    Generation.objects.filter(pk=ROW, value=value).update(computed=True, next_change=next_change)
    return value, next_change
