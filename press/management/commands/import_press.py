from django.core.management.base import BaseCommand, CommandError

from press.importer import import_paths


class Command(BaseCommand):
    help = (
        "Import press releases from plain-text or Markdown files, folders and zip archives. "
        "French and English versions of the same release become one release; imported releases are drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="Documents, folders or zip archives.")
        parser.add_argument("--lang", choices=["fr", "en"], help="Language of every document (detected when absent).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish the imported releases at once.")

    def handle(self, *args, **options):
        report = import_paths(
            options["paths"], language=options["lang"], dry_run=options["dry_run"], publish=options["publish"]
        )
        self.stdout.write(report.as_text())
        if report.files and report.count("error") == len(report.files):
            raise CommandError("No file could be imported.")
