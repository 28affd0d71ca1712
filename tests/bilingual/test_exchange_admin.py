"""The translation exchange in the admin: import screen with preview and apply, translations of published items
waiting for a Publisher (checked again when applied, listed per type the user may see), the dashboard's per-model
counts, the reference data's per-field tracking and the purge of expired uploads."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from translate.storage import po

from directory.models import Organisation, Theme
from inserm_cms.models import ScheduledRun
from inserm_cms.scheduler import scheduled_jobs
from international.models import Place
from press.models import PressRelease
from tests.factories import AgreementFactory, OrganisationFactory, PlaceFactory, PressReleaseFactory, ThemeFactory
from tests.helpers import admin_url
from tests.workflow.conftest import client_for, make_user
from workflow.exchange import apply_proposals, export_po, import_translations, stale_items
from workflow.models import ReviewMessage, TranslationProposal, TranslationUpload
from workflow.states import Status

pytestmark = pytest.mark.django_db

IMPORT = "translation-import"


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


@pytest.fixture
def publisher(django_user_model):
    return make_user(django_user_model, "paul", "Publishers")


def reloaded(obj):
    return type(obj).objects.get(pk=obj.pk)


def translated_po(objects, targets, language="en"):
    """Return a PO export of ``objects`` whose units ending with a key of ``targets`` get that translation."""
    store = po.pofile.parsestring(export_po(objects, language=language))
    for unit in store.units:
        for suffix, text in targets.items():
            if unit.getcontext().endswith(f".{suffix}"):
                unit.target = text
    return bytes(store)


def upload(client, content, *, name="release.po", language="en"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        admin_url(IMPORT, language="en"),
        {"file": SimpleUploadedFile(name, content), "language": language},
    )


def draft_release(**kwargs):
    return reloaded(PressReleaseFactory(status=Status.DRAFT, publish_at=None, lead_en="", **kwargs))


# The import screen ----------------------------------------------------------------------------------


def test_the_import_screen_needs_the_right_to_change_some_translated_item(django_user_model, editor):
    nobody = make_user(django_user_model, "staffonly")

    assert client_for(nobody).get(admin_url(IMPORT, language="en")).status_code == 403
    response = client_for(editor).get(admin_url(IMPORT, language="en"))
    assert response.status_code == 200
    assert b'<label for="id_file">' in response.content


def test_a_draft_translation_is_previewed_then_applied_without_a_second_upload(editor):
    release = draft_release()
    client = client_for(editor)

    preview = upload(client, translated_po([release], {"lead": "A lead in English."}))

    assert preview.status_code == 200
    assert b"<caption>" in preview.content and b"written in place" in preview.content
    assert reloaded(release).lead_en == ""  # a preview writes nothing
    kept = TranslationUpload.objects.get()
    assert kept.created_by == editor

    applied = client.post(admin_url(IMPORT, language="en"), {"upload": kept.pk})

    assert applied.status_code == 200
    release = reloaded(release)
    assert release.lead_en == "A lead in English."
    assert release.history.first().history_change_reason == "Translation imported"
    assert not TranslationUpload.objects.exists()


def test_an_upload_is_applied_only_by_its_uploader(editor, django_user_model):
    release = draft_release()
    upload(client_for(editor), translated_po([release], {"lead": "A lead in English."}))
    other = make_user(django_user_model, "otto", "Editors")

    response = client_for(other).post(admin_url(IMPORT, language="en"), {"upload": TranslationUpload.objects.get().pk})

    assert response.status_code == 302
    assert reloaded(release).lead_en == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.xlf", b"<xliff><file><body><trans-unit", b"not a readable XLIFF or PO file"),
        ("other.po", b'msgid "hello"\nmsgstr "bonjour"\n', b"no translation units exported by this site"),
        ("notes.txt", b"hello", b"Choose an XLIFF"),
        ("huge.po", b"#" * (2 * 1024 * 1024 + 1), b"larger than 2 MB"),
    ],
)
def test_a_bad_file_is_rejected_with_a_clear_message_and_nothing_kept(editor, name, content, message):
    response = upload(client_for(editor), content, name=name)

    assert response.status_code == 200
    assert b'id="error-summary"' in response.content
    assert message in response.content
    assert not TranslationUpload.objects.exists()


def test_the_changelist_links_to_the_import_screen(editor):
    response = client_for(editor).get(admin_url("changelist", model=PressRelease, language="en"))

    assert response.status_code == 200
    assert admin_url(IMPORT, language="en").encode() in response.content


# Published items: the translation waits for a Publisher ---------------------------------------------


def test_a_published_items_translation_waits_for_a_publisher(editor, publisher):
    release = reloaded(PressReleaseFactory(lead_en=""))
    content = translated_po([release], {"lead": "A lead in English."})

    report = import_translations(content, language="en", user=editor, apply=True)

    assert report.proposed and not report.applied
    assert reloaded(release).lead_en == ""  # the public text has not changed
    proposal = TranslationProposal.objects.get()
    assert (proposal.field, proposal.language, proposal.created_by) == ("lead", "en", editor)

    change = client_for(publisher).get(admin_url("change", release.pk, model=PressRelease, language="en"))
    assert b"Apply translation" in change.content and b"A lead in English." in change.content

    assert apply_proposals([proposal], user=editor).applied == []  # an Editor may not change a published item
    report = apply_proposals([proposal], user=publisher)

    assert len(report.applied) == 1
    release = reloaded(release)
    assert release.lead_en == "A lead in English."
    assert release.stale_fields() == []
    assert release.history.first().history_change_reason == "Imported translation applied"
    assert not TranslationProposal.objects.exists()


def test_the_apply_button_applies_and_a_changed_source_is_refused(editor, publisher):
    release = reloaded(PressReleaseFactory(lead_en="", title_en=""))
    import_translations(
        translated_po([release], {"lead": "A lead.", "title": "A title"}), language="en", user=editor, apply=True
    )
    release.title_fr = "Un titre réécrit après l'import"
    release.save()
    client = client_for(publisher)
    back = admin_url("change", release.pk, model=PressRelease, language="en")

    response = client.post(
        admin_url("translation-apply", language="en"),
        {"proposal": list(TranslationProposal.objects.values_list("pk", flat=True)), "next": back},
    )

    assert response.status_code == 302 and response["Location"] == back
    release = reloaded(release)
    assert release.lead_en == "A lead."
    assert release.title_en == ""
    assert list(TranslationProposal.objects.values_list("field", flat=True)) == ["title"]  # refused, kept


def test_an_editor_can_neither_apply_nor_discard_a_published_items_translation(editor):
    release = reloaded(PressReleaseFactory(lead_en=""))
    import_translations(translated_po([release], {"lead": "A lead."}), language="en", user=editor, apply=True)
    client = client_for(editor)
    pk = TranslationProposal.objects.get().pk

    change = client.get(admin_url("change", release.pk, model=PressRelease, language="en"))
    assert change.status_code == 200 and b"A lead." in change.content
    assert b"Apply translation" not in change.content
    client.post(admin_url("translation-apply", language="en"), {"proposal": [pk]})
    client.post(admin_url("translation-apply", language="en"), {"proposal": [pk], "discard": "1"})

    assert reloaded(release).lead_en == ""
    assert TranslationProposal.objects.filter(pk=pk).exists()


def test_the_import_screen_reports_what_waits_for_review(editor):
    release = reloaded(PressReleaseFactory(lead_en=""))
    client = client_for(editor)

    upload(client, translated_po([release], {"lead": "A lead."}))
    client.post(admin_url(IMPORT, language="en"), {"upload": TranslationUpload.objects.get().pk})

    assert reloaded(release).lead_en == ""
    assert TranslationProposal.objects.count() == 1
    waiting = client.get(admin_url("translation-proposals", language="en"))
    assert waiting.status_code == 200 and b"A lead." in waiting.content
    index = client.get(admin_url("index", language="en"))
    assert b"Imported translations waiting to be applied: 1" in index.content


# Reference data and the dashboard -------------------------------------------------------------------


def test_reference_data_is_tracked_per_field():
    theme = reloaded(ThemeFactory(description_fr="Description.", description_en="Description."))
    organisation = reloaded(OrganisationFactory(about_fr="<p>À propos.</p>", about_en="<p>About.</p>"))

    theme.description_fr = "Une description réécrite."
    theme.save()
    organisation.name_fr = "Organisme renommé"
    organisation.save()

    assert reloaded(theme).stale_fields() == [("description", "en")]
    assert reloaded(organisation).stale_fields() == [("name", "en")]
    assert set(stale_items("en")) == {theme, organisation}
    stale = Theme.objects.filter(en_stale=True)
    assert list(stale) == [theme] and not Organisation.objects.filter(fr_stale=True).exists()


def test_a_reference_items_stale_field_is_shown_and_confirmed_in_its_form(administrator_client):
    theme = reloaded(ThemeFactory(description_fr="Description.", description_en="Description."))
    theme.description_fr = "Une description réécrite."
    theme.save()
    url = admin_url("change", theme.pk, model=Theme, language="en")

    page = administrator_client.get(url)
    assert b'name="confirm_translation" value="description_en"' in page.content

    data = {
        "name_fr": theme.name_fr,
        "name_en": theme.name_en,
        "slug_fr": theme.slug_fr,
        "slug_en": theme.slug_en,
        "description_fr": theme.description_fr,
        "description_en": theme.description_en,
        "confirm_translation": "description_en",
    }
    assert administrator_client.post(url, data).status_code == 302
    assert reloaded(theme).stale_fields() == []


@pytest.fixture
def administrator_client(django_user_model):
    return client_for(make_user(django_user_model, "ada", "Administrators"))


def make_stale(count):
    for _index in range(count):
        place = reloaded(PlaceFactory(name_en="A place"))
        place.name_fr = place.name_fr + " (renommé)"
        place.save()


def test_the_dashboard_counts_stale_reference_data_with_a_link_to_the_filtered_list(administrator_client):
    make_stale(2)

    index = administrator_client.get(admin_url("index", language="en"))

    stale_url = admin_url("changelist", model=Place, language="en") + "?translation_en=stale_en"
    assert index.status_code == 200
    assert stale_url.encode() in index.content
    assert b"2 with English out of date" in index.content
    listed = administrator_client.get(stale_url)
    assert listed.status_code == 200 and len(listed.context["cl"].result_list) == 2


def test_the_dashboards_queries_do_not_grow_with_the_items(administrator_client):
    make_stale(1)
    administrator_client.get(admin_url("index", language="en"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        administrator_client.get(admin_url("index", language="en"))
    make_stale(6)
    with CaptureQueriesContext(connection) as many:
        administrator_client.get(admin_url("index", language="en"))

    assert len(many) == len(few)


# Applying runs the pre-publication checks again and is kept in the item's history -------------------


@pytest.fixture
def english():
    """Read what the functions return in English, as the English admin shows it."""
    with translation.override("en"):
        yield


def proposal_for(release, editor, **targets):
    import_translations(translated_po([release], targets), language="en", user=editor, apply=True)
    return list(TranslationProposal.objects.all())


@pytest.mark.usefixtures("english")
def test_applying_is_recorded_as_a_review_step_naming_who_applied_what(editor, publisher):
    release = reloaded(PressReleaseFactory(lead_en=""))
    proposals = proposal_for(release, editor, lead="A lead in English.")

    apply_proposals(proposals, user=publisher)

    message = ReviewMessage.objects.get()
    assert (message.item, message.kind, message.author) == (release, "translation_applied", publisher)
    assert message.text == "English: lead, imported by eloise"
    change = client_for(publisher).get(admin_url("change", release.pk, model=PressRelease, language="en"))
    assert "imported translation applied" in change.content.decode()


@pytest.mark.usefixtures("english")
def test_a_translation_bringing_a_blocking_problem_is_refused_and_keeps_waiting(editor, publisher):
    release = reloaded(PressReleaseFactory(body_en=""))
    proposals = proposal_for(release, editor, body='<p>See <a href="/en/no-such-page/">this page</a>.</p>')

    report = apply_proposals(proposals, user=publisher, despite_warnings=True)

    assert report.applied == []
    [(label, reason)] = report.refused
    assert label == f"{release} — body (en)"
    assert reason.startswith("the pre-publication checks refuse it: body (English): the link to /en/no-such-page/")
    assert reloaded(release).body_en == ""
    assert TranslationProposal.objects.count() == 1
    assert not ReviewMessage.objects.exists()


def test_a_translation_bringing_a_warning_waits_unless_applied_despite_it(editor, publisher):
    release = reloaded(PressReleaseFactory(title_en=""))
    long_title = "A very long English title that social networks would cut well before its end, sadly"
    proposals = proposal_for(release, editor, title=long_title)
    client = client_for(publisher)
    apply_url = admin_url("translation-apply", language="en")
    pks = [proposal.pk for proposal in proposals]

    held = client.post(apply_url, {"proposal": pks, "next": "/en/admin/"}, follow=True)

    assert "Not applied: " in held.content.decode()
    assert "Warning: The English title has 83 characters: social cards cut it after 70." in held.content.decode()
    assert reloaded(release).title_en == ""
    assert TranslationProposal.objects.count() == 1

    client.post(apply_url, {"proposal": pks, "despite_warnings": "1", "next": "/en/admin/"})

    assert reloaded(release).title_en == long_title
    assert not TranslationProposal.objects.exists()


@pytest.mark.usefixtures("english")
def test_applying_reports_the_translation_problems_left(editor, publisher):
    release = reloaded(PressReleaseFactory(lead_en="", title_en=""))
    proposals = proposal_for(release, editor, lead="A lead.")

    report = apply_proposals(proposals, user=publisher)

    assert report.applied and report.notes == [(release, "Missing: title")]


# Who sees which translations waiting -------------------------------------------------------------------


@pytest.fixture
def press_desk(django_user_model):
    """A role that publishes press releases (and their quotes) and has no right on agreements at all."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Press desk")
    wanted = [
        ("press", "pressrelease", ("view", "change", "publish")),
        ("press", "quote", ("view", "change")),
    ]
    for app_label, model, actions in wanted:
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            )
    return make_user(django_user_model, "pia", "Press desk")


