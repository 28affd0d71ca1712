"""Sanitise, once, the rich text stored before every write path sanitised it (QuerySet.update() did not).

Pages and the API read rich text as stored; from now on every ORM write sanitises it (core/richtext.py).
Revisions in the history tables are left as they were saved.
"""

from django.db import migrations

from core.richtext import sanitize_html

# Rich text columns (RichTextField, which migrations record as a TextField): the field and its translations.
RICH_TEXT = {
    ("press", "PressRelease"): "body",
    ("partnerships", "Agreement"): "body",
    ("pages", "Page"): "body",
    ("directory", "Organisation"): "about",
}


def sanitise(apps, schema_editor):
    for (app_label, model_name), field in RICH_TEXT.items():
        model = apps.get_model(app_label, model_name)
        columns = [field, f"{field}_fr", f"{field}_en"]
        for pk, *texts in model.objects.values_list("pk", *columns).iterator(chunk_size=2000):
            changed = {}
            for column, text in zip(columns, texts, strict=True):
                clean = sanitize_html(text)
                if clean != text:
                    changed[column] = clean
            if changed:
                model.objects.filter(pk=pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_roles"),
        ("directory", "0006_name_in_either_language"),
        ("pages", "0007_per_field_translation_tracking"),
        ("partnerships", "0007_per_field_translation_tracking"),
        ("press", "0012_per_field_translation_tracking"),
    ]

    operations = [migrations.RunPython(sanitise, migrations.RunPython.noop)]
