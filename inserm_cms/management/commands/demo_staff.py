"""``manage.py demo_staff``: create or reset the staff account of the demo site."""

import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo"
# The documented demo password, used unless DEMO_STAFF_PASSWORD is set. Demo mode only.
DEFAULT_PASSWORD = "inserm-demo-2020"
MIN_LENGTH = 12


class Command(BaseCommand):
    help = (
        f"Create or reset the superuser “{USERNAME}” of the demo site and print its login. "
        f"Password: $DEMO_STAFF_PASSWORD, else “{DEFAULT_PASSWORD}”. Refused unless DEMO_MODE is on."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_MODE", False):
            raise CommandError("demo_staff only runs in demo mode (DEMO_MODE): it would create a known login.")
        password = os.environ.get("DEMO_STAFF_PASSWORD") or DEFAULT_PASSWORD
        if len(password) < MIN_LENGTH:
            raise CommandError(f"DEMO_STAFF_PASSWORD must be at least {MIN_LENGTH} characters long.")
        user, created = get_user_model()._default_manager.get_or_create(
            username=USERNAME, defaults={"email": "demo@example.org"}
        )
        user.is_active = user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        if apps.is_installed("axes"):
            from axes.utils import reset

            reset(username=USERNAME)  # a reset login must not stay locked out by earlier failed attempts
        self.stdout.write(f"{'Created' if created else 'Reset'} the demo superuser.")
        self.stdout.write(f"Staff login: {USERNAME} / {password}")
