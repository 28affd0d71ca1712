from django.core.management.base import BaseCommand

from press.models import purge_import_batches


class Command(BaseCommand):
    help = (
        "Delete the press import batches uploaded in the admin and never confirmed nor cancelled, "
        "once older than PRESS_IMPORT_BATCH_MAX_AGE (a day by default). Run it daily."
    )

    def handle(self, *args, **options):
        count = purge_import_batches()
        self.stdout.write(f"Deleted {count} expired import batch(es).")
