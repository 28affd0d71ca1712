"""Upload checks: only sound JPEG, PNG and WebP images and real PDFs, within limits, under random names."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.validators import RandomFileName, validate_image, validate_pdf


@pytest.fixture(autouse=True)
def _english():
    """Read the error messages in English (French is the default language)."""
    with translation.override("en"):
        yield


def image_bytes(image_format, size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(validator, file):
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [("photo.jpg", "JPEG", "image/jpeg"), ("logo.PNG", "PNG", "image/png"), ("visuel.webp", "WEBP", "image/webp")],
)
def test_sound_images_are_accepted(name, image_format, content_type):
    file = upload(name, image_bytes(image_format))
    validate_image(file)
    assert file.content_type == content_type
    assert file.tell() == 0, "the file is rewound for storage"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("anim.png", image_bytes("GIF")),
        ("scan.jpg", image_bytes("TIFF")),
        ("photo.html", image_bytes("JPEG")),
        ("photo", image_bytes("JPEG")),
    ],
)
def test_other_types_are_refused_whatever_their_extension(name, content):
    error = refusal(validate_image, upload(name, content))
    assert error.code == "invalid_image"
    assert "JPEG, PNG or WebP" in error.messages[0]


def test_truncated_image_is_refused_as_damaged():
    content = image_bytes("JPEG", size=(400, 300))
    error = refusal(validate_image, upload("photo.jpg", content[: len(content) // 2]))
    assert error.code == "corrupt_image"


def test_png_with_a_broken_checksum_is_refused():
    content = bytearray(image_bytes("PNG"))
    content[-20] ^= 0xFF  # inside the image data chunk
    assert refusal(validate_image, upload("logo.png", bytes(content))).code == "corrupt_image"


def test_too_many_bytes_is_refused_with_the_limit(settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 1000
    error = refusal(validate_image, upload("photo.png", image_bytes("PNG", size=(300, 300), mode="RGB") + b"\0" * 2000))
    assert error.code == "file_too_large"
    assert "limit is 1000\xa0bytes" in error.messages[0]


def test_decompression_bomb_is_refused_before_decoding(settings):
    # A 20 000 × 20 000 PNG of one colour compresses to a few hundred kilobytes.
    settings.UPLOAD_IMAGE_MAX_PIXELS = 40_000_000
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
    error = refusal(validate_image, upload("bomb.png", buffer.getvalue()))
    assert error.code == "too_many_pixels"
    assert "40 million pixels" in error.messages[0]


def test_pixel_limit_comes_from_the_settings(settings):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 1_000_000
    validate_image(upload("ok.png", image_bytes("PNG", size=(1000, 1000))))
    error = refusal(validate_image, upload("big.png", image_bytes("PNG", size=(1001, 1000))))
    assert "1001 × 1000" in error.messages[0]


def test_pdf_is_checked_by_its_signature():
    file = upload("rapport.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    validate_pdf(file)
    assert file.content_type == "application/pdf"
    assert refusal(validate_pdf, upload("rapport.pdf", b"<html><script>alert(1)</script></html>")).code == "invalid_pdf"
    assert refusal(validate_pdf, upload("rapport.pdf", b"MZ\x90\x00 an executable")).code == "invalid_pdf"
    assert refusal(validate_pdf, upload("rapport.html", b"%PDF-1.7\n%%EOF\n")).code == "invalid_pdf"


def test_pdf_size_limit(settings):
    settings.UPLOAD_PDF_MAX_BYTES = 100
    assert refusal(validate_pdf, upload("rapport.pdf", b"%PDF-1.7\n" + b"0" * 200)).code == "file_too_large"


def test_stored_files_are_not_checked_again(tmp_path):
    """A file already saved (an unchanged field in the admin) is not read back from storage."""

    class StoredFile:
        _committed = True
        name = "press/2024/unknown.bin"

        @property
        def file(self):
            raise AssertionError("the stored file was opened")

    validate_image(StoredFile())
    validate_pdf(StoredFile())


def test_random_file_names_drop_the_visitor_name_and_unknown_extensions():
    upload_to = RandomFileName("press/attachments/")
    first = upload_to(None, "Communiqué confidentiel Inserm.PDF")
    second = upload_to(None, "Communiqué confidentiel Inserm.PDF")
    assert re.fullmatch(r"press/attachments/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert upload_to(None, "photo.JPEG").endswith(".jpg")
    assert upload_to(None, "evil.svg").endswith(".bin")
    assert upload_to(None, "evil.html").endswith(".bin")
    assert RandomFileName("logos").deconstruct() == ("core.validators.RandomFileName", ("logos",), {})


def test_truncated_image_is_refused_even_after_weasyprint_was_imported(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what `import weasyprint` does
    content = image_bytes("JPEG", size=(400, 300))
    error = refusal(validate_image, upload("photo.jpg", content[: len(content) // 2]))
    assert error.code == "corrupt_image"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
