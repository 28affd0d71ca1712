"""A readable word diff of two texts, for translators.

Python's difflib is used rather than a third-party library: a translator needs which words changed in
a paragraph, not character-level patches, and SequenceMatcher over word tokens gives that directly.
"""

import difflib
import html
import re

from django.utils.html import format_html, format_html_join

TAG = re.compile(r"<[^>]+>")


def plain_words(text):
    """Return the words of ``text`` with markup removed and entities decoded."""
    return html.unescape(TAG.sub(" ", text or "")).split()


def word_diff(old, new):
    """Return HTML showing ``new`` with the words removed since ``old`` in ``<del>`` and added ones in ``<ins>``."""
    before, after = plain_words(old), plain_words(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("span", " ".join(after[j1:j2])))
            continue
        if i2 > i1:
            parts.append(("del", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("ins", " ".join(after[j1:j2])))
    return format_html_join(" ", "<{0}>{1}</{0}>", parts) if parts else format_html("")