def test_the_waiting_page_and_dashboard_list_only_the_types_the_user_may_see(press_desk, publisher):
    release = reloaded(PressReleaseFactory(lead_en=""))
    agreement = reloaded(AgreementFactory(summary_en=""))
    import_translations(translated_po([release], {"lead": "A lead."}), language="en", user=publisher, apply=True)
    import_translations(
        translated_po([agreement], {"summary": "A summary."}), language="en", user=publisher, apply=True
    )
    client = client_for(press_desk)

    waiting = client.get(admin_url("translation-proposals", language="en"))
    index = client.get(admin_url("index", language="en"))

    assert waiting.status_code == 200
    assert f"{release.title_en} — lead (en)" in waiting.content.decode()
    assert agreement.title_en not in waiting.content.decode() and "A summary." not in waiting.content.decode()
    assert b"Imported translations waiting to be applied: 1" in index.content
    publishers_index = client_for(publisher).get(admin_url("index", language="en"))
    assert b"Imported translations waiting to be applied: 2" in publishers_index.content

    agreement_proposal = TranslationProposal.objects.get(field="summary")
    client.post(admin_url("translation-apply", language="en"), {"proposal": [agreement_proposal.pk]})
    client.post(admin_url("translation-apply", language="en"), {"proposal": [agreement_proposal.pk], "discard": "1"})
    assert reloaded(agreement).summary_en == ""
    assert TranslationProposal.objects.filter(pk=agreement_proposal.pk).exists()


