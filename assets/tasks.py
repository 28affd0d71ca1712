"""Background tasks of the media library."""

import logging

from django.apps import apps
from django_tasks import task

from .mediakit import MediaKitOwner, build_media_kit

logger = logging.getLogger("assets.tasks")


@task()
def build_media_kit_task(*, model, pk, page_urls):
    """Build the ZIP press kit of a live item of ``model`` ("press.pressrelease"); return its path (None: not live)."""
    owner_model = apps.get_model(model)
    if not issubclass(owner_model, MediaKitOwner):
        raise ValueError(f"{model} has no press kit")
    owner = owner_model.media_kit_queryset().filter(pk=pk).first()
    if owner is None:
        logger.info("Press kit not built: %s %s is not live", model, pk)
        return None
    path = build_media_kit(owner=owner, page_urls=page_urls)
    logger.info("Press kit built", extra={"model": model, "pk": pk, "path": path})
    return path
