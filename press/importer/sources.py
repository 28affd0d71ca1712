"""Read the documents of an import: files, folders and zip archives, refusing what is not safe text."""

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


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
    if b"\x00" in data[:8192]:
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


def _too_big(name, size):
    return Source(
        name,
        error=_("the file is too large (%(size).1f MB, limit %(limit)s MB)")
        % {"size": size / 1024 / 1024, "limit": MAX_FILE_SIZE // 1024 // 1024},
    )


def _read_capped(stream):
    """Return at most MAX_FILE_SIZE + 1 bytes, so an oversized file is never read whole."""
    return stream.read(MAX_FILE_SIZE + 1)


def _unsafe_member(name):
    """Return the reason a zip member's path is refused, or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return _("absolute path in the zip archive, refused")
    if "\\" in name or ".." in PurePosixPath(name).parts:
        return _("path escaping the zip archive's folder, refused")
    return None


def read_zip(name, stream):
    """Return the Sources of a zip archive's text files; unsafe or unreadable members are refused by name."""
    try:
        archive = zipfile.ZipFile(stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return [Source(name, error=_("the zip archive cannot be read"))]
    sources = []
    for member in members[:MAX_ZIP_MEMBERS]:
        member_name = f"{name}/{member.filename}"
        reason = _unsafe_member(member.filename)
        if reason:
            sources.append(Source(member_name, error=reason))
            continue
        parts = PurePosixPath(member.filename).parts
        if member.is_dir() or any(part.startswith((".", "__MACOSX")) for part in parts):
            continue
        if PurePosixPath(member.filename).suffix.lower() not in TEXT_SUFFIXES:
            sources.append(Source(member_name, error=_("not a .txt or .md file, skipped")))
            continue
        if member.file_size > MAX_FILE_SIZE:
            sources.append(_too_big(member_name, member.file_size))
            continue
        try:
            with archive.open(member) as handle:
                data = _read_capped(handle)
        # zipfile raises RuntimeError for encrypted entries and NotImplementedError for unknown compression.
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            sources.append(Source(member_name, error=_("this file of the zip archive cannot be read")))
            continue
        if len(data) > MAX_FILE_SIZE:
            sources.append(_too_big(member_name, len(data)))
            continue
        sources.append(decode(member_name, data))
    if len(members) > MAX_ZIP_MEMBERS:
        sources.append(
            Source(
                name,
                error=_("more than %(count)s files in the zip archive: the rest was skipped")
                % {"count": MAX_ZIP_MEMBERS},
            )
        )
    return sources


def read_upload(name, stream, size):
    """Return the Sources of one uploaded file (a document or a zip archive)."""
    if name.lower().endswith(".zip"):
        return read_zip(name, stream)
    if size > MAX_FILE_SIZE:
        return [_too_big(name, size)]
    data = _read_capped(stream)
    if len(data) > MAX_FILE_SIZE:
        return [_too_big(name, len(data))]
    return [decode(name, data)]


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
                    sources.extend(read_zip(name, handle))
                else:
                    sources.extend(read_upload(name, handle, size))
    return sources
