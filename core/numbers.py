"""Numbers as each language writes them: 6 580 and 47,4 % in French, 6,580 and 47.4% in English."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language

# Where the sign goes is a typographic rule of each language, like Django's own locale formats.
PERCENT_FORMATS = {"fr": "{}\u00a0%", "en": "{}%"}
EURO_FORMATS = {"fr": "{}\u00a0€", "en": "€{}"}


def _language():
    return (get_language() or "fr").split("-")[0]


def format_number(value):
    """Return a number grouped by thousands in the active language, without trailing zeros: 6 580, 47,4."""
    value = Decimal(value)
    normalized = value.normalize()
    decimals = max(0, -normalized.as_tuple().exponent)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_percent(value):
    """Return a share as written in the active language: 47,4 % or 47.4%."""
    return PERCENT_FORMATS.get(_language(), "{}%").format(format_number(value))


def format_euros(value):
    """Return an amount in euros as written in the active language: 60 000 € or €60,000."""
    return EURO_FORMATS.get(_language(), "€{}").format(format_number(value))


def format_value(value, unit=""):
    """Return a figure with its unit, if any."""
    if unit.strip() == "%":
        return format_percent(value)
    text = format_number(value)
    return f"{text}\u00a0{unit}" if unit else text
