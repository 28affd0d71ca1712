"""Store each language's weighted tsvector in a generated column, indexed, in place of the expression indexes.

Ranking over an expression recomputed ``to_tsvector`` for every matching row (seconds for a word most
releases hold); a stored column is read, not recomputed. PostgreSQL keeps it up to date on every write.
Nothing happens on other databases.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models.sql import Query

from search.documents import CONFIGS, document
from search.migrations._indexed import DOCUMENTS


def is_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def expression_sql(model, spec, language, schema_editor):
    """Return the SQL of ``document(spec, language)`` on ``model``'s own columns, parameters inlined."""
    query = Query(model)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = document(spec, language).resolve_expression(query).as_sql(compiler, schema_editor.connection)
    table = schema_editor.quote_name(model._meta.db_table)
    sql = sql.replace(f"{table}.", "")
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def store_vectors(apps, schema_editor):
    if not is_postgresql(schema_editor):
        return
    for spec in DOCUMENTS.values():
        model = apps.get_model(spec.app_label, spec.model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        for language in CONFIGS:
            column = schema_editor.quote_name(spec.vector_column(language))
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(spec.index_name(language))}")
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
                f"GENERATED ALWAYS AS ({expression_sql(model, spec, language, schema_editor)}) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX {schema_editor.quote_name(spec.index_name(language))} ON {table} USING gin ({column})"
            )


def restore_expression_indexes(apps, schema_editor):
    if not is_postgresql(schema_editor):
        return
    for spec in DOCUMENTS.values():
        model = apps.get_model(spec.app_label, spec.model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        for language in CONFIGS:
            schema_editor.execute(
                f"ALTER TABLE {table} DROP COLUMN IF EXISTS {schema_editor.quote_name(spec.vector_column(language))}"
            )
            schema_editor.add_index(model, GinIndex(document(spec, language), name=spec.index_name(language)))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_indexes")]

    operations = [migrations.RunPython(store_vectors, restore_expression_indexes)]
