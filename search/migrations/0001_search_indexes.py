"""PostgreSQL full-text search: accent-insensitive configurations and GIN indexes over each language.

Nothing happens on other databases (SQLite demo mode searches in Python, see docs/search.md).
``CREATE EXTENSION unaccent`` needs a superuser (or a managed service that allow-lists it).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.documents import CONFIGS, document
from search.migrations._indexed import DOCUMENTS

# Each configuration copies the language's own (stop words, stemmer) and puts unaccent before the stemmer.
CREATE_CONFIGS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
        CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});
        ALTER TEXT SEARCH CONFIGURATION {name}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
    END IF;
END
$$;
"""
BASES = {"fr": "french", "en": "english"}


def is_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def create_search_indexes(apps, schema_editor):
    if not is_postgresql(schema_editor):
        return
    for language, name in CONFIGS.items():
        schema_editor.execute(CREATE_CONFIGS.format(name=name, base=BASES[language]))
    for spec in DOCUMENTS.values():
        model = apps.get_model(spec.app_label, spec.model_name)
        for language in CONFIGS:
            schema_editor.add_index(model, GinIndex(document(spec, language), name=spec.index_name(language)))


def drop_search_indexes(apps, schema_editor):
    if not is_postgresql(schema_editor):
        return
    for spec in DOCUMENTS.values():
        for language in CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(spec.index_name(language))}")
    for name in CONFIGS.values():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("international", "0001_initial"),
        ("partnerships", "0001_initial"),
        ("press", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
