"""Import press releases from plain-text and Markdown documents (files, folders, zip archives)."""

from .batch import import_paths, import_sources
from .report import BatchReport
from .sources import Source, read_paths, read_upload

__all__ = ["BatchReport", "Source", "import_paths", "import_sources", "read_paths", "read_upload"]
