"""Press import uploads are bounded and private (issue 10, item 5), fuzzed with hostile archives."""

import datetime
import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from press.importer.sources import Limits, UploadRefused, read_upload
from press.models import ImportBatch, PressRelease
from tests.press.test_import_admin import SEED_BRETAGNE, confirm, upload

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TEXT_LINE = "Le communiqué de presse est trop long pour être importé en une seule fois.\n".encode()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def deflated(members):
    """Return a deflated zip archive of ``members`` (name → bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def repeated(size):
    return (TEXT_LINE * (size // len(TEXT_LINE) + 1))[:size]


def upload_peak(client, name, data):
    """Post an upload; return the response and the peak of memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        response = upload(client, name, data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak


def form_errors(response):
    assert response.status_code == 200
    return response.context["form"].errors["file"]


# Limits, refused early


def test_the_issue_zip_of_fifty_five_megabyte_members_is_refused_before_reading(staff_client):
    archive = deflated({f"release-{index}.txt": repeated(5 * MB) for index in range(50)})
    assert len(archive) < 2 * MB

    response, peak = upload_peak(staff_client, "bomb.zip", archive)

    assert form_errors(response) == [
        "The zip archive holds 250.0 MB once uncompressed; an upload may hold 10.0 MB at most."
    ]
    # The same upload took 843 MB before the limits; a whole admin request and page now stay far below.
    assert peak < 32 * MB
    assert not ImportBatch.objects.exists()


def test_too_many_files_are_refused_with_the_limit_in_the_staff_language(staff_client, settings):
    settings.PRESS_IMPORT_MAX_UPLOAD_FILES = 20
    archive = deflated({f"{index}.txt": b"Paris, le 1er avril 2021" for index in range(21)})

    response = upload(staff_client, "many.zip", archive)
    with translation.override("fr"):
        french = staff_client.post(
            reverse("admin:press_pressrelease_import"), {"file": SimpleUploadedFile("many.zip", archive)}
        )

    assert form_errors(response) == ["The zip archive holds 21 files; an upload may hold 20 at most."]
    assert form_errors(french) == ["L'archive zip contient 21 fichiers ; un envoi en contient au plus 20."]


def test_a_document_over_the_web_limit_is_refused_by_name(staff_client, settings):
    settings.PRESS_IMPORT_MAX_DOCUMENT_BYTES = MB

    response = upload(staff_client, "huge.txt", repeated(2 * MB))

    assert response.status_code == 200
    assert "huge.txt" in response.text
    assert "the file is too large (2.0 MB, limit 1.0 MB)" in response.text
    assert ImportBatch.objects.get().sources[0]["text"] is None


def test_a_member_compressed_like_a_zip_bomb_is_refused(staff_client):
    archive = deflated({"bomb.txt": b" " * (4 * MB), "004.txt": SEED_BRETAGNE.read_bytes()})

    response = upload(staff_client, "bomb.zip", archive)

    assert response.status_code == 200
    assert "bomb.zip/bomb.txt" in response.text
    assert "more than any text is: refused" in response.text
    assert "“La Région et l&#x27;Inserm s&#x27;associent" in response.text


# Batches: private, owned, short-lived


def test_a_batch_is_stored_in_the_database_never_under_media(staff_client, settings):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())

    assert preview.status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.user.username == "staff"
    assert batch.sources[0]["name"] == "004.txt"
    assert not (settings.MEDIA_ROOT / "press-import").exists()


def test_another_users_batch_is_not_found(staff_client, client, django_user_model):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())
    other = django_user_model.objects.create_superuser("other", "other@example.org", "another-long-password")
    client.force_login(other)

    response = confirm(client, preview)

    assert response.status_code == 404
    assert not PressRelease.objects.exists()
    assert ImportBatch.objects.count() == 1


def test_confirming_deletes_the_batch(staff_client):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())

    done = confirm(staff_client, preview)

    assert done.status_code == 200
    assert PressRelease.objects.count() == 1
    assert not ImportBatch.objects.exists()


def test_cancelling_deletes_the_batch_and_writes_nothing(staff_client):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())

    cancelled = confirm(staff_client, preview, cancel="Cancel the import")

    assert cancelled.status_code == 302
    assert cancelled["Location"] == reverse("admin:press_pressrelease_changelist")
    assert not ImportBatch.objects.exists()
    assert not PressRelease.objects.exists()


def test_an_expired_batch_cannot_be_confirmed_and_is_purged(staff_client):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())
    fresh = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())
    ImportBatch.objects.filter(pk=preview.context["batch"].pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )

    expired = confirm(staff_client, preview)
    out = io.StringIO()
    call_command("purge_import_batches", stdout=out)

    assert expired.status_code == 302
    assert not PressRelease.objects.exists()
    assert list(ImportBatch.objects.all()) == [fresh.context["batch"]]
    assert "Deleted 1 expired import batch(es)." in out.getvalue()


# Fuzzing the reader with hostile archives


def hostile_archive(rng):
    """Return a random archive mixing many members, large or repetitive ones, deep paths and nested zips."""
    members = {}
    count = rng.choice([1, 5, 50, 400])
    # Large members in small archives, so that building the archive stays quick.
    sizes = {1: [0, 100, 3 * MB, 12 * MB], 5: [100, 100_000, 3 * MB], 50: [0, 100, 300_000], 400: [0, 100, 2_000]}
    for index in range(count):
        depth = rng.choice([0, 1, 30, 200])
        folder = "/".join(f"d{level}" for level in range(depth))
        name = f"{folder}/{index}.{rng.choice(['txt', 'md', 'zip', 'bin'])}".lstrip("/")
        kind = rng.choice(["text", "repetitive", "random", "nested"])
        size = rng.choice(sizes[count])
        if kind == "text":
            data = repeated(size)
        elif kind == "repetitive":
            data = b"\n" * size
        elif kind == "random":
            data = rng.randbytes(min(size, 200_000))
        else:
            data = deflated({"inner.txt": b" " * size})
        members[name] = data
    return deflated(members)


@pytest.mark.parametrize("seed", range(12))
def test_hostile_archives_are_refused_or_read_within_bounds(seed):
    limits = Limits(document_bytes=MB, total_bytes=10 * MB, files=200, ratio=100)
    archive = hostile_archive(random.Random(seed))

    tracemalloc.start()
    try:
        sources = read_upload("fuzz.zip", io.BytesIO(archive), len(archive), limits)
    except UploadRefused as refusal:
        sources, message = [], str(refusal)
    else:
        message = ""
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    assert peak < 3 * limits.total_bytes, peak
    if message:
        assert message.startswith("The zip archive holds")
        assert "at most" in message
    read = sum(len(source.text.encode()) for source in sources if source.text)
    assert read <= limits.total_bytes
    assert all(source.text or source.error for source in sources)
    assert all(len(source.text.encode()) <= limits.document_bytes for source in sources if source.text)


def test_an_upload_heavier_than_the_total_limit_is_refused_unread(staff_client, settings):
    settings.PRESS_IMPORT_MAX_UPLOAD_BYTES = MB

    response = upload(staff_client, "noise.zip", random.Random(1).randbytes(2 * MB))

    assert form_errors(response) == ["The file weighs 2.0 MB; an upload may hold 1.0 MB at most."]


def test_a_nul_character_anywhere_makes_a_file_binary(staff_client):
    data = SEED_BRETAGNE.read_bytes() + b"\n\x00\n"

    response = upload(staff_client, "004.txt", data)

    assert response.status_code == 200
    assert "the file is binary, not text" in response.text
    assert ImportBatch.objects.get().sources[0]["text"] is None
