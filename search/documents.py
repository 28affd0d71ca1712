"""What site search reads in each model: the weighted text of each language, and its PostgreSQL expression.

Each content type declares its searched fields in its app's content_types.py (``Search``). On PostgreSQL
the migrations store ``document()`` of the types present then in generated, indexed columns, and the
search queries read those columns; a type registered later without them is searched on the expression.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Expression

from core.content_types import SearchField, registered

# Text search configurations made by search/migrations/0001: the language's stemmer after unaccent.
CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
LANGUAGES = tuple(CONFIGS)

Field = SearchField  # a searched field of a model (declared in its app's content_types.py)


@dataclass(frozen=True)
class Document:
    """The searched fields of one model, and which of them give the title and the snippet."""

    app_label: str
    model_name: str
    fields: tuple
    title: str
    snippet: tuple
    stored: bool = True  # PostgreSQL: the table has the generated vector columns (migration 0002)

    @classmethod
    def of(cls, content_type):
        """Return the document of a registered content type taking part in search."""
        search, meta = content_type.search, content_type.model._meta
        return cls(meta.app_label, meta.model_name, search.fields, search.title, search.snippet, search.stored_vector)

    def columns(self, language, weight=None):
        return [field.column(language) for field in self.fields if weight is None or field.weight == weight]

    def index_name(self, language):
        return f"search_{self.model_name}_{language}"

    def vector_column(self, language):
        """Return the generated column that stores the ``language`` vector (PostgreSQL only, see migration 0002)."""
        return f"search_vector_{language}"


def documents():
    """Return ``{search key: document}`` of the registered content types, in their order."""
    return {content_type.search.key: Document.of(content_type) for content_type in registered("search")}


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
    """Return the stored vector of ``spec`` in ``language`` (the generated column that equals ``document()``).

    A type registered without stored columns gets the expression itself: computed for each row a query reads.
    """
    return StoredVector(spec.vector_column(language)) if spec.stored else document(spec, language)


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
