"""Former home of the workflow's building blocks, kept so that older imports keep working.

New code imports from where each concept lives: ``workflow.states`` (states, ``live()``, time zones),
``workflow.mixins`` (the abstract model bases) and ``workflow.transitions`` (publish, unpublish,
submit for review, send back). Remove this module once nothing imports it.
"""

from .mixins import (
    LANGUAGES,
    Publishable,
    TranslatedModel,
    one_language_constraint,
    slug_constraints,
    source_digest,
    stale_translation_q,
    translated_field_names,
)
from .states import (
    COMMON_TIME_ZONES,
    DEFAULT_TIME_ZONE,
    PublishableQuerySet,
    Status,
    format_moment,
    live_q,
    shaped_like,
    time_zone_choices,
    validate_time_zone,
)
from .transitions import check_gate, publish, submit_for_review, unpublish

__all__ = [
    "COMMON_TIME_ZONES",
    "DEFAULT_TIME_ZONE",
    "LANGUAGES",
    "Publishable",
    "PublishableQuerySet",
    "Status",
    "TranslatedModel",
    "check_gate",
    "format_moment",
    "live_q",
    "one_language_constraint",
    "publish",
    "shaped_like",
    "slug_constraints",
    "source_digest",
    "stale_translation_q",
    "submit_for_review",
    "time_zone_choices",
    "translated_field_names",
    "unpublish",
    "validate_time_zone",
]