# Expired uploads are purged by a scheduled job ---------------------------------------------------------


def test_expired_uploads_are_purged_by_a_scheduled_job_once_per_run(editor):
    job = {job.name: job for job in scheduled_jobs()}["purge-translation-uploads"]
    expired = TranslationUpload.objects.create(created_by=editor, filename="old.po", language="en", content=b"x")
    fresh = TranslationUpload.objects.create(created_by=editor, filename="new.po", language="en", content=b"y")
    TranslationUpload.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - TranslationUpload.LIFETIME - datetime.timedelta(minutes=1)
    )
    run = ScheduledRun.objects.create(job=job.name, slot=timezone.now())

    assert job.task.call(run_id=run.pk) == {"deleted": 1}
    assert job.task.call(run_id=run.pk) == {"skipped": True}
    assert job.task.call() == {"deleted": 0}
    assert list(TranslationUpload.objects.all()) == [fresh]


def test_an_expired_upload_is_not_applied(editor):
    release = draft_release()
    client = client_for(editor)
    upload(client, translated_po([release], {"lead": "A lead in English."}))
    kept = TranslationUpload.objects.get()
    TranslationUpload.objects.filter(pk=kept.pk).update(created_at=timezone.now() - TranslationUpload.LIFETIME)

    response = client.post(admin_url(IMPORT, language="en"), {"upload": kept.pk})

    assert response.status_code == 302
    assert reloaded(release).lead_en == ""
