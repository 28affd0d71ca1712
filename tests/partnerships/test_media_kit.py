"""Each live agreement offers a press kit, as releases do: its files with caption, credit and licence, one ZIP."""

import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assets.models import Asset, Licence
from assets.usage import uses
from partnerships.models import Agreement, AgreementAttachment
from tests.factories import AgreementFactory, AssetFactory, DocumentAssetFactory, jpeg_upload, pdf_upload
from tests.helpers import admin_url, run_kit_builds
from tests.site.conftest import url_in
from tests.workflow.conftest import change_form_data, client_for, make_user
from workflow.permissions import can_change_part
from workflow.states import Status

pytestmark = pytest.mark.django_db
TASK_PATH = "assets.tasks.build_media_kit_task"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agreement():
    agreement = AgreementFactory(
        title_fr="Convention-cadre Région Bretagne",
        title_en="Brittany Region framework agreement",
        slug_fr="convention-bretagne",
        slug_en="brittany-agreement",
    )
    signing = Asset.objects.create(
        file=jpeg_upload("signature.jpg", size=(64, 48)),
        title_fr="Signature de la convention",
        title_en="Signing the agreement",
        caption_fr="La signature à Rennes",
        caption_en="The signing in Rennes",
        alt_fr="Deux personnes signent un document",
        alt_en="Two people sign a document",
        credit="© Région Bretagne/Jean Dupont",  # the "©" typed by the user is dropped: the page writes it once
        licence=Licence.CC_BY,
    )
    text = Asset.objects.create(
        file=pdf_upload("convention.pdf"), title_fr="Texte de la convention", title_en="", credit="Inserm", licence=""
    )
    AgreementAttachment.objects.create(agreement=agreement, asset=signing, position=1)
    AgreementAttachment.objects.create(agreement=agreement, asset=text, position=2)
    return agreement


def page(client, agreement, language="en"):
    response = client.get(url_in(language, agreement))
    assert response.status_code == 200
    return response.content.decode()


def kit_url(agreement, language="en"):
    return url_in(language, lambda: reverse("partnerships:agreement-kit", kwargs={"slug": agreement.slug}))


def zip_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    # Read whole: the test client then closes the file (a second close() would close the database connection).
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_page_lists_each_file_with_caption_credit_licence_and_size(client, agreement):
    text = page(client, agreement, "en")
    section = text[text.index('id="press-kit"') : text.index("</section>", text.index('id="press-kit"'))]
    assert '<h2 id="press-kit-heading">Press kit</h2>' in section
    signing, document = agreement.attachments.all()
    assert f'<a href="{signing.asset.file.url}" download>The signing in Rennes</a>' in section
    assert (
        '© Région Bretagne/Jean Dupont · <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
        "CC BY 4.0</a>" in section
    )
    assert "© ©" not in section
    assert "(image, 64 × 48 px," in section
    assert 'alt="Two people sign a document"' in section  # the image's thumbnail
    # No English title: the document's caption is its French title, marked as French.
    assert f'<a href="{document.asset.file.url}" download><span lang="fr">Texte de la convention</span></a>' in section
    assert "(PDF, " in section
    assert "© Inserm · Licence not given" in section
    french = page(client, agreement, "fr")
    assert "Dossier de presse" in french
    assert "La signature à Rennes" in french
    assert '<span lang="fr">' not in french[french.index('id="press-kit"') :].split("</section>")[0]


def test_missing_zip_is_enqueued_once_and_never_waited_for(client, agreement):
    text = page(client, agreement)
    assert "The ZIP of the whole press kit is being prepared" in text
    response = client.get(kit_url(agreement))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "being prepared" in response.content.decode()
    page(client, agreement, "fr")
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1


def test_asking_for_the_zip_requests_its_build(client, agreement):
    assert client.get(kit_url(agreement, "fr")).status_code == 503
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1
    run_kit_builds()
    assert zip_of(client.get(kit_url(agreement, "fr"))).namelist()


def test_worker_builds_the_zip_with_every_file_and_a_manifest(client, agreement):
    page(client, agreement)
    run_kit_builds()
    text = page(client, agreement)
    assert f'<a class="button" href="{kit_url(agreement)}" type="application/zip" download>' in text
    assert "Download the whole press kit (ZIP" in text
    archive = zip_of(client.get(kit_url(agreement)))
    assert archive.namelist() == [
        "CREDITS.txt",
        "images/01-signature-de-la-convention.jpg",
        "documents/02-texte-de-la-convention.pdf",
    ]
    signing, document = agreement.attachments.all()
    with signing.asset.file.open("rb") as image:
        assert archive.read("images/01-signature-de-la-convention.jpg") == image.read()
    assert archive.read("documents/02-texte-de-la-convention.pdf").startswith(b"%PDF-1.4")
    manifest = archive.read("CREDITS.txt").decode()
    for expected in (
        "Convention-cadre Région Bretagne",
        "Brittany Region framework agreement",
        "http://testserver/fr/accords/convention-bretagne/",
        "http://testserver/en/agreements/brittany-agreement/",
        "Légende : La signature à Rennes",
        "Caption: The signing in Rennes",
        "Credit: Région Bretagne/Jean Dupont",
        "Licence: CC BY 4.0",
        "Crédit : Inserm",
        "Licence : non renseigné",
    ):
        assert expected in manifest


