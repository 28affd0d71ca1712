"""Find the five seed documents, and cut the two web-page seeds into the pieces the demo needs.

Seeds 000, 001 and 004 are press releases: the press importer reads them (``loader.py`` hands it
their paths). Seeds 002 and 003 are web pages saved as text, a shape the importer does not take:
one paragraph or heading per line, list items as ``•`` bullets indented by two spaces per level.
Every function here raises ``SeedError`` when a seed no longer has the shape the demo content
expects, rather than loading half a document.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_NUMBERS = ("000", "001", "002", "003", "004")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«A-ZÀ-ÖØ-Þ])")
_BULLET = re.compile(r"^(\s*)•\s*(.*)$")


class SeedError(Exception):
    """A seed file is missing or no longer has the expected shape."""


def find_seeds(directory):
    """Return ``{number: path}`` for the five seeds (``000_*.txt`` … ``004_*.txt``) in ``directory``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SeedError(f"Seeds folder not found: {directory}")
    paths = {}
    for number in SEED_NUMBERS:
        matches = sorted(directory.glob(f"{number}_*.txt"))
        if len(matches) != 1:
            raise SeedError(f"Expected one seed file {number}_*.txt in {directory}, found {len(matches)}.")
        paths[number] = matches[0]
    return paths


def read_seed(path):
    """Return the text of a seed, with Unix line ends."""
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def expect(text, fragment, *, seed):
    """Fail unless ``fragment`` occurs in the seed text: a fact declared in Python must match its seed."""
    if _squash(fragment) not in _squash(text):
        raise SeedError(f"Seed {seed} no longer contains {fragment!r}.")


# Web-page seeds (one line per paragraph, bullets)


def sentences(text):
    """Split a paragraph into sentences."""
    return [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]


def pick(text, *prefixes, seed):
    """Return the sentences of ``text`` starting with each of ``prefixes``, joined, in that order."""
    found = []
    for prefix in prefixes:
        matches = [sentence for sentence in sentences(text) if sentence.startswith(prefix)]
        if len(matches) != 1:
            raise SeedError(f"Seed {seed}: expected one sentence starting {prefix!r}, found {len(matches)}.")
        found.append(matches[0])
    return " ".join(found)


@dataclass
class Item:
    """One line of a web-page seed: a paragraph (``p``) or a list item (``li``) at some depth."""

    kind: str
    text: str
    depth: int = 0


@dataclass
class Section:
    """The lines under one heading of a web-page seed."""

    heading: str
    items: list = field(default_factory=list)

    def paragraphs(self):
        return [item.text for item in self.items if item.kind == "p"]

    def list_after(self, prefix, *, seed):
        """Return the list items that follow the paragraph starting with ``prefix``."""
        for index, item in enumerate(self.items):
            if item.kind == "p" and item.text.startswith(prefix):
                following = []
                for other in self.items[index + 1 :]:
                    if other.kind != "li":
                        break
                    following.append(other)
                if following:
                    return following
        raise SeedError(f"Seed {seed}: no list after a paragraph starting {prefix!r} under {self.heading!r}.")


def items(text):
    """Return the non-empty lines of a web-page seed as paragraphs and list items."""
    result = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet:
            depth = max(0, (len(bullet[1].expandtabs(2)) - 2) // 2)
            result.append(Item("li", _squash(bullet[2]), depth))
        else:
            result.append(Item("p", _squash(line)))
    return result


def sections(text, headings, *, skip_lines=(), seed):
    """Cut a web-page seed at ``headings`` (full lines, or line prefixes ending with ``…``), in order.

    Lines before the first heading are dropped, so are lines starting with one of ``skip_lines``.
    Return ``{heading: Section}``; fail if a heading is missing or out of order.
    """
    found = {}
    pending = list(headings)
    current = None
    for item in items(text):
        if item.kind == "p" and pending and _is_heading(item.text, pending[0]):
            heading = pending.pop(0)
            current = found[heading] = Section(heading)
            continue
        if current is None or any(item.text.startswith(prefix) for prefix in skip_lines):
            continue
        current.items.append(item)
    if pending:
        raise SeedError(f"Seed {seed} has no heading {pending[0]!r} (after {list(found)[-1:]}).")
    return found


def items_html(section_items):
    """Return the HTML of paragraphs and (nested) list items."""
    parts, depth = [], -1
    for item in section_items:
        target = item.depth if item.kind == "li" else -1
        while depth > target:
            parts.append("</li></ul>")
            depth -= 1
        if item.kind == "p":
            parts.append(f"<p>{html.escape(item.text, quote=False)}</p>")
            continue
        if depth == target:
            parts.append("</li>")
        while depth < target:
            parts.append("<ul>")
            depth += 1
        parts.append(f"<li>{html.escape(item.text, quote=False)}")
    while depth >= 0:
        parts.append("</li></ul>")
        depth -= 1
    return "".join(parts)


def leaf_cities(list_items):
    """Return the city names of a nested place list: ``Canada : Montréal, Ottawa`` gives two cities.

    Items that only introduce a sub-list (``Amérique du Nord :``) are skipped.
    """
    cities = []
    for index, item in enumerate(list_items):
        following = list_items[index + 1] if index + 1 < len(list_items) else None
        if following is not None and following.depth > item.depth:
            continue
        names = item.text.split(":", 1)[1] if ":" in item.text else item.text
        cities.extend(name.strip() for name in names.split(",") if name.strip())
    return cities


def _is_heading(line, heading):
    if heading.endswith("…"):
        return line.startswith(heading[:-1])
    return line == heading


def _squash(text):
    return re.sub(r"\s+", " ", text).strip()
