"""Site search over press releases, agreements, cooperation sites, funding instruments and organisations.

On PostgreSQL: full text with the language's stemmer after ``unaccent``, over the stored, indexed
``documents.stored_document()`` columns, ranked with ``ts_rank`` and highlighted with ``ts_headline``
(the rows shown only). A query's cost is bounded whatever the number of matches: at most
``CANDIDATES`` rows of each kind, the latest, are ranked, and counts stop at ``COUNT_CAP``. A query's counts
and ranked pages are kept until content changes (``PostgresSearch.kept``); only the page's hits are read again.
Elsewhere (SQLite demo mode): every word must appear, accents and case aside, in the live rows
read into Python; small data only (see docs/search.md).
"""

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, CharField, DateField, F, Func, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.content_types import registered
from core.text import fold as fold_text
from pagecache.generation import cached_until_change

from .documents import CONFIGS, Document, stored_document

DEFAULT_LANGUAGE = "fr"
MAX_QUERY_LENGTH = 200
# Highlight markers: private-use characters, which clean_query() removes from what visitors type.
START, STOP = "\ue000", "\ue001"
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's default weights for ts_rank
SNIPPET_CHARS = 240
CANDIDATES = 500  # rows of each kind ranked at most: the latest matches
COUNT_CAP = 1000  # counts stop here: "more than 1 000 results"
TAG = re.compile(r"<[^>]*>")  # as the SQL snippet text: a tag becomes a space


@dataclass(frozen=True)
class Kind:
    """A kind of content search covers: a content type registered with ``search`` (see core.content_types)."""

    content_type: object

    @property
    def key(self):
        return self.content_type.search.key

    @property
    def label(self):
        return self.content_type.search.label

    @property
    def date_field(self):
        return self.content_type.search.date_field

    @property
    def year_lookup(self):
        return self.content_type.search.year_lookup

    @cached_property
    def spec(self):
        return Document.of(self.content_type)

    @property
    def model(self):
        return self.content_type.model

    def queryset(self, year=None):
        """Return the public rows of this kind, of ``year`` when given (none if the kind has no year)."""
        queryset = self.content_type.public()
        if year:
            if not self.year_lookup:
                return queryset.none()
            queryset = queryset.filter(**{self.year_lookup: year})
        return queryset


def all_kinds():
    """Return the kinds search covers, in the order of their facets."""
    return tuple(Kind(content_type) for content_type in registered("search"))


def kinds_by_key():
    return {kind.key: kind for kind in all_kinds()}


@dataclass
class Hit:
    """One search result, ready for the template."""

    kind: Kind
    obj: object
    title: str  # safe HTML: escaped text, matches in <b>
    snippet: str  # safe HTML, likewise
    date: object
    language: str  # language of the text shown (French when the translation is missing)

    @property
    def url(self):
        return self.obj.get_absolute_url()


@dataclass
class Outcome:
    """What a search found: the ranked hits (sliced lazily by the paginator) and the count of each kind."""

    results: object
    counts: dict
    capped: bool = False  # some count stopped at COUNT_CAP
    matches: int | None = None  # when more match than can be browsed (only the latest are ranked)

    @property
    def total(self):
        return len(self.results) if self.matches is None else self.matches


def clean_query(text):
    """Return ``(text, shortened)``: the query without control or private-use characters, at most 200 characters."""
    text = unicodedata.normalize("NFC", text or "")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":  # soft hyphen, zero-width joiner, direction marks: invisible inside words
            continue
        kept.append(" " if category[0] == "C" else char)
    text = " ".join("".join(kept).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    shortened = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY_LENGTH] else ""
    return (shortened or text[:MAX_QUERY_LENGTH]).strip(), True


def highlighted(text):
    """Return ``text`` escaped, with the spans between START and STOP in ``<b>``: the only markup it can hold."""
    parts, opened = [], False
    for piece in re.split(f"([{START}{STOP}])", text or ""):
        if piece == START:
            if not opened:
                parts.append("<b>")
                opened = True
        elif piece == STOP:
            if opened:
                parts.append("</b>")
                opened = False
        else:
            parts.append(escape(piece))
    if opened:
        parts.append("</b>")
    return mark_safe("".join(parts))


def other_language(language):
    """Return the language shown when ``language`` has no text: French for English, English for French."""
    return "en" if language == "fr" else "fr"


