"""Crawl the English site and find no French outside ``lang="fr"``; crawl the French site and find no English.

The demo content is loaded, plus a French-only and an English-only item of each kind of content. Every
page reachable from the home page in one language is read; each text node of ``<body>`` whose nearest
``lang`` is the page's language is tested with a stop-word and diacritics heuristic. The ``<head>`` is
left out: ``<title>`` and meta descriptions cannot mark a fallback's language inside them.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from tests.bilingual.test_one_language_only import KINDS, only_in

pytestmark = pytest.mark.django_db

# Words that are common in French text and are not English words.
FRENCH_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "au",
        "aux",
        "et",
        "est",
        "une",
        "un",
        "pour",
        "dans",
        "sur",
        "avec",
        "qui",
        "que",
        "ne",
        "pas",
        "par",
        "ce",
        "cette",
        "ces",
        "son",
        "ses",
        "leur",
        "nous",
        "vous",
        "il",
        "elle",
        "ils",
        "sont",
        "été",
        "être",
        "plus",
        "entre",
        "depuis",
        "sans",
        "sous",
        "chez",
        "où",
    ]
)
# Words that are common in English text and are not French words.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "is",
        "are",
        "with",
        "for",
        "this",
        "that",
        "from",
        "by",
        "be",
        "was",
        "were",
        "has",
        "have",
        "its",
        "their",
        "which",
        "not",
        "been",
        "into",
        "than",
        "other",
        "only",
        "available",
    ]
)
FRENCH_LETTERS = re.compile(r"[éèêëàâçùûôîïœ]", re.IGNORECASE)
# Proper names written as they are in either language's text, which the heuristics would take for the
# other language. The rich-text editor has no way to mark a span's language, so names inside body text
# cannot carry lang="fr" (or "en"); names in structured fields are the demo content's people, places and
# laboratories, whose official names are not translated.
FRENCH_PROPER_NAMES = (
    "Région Bretagne",  # the region's official name; the seeds give no English one (lists show it unmarked)
    "Loïg Chesnais-Girard",  # President of the Région Bretagne, signatory
    "Yaoundé",
    "Côte d'Ivoire",
    "Défenseur des droits",  # the French rights ombudsman, named in the accessibility statement
    "Libre réponse",  # the ombudsman's postal address
    "Institut national de la santé et de la recherche médicale",  # Inserm's legal name in the legal notice
    "Laboratoire Traitement du Signal et de l'Image",  # LTSI, a laboratory of the Bretagne agreement
    "Laboratoire de Traitement de l'Information Médicale",  # LATIM, idem
)
ENGLISH_PROPER_NAMES = (
    "Heads of International",  # HIROs, an international network named in the international pages
    "European and Developing Countries Clinical Trials Partnership",  # EDCTP, idem
)
SKIPPED_PATHS = re.compile(r"/(pdf|rss|atom)/$|^/(static|media|admin|api)/|/embargo/")


class TextNodes(HTMLParser):
    """Collect ``(lang, text)`` for the text nodes of ``<body>``, outside scripts and styles."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.in_body = False
        self.texts = []
        self.links = []

    def current_lang(self):
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "body":
            self.in_body = True
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs.get("lang") or self.current_lang()))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text or not self.in_body:
            return
        if any(tag in {"script", "style", "template"} for tag, _lang in self.stack):
            return
        self.texts.append((self.current_lang()[:2], text))


def looks_french(text):
    """Tell whether ``text`` reads as French: two French-only words, or a French letter outside a proper name."""
    for name in FRENCH_PROPER_NAMES:
        text = text.replace(name, "")
    words = set(re.findall(r"[a-zà-ÿœ]+", text.lower()))
    return len(words & FRENCH_WORDS) >= 2 or bool(FRENCH_LETTERS.search(text))


def looks_english(text):
    """Tell whether ``text`` reads as English: two English-only words outside a proper name."""
    for name in ENGLISH_PROPER_NAMES:
        text = text.replace(name, "")
    words = set(re.findall(r"[a-z]+", text.lower()))
    return len(words & ENGLISH_WORDS) >= 2


def crawl(client, language, detector):
    """Read every page of ``language`` reachable from its home page; return (pages read, fragments found)."""
    start = f"/{language}/"
    queue, seen, found = deque([start]), {start}, []
    while queue:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code == 200, path
        if "text/html" not in response["Content-Type"]:
            continue
        parser = TextNodes()
        parser.feed(response.content.decode())
        found += [(path, text) for lang, text in parser.texts if lang == language and detector(text)]
        for href in parser.links:
            target = urldefrag(href)[0]
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.query:
                continue
            if not parts.path.startswith(start) or SKIPPED_PATHS.search(parts.path) or parts.path in seen:
                continue
            seen.add(parts.path)
            queue.append(parts.path)
    return len(seen), found


@pytest.fixture
def content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    for key in KINDS:
        only_in(key, "fr")
        only_in(key, "en")


def test_no_french_outside_lang_fr_on_the_english_site(client, content):
    pages, fragments = crawl(client, "en", looks_french)

    print(f"English crawl: {pages} pages, {len(fragments)} French fragments")
    assert pages > 40
    assert fragments == [], "\n".join(map(str, fragments))


def test_no_english_outside_lang_en_on_the_french_site(client, content):
    pages, fragments = crawl(client, "fr", looks_english)

    print(f"French crawl: {pages} pages, {len(fragments)} English fragments")
    assert pages > 40
    assert fragments == [], "\n".join(map(str, fragments))


def test_the_detectors_see_what_they_look_for():
    assert looks_french("La Région et l'Inserm s'associent pour développer la recherche")
    assert looks_french("Communiqué de presse")
    assert not looks_french("About the French Agency for Food (Anses), Yaoundé (Cameroon)")
    assert looks_english("This release is only available in French.")
    assert not looks_english("Ce communiqué n'existe qu'en anglais.")
