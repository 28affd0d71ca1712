"""``manage.py load_demo``: turn the five seed documents into published demo content."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from demo.loader import DemoError, load_demo


def default_seeds_dir():
    """Return ``../shared/seeds`` next to the project folder."""
    return Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = (
        "Load the demo content (press releases, agreements, international cooperation, key figures, pages) "
        "from the seed documents. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=None,
            metavar="DIR",
            help="Folder holding the seeds 000_*.txt … 004_*.txt (default: ../shared/seeds).",
        )

    @no_translations
    def handle(self, *args, seeds=None, **options):
        seeds_dir = seeds or default_seeds_dir()
        try:
            report = load_demo(seeds_dir=seeds_dir)
        except DemoError as error:
            raise CommandError(str(error)) from error
        if not report.changed:
            self.stdout.write("The demo content is already up to date: nothing changed.")
            return
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded from {seeds_dir}."))
