"""What the media library takes part in: revisions, and the page cache (an asset changed is a page changed)."""

from core.content_types import History, register

from .models import Asset

register(Asset, order=90, history=History())  # shown only through the content that uses it
