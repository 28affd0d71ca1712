"""Resized copies ("renditions") of uploaded images, so that no page sends a 6 000 px original to a phone.

A rendition is made with Pillow the first time a page asks for it and stored next to the uploads, through
the original's storage (the file system or S3), as ``renditions/<original name without extension>-<width>w.<ext>``.
It keeps the original's format (JPEG, PNG or WebP), is turned upright from the EXIF orientation, carries no
EXIF data (camera, GPS position…) and is never wider than the original. The original's dimensions and the
list of renditions made are kept in the cache, so a page served from a warm cache opens no file.

A cropped rendition (the 1 200 × 630 social card of ``og:image``) is the largest part of the image with the
card's proportions, centred on the image's focal point as far as the edges allow, then resized (never
enlarged). It is stored as ``renditions/<name>-<width>x<height>-f<x>-<y>.<ext>``, the focal point in
hundredths: a moved focal point gives a new name, so no page, cache or social network keeps the old crop.

Upload names are random and never reused (``core.validators.RandomFileName``): a rendition stays valid
as long as its original, and a new upload gets new renditions.
"""

import hashlib
import io
import logging
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps

logger = logging.getLogger(__name__)

FOLDER = "renditions"
DEFAULT_WIDTHS = (480, 960, 1600)
# Open Graph and Twitter "summary_large_image" cards: 1.91:1, shown up to 1 200 px wide.
SOCIAL_CARD = (1200, 630)
# Names are never reused: a long timeout only bounds how long the cache keeps entries nobody asks for.
CACHE_TIMEOUT = 30 * 24 * 60 * 60
# A missing or broken original is tried again after this delay (it may be restored from a backup).
FAILURE_TIMEOUT = 5 * 60
FAILED = "failed"

# Format and extension of the renditions, from the original's extension (random names keep a known one).
OUTPUTS = {
    ".jpg": ("JPEG", ".jpg"),
    ".jpeg": ("JPEG", ".jpg"),
    ".png": ("PNG", ".png"),
    ".webp": ("WEBP", ".webp"),
}
SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}
# EXIF orientations that turn the image a quarter: its width and height swap once upright.
QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Rendition:
    """One stored rendition: its storage name, its URL and its size in pixels."""

    name: str
    url: str
    width: int
    height: int


def default_widths():
    """Return the rendition widths of the settings (``IMAGE_RENDITION_WIDTHS``), smallest first."""
    return tuple(sorted(set(getattr(settings, "IMAGE_RENDITION_WIDTHS", DEFAULT_WIDTHS))))


def rendition_name(name, width):
    """Return the storage name of the ``width`` px rendition of the file stored as ``name``."""
    path = PurePosixPath(name)
    extension = OUTPUTS.get(path.suffix.lower(), ("PNG", ".png"))[1]
    return f"{FOLDER}/{path.with_suffix('')}-{width}w{extension}"


def plan(size, widths):
    """Return the ``(width, height)`` of each rendition of an image of ``size``: none wider than the image."""
    original_width, original_height = size
    planned = sorted({min(int(width), original_width) for width in widths if int(width) > 0})
    return [(width, max(1, round(original_height * width / original_width))) for width in planned]


def _key(kind, name, *parts):
    # Storage names may hold characters or lengths that some cache backends refuse: hash them.
    digest = hashlib.sha256(name.encode()).hexdigest()
    return ":".join(["rendition", kind, digest, *map(str, parts)])


def upright_size(image):
    """Return the size of ``image`` once turned upright from its EXIF orientation."""
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS:
        return height, width
    return width, height


def _original_size(storage, name):
    key = _key("size", name)
    size = cache.get(key)
    if size is None:
        with storage.open(name, "rb") as source, Image.open(source) as image:
            size = upright_size(image)
        cache.set(key, size, CACHE_TIMEOUT)
    return tuple(size)


def _prepare(image, output_format):
    """Return ``image`` in a mode ``output_format`` can store, and whether its colour profile still applies."""
    if output_format == "JPEG":
        allowed, fallback = {"RGB", "L"}, "RGB"
    else:
        allowed = {"RGB", "RGBA", "L", "LA"}
        fallback = "RGBA" if image.mode in {"P", "PA"} or "transparency" in image.info else "RGB"
    if image.mode in allowed:
        return image, True
    return image.convert(fallback), image.mode not in {"CMYK", "I", "I;16", "F"}


