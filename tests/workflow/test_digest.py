"""``manage.py agreements_digest`` e-mails the agreements ending within a number of days."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests import factories

from .conftest import make_user

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("agreements_digest", *args, stdout=out)
    return out.getvalue()


def test_digest_lists_the_agreements_ending_within_the_window(django_user_model):
    today = timezone.localdate()
    make_user(django_user_model, "paul", "Publishers")
    make_user(django_user_model, "eloise", "Editors")
    factories.AgreementFactory(
        title_fr="Accord qui finit dans un mois", duration_months=None, ends_on=today + datetime.timedelta(days=30)
    )
    factories.AgreementFactory(
        title_fr="Accord qui finit dans un an", duration_months=None, ends_on=today + datetime.timedelta(days=365)
    )

    output = run("--days", "60")

    assert "Sent the digest of 1 agreement(s) to 1 recipient(s)." in output
    [message] = mail.outbox
    assert message.to == ["paul@inserm.example"]
    assert "Accord qui finit dans un mois" in message.body
    assert "Accord qui finit dans un an" not in message.body
    assert "/admin/partnerships/agreement/" in message.body


def test_digest_to_given_recipients_and_settings(settings):
    today = timezone.localdate()
    factories.AgreementFactory(title_fr="Accord", duration_months=None, ends_on=today + datetime.timedelta(days=10))
    settings.AGREEMENTS_DIGEST_RECIPIENTS = ["partenariats@inserm.example"]

    run("--days", "30")
    run("--days", "30", "--to", "someone@inserm.example")

    assert [message.to for message in mail.outbox] == [["partenariats@inserm.example"], ["someone@inserm.example"]]


def test_nothing_sent_when_no_agreement_ends():
    output = run("--days", "30", "--to", "someone@inserm.example")

    assert "nothing sent" in output
    assert mail.outbox == []


def test_refuses_a_window_below_one_day():
    with pytest.raises(CommandError, match="at least 1"):
        run("--days", "0", "--to", "someone@inserm.example")