def shown_language(obj, spec, language):
    """Return the language an object is shown in: ``language``, or the other one when its text there is missing."""
    return language if getattr(obj, spec.language_column(language), None) else other_language(language)


def available_years():
    """Return the years that search can filter on (those of live content), latest first."""
    return cached_until_change("search-years", live_years)


def live_years():
    years = set()
    for kind in all_kinds():
        if not kind.year_lookup:
            continue
        if kind.date_field:
            years.update(day.year for day in kind.queryset().dates(kind.date_field, "year"))
        else:
            field = kind.year_lookup
            years.update(kind.queryset().exclude(**{f"{field}__isnull": True}).values_list(field, flat=True))
    return sorted(years, reverse=True)


def snippet_source(obj, spec, language):
    """Return the plain text snippets are cut from, on one line."""
    texts = [plain(field.value(obj, language), field.rich) for field in spec.fields if field.name in spec.snippet]
    return " ".join(" ".join(texts).split())


def with_ellipses(snippet, spec, obj, language):
    """Return ``snippet`` with "…" where it cuts the text short, at its start or its end."""
    bare = " ".join(snippet.replace(START, "").replace(STOP, "").split())
    if not bare:
        return snippet
    source = snippet_source(obj, spec, language)
    head = "" if source.startswith(bare[:40]) else "… "
    tail = "" if source.endswith(bare[-40:]) else " …"
    return f"{head}{snippet.strip()}{tail}"


class LazyRows:
    """A sequence of known length whose slices are fetched (``fetch(slice)``), then turned into hits, on demand."""

    def __init__(self, fetch, total, build):
        self.fetch, self.total, self.build = fetch, total, build

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self.build(list(self.fetch(index)))


