"""Text helpers of the importer: accent folding, inline Markdown stripping, language and dates."""

import datetime
import functools
import re
from html import unescape

from core.text import fold as fold_text

FRENCH_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
ENGLISH_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTHS = {**FRENCH_MONTHS, **ENGLISH_MONTHS}
WEEKDAYS = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# Matched on folded text (lower case, no accents).
_DAY_MONTH_YEAR = rf"(?:(?:le|on|the)\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:le\s+)?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\.?,?\s+(?P<year>\d{{4}})"
_MONTH_DAY_YEAR = rf"(?:(?:on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?P<month2>{_MONTH_RE})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}})"
_NUMERIC = r"(?:le\s+)?(?P<day3>\d{1,2})[/.](?P<month3>\d{1,2})[/.](?P<year3>\d{4})"
_ISO = r"(?P<year4>\d{4})-(?P<month4>\d{2})-(?P<day4>\d{2})"
_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC}|{_ISO})"
_PLACE = r"(?:(?P<place>[^\W\d][^,\d]{0,58}?)\s*,\s*)?"
DATELINE_RE = re.compile(rf"^{_PLACE}{_DATE}\s*\.?$")
INLINE_DATELINE_RE = re.compile(rf"^{_PLACE}{_DATE}\s*(?:[-–—:]|\.\s)\s*")

# Folded, as the words they are compared with.
FRENCH_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "pour",
        "dans",
        "sur",
        "avec",
        "que",
        "qui",
        "au",
        "aux",
        "ce",
        "cette",
        "ces",
        "ses",
        "son",
        "sa",
        "par",
        "en",
        "ont",
        "sont",
        "a",
        "ete",
        "ainsi",
        "leur",
        "leurs",
        "nous",
        "vous",
        "il",
        "elle",
        "ils",
        "elles",
        "ne",
        "pas",
        "plus",
        "mais",
        "ou",
        "d",
        "l",
        "qu",
        "n",
        "s",
        "c",
    ]  # noqa: SIM905
)
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "are",
        "for",
        "with",
        "on",
        "that",
        "this",
        "by",
        "from",
        "its",
        "it",
        "has",
        "have",
        "was",
        "were",
        "an",
        "as",
        "be",
        "at",
        "which",
        "their",
        "they",
        "we",
        "will",
        "would",
        "not",
        "but",
        "or",
        "also",
        "been",
        "these",
        "those",
        "such",
    ]  # noqa: SIM905
)


class InvalidDate(ValueError):
    """A dateline names a day that does not exist (31 February)."""


@functools.lru_cache(maxsize=4096)
def fold(text):
    """Return ``text`` folded (``core.text.fold``), with typographic apostrophes made plain."""
    return fold_text(text.replace("’", "'").replace("‘", "'"))


_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+|[^@>\s]+@[^>\s]+)>")
_STRONG_RE = re.compile(r"(\*\*|__)(.+?)\1")
_STAR_RE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_UNDERSCORE_RE = re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_SPACES_RE = re.compile(r"[ \t]+")


def strip_inline_markdown(text):
    """Return ``text`` without emphasis markers, link syntax and backslash escapes."""
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _STRONG_RE.sub(r"\2", text)
    text = _STAR_RE.sub(r"\1", text)
    text = _UNDERSCORE_RE.sub(r"\1", text)
    text = text.replace("**", "")
    text = _ESCAPE_RE.sub(r"\1", text)
    return unescape(_SPACES_RE.sub(" ", text)).strip()


# The parser asks the same questions of each block several times (is it a heading, a dateline, an
# "About" heading, a contacts heading…): cached, a block is folded and stripped once, not six times.
@functools.lru_cache(maxsize=4096)
def plain_block(block):
    """Return a block as one line of plain text: no heading marks, emphasis or line breaks."""
    lines = [re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?)", "", line) for line in block.splitlines()]
    return strip_inline_markdown(" ".join(line.strip() for line in lines)).strip("# ").strip()


def words(text):
    """Return the folded words of ``text``, apostrophes splitting elisions (l'Inserm → l, inserm)."""
    return re.findall(r"[a-z0-9]+", fold(text))


def clear_caches():
    """Forget the cached folds and plain blocks of the last document (its text must not linger)."""
    fold.cache_clear()
    plain_block.cache_clear()


def detect_language(text):
    """Return "fr", "en" or None by stop-word scoring (None when neither language is clear)."""
    # The first 4,000 words decide; the rest of a long document is not folded for nothing.
    tokens = words(text[:40_000])[:4000]
    if len(tokens) < 8:
        return None
    french = sum(token in FRENCH_WORDS for token in tokens)
    english = sum(token in ENGLISH_WORDS for token in tokens)
    best, other, language = (french, english, "fr") if french >= english else (english, french, "en")
    if best < 5 or best / len(tokens) < 0.12 or best < 2 * other:
        return None
    return language


def _make_date(year, month, day, source):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError as error:
        raise InvalidDate(source) from error


def match_dateline(text, *, inline=False):
    """Return (place, date, matched length) of a dateline at the start of ``text``, or None.

    Raise InvalidDate when the text is a dateline naming a day that does not exist.
    """
    folded = fold(text)
    match = (INLINE_DATELINE_RE if inline else DATELINE_RE).match(folded)
    if not match:
        return None
    groups = match.groupdict()
    if groups["day"]:
        parts = groups["year"], MONTHS[groups["month"]], groups["day"]
    elif groups["day2"]:
        parts = groups["year2"], MONTHS[groups["month2"]], groups["day2"]
    elif groups["day3"]:
        parts = groups["year3"], groups["month3"], groups["day3"]
    else:
        parts = groups["year4"], groups["month4"], groups["day4"]
    place = ""
    if groups["place"]:
        # Folding keeps the length of the text, so the original spelling is sliced back out.
        place = text[match.start("place") : match.end("place")].strip()
        if fold(place) in WEEKDAYS.split("|"):
            place = ""
        if len(place.split()) > 5:
            return None
    source = text[: match.end()].strip(" -–—:.")
    return place, _make_date(*parts, source), match.end()
