"""The admin index: review queue, schedule and embargoes, agreements ending or ended, translations to do."""

import datetime
import re

import pytest
from django.utils import timezone

from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

pytestmark = pytest.mark.django_db


def test_dashboard_lists_what_needs_attention(editor_client, django_assert_max_num_queries):
    today = timezone.localdate()
    factories.PressReleaseFactory(status=Status.REVIEW, title_fr="Communiqué à relire", title_en="Communiqué à relire")
    factories.PressReleaseFactory(
        title_fr="Communiqué sous embargo",
        title_en="Communiqué sous embargo",
        publish_at=datetime.datetime(2099, 3, 12, 8, 0, tzinfo=datetime.UTC),
    )
    factories.PressReleaseFactory(title_fr="Communiqué sans anglais", title_en="Communiqué sans anglais", lead_en="")
    factories.AgreementFactory(
        title_fr="Accord qui finit bientôt",
        title_en="Accord qui finit bientôt",
        starts_on=today - datetime.timedelta(days=700),
        duration_months=None,
        ends_on=today + datetime.timedelta(days=90),
    )
    old = factories.AgreementFactory(
        title_fr="Accord fini renouvelé",
        title_en="Accord fini renouvelé",
        starts_on=datetime.date(2015, 1, 1),
        duration_months=None,
        ends_on=datetime.date(2019, 12, 31),
    )
    factories.AgreementFactory(
        title_fr="Renouvellement",
        title_en="Renouvellement",
        renewal_of=old,
        starts_on=datetime.date(2020, 1, 1),
        duration_months=None,
        ends_on=None,
    )
    factories.AgreementFactory(
        title_fr="Accord fini sans suite",
        title_en="Accord fini sans suite",
        starts_on=datetime.date(2016, 1, 1),
        duration_months=None,
        ends_on=datetime.date(2021, 12, 31),
    )
    editor_client.get(admin_url("index", language="en"))  # warm the session and content types

    # One query per model and section (five content models), whatever the number of rows, plus the session;
    # the translation counts also count the reference data (themes, organisations, people, places, figures),
    # and the imported translations waiting to be applied.
    with django_assert_max_num_queries(29):
        content = editor_client.get(admin_url("index", language="en")).content.decode()

    review = content[content.index('id="dashboard-review"') : content.index('id="dashboard-scheduled"')]
    scheduled = content[content.index('id="dashboard-scheduled"') : content.index('id="dashboard-ending"')]
    ending = content[content.index('id="dashboard-ending"') : content.index('id="dashboard-translations"')]
    translations = content[content.index('id="dashboard-translations"') :]
    assert "Communiqué à relire" in review
    assert "Communiqué sous embargo" in scheduled and "12 March 2099 at 09:00 (Europe/Paris" in scheduled
    assert "Accord qui finit bientôt" in ending
    assert "Accord fini sans suite" in ending and "Accord fini renouvelé" not in ending
    assert "?translation_en=missing" in translations


def test_translation_counts_are_separate_items_of_a_list(editor_client):
    factories.PressReleaseFactory(lead_en="")
    factories.PressReleaseFactory(body_en="")
    factories.PressReleaseFactory(lead_fr="")

    response = editor_client.get(admin_url("index", language="en"))

    assert response.status_code == 200
    content = response.content.decode()
    translations = content[content.index('id="dashboard-translations"') :]
    releases = translations[translations.index("Press releases") :]
    counts = releases[: releases.index("</ul>")]
    # Each count a list item of its own, not "2 without English1 without French" run together.
    assert '<ul class="translation-counts__problems">' in counts
    assert re.findall(r"<li><a [^>]*>([^<]+)</a></li>", counts) == ["2 without English", "1 without French"]


def test_translation_counts_read_apart_in_french(editor_client):
    factories.PressReleaseFactory(lead_en="")
    factories.PressReleaseFactory(lead_fr="")

    content = editor_client.get(admin_url("index")).content.decode()

    translations = content[content.index('id="dashboard-translations"') :]
    # French puts a (no-break) space before the colon.
    releases = translations[re.search(r"<strong>Communiqués de presse</strong>\s:", translations).start() :]
    counts = releases[: releases.index("</ul>")]
    assert re.findall(r"<li><a [^>]*>([^<]+)</a></li>", counts) == ["1 sans anglais", "1 sans français"]
