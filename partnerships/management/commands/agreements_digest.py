"""``manage.py agreements_digest``: e-mail staff the agreements that end within a number of days."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnerships.digest import default_recipients, digest_days, send_digest


class Command(BaseCommand):
    help = (
        "E-mail the list of agreements ending within --days days (default: AGREEMENTS_DIGEST_DAYS, else six "
        "months) to --to, else AGREEMENTS_DIGEST_RECIPIENTS, else the active Publishers and Administrators. "
        "Nothing is sent when no agreement ends in that window."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Window in days, from today.")
        parser.add_argument("--to", action="append", default=[], help="Recipient address (repeat for several).")

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else digest_days()
        if days < 1:
            raise CommandError("--days must be at least 1.")
        if not getattr(settings, "SITE_URL", ""):
            raise CommandError("SITE_URL is not set: the links of the digest would not open from a mailbox.")
        recipients = options["to"] or default_recipients()
        if not recipients:
            raise CommandError(
                "Nobody to write to: pass --to, set AGREEMENTS_DIGEST_RECIPIENTS, or give the Publishers an e-mail."
            )
        sent = send_digest(days=days, recipients=recipients)
        if not sent:
            self.stdout.write(f"No agreement ends within {days} days: nothing sent.")
            return
        self.stdout.write(f"Sent the digest of {sent} agreement(s) to {len(recipients)} recipient(s).")
