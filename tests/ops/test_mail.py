"""Mail that works: SMTP settings from the environment, absolute links in the digest (issue 16, item 2)."""

import datetime
import json
from email import message_from_bytes
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import AgreementFactory
from tests.ops.conftest import free_port
from tests.ops.test_settings import PRODUCTION, run_manage


class Mailbox:
    """An aiosmtpd handler keeping every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """Run a local SMTP server on a free port; return its mailbox and port."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


def smtp_settings(tmp_path, **env):
    script = (
        "import json; from django.conf import settings as s; print(json.dumps([s.EMAIL_HOST, s.EMAIL_PORT, "
        "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT, s.SITE_URL]))"
    )
    return run_manage("shell", "-c", script, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **PRODUCTION, **env)


def test_every_smtp_setting_comes_from_the_environment(tmp_path):
    result = smtp_settings(
        tmp_path,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="site@example.org",
        EMAIL_HOST_PASSWORD="app-password",
        EMAIL_USE_TLS="true",
        EMAIL_TIMEOUT="7",
        SITE_URL="https://www.example.org/",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == [
        "smtp.example.org",
        587,
        "site@example.org",
        "app-password",
        True,
        False,
        7,
        "https://www.example.org",
    ]


def test_production_start_up_names_site_url_when_mail_is_on(tmp_path):
    result = smtp_settings(tmp_path, EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_sendtestemail_reaches_the_smtp_server_named_by_the_environment(tmp_path, smtp_server):
    mailbox, port = smtp_server
    result = run_manage(
        "sendtestemail",
        "ops@example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        SITE_URL="https://www.example.org",
        DEFAULT_FROM_EMAIL="communication@example.org",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    [(recipients, message)] = mailbox.messages
    assert recipients == ["ops@example.org"]
    assert message["From"] == "communication@example.org"


@pytest.mark.django_db
def test_the_digest_goes_through_smtp_with_absolute_links(settings, smtp_server):
    mailbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.SITE_URL = "https://www.example.org"
    agreement = AgreementFactory(
        title_fr="Accord qui finit bientôt", duration_months=None, ends_on=timezone.localdate() + datetime.timedelta(30)
    )
    out = StringIO()
    call_command("agreements_digest", "--to", "partenariats@example.org", stdout=out)
    assert "Sent the digest of 1 agreement(s) to 1 recipient(s)." in out.getvalue()
    [(recipients, message)] = mailbox.messages
    assert recipients == ["partenariats@example.org"]
    body = message.get_payload(decode=True).decode()
    assert "Accord qui finit bientôt" in body
    assert f"https://www.example.org/fr/admin/partnerships/agreement/{agreement.pk}/change/" in body


@pytest.mark.django_db
def test_the_digest_refuses_to_send_relative_links(settings):
    settings.SITE_URL = ""
    AgreementFactory(duration_months=None, ends_on=timezone.localdate() + datetime.timedelta(30))
    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("agreements_digest", "--to", "partenariats@example.org", stdout=StringIO())
