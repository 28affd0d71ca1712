"""``manage.py demo_staff``: create or reset the staff accounts of the demo site.

A superuser, plus one account per editorial role so the workflow can be tried as each role sees it.
"""

import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo"
# The documented demo password, used unless DEMO_STAFF_PASSWORD is set. Demo mode only.
DEFAULT_PASSWORD = "inserm-demo-2020"
MIN_LENGTH = 12
# Role accounts (same password): user name → group created by the workflow roles migration.
ROLE_ACCOUNTS = {"editor": "Editors", "publisher": "Publishers"}


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
        created = self.reset_account(USERNAME, password, superuser=True)
        self.stdout.write(f"{'Created' if created else 'Reset'} the demo superuser.")
        self.stdout.write(f"Staff login: {USERNAME} / {password}")
        for username, group_name in ROLE_ACCOUNTS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                self.stderr.write(f"No group {group_name!r}: run migrate first; {username!r} not created.")
                continue
            self.reset_account(username, password, group=group)
            self.stdout.write(f"{group_name[:-1]} login: {username} / {password}")

    def reset_account(self, username, password, *, superuser=False, group=None):
        """Create or reset one active staff account; return whether it was created."""
        user, created = get_user_model()._default_manager.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_active = user.is_staff = True
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        if group is not None:
            user.groups.set([group])
        if apps.is_installed("axes"):
            from axes.utils import reset

            reset(username=username)  # a reset login must not stay locked out by earlier failed attempts
        return created