def _encode(image, output_format, icc_profile):
    options = dict(SAVE_OPTIONS[output_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.info = {}  # resize() copies the original's metadata (EXIF, XMP, text): none of it is written
    buffer = io.BytesIO()
    image.save(buffer, output_format, **options)
    return buffer.getvalue()


def generate(storage, name, sizes):
    """Make and store the renditions of ``name`` at ``sizes`` (``[(width, height)]``) that are not stored yet."""
    missing = [(width, height) for width, height in sizes if not storage.exists(rendition_name(name, width))]
    if not missing:
        return
    output_format = OUTPUTS.get(PurePosixPath(name).suffix.lower(), ("PNG", ".png"))[0]
    with storage.open(name, "rb") as source, Image.open(source) as original:
        largest = max(missing)
        # JPEG can decode at 1/2, 1/4 or 1/8 scale directly: far less memory and time for a large photo.
        quarter_turn = original.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS
        original.draft(None, largest[::-1] if quarter_turn else largest)
        upright = ImageOps.exif_transpose(original)
        upright, keep_profile = _prepare(upright, output_format)
        icc_profile = original.info.get("icc_profile") if keep_profile else None
        for width, height in sorted(missing, reverse=True):
            resized = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            target = rendition_name(name, width)
            saved = storage.save(target, ContentFile(_encode(resized, output_format, icc_profile)))
            if saved != target:  # another worker stored the same rendition meanwhile: keep theirs
                storage.delete(saved)
            logger.info("Made the %s px rendition of %s", width, name)


def renditions(field_file, widths=None):
    """Return the renditions of an image field's file at ``widths``, smallest first, making missing ones.

    Widths above the original's give one rendition at the original's width (never upscaled). Return an
    empty list when the field is empty, or when the file is missing or unreadable (logged as a warning).
    """
    if not field_file:
        return []
    storage, name = field_file.storage, field_file.name
    widths = tuple(sorted({int(width) for width in (widths or default_widths())}))
    key = _key("set", name, "-".join(map(str, widths)))
    sizes = cache.get(key)
    if sizes == FAILED:
        return []
    if sizes is None:
        try:
            sizes = plan(_original_size(storage, name), widths)
            generate(storage, name, sizes)
        except Exception:  # a missing file (FileNotFoundError, S3 errors), a damaged image: no page may fail
            logger.warning("Cannot make renditions of the image %s", name, exc_info=True)
            cache.set(key, FAILED, FAILURE_TIMEOUT)
            return []
        cache.set(key, sizes, CACHE_TIMEOUT)
    return [Rendition(rendition_name(name, w), storage.url(rendition_name(name, w)), w, h) for w, h in sizes]


def rendition(field_file, width):
    """Return the ``width`` px rendition of an image field's file (as wide as the original if narrower), or None."""
    found = renditions(field_file, [width])
    return found[0] if found else None


def cropped_name(name, target, point):
    """Return the storage name of the ``target`` crop of the file ``name`` around ``point`` (in hundredths)."""
    path = PurePosixPath(name)
    extension = OUTPUTS.get(path.suffix.lower(), ("PNG", ".png"))[1]
    return f"{FOLDER}/{path.with_suffix('')}-{target[0]}x{target[1]}-f{point[0]}-{point[1]}{extension}"


def hundredths(focal):
    """Return a focal point ``(x, y)`` given from 0 to 1 in whole hundredths, each between 0 and 100."""
    return tuple(min(100, max(0, round(float(value) * 100))) for value in focal)


def _place(centre, length, limit):
    """Return where a segment of ``length`` centred on ``centre`` starts, moved to lie within ``0..limit``."""
    return min(max(round(centre - length / 2), 0), limit - length)


def crop_box(size, target, focal=(0.5, 0.5)):
    """Return the ``(left, top, right, bottom)`` box to cut from an image of ``size`` for a card of ``target``.

    The box has the target's proportions and is as large as the image allows (its full width or its full
    height); its centre is the focal point ``(x, y)``, each 0 to 1 from the top left corner, moved only as far
    as needed to keep the box inside the image.
    """
    width, height = size
    target_width, target_height = target
    if width * target_height > height * target_width:  # wider than the card: its full height is kept
        box_width, box_height = max(1, min(width, round(height * target_width / target_height))), height
    else:
        box_width, box_height = width, max(1, min(height, round(width * target_height / target_width)))
    left = _place(focal[0] * width, box_width, width)
    top = _place(focal[1] * height, box_height, height)
    return left, top, left + box_width, top + box_height


def crop_size(box, target):
    """Return the size of the rendition of ``box``: ``target``, or the box's own if smaller (never enlarged)."""
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    return tuple(target) if box_width >= target[0] else (box_width, box_height)


def _make_crop(storage, name, stored, target, focal):
    """Make and store (as ``stored``) the crop of ``name`` for ``target`` around ``focal``; return its size."""
    original_size = _original_size(storage, name)
    box = crop_box(original_size, target, focal)
    size = crop_size(box, target)
    if storage.exists(stored):
        return size
    output_format = OUTPUTS.get(PurePosixPath(name).suffix.lower(), ("PNG", ".png"))[0]
    with storage.open(name, "rb") as source, Image.open(source) as original:
        # Decode a JPEG at the smallest scale that still gives the box its final size (see generate()).
        scale = size[0] / (box[2] - box[0])
        wanted = (math.ceil(original_size[0] * scale), math.ceil(original_size[1] * scale))
        quarter_turn = original.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS
        original.draft(None, wanted[::-1] if quarter_turn else wanted)
        upright = ImageOps.exif_transpose(original)
        upright, keep_profile = _prepare(upright, output_format)
        icc_profile = original.info.get("icc_profile") if keep_profile else None
        # The box again on the decoded image: the focal point is relative, so it cuts the same part.
        cropped = upright.resize(
            size, Image.Resampling.LANCZOS, box=crop_box(upright.size, target, focal), reducing_gap=3.0
        )
        saved = storage.save(stored, ContentFile(_encode(cropped, output_format, icc_profile)))
        if saved != stored:  # another worker stored the same crop meanwhile: keep theirs
            storage.delete(saved)
    logger.info("Made the %s × %s crop of %s", *size, name)
    return size


def cropped_rendition(field_file, target=SOCIAL_CARD, focal=(0.5, 0.5)):
    """Return the rendition of an image field's file cut to ``target``'s proportions around ``focal``, or None.

    ``focal`` is ``(x, y)``, each 0 to 1 from the top left corner (used in whole hundredths). The rendition is
    ``target`` in size, or smaller with the same proportions when the image is too small. Return None when
    the field is empty, or when the file is missing or unreadable (logged as a warning).
    """
    if not field_file:
        return None
    storage, name = field_file.storage, field_file.name
    target = (int(target[0]), int(target[1]))
    point = hundredths(focal)
    stored = cropped_name(name, target, point)
    key = _key("crop", stored)
    size = cache.get(key)
    if size == FAILED:
        return None
    if size is None:
        try:
            size = _make_crop(storage, name, stored, target, (point[0] / 100, point[1] / 100))
        except Exception:  # a missing file (FileNotFoundError, S3 errors), a damaged image: no page may fail
            logger.warning("Cannot make the cropped rendition of the image %s", name, exc_info=True)
            cache.set(key, FAILED, FAILURE_TIMEOUT)
            return None
        cache.set(key, size, CACHE_TIMEOUT)
    return Rendition(stored, storage.url(stored), *size)


def social_card(field_file, focal=(0.5, 0.5)):
    """Return the 1 200 × 630 rendition of ``og:image`` cut around the focal point, or None."""
    return cropped_rendition(field_file, SOCIAL_CARD, focal)


def rendition_names(storage, name, crops_only=False):
    """Return the storage names of every rendition made of the file stored as ``name``, crops included.

    With ``crops_only``, only the cropped renditions (whose focal point may have moved).
    """
    if not name:
        return []
    sample = PurePosixPath(rendition_name(name, 0))
    stem, folder = sample.name.removesuffix(f"-0w{sample.suffix}"), str(sample.parent)
    try:
        files = storage.listdir(folder)[1]
    except (FileNotFoundError, NotADirectoryError):
        return []
    kinds = r"\d+x\d+-f\d+-\d+" if crops_only else r"\d+w|\d+x\d+-f\d+-\d+"
    pattern = re.compile(rf"^{re.escape(stem)}-(?:{kinds})\.[a-z]+$")
    return sorted(f"{folder}/{file}" for file in files if pattern.match(file))


def delete_renditions(storage, name, crops_only=False):
    """Delete every rendition of the file stored as ``name`` (replaced or deleted); return how many went.

    With ``crops_only``, only its cropped renditions (the image stays, its focal point moved).
    """
    names = rendition_names(storage, name, crops_only=crops_only)
    for found in names:
        storage.delete(found)
        cache.delete(_key("crop", found))
    if not crops_only:
        cache.delete(_key("size", name))
    if names:
        logger.info("Deleted %s renditions of %s", len(names), name)
    return len(names)
