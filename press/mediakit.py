"""Press kits: a release's image and documents with caption, credit and licence, and one ZIP of them all.

The ZIP is built by a background task (``press.tasks.build_media_kit_task``) and kept in the default storage
under a name derived from what it holds: a changed credit, caption or file gives a new name, so a stale kit is
never offered. The image and the attachments are assets of the media library: their captions, credits and
licences come from there.
"""

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, override

from assets.models import LICENCE_URLS, Licence
from core.templatetags.site_tags import translated_value

KIT_FOLDER = "press/kits"
MANIFEST_NAME = "CREDITS.txt"
# How long a request that found no ZIP keeps others from enqueueing the same build again.
BUILD_LOCK_SECONDS = 600


@dataclass(frozen=True)
class KitItem:
    """One file of a press kit, with what the manifest says of it."""

    field_file: object
    name: str  # its path inside the ZIP
    captions: dict  # language code -> caption
    credit: str
    licence: str

    def licence_label(self, language):
        with override(language):
            return str(Licence(self.licence).label) if self.licence in Licence.values else ""

    @property
    def caption(self):
        """Return the caption in the active language (French where it has no translation)."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return self.captions.get(language) or self.captions.get(settings.LANGUAGE_CODE) or ""

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def licence_name(self):
        return self.licence_label((get_language() or settings.LANGUAGE_CODE)[:2])

    @property
    def size(self):
        try:
            return self.field_file.size
        except OSError:
            return None


def asset_captions(asset, languages):
    """Return the caption of ``asset`` in each language: its caption, else its title (French where English has none)."""
    return {
        code: translated_value(asset, "caption", code)[0] or translated_value(asset, "title", code)[0]
        for code in languages
    }


def kit_item(asset, name):
    """Return the kit item of ``asset``, stored in the ZIP as ``name`` (the file's extension is added)."""
    extension = os.path.splitext(asset.file.name)[1].lower()
    languages = [code for code, _name in settings.LANGUAGES]
    return KitItem(asset.file, f"{name}{extension}", asset_captions(asset, languages), asset.credit, asset.licence)


def kit_items(release):
    """Return the image and the other files of ``release`` as kit items, the image first."""
    items = []
    if release.image is not None and release.image.file:
        items.append(kit_item(release.image, f"images/{slugify(release.title_fr)[:60] or 'image'}"))
    for number, attachment in enumerate(release.attachments.all(), start=1):
        asset = attachment.asset
        folder, fallback = ("images", "image") if asset.is_image else ("documents", "document")
        items.append(kit_item(asset, f"{folder}/{number:02d}-{slugify(asset.title_fr)[:60] or fallback}"))
    return items


def kit_path(release, items):
    """Return the storage path of the release's ZIP for these items: it changes whenever they change."""
    digest = hashlib.sha256()
    digest.update(f"{release.pk}|{release.title_fr}|{release.title_en}".encode())
    for item in items:
        digest.update(f"|{item.field_file.name}|{item.name}|{sorted(item.captions.items())}".encode())
        digest.update(f"|{item.credit}|{item.licence}".encode())
    return f"{KIT_FOLDER}/{release.pk}/{slugify(release.title_fr)[:60] or 'kit'}-{digest.hexdigest()[:16]}.zip"


def manifest(release, items, page_urls):
    """Return the text of the kit's manifest: every file with its caption, credit and licence, in each language."""
    blocks = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            lines = [
                translated_value(release, "title", code)[0],
                page_urls.get(code, ""),
                "",
                gettext("Files, credits and licences of this press kit:"),
                "",
            ]
            for item in items:
                lines.append(item.name)
                if item.captions.get(code):
                    lines.append("  " + gettext("Caption: %(text)s") % {"text": item.captions[code]})
                lines.append("  " + gettext("Credit: %(text)s") % {"text": item.credit or gettext("not given")})
                licence = item.licence_label(code) or gettext("not given")
                lines.append("  " + gettext("Licence: %(text)s") % {"text": licence})
                lines.append("")
        blocks.append("\n".join(lines))
    return ("\n" + "=" * 72 + "\n\n").join(blocks)


def build_media_kit(*, release, page_urls):
    """Write the ZIP of ``release``'s kit (files and manifest) unless it exists; delete older kits; return its path.

    ``page_urls`` maps each language to the release's absolute address, quoted in the manifest.
    """
    items = kit_items(release)
    path = kit_path(release, items)
    if default_storage.exists(path):
        return path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, manifest(release, items, page_urls))
        for item in items:
            with item.field_file.open("rb") as source:
                archive.writestr(item.name, source.read())
    saved = default_storage.save(path, ContentFile(buffer.getvalue()))
    folder = os.path.dirname(saved)
    for name in default_storage.listdir(folder)[1]:
        if f"{folder}/{name}" != saved:
            default_storage.delete(f"{folder}/{name}")
    return saved


@dataclass(frozen=True)
class MediaKit:
    """What a release page shows of its kit: the items, and the ZIP's path once it is built."""

    items: list
    path: str
    ready: bool

    @property
    def size(self):
        return default_storage.size(self.path) if self.ready else None


def media_kit(release):
    """Return the release's kit, or None when it has no file."""
    items = kit_items(release)
    if not items:
        return None
    path = kit_path(release, items)
    return MediaKit(items, path, default_storage.exists(path))


def request_build(release, kit, *, page_urls):
    """Enqueue the build of ``kit`` once, however many visitors find it missing meanwhile; return True if enqueued."""
    from .tasks import build_media_kit_task

    if kit.ready or not cache.add(f"mediakit-build:{kit.path}", True, BUILD_LOCK_SECONDS):
        return False
    build_media_kit_task.enqueue(release_id=release.pk, page_urls=page_urls)
    return True
