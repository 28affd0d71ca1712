"""Helpers of the data migrations that move the files of other apps' rows into the media library.

Frozen here, as migrations must be: they do not follow later changes of ``assets.models``.
"""

import re
from pathlib import PurePosixPath

from PIL import Image

PDF = {".pdf"}
COPYRIGHT_PREFIX = re.compile(r"^\s*(?:©|\(c\)|copyright\b)\s*[:\-]?\s*", re.IGNORECASE)


def clean_credit(credit):
    credit = credit or ""
    while (stripped := COPYRIGHT_PREFIX.sub("", credit, count=1)) != credit:
        credit = stripped
    return credit.strip()


def measure(storage, name, is_image):
    """Return ``(width, height, size)`` of a stored file; None for what cannot be read (a missing file)."""
    try:
        size = storage.size(name)
    except (OSError, NotImplementedError):
        size = None
    if not is_image:
        return None, None, size
    try:
        with storage.open(name, "rb") as source, Image.open(source) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in {5, 6, 7, 8}:  # EXIF orientation turning it a quarter
                width, height = height, width
            return width, height, size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None, None, size


def asset_for(Asset, storage, name, made, **fields):
    """Return the asset of the stored file ``name``, creating it with ``fields`` the first time it is met."""
    if name in made:
        return made[name]
    is_image = PurePosixPath(name).suffix.lower() not in PDF
    width, height, size = measure(storage, name, is_image)
    fields["credit"] = clean_credit(fields.get("credit"))
    for key in ("title_fr", "title_en"):
        if fields.get(key):
            fields[key] = fields[key][:255]
    made[name] = Asset.objects.create(
        file=name,
        kind="image" if is_image else "document",
        width=width,
        height=height,
        file_size=size,
        **fields,
    )
    return made[name]


def check_constraints_now(schema_editor):
    """Check the deferred foreign keys now: PostgreSQL refuses to alter a table with pending trigger events."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
