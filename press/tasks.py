"""Background tasks of the press releases."""

import logging

from django.db.models import Prefetch
from django_tasks import task

from .mediakit import build_media_kit
from .models import PressAttachment, PressRelease

logger = logging.getLogger("press.tasks")


@task()
def build_media_kit_task(*, release_id, page_urls):
    """Build the ZIP press kit of a live release; return its storage path, or None if the release is not live."""

    attachments = Prefetch("attachments", queryset=PressAttachment.objects.select_related("asset"))
    release = (
        PressRelease.objects.live().select_related("image").prefetch_related(attachments).filter(pk=release_id).first()
    )
    if release is None:
        logger.info("Press kit not built: release %s is not live", release_id)
        return None
    path = build_media_kit(release=release, page_urls=page_urls)
    logger.info("Press kit built", extra={"release": release_id, "path": path})
    return path
