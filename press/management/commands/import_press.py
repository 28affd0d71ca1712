from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from press.importer import import_paths
from press.models import PressRelease
from workflow.permissions import can_publish


class Command(BaseCommand):
    help = (
        "Import press releases from plain-text or Markdown files, folders and zip archives. "
        "French and English versions of the same release become one release; imported releases are drafts, "
        "and a published release is never changed in place: the import becomes a draft update of it. "
        "Archives of any size are read one document at a time (the admin upload limits do not apply)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="Documents, folders or zip archives.")
        parser.add_argument("--lang", choices=["fr", "en"], help="Language of every document (detected when absent).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, write nothing.")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Import on behalf of this staff user: their permissions apply and they are recorded as author.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the new releases at once (needs a --user who may publish)."
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model()._default_manager.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"No active user {options['user']!r}.")
        if options["publish"] and (user is None or not can_publish(user, PressRelease)):
            raise CommandError("--publish needs --user naming a user who may publish press releases.")
        report = import_paths(
            options["paths"],
            language=options["lang"],
            dry_run=options["dry_run"],
            publish=options["publish"],
            user=user,
        )
        self.stdout.write(report.as_text())
        if report.files and report.count("error") == len(report.files):
            raise CommandError("No file could be imported.")
