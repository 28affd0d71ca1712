"""What site search reads in each model: the weighted text of each language, and its PostgreSQL expression.

Each content type declares its searched fields in its app's content_types.py (``Search``). On PostgreSQL
the migrations store ``document()`` of the types present then in generated, indexed columns, and the
search queries read those columns; a type registered later without them is searched on the expression.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Expression, F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

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
    title: str | tuple  # a translated field, or untranslated fields joined by spaces (an expert's name)
    snippet: tuple
    stored: bool = True  # PostgreSQL: the table has the generated vector columns (migration 0002)
    language_field: str | None = None  # the translated field telling which languages an item has; default: title

    @classmethod
    def of(cls, content_type):
        """Return the document of a registered content type taking part in search."""
        search, meta = content_type.search, content_type.model._meta
        return cls(
            meta.app_label,
            meta.model_name,
            search.fields,
            search.title,
            search.snippet,
            search.stored_vector,
            search.language_field,
        )

    def columns(self, language, weight=None):
        return [field.column(language) for field in self.fields if weight is None or field.weight == weight]

    def language_column(self, language):
        """Return the column whose text says an item has ``language``; where empty, the other language is shown."""
        return f"{self.language_field or self.title}_{language}"

    def title_text(self, obj, language):
        """Return the title of ``obj`` shown in ``language``."""
        if isinstance(self.title, str):
            return getattr(obj, f"{self.title}_{language}") or ""
        return " ".join(part for part in (getattr(obj, name) for name in self.title) if part)

    def title_expression(self, language):
        """Return the SQL text of the title in ``language`` (PostgreSQL), highlighted by ``ts_headline``."""
        if isinstance(self.title, str):
            return Coalesce(F(f"{self.title}_{language}"), Value(""))
        parts = [NullIf(F(name), Value("")) for name in self.title]
        return Func(Value(" "), *parts, function="CONCAT_WS", output_field=TextField())

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
        fields = [field for field in spec.fields if field.weight == weight]
        if not fields:
            continue
        columns = [related_text(spec, field, language) if field.related else field.column(language) for field in fields]
        part = SearchVector(*columns, config=config, weight=weight)
        vector = part if vector is None else vector + part
    return vector


def related_text(spec, field, language):
    """Return the texts of a related field (an expert's themes) joined by spaces, in one correlated subquery."""
    model = apps.get_model(spec.app_label, spec.model_name)
    texts = (
        model.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .values("pk")
        .annotate(text=StringAgg(field.column(language), " "))
        .values("text")
    )
    return Coalesce(Subquery(texts), Value(""), output_field=TextField())
