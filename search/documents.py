"""What site search reads in each model: the weighted text of each language, and its PostgreSQL expression.

The migration builds its GIN indexes from ``document()`` and the search queries filter on the same
``document()``, so the expression PostgreSQL sees in a query is the one it has indexed.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Expression

# Text search configurations made by search/migrations/0001: the language's stemmer after unaccent.
CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
LANGUAGES = tuple(CONFIGS)


@dataclass(frozen=True)
class Field:
    name: str
    weight: str  # "A" (most important) to "D"
    translated: bool = True
    rich: bool = False  # HTML from the rich text editor

    def column(self, language):
        return f"{self.name}_{language}" if self.translated else self.name


@dataclass(frozen=True)
class Document:
    """The searched fields of one model, and which of them give the title and the snippet."""

    app_label: str
    model_name: str
    fields: tuple
    title: str
    snippet: tuple

    def columns(self, language, weight=None):
        return [field.column(language) for field in self.fields if weight is None or field.weight == weight]

    def index_name(self, language):
        return f"search_{self.model_name}_{language}"

    def vector_column(self, language):
        """Return the generated column that stores the ``language`` vector (PostgreSQL only, see migration 0002)."""
        return f"search_vector_{language}"


DOCUMENTS = {
    "releases": Document(
        "press",
        "pressrelease",
        fields=(Field("title", "A"), Field("lead", "B"), Field("body", "C", rich=True)),
        title="title",
        snippet=("lead", "body"),
    ),
    "agreements": Document(
        "partnerships",
        "agreement",
        fields=(Field("title", "A"), Field("summary", "B"), Field("body", "C", rich=True)),
        title="title",
        snippet=("summary", "body"),
    ),
    "sites": Document(
        "international",
        "cooperationsite",
        fields=(Field("name", "A"), Field("summary", "B")),
        title="name",
        snippet=("summary",),
    ),
    "instruments": Document(
        "international",
        "fundinginstrument",
        fields=(
            Field("name", "A"),
            Field("acronym", "A", translated=False),
            Field("summary", "B"),
            Field("eligibility", "C"),
        ),
        title="name",
        snippet=("summary", "eligibility"),
    ),
    "organisations": Document(
        "directory",
        "organisation",
        fields=(
            Field("name", "A"),
            Field("acronym", "A", translated=False),
            Field("about", "C", rich=True),
        ),
        title="name",
        snippet=("about",),
    ),
}


class StoredVector(Expression):
    """The stored ``tsvector`` column of a document: read from the row, never recomputed."""

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}", []


def stored_document(spec, language):
    """Return the stored vector of ``spec`` in ``language`` (the generated column that equals ``document()``)."""
    return StoredVector(spec.vector_column(language))


def document(spec, language):
    """Return the weighted ``tsvector`` expression of ``spec`` in ``language`` (as indexed)."""
    config = CONFIGS[language]
    vector = None
    for weight in "ABCD":
        columns = spec.columns(language, weight)
        if not columns:
            continue
        part = SearchVector(*columns, config=config, weight=weight)
        vector = part if vector is None else vector + part
    return vector