class PostgresSearch:
    """Full-text search with the indexed expressions of ``documents``."""

    def __init__(self, text, language):
        self.language = language
        self.kinds = all_kinds()
        self.queries = {
            code: SearchQuery(text, config=config, search_type="websearch") for code, config in CONFIGS.items()
        }
        self.digest = hashlib.sha256(text.encode()).hexdigest()[:32]

    def kept(self, name, compute):
        """Return ``compute()`` for this query in this language, kept until content changes.

        Searching the same words again (a story in the news) finds what it found until something is written
        or a scheduled time comes (``pagecache.generation``): counting and ranking the matches is most of
        a search's time, and it is done once per query and change, not once per request.
        """
        return cached_until_change(f"search:{self.digest}:{self.language}:{name}", compute)

    def untranslated(self, spec):
        column = spec.language_column(self.language)
        return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})

    def matching(self, kind, year=None):
        """Return the rows of ``kind`` that match, without their score."""
        spec, language = kind.spec, self.language
        queryset = kind.queryset(year)
        own = self.queries[language]
        # Visitors read the other language where the text is missing in theirs: search those rows in it.
        other = other_language(language)
        return queryset.alias(own=stored_document(spec, language), other=stored_document(spec, other)).filter(
            Q(own=own) | (self.untranslated(spec) & Q(other=self.queries[other]))
        )

    def score(self, kind):
        """Return the rank of a row of ``kind``, from its stored vector in the language it is shown in."""
        spec, language = kind.spec, self.language
        own_rank = SearchRank(stored_document(spec, language), self.queries[language])
        other = other_language(language)
        other_rank = SearchRank(stored_document(spec, other), self.queries[other])
        return Case(When(self.untranslated(spec), then=other_rank), default=own_rank)

    def candidates(self, kind, year=None):
        """Return the ids of the latest ``CANDIDATES`` matching rows of ``kind``: the only ones ranked.

        In the order of the model's date index (``pressrelease_latest``), so that when most rows match
        PostgreSQL walks the index and stops at the ``CANDIDATES``-th match instead of sorting every match.
        """
        if kind.date_field:
            nullable = kind.model._meta.get_field(kind.date_field).null
            order = [F(kind.date_field).desc(nulls_last=True) if nullable else F(kind.date_field).desc(), "-pk"]
        else:
            order = ["-pk"]
        return self.matching(kind, year).order_by(*order).values("pk")[:CANDIDATES]

    def count(self, year=None):
        """Return ``{kind key: matches}``, each count stopping at ``COUNT_CAP + 1``, in one query (kept)."""
        return self.kept(f"count:{year}", lambda: self.count_matches(year))

    def count_matches(self, year=None):
        selects, params = [], []
        for position, kind in enumerate(self.kinds):
            matching = self.matching(kind, year).order_by().values("pk")[: COUNT_CAP + 1]
            try:
                sql, kind_params = matching.query.sql_with_params()
            except EmptyResultSet:  # a year filter on a kind without years
                selects.append("0")
                continue
            selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS matches_{position})")
            params.extend(kind_params)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(selects)}", params)
            row = cursor.fetchone()
        return {kind.key: count for kind, count in zip(self.kinds, row, strict=True)}

    def run(self, kinds, year=None):
        counts = self.count(year)
        capped = any(count > COUNT_CAP for count in counts.values())
        counts = {key: min(count, COUNT_CAP) for key, count in counts.items()}
        present = [kind for kind in self.kinds if kind in kinds and counts[kind.key]]
        matches = sum(counts[kind.key] for kind in kinds)
        if not present:
            return Outcome([], counts, capped, matches)
        browsable = sum(min(counts[kind.key], CANDIDATES) for kind in kinds)

        def fetch(index):
            name = f"rows:{year}:{'-'.join(kind.key for kind in present)}:{index.start}:{index.stop}"
            return self.kept(name, lambda: list(self.ranked(present, year)[index]))

        return Outcome(LazyRows(fetch, browsable, self.hits), counts, capped, matches)

    def ranked(self, kinds, year=None):
        """Return the ``(kind key, id, score, day)`` of the candidates of ``kinds``, best first."""
        parts = []
        for kind in kinds:
            day = F(kind.date_field) if kind.date_field else Cast(Value(None), DateField())
            parts.append(
                kind.model.objects.filter(pk__in=self.candidates(kind, year))
                .annotate(score=self.score(kind), kind_key=Value(kind.key, CharField()), object_id=F("pk"), day=day)
                .order_by()
                .values_list("kind_key", "object_id", "score", "day")
            )
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return rows.order_by("-score", F("day").desc(nulls_last=True), "kind_key", "object_id")

    def snippet_text(self, spec, language):
        """Return the SQL text a snippet is cut from: the snippet fields, rich text without its tags."""
        parts = []
        for field in spec.fields:
            if field.name not in spec.snippet:
                continue
            column = Coalesce(F(field.column(language)), Value(""), output_field=TextField())
            if field.rich:
                column = Func(
                    column,
                    Value("<[^>]*>"),
                    Value(" "),
                    Value("g"),
                    function="regexp_replace",
                    output_field=TextField(),
                )
            parts.extend([column, Value(" ", output_field=TextField())])
        return Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]

    def headlines(self, spec, language):
        query, config = self.queries[language], CONFIGS[language]
        marks = {"start_sel": START, "stop_sel": STOP}
        return {
            f"title_hl_{language}": SearchHeadline(
                spec.title_expression(language), query, config=config, highlight_all=True, **marks
            ),
            f"snippet_hl_{language}": SearchHeadline(
                self.snippet_text(spec, language),
                query,
                config=config,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        }

    def hits(self, rows):
        """Turn ``(kind, id, score, day)`` rows into hits, with one query per kind present."""
        wanted = {}
        for kind_key, object_id, _score, _day in rows:
            wanted.setdefault(kind_key, []).append(object_id)
        objects, by_key = {}, {kind.key: kind for kind in self.kinds}
        for kind_key, ids in wanted.items():
            kind = by_key[kind_key]
            annotations = {}
            for language in {self.language, other_language(self.language)}:
                annotations.update(self.headlines(kind.spec, language))
            for obj in kind.model.objects.filter(pk__in=ids).annotate(**annotations):
                objects[kind_key, obj.pk] = obj
        hits = []
        for kind_key, object_id, _score, day in rows:
            obj, kind = objects[kind_key, object_id], by_key[kind_key]
            language = shown_language(obj, kind.spec, self.language)
            snippet = with_ellipses(html.unescape(getattr(obj, f"snippet_hl_{language}")), kind.spec, obj, language)
            hits.append(
                Hit(
                    kind=kind,
                    obj=obj,
                    title=highlighted(getattr(obj, f"title_hl_{language}")),
                    snippet=highlighted(snippet),
                    date=day,
                    language=language,
                )
            )
        return hits


def fold_map(text):
    """Return ``(folded, positions)``: ``text`` without accents and case, and each folded character's source index."""
    chars, positions = [], []
    for index, char in enumerate(text):
        for folded in fold_text(char):
            chars.append(folded)
            positions.append(index)
    return "".join(chars), positions


def fold(text):
    return fold_map(text)[0]


def plain(value, rich):
    """Return a field's text without markup (rich text) and with entities decoded."""
    value = value or ""
    return html.unescape(TAG.sub(" ", value)) if rich else value


def mark_words(text, words):
    """Return ``text`` with each word holding one of ``words`` (accents and case aside) between markers."""
    folded, positions = fold_map(text)
    spans = []
    for word in words:
        for found in re.finditer(re.escape(word), folded):
            start, end = positions[found.start()], positions[found.end() - 1] + 1
            while end < len(text) and (text[end].isalnum() or unicodedata.combining(text[end])):
                end += 1
            spans.append((start, end))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    result, cursor = [], 0
    for start, end in merged:
        result.extend([text[cursor:start], START, text[start:end], STOP])
        cursor = end
    result.append(text[cursor:])
    return "".join(result)


class PythonSearch:
    """Accent- and case-insensitive search of every word in either language's text of the public rows, for SQLite."""

    def __init__(self, text, language):
        self.language = language
        self.kinds = all_kinds()
        self.words = list(dict.fromkeys(re.findall(r"\w+", fold(text))))

    def fields(self, obj, spec, language):
        return [(field, plain(field.value(obj, language), field.rich)) for field in spec.fields]

    def score(self, obj, spec):
        """Return the sum, over the words, of the weight of the best field holding each; 0 if a word is missing."""
        folded = [
            (field.weight, fold(text)) for language in CONFIGS for field, text in self.fields(obj, spec, language)
        ]
        total = 0.0
        for word in self.words:
            weights = [WEIGHTS[weight] for weight, text in folded if word in text]
            if not weights:
                return 0.0
            total += max(weights)
        return total

    def run(self, kinds, year=None):
        counts, rows = {}, []
        for position, kind in enumerate(self.kinds):
            found = []
            if self.words:
                for obj in kind.queryset(year):
                    score = self.score(obj, kind.spec)
                    if score:
                        found.append((kind, obj, score))
            counts[kind.key] = len(found)
            if kind in kinds:
                rows.extend((position, item) for item in found)

        def order(row):
            position, (kind, obj, score) = row
            day = getattr(obj, kind.date_field) if kind.date_field else None
            return (-score, -(day.toordinal() if day else 0), position, obj.pk)

        rows = [item for _position, item in sorted(rows, key=order)]
        return Outcome(LazyRows(rows.__getitem__, len(rows), self.hits), counts)

    def snippet(self, obj, spec, language):
        text = snippet_source(obj, spec, language)
        folded = fold(text)
        found = [folded.find(word) for word in self.words if word in folded]
        start = max(0, min(found) - SNIPPET_CHARS // 3) if found else 0
        if start:
            start = text.find(" ", start) + 1 or start
        end = start + SNIPPET_CHARS
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
        excerpt = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
        return mark_words(excerpt, self.words)

    def hits(self, rows):
        hits = []
        for kind, obj, _score in rows:
            language = shown_language(obj, kind.spec, self.language)
            title = kind.spec.title_text(obj, language)
            hits.append(
                Hit(
                    kind=kind,
                    obj=obj,
                    title=highlighted(mark_words(title, self.words)),
                    snippet=highlighted(self.snippet(obj, kind.spec, language)),
                    date=getattr(obj, kind.date_field) if kind.date_field else None,
                    language=language,
                )
            )
        return hits


def run_search(text, *, language, kinds=None, year=None):
    """Search ``text`` in ``language`` among ``kinds`` (all when empty), of ``year`` when given."""
    language = language if language in CONFIGS else DEFAULT_LANGUAGE
    available = all_kinds()
    kinds = [kind for kind in available if kind.key in kinds] if kinds else list(available)
    engine = PostgresSearch if connection.vendor == "postgresql" else PythonSearch
    return engine(text, language).run(kinds, year=year)
