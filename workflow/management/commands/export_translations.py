from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from workflow.exchange import export_po, export_xliff, stale_items


class Command(BaseCommand):
    help = "Export the fields to translate of some items (app.model:pk), or of every stale item, as XLIFF or PO."

    def add_arguments(self, parser):
        parser.add_argument("items", nargs="*", help="Items as app.model:pk, e.g. press.pressrelease:4")
        parser.add_argument("--language", choices=["fr", "en"], default="en", help="The language to translate into.")
        parser.add_argument("--format", choices=["xliff", "po"], default="xliff")
        parser.add_argument("--stale", action="store_true", help="Every item with a field out of date in --language.")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, items, language, format, stale, output, **options):
        objects = []
        for item in items:
            try:
                label, pk = item.split(":")
                objects.append(apps.get_model(label)._default_manager.get(pk=pk))
            except (ValueError, LookupError) as error:
                raise CommandError(f"Not an item: {item} ({error})") from error
            except Exception as error:  # noqa: BLE001 — DoesNotExist of any model
                raise CommandError(f"No such item: {item}") from error
        if stale:
            objects += stale_items(language)
        if not objects:
            raise CommandError("Nothing to export: name items or pass --stale.")
        content = (export_xliff if format == "xliff" else export_po)(objects, language=language)
        with open(output, "wb") as file:
            file.write(content)
        self.stdout.write(f"{len(objects)} items written to {output}.")
