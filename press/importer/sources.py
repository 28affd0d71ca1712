"""Read the documents of an import: files, folders and zip archives, refusing what is not safe text.

Uploads through the admin are bounded (settings ``PRESS_IMPORT_*``): the member count and the total
uncompressed size of a zip archive are read from its central directory and refused before any member
is decompressed, and each member is read at most up to the document limit, one at a time.
The ``import_press`` command keeps the per-document limit only, for large archives.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

MAX_FILE_SIZE = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


@dataclass(frozen=True)
class Limits:
    """How much one import may read: bytes per document, and for an upload its file count and total size."""

    document_bytes: int = MAX_FILE_SIZE
    total_bytes: int | None = None
    files: int | None = None
    ratio: int | None = None

    @classmethod
    def for_upload(cls):
        """Return the limits of an upload through the admin, from the settings."""
        return cls(
            document_bytes=settings.PRESS_IMPORT_MAX_DOCUMENT_BYTES,
            total_bytes=settings.PRESS_IMPORT_MAX_UPLOAD_BYTES,
            files=settings.PRESS_IMPORT_MAX_UPLOAD_FILES,
            ratio=settings.PRESS_IMPORT_MAX_COMPRESSION_RATIO,
        )


# Files and folders read by the ``import_press`` command: one document at a time, no total.
COMMAND_LIMITS = Limits()


class UploadRefused(ValueError):
    """An upload is over its limits as a whole: nothing of it is imported."""


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f}"


@dataclass
class Source:
    """One document to import: its name as shown in reports, and its text or the reason it was refused."""

    name: str
    text: str | None = None
    error: str | None = None


def decode(name, data):
    """Return a Source for the bytes ``data``: UTF-8 (with or without BOM) or Windows-1252 text only."""
    if not data.strip():
        return Source(name, error=_("the file is empty"))
    # Anywhere in the file: PostgreSQL stores no NUL character, in a text column or in JSON.
    if b"\x00" in data:
        return Source(name, error=_("the file is binary, not text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return Source(name, error=_("the file is binary, not text"))
    controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\t\n\r\f")
    if controls:
        return Source(name, error=_("the file is binary, not text"))
    if not text.strip():
        return Source(name, error=_("the file is empty"))
    return Source(name, text=text)


def _too_big(name, size, limit):
    return Source(
        name,
        error=_("the file is too large (%(size)s MB, limit %(limit)s MB)")
        % {"size": _megabytes(size), "limit": _megabytes(limit)},
    )


def _read_capped(stream, limit):
    """Return at most ``limit`` + 1 bytes, so an oversized file is never read whole."""
    return stream.read(limit + 1)


def _unsafe_member(name):
    """Return the reason a zip member's path is refused, or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return _("absolute path in the zip archive, refused")
    if "\\" in name or ".." in PurePosixPath(name).parts:
        return _("path escaping the zip archive's folder, refused")
    return None


def _check_archive(members, limits):
    """Refuse an archive whose central directory announces too many files or too many bytes."""
    if limits.files is not None and len(members) > limits.files:
        raise UploadRefused(
            _("The zip archive holds %(count)s files; an upload may hold %(limit)s at most.")
            % {"count": len(members), "limit": limits.files}
        )
    total = sum(member.file_size for member in members)
    if limits.total_bytes is not None and total > limits.total_bytes:
        raise UploadRefused(
            _("The zip archive holds %(size)s MB once uncompressed; an upload may hold %(limit)s MB at most.")
            % {"size": _megabytes(total), "limit": _megabytes(limits.total_bytes)}
        )


def _compression_refused(member, limits):
    """Return the reason a member compressed beyond any text's ratio (a zip bomb) is refused, or None."""
    if limits.ratio is None or member.file_size <= 64 * 1024:
        return None
    if member.file_size > limits.ratio * max(member.compress_size, 1):
        return _("compressed %(ratio)s times, more than any text is: refused") % {
            "ratio": member.file_size // max(member.compress_size, 1)
        }
    return None