def test_the_zip_has_an_address_in_each_language(client, agreement):
    assert kit_url(agreement, "fr") == "/fr/accords/convention-bretagne/dossier-de-presse/"
    assert kit_url(agreement, "en") == "/en/agreements/brittany-agreement/press-kit/"
    page(client, agreement)
    run_kit_builds()
    assert f'href="{kit_url(agreement, "fr")}"' in page(client, agreement, "fr")
    french, english = zip_of(client.get(kit_url(agreement, "fr"))), zip_of(client.get(kit_url(agreement, "en")))
    assert french.namelist() == english.namelist()


def test_a_changed_file_gives_a_new_zip(client, agreement):
    page(client, agreement)
    run_kit_builds()
    AgreementAttachment.objects.create(agreement=agreement, asset=DocumentAssetFactory(title_fr="Annexe"), position=3)
    assert "being prepared" in page(client, agreement)
    run_kit_builds()
    assert "documents/03-annexe.pdf" in zip_of(client.get(kit_url(agreement))).namelist()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_an_agreement_not_live_has_no_public_kit_and_builds_none(client, agreement, state):
    if state == "draft":
        agreement.status = Status.DRAFT
    else:
        agreement.publish_at = timezone.now() + datetime.timedelta(days=3)
    agreement.save()
    assert client.get(url_in("en", agreement)).status_code == 404
    assert client.get(kit_url(agreement)).status_code == 404
    assert client.get(kit_url(agreement, "fr")).status_code == 404
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_a_kit_built_while_live_is_not_served_once_unpublished(client, agreement):
    page(client, agreement)
    run_kit_builds()
    assert zip_of(client.get(kit_url(agreement))).namelist()
    agreement.status = Status.DRAFT
    agreement.save()
    assert client.get(kit_url(agreement)).status_code == 404


def test_the_worker_builds_nothing_for_an_agreement_unpublished_meanwhile(client, agreement):
    page(client, agreement)
    agreement.status = Status.DRAFT
    agreement.save()
    run_kit_builds()
    result = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert result.return_value is None


def test_agreement_without_files_has_no_press_kit(client):
    agreement = AgreementFactory()
    text = page(client, agreement)
    assert 'id="press-kit"' not in text
    assert client.get(kit_url(agreement)).status_code == 404
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_page_runs_as_many_queries_with_three_files_as_with_ten(client):
    agreement = AgreementFactory()

    def add(count):
        for _ in range(count):
            AgreementAttachment.objects.create(agreement=agreement, asset=AssetFactory())
            AgreementAttachment.objects.create(agreement=agreement, asset=DocumentAssetFactory())

    add(3)
    with_three = count_queries(client, url_in("en", agreement))
    add(7)
    with_ten = count_queries(client, url_in("en", agreement))
    assert "being prepared" in client.get(url_in("en", agreement)).content.decode()  # the kit shows each time
    assert with_three == with_ten


# Staff: the files are chosen in the agreement's form, through the same gate as its other rows.


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


def test_an_editor_adds_a_file_to_a_draft_agreements_kit_from_its_form(editor):
    agreement = AgreementFactory(status=Status.DRAFT, publish_at=None)
    photo = AssetFactory(title_fr="Photo de la signature")
    client = client_for(editor)
    url = admin_url("change", agreement.pk, model=Agreement, language="en")
    form = client.get(url).content.decode()
    assert 'id="attachments-group"' in form
    data = change_form_data(client, url) | {
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-asset": str(photo.pk),
        "attachments-0-position": "0",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert [row.asset for row in agreement.attachments.all()] == [photo]
    assert AgreementAttachment.history.filter(asset=photo, history_type="+", history_user=editor).exists()


def test_the_same_file_twice_in_a_kit_is_refused(editor):
    agreement = AgreementFactory(status=Status.DRAFT, publish_at=None)
    photo = AssetFactory()
    client = client_for(editor)
    url = admin_url("change", agreement.pk, model=Agreement, language="en")
    data = change_form_data(client, url) | {
        "attachments-TOTAL_FORMS": "2",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-asset": str(photo.pk),
        "attachments-0-position": "0",
        "attachments-1-asset": str(photo.pk),
        "attachments-1-position": "1",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert not agreement.attachments.exists()


def test_the_gate_keeps_an_editor_from_changing_a_published_agreements_kit(editor):
    published, draft = AgreementFactory(), AgreementFactory(status=Status.DRAFT, publish_at=None)
    for action in ("add", "change", "delete"):
        assert can_change_part(editor, action, AgreementAttachment, draft)
        assert not can_change_part(editor, action, AgreementAttachment, published)


def test_an_asset_in_a_kit_cannot_be_deleted_and_says_where_it_is_used(agreement):
    asset = agreement.attachments.first().asset
    assert [use.name for use in uses(asset)] == [agreement.title_fr]
    with pytest.raises(ProtectedError):
        asset.delete()
