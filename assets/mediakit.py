"""Press kits: an item's images and documents with caption, credit and licence, and one ZIP of them all.

A content model offers a press kit by mixing in ``MediaKitOwner`` (press releases and agreements do): its
files are assets of the media library, so their captions, credits and licences come from there. The ZIP is
built by a background task (``assets.tasks.build_media_kit_task``) and kept in the default storage under a name
derived from what it holds: a changed credit, caption or file gives a new name, so a stale kit is never
offered. The views show and serve it through ``assets.views``.
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
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, override

from assets.models import LICENCE_URLS, Licence
from core.templatetags.site_tags import translated_value

MANIFEST_NAME = "CREDITS.txt"
# How long a request that found no ZIP keeps others from enqueueing the same build again.
BUILD_LOCK_SECONDS = 600


class MediaKitOwner:
    """Mixin of a content model with a press kit: the files of its ``attachments`` rows, after an optional lead image.

    The model has an ``attachments`` relation to ordered rows holding an ``asset`` (``core.models.Ordered``),
    translated ``title`` and ``slug`` fields and ``objects.live()``; it names the storage folder of its ZIPs
    and the URL that serves them (reversed with the item's slug).
    """

    media_kit_folder = ""  # e.g. "press/kits": one sub-folder per item, holding its latest ZIP
    media_kit_url_name = ""  # e.g. "press:release-kit"

    def media_kit_image(self):
        """Return the asset shown first in the kit (a release's image), or None."""
        return None

    def media_kit_files(self):
        """Return the assets of the kit's other files, in the order staff gave them."""
        return [attachment.asset for attachment in self.attachments.all()]

    def media_kit_url(self):
        """Return the address of the kit's ZIP in the active language."""
        return reverse(self.media_kit_url_name, kwargs={"slug": self.slug})

    @classmethod
    def media_kit_queryset(cls):
        """Return the live items with their kit's files, for the task that builds the ZIP."""
        rows = cls._meta.get_field("attachments").related_model.objects.select_related("asset")
        return cls.objects.live().prefetch_related(Prefetch("attachments", queryset=rows))


def active_language():
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def licence_label(licence, language):
    """Return the name of ``licence`` in ``language``, or "" when none is given."""
    with override(language):
        return str(Licence(licence).label) if licence in Licence.values else ""


@dataclass(frozen=True)
class KitItem:
    """One file of a press kit, with what the page and the manifest say of it."""

    asset: object
    name: str  # its path inside the ZIP
    captions: dict  # language code -> (caption, the language it is written in: the other one where it has none)

    @property
    def field_file(self):
        return self.asset.file

    @property
    def url(self):
        return self.asset.file.url

    @property
    def is_image(self):
        return self.asset.is_image

    @property
    def credit(self):
        return self.asset.credit

    @property
    def licence(self):
        return self.asset.licence

    def licence_label(self, language):
        return licence_label(self.licence, language)

    @property
    def caption_pair(self):
        """Return ``(caption, language)`` for the active language: its own, else the other language's."""
        language = active_language()
        return self.captions.get(language) or ("", language)

    @property
    def caption(self):
        return self.caption_pair[0]

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def licence_name(self):
        return self.licence_label(active_language())

    @property
    def size(self):
        """Return the file's size in bytes, as the media library measured it at upload, or None."""
        if self.asset.file_size is not None:
            return self.asset.file_size
        try:
            return self.asset.file.size
        except OSError:
            return None


def asset_captions(asset, languages):
    """Return ``{language: (text, its language)}``: the caption, else the title; the other language's if none."""
    captions = {}
    for code in languages:
        text, language = translated_value(asset, "caption", code)
        if not text:
            text, language = translated_value(asset, "title", code)
        captions[code] = (text, language)
    return captions


def kit_item(asset, name):
    """Return the kit item of ``asset``, stored in the ZIP as ``name`` (the file's extension is added)."""
    extension = os.path.splitext(asset.file.name)[1].lower()
    languages = [code for code, _name in settings.LANGUAGES]
    return KitItem(asset, f"{name}{extension}", asset_captions(asset, languages))


def owner_slug(owner, fallback):
    return slugify(owner.title_fr or owner.title_en or "")[:60] or fallback


def kit_items(owner):
    """Return the files of ``owner``'s kit as kit items: its lead image first, then the others in their order."""
    items = []
    image = owner.media_kit_image()
    if image is not None and image.file:
        items.append(kit_item(image, f"images/{owner_slug(owner, 'image')}"))
    for number, asset in enumerate(owner.media_kit_files(), start=1):
        folder, fallback = ("images", "image") if asset.is_image else ("documents", "document")
        items.append(kit_item(asset, f"{folder}/{number:02d}-{slugify(asset.title_fr)[:60] or fallback}"))
    return items


def kit_folder(owner):
    return f"{owner.media_kit_folder}/{owner.pk}"


def kit_path(owner, items):
    """Return the storage path of the owner's ZIP for these items: it changes whenever they change."""
    digest = hashlib.sha256()
    digest.update(f"{owner.pk}|{owner.title_fr}|{owner.title_en}".encode())
    for item in items:
        digest.update(f"|{item.field_file.name}|{item.name}|{sorted(item.captions.items())}".encode())
        digest.update(f"|{item.credit}|{item.licence}".encode())
    return f"{kit_folder(owner)}/{owner_slug(owner, 'kit')}-{digest.hexdigest()[:16]}.zip"


def manifest(owner, items, page_urls):
    """Return the text of the kit's manifest: every file with its caption, credit and licence, in each language."""
    blocks = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            lines = [
                translated_value(owner, "title", code)[0],
                page_urls.get(code, ""),
                "",
                gettext("Files, credits and licences of this press kit:"),
                "",
            ]
            for item in items:
                lines.append(item.name)
                caption = item.captions.get(code, ("", code))[0]
                if caption:
                    lines.append("  " + gettext("Caption: %(text)s") % {"text": caption})
                lines.append("  " + gettext("Credit: %(text)s") % {"text": item.credit or gettext("not given")})
                licence = item.licence_label(code) or gettext("not given")
                lines.append("  " + gettext("Licence: %(text)s") % {"text": licence})
                lines.append("")
        blocks.append("\n".join(lines))
    return ("\n" + "=" * 72 + "\n\n").join(blocks)


def build_media_kit(*, owner, page_urls):
    """Write the ZIP of ``owner``'s kit (files and manifest) unless it exists; delete older kits; return its path.

    ``page_urls`` maps each language to the owner's absolute address, quoted in the manifest.
    """
    items = kit_items(owner)
    path = kit_path(owner, items)
    if default_storage.exists(path):
        return path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, manifest(owner, items, page_urls))
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
    """What an item's page shows of its kit: the items, the ZIP's path and address, and whether it is built."""

    items: list
    path: str
    ready: bool
    url: str

    @property
    def size(self):
        return default_storage.size(self.path) if self.ready else None


def media_kit(owner):
    """Return the owner's kit, or None when it has no file."""
    items = kit_items(owner)
    if not items:
        return None
    path = kit_path(owner, items)
    return MediaKit(items, path, default_storage.exists(path), owner.media_kit_url())


def request_build(owner, kit, *, page_urls):
    """Enqueue the build of ``kit`` once, however many visitors find it missing meanwhile; return True if enqueued."""
    from .tasks import build_media_kit_task

    if kit.ready or not cache.add(f"mediakit-build:{kit.path}", True, BUILD_LOCK_SECONDS):
        return False
    build_media_kit_task.enqueue(model=owner._meta.label_lower, pk=owner.pk, page_urls=page_urls)
    return True
