"""Revisions of every content model, kept by django-simple-history.

History is registered here, once modeltranslation (first of the installed apps) has added the
``*_fr`` / ``*_en`` columns to the models: a ``HistoricalRecords()`` declared in models.py would be
built before them and keep no translated text (django-simple-history's documentation and issue #209).
"""

import simple_history
from django.apps import apps

# Model label, and the many-to-many fields whose changes the revisions record too.
CONTENT_MODELS = {
    "press.PressRelease": ["themes"],
    "press.PressReleaseIssuer": [],
    "press.PressContact": [],
    "press.Quote": [],
    "press.PressAttachment": [],
    "partnerships.Agreement": ["themes"],
    "partnerships.AgreementParty": [],
    "partnerships.Signatory": [],
    "partnerships.Objective": [],
    "partnerships.Outcome": [],
    "pages.Page": [],
    "international.CooperationSite": ["themes", "partners"],
    "international.SitePlace": [],
    "international.FundingInstrument": [],
    "international.AwardAmount": [],
    "international.FundedProject": [],
    "international.Place": [],
    "international.Indicator": [],
    "international.KeyFigure": [],
    "directory.Organisation": [],
    "directory.Person": [],
    "directory.Theme": [],
}


def untranslated_originals(model):
    """Return the original fields modeltranslation shadows (``title``): their column mirrors one language."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def register_history(models=None):
    """Register every content model with django-simple-history, translated columns included."""
    for label, m2m_fields in (models or CONTENT_MODELS).items():
        model = apps.get_model(label)
        simple_history.register(model, excluded_fields=untranslated_originals(model), m2m_fields=m2m_fields)
