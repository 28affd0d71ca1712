"""What the admin index shows first: work waiting for someone, and what is about to change on the site."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from core.content_types import registered
from workflow import permissions
from workflow.mixins import TranslationTracked, stale_translation_q
from workflow.models import TranslationProposal
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
    """Return, per model, how many items miss an English or French required field or have a stale translation.

    One query per model, whatever the number of items. Reference data (themes, organisations, places…)
    is counted beside the content: its descriptions are translated and tracked field by field too.
    """
    from workflow.admin import missing_translation_q

    counts = []
    for model in models:
        # An item's inline rows (quotes, party roles…) count with it: subqueries of the same query.
        problems = {
            "stale_en": stale_translation_q("en", model),
            "stale_fr": stale_translation_q("fr", model),
        }
        for key, language in (("missing_en", "en"), ("missing_fr", "fr")):
            missing = missing_translation_q(model, language)
            if missing is not None:
                problems[key] = missing
        totals = {"missing_en": 0, "missing_fr": 0}
        totals.update(model.objects.aggregate(**{key: Count("pk", filter=q) for key, q in problems.items()}))
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


def translated_models(user):
    """Return the models tracking their translations per field that ``user`` may see, in the registry's order."""
    return [
        content_type.model
        for content_type in registered()
        if issubclass(content_type.model, TranslationTracked)
        and user.has_perm(f"{content_type.model._meta.app_label}.view_{content_type.model._meta.model_name}")
    ]


def translation_exchange(user, models):
    """Return the links to the translation exchange and how many imported translations wait to be applied."""
    if not any(permissions.can_change(user, model) for model in models):
        return None
    return {
        "import_url": reverse("admin:translation-import"),
        "waiting": TranslationProposal.objects.visible_to(user).count(),
        "waiting_url": reverse("admin:translation-proposals"),
    }


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
    translated = translated_models(user)
    dashboard = {
        "review": waiting_for_review(models),
        "scheduled": scheduled(models, now),
        "translations": translation_counts(translated),
        "exchange": translation_exchange(user, translated),
    }
    for content_type in shown:
        if content_type.dashboard.sections:
            dashboard.update(content_type.dashboard.sections(today))
    return dashboard
