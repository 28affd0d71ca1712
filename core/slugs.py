"""Per-language slugs filled from the title (or name) in the same language."""

from django.utils.text import slugify

LANGUAGES = ("fr", "en")


def slug_for(text, max_length):
    """Return the slug of ``text``, cut to ``max_length``."""
    return slugify(text or "")[:max_length]


def missing_slugs(values, *, max_length, sources=("title", "name"), languages=LANGUAGES):
    """Return ``{"slug_fr": …}`` for each language whose slug is empty in ``values`` and whose source is not.

    ``values`` maps column names to values (a model instance's attributes, a form's cleaned data); the
    source is the first of ``sources`` with text in that language.
    """
    filled = {}
    for language in languages:
        if values.get(f"slug_{language}"):
            continue
        text = next((values.get(f"{name}_{language}") for name in sources if values.get(f"{name}_{language}")), "")
        if text:
            filled[f"slug_{language}"] = slug_for(text, max_length)
    return filled
