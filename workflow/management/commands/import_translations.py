from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from workflow.exchange import MalformedFile, import_translations


class Command(BaseCommand):
    help = "Read a translated XLIFF or PO file and report what it would change; --apply writes it."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--language", choices=["fr", "en"], default="en", help="The language translated into.")
        parser.add_argument("--user", required=True, help="The staff account the edit is made as.")
        parser.add_argument("--apply", action="store_true", help="Write the translations (all or nothing).")

    def handle(self, *args, path, language, user, apply, **options):
        try:
            account = get_user_model().objects.get(username=user, is_active=True)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No active account {user!r}.") from error
        with open(path, "rb") as file:
            content = file.read()
        try:
            report = import_translations(content, language=language, user=account, filename=path, apply=apply)
        except MalformedFile as error:
            raise CommandError(f"{error} Nothing was written.") from error
        for label in report.applied:
            self.stdout.write(f"applied: {label}")
        for label in report.proposed:
            self.stdout.write(f"for review (published item): {label}")
        for key, reason in report.refused:
            self.stdout.write(f"refused: {key}: {reason}")
        self.stdout.write(
            f"{len(report.applied)} applied, {len(report.proposed)} for review, {len(report.unchanged)} unchanged, "
            f"{len(report.refused)} refused."
            + (
                ""
                if report.written or not (report.applied or report.proposed)
                else " Preview only: pass --apply to write."
            )
        )
