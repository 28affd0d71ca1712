"""Checks for uploaded files, and random storage names for them.

Attach them to the model fields::

    logo = models.ImageField(upload_to=RandomFileName("logos"), validators=[validate_image], blank=True)
    file = models.FileField(upload_to=RandomFileName("press/attachments"), validators=[validate_pdf])
"""

import uuid
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
PDF_EXTENSIONS = {".pdf"}
PDF_SIGNATURE = b"%PDF-"


def _uploaded(value):
    """Return the file to check, or None for a file already stored (it was checked when uploaded)."""
    if value is None or not value:
        return None
    if not hasattr(value, "_committed"):
        return value  # an UploadedFile, as a form field holds it
    if value._committed:
        return None
    return value.file  # the UploadedFile assigned to a model's FieldFile


def _check_extension(value, allowed, error):
    if PurePath(value.name or "").suffix.lower() not in allowed:
        raise error


def _check_size(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s): the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def _too_many_pixels(limit, size=None):
    if size is None:
        message = _("This image is too large: the limit is %(limit)s million pixels.")
        params = {"limit": limit // 1_000_000}
    else:
        message = _("This image is too large (%(width)s × %(height)s pixels): the limit is %(limit)s million pixels.")
        params = {"width": size[0], "height": size[1], "limit": limit // 1_000_000}
    return ValidationError(message, code="too_many_pixels", params=params)


def validate_image(value):
    """Accept only a sound JPEG, PNG or WebP image within the size and pixel limits of the settings."""
    upload = _uploaded(value)
    if upload is None:
        return
    not_an_image = ValidationError(
        _("Upload a JPEG, PNG or WebP image. Other formats (SVG, GIF, HTML…) are not accepted."),
        code="invalid_image",
    )
    _check_extension(value, IMAGE_EXTENSIONS, not_an_image)
    _check_size(upload, settings.UPLOAD_IMAGE_MAX_BYTES)
    max_pixels = settings.UPLOAD_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, above its own limit: ours is lower and checked first.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, size = image.format, image.size
                if image_format not in IMAGE_FORMATS:
                    raise not_an_image
                if size[0] * size[1] > max_pixels:
                    raise _too_many_pixels(max_pixels, size)
                image.verify()
            # verify() misses truncated pixel data: decode the image once in full. WeasyPrint sets
            # Pillow's global LOAD_TRUNCATED_IMAGES when imported (PDF downloads): refuse them here anyway.
            upload.seek(0)
            tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                with Image.open(upload) as image:
                    image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(max_pixels) from None
    except UnidentifiedImageError:
        raise not_an_image from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(_("This image file is damaged or incomplete."), code="corrupt_image") from None
    finally:
        upload.seek(0)
    if hasattr(upload, "content_type"):
        upload.content_type = IMAGE_FORMATS[image_format]


def validate_pdf(value):
    """Accept only a file that starts with the PDF signature, within the size limit of the settings."""
    upload = _uploaded(value)
    if upload is None:
        return
    not_a_pdf = ValidationError(_("Upload a PDF document."), code="invalid_pdf")
    _check_extension(value, PDF_EXTENSIONS, not_a_pdf)
    _check_size(upload, settings.UPLOAD_PDF_MAX_BYTES)
    upload.seek(0)
    signature = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if signature != PDF_SIGNATURE:
        raise not_a_pdf
    if hasattr(upload, "content_type"):
        upload.content_type = "application/pdf"


@deconstructible
class RandomFileName:
    """``upload_to`` that stores a file as ``<folder>/<year>/<random hex>.<known extension>``.

    The visitor's file name is dropped: it may leak information or be used to guess other files.
    Only a known extension is kept (lower-cased), so nothing is ever served as HTML or SVG.
    """

    extensions = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png", ".webp": ".webp", ".pdf": ".pdf"}

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        extension = self.extensions.get(PurePath(filename).suffix.lower(), ".bin")
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomFileName) and self.folder == other.folder