def iter_zip(name, stream, limits=COMMAND_LIMITS):
    """Yield the Sources of a zip archive's text files, one member read at a time.

    Raise UploadRefused, before decompressing anything, when the archive is over ``limits``.
    Unsafe or unreadable members are refused by name and the rest goes on.
    """
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        yield Source(name, error=_("the zip archive cannot be read"))
        return
    members = [member for member in entries if not member.is_dir()]
    _check_archive(members, limits)
    read = 0
    for member in members:
        member_name = f"{name}/{member.filename}"
        reason = _unsafe_member(member.filename)
        if reason:
            yield Source(member_name, error=reason)
            continue
        if any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(member.filename).parts):
            continue
        reason = _compression_refused(member, limits)
        if reason:
            yield Source(member_name, error=reason)
            continue
        if PurePosixPath(member.filename).suffix.lower() not in TEXT_SUFFIXES:
            yield Source(member_name, error=_("not a .txt or .md file, skipped"))
            continue
        if member.file_size > limits.document_bytes:
            yield _too_big(member_name, member.file_size, limits.document_bytes)
            continue
        try:
            with archive.open(member) as handle:
                data = _read_capped(handle, limits.document_bytes)
        # zipfile raises RuntimeError for encrypted entries and NotImplementedError for unknown compression.
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            yield Source(member_name, error=_("this file of the zip archive cannot be read"))
            continue
        if len(data) > limits.document_bytes:
            yield _too_big(member_name, len(data), limits.document_bytes)
            continue
        # zipfile stops each member at the size its header declares, so this only guards a lying directory.
        read += len(data)
        if limits.total_bytes is not None and read > limits.total_bytes:
            raise UploadRefused(
                _("The zip archive holds more than %(limit)s MB once uncompressed.")
                % {"limit": _megabytes(limits.total_bytes)}
            )
        yield decode(member_name, data)


def read_zip(name, stream, limits=COMMAND_LIMITS):
    """Return the Sources of a zip archive's text files (see ``iter_zip``)."""
    return list(iter_zip(name, stream, limits))


def iter_upload(name, stream, size, limits=COMMAND_LIMITS):
    """Yield the Sources of one uploaded file (a document or a zip archive); see ``iter_zip``."""
    if limits.total_bytes is not None and size > limits.total_bytes:
        raise UploadRefused(
            _("The file weighs %(size)s MB; an upload may hold %(limit)s MB at most.")
            % {"size": _megabytes(size), "limit": _megabytes(limits.total_bytes)}
        )
    if name.lower().endswith(".zip"):
        yield from iter_zip(name, stream, limits)
        return
    if size > limits.document_bytes:
        yield _too_big(name, size, limits.document_bytes)
        return
    data = _read_capped(stream, limits.document_bytes)
    if len(data) > limits.document_bytes:
        yield _too_big(name, len(data), limits.document_bytes)
        return
    yield decode(name, data)


def read_upload(name, stream, size, limits=COMMAND_LIMITS):
    """Return the Sources of one uploaded file (a document or a zip archive)."""
    return list(iter_upload(name, stream, size, limits))


def read_paths(paths):
    """Return the Sources of files, folders (their .txt/.md files, recursively) and zip archives."""
    sources = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | {".zip"})
            if not files:
                sources.append(Source(str(path), error=_("no .txt, .md or .zip file in this folder")))
            names = [str(file.relative_to(path.parent)) for file in files]
        elif path.is_file():
            files, names = [path], [path.name]
        else:
            sources.append(Source(str(path), error=_("no such file or folder")))
            continue
        for file, name in zip(files, names, strict=True):
            size = file.stat().st_size
            with file.open("rb") as handle:
                if file.suffix.lower() == ".zip":
                    sources.extend(iter_zip(name, handle))
                else:
                    sources.extend(iter_upload(name, handle, size))
    return sources
