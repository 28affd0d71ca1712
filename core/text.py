"""Text helpers shared by the apps."""

import unicodedata


def fold(text):
    """Return ``text`` without accents and case, for comparing and sorting ("États-Unis" → "etats-unis").

    Each character is decomposed (NFKD), its combining marks dropped and its case folded.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
