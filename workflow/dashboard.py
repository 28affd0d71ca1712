"""What the admin index shows first: work waiting for someone, and what is about to change on the site."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from core.content_types import registered
from workflow.mixins import stale_translation_q
from workflow.states import Status, format_moment

LISTED = 10


def _change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _changelist_url(model, query):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") + "?" + query


def listed_rows(queryset, describe):
    """Return the first rows of ``queryset`` as links to their change pages, each with ``describe(obj)``."""
    return [{"label": str(obj), "url": _change_url(obj), "detail": describe(obj)} for obj in queryset[:LISTED]]


def waiting_for_review(models):
    """Return, per model, the items in review, last changed first (one query per model)."""
    sections = []
    for model in models:
        rows = listed_rows(
            model.objects.filter(status=Status.REVIEW).select_related("updated_by").order_by("-updated_at"),
            lambda obj: obj.updated_by.get_username() if obj.updated_by else "",
        )
        if rows:
            sections.append(
                {
                    "model": model._meta.verbose_name_plural,
                    "rows": rows,
                    "more_url": _changelist_url(model, "state=review"),
                }
            )
    return sections


def scheduled(models, now):
    """Return, per model, the published items whose go-live (embargo lift) is still to come."""
    sections = []
    for model in models:
        rows = listed_rows(
            model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).order_by("publish_at"),
            lambda obj: format_moment(obj.publish_at, obj.time_zone),
        )
        if rows:
            sections.append(
                {
                    "model": model._meta.verbose_name_plural,
                    "rows": rows,
                    "more_url": _changelist_url(model, "state=scheduled"),
                }
            )
    return sections


def translation_counts(models):
    """Return, per model, how many items miss an English or French required field or have a stale translation."""
    from workflow.admin import missing_translation_q

    counts = []
    for model in models:
        totals = model.objects.aggregate(
            missing_en=Count("pk", filter=missing_translation_q(model, "en")),
            missing_fr=Count("pk", filter=missing_translation_q(model, "fr")),
            stale_en=Count("pk", filter=stale_translation_q("en")),
            stale_fr=Count("pk", filter=stale_translation_q("fr")),
        )
        if any(totals.values()):
            counts.append(
                {
                    "model": model._meta.verbose_name_plural,
                    **totals,
                    "missing_en_url": _changelist_url(model, "translation_en=missing"),
                    "missing_fr_url": _changelist_url(model, "translation_en=missing_fr"),
                    "stale_en_url": _changelist_url(model, "translation_en=stale_en"),
                    "stale_fr_url": _changelist_url(model, "translation_en=stale_fr"),
                }
            )
    return counts


def editorial_dashboard(request, now=None):
    """Return the dashboard of the content ``request.user`` may see."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    user = request.user
    shown = [
        content_type
        for content_type in registered("dashboard")
        if user.has_perm(f"{content_type.model._meta.app_label}.view_{content_type.model._meta.model_name}")
    ]
    models = [content_type.model for content_type in shown]
    dashboard = {
        "review": waiting_for_review(models),
        "scheduled": scheduled(models, now),
        "translations": translation_counts(models),
    }
    for content_type in shown:
        if content_type.dashboard.sections:
            dashboard.update(content_type.dashboard.sections(today))
    return dashboard
