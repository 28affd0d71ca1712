"""Import press releases from plain-text and Markdown documents (files, folders, zip archives)."""

from .service import BatchReport, import_paths, import_sources
from .sources import Source, read_paths, read_upload

__all__ = ["BatchReport", "Source", "import_paths", "import_sources", "read_paths", "read_upload"]
