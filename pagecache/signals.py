"""Drop every cached page when content shown on the public site is written."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.content_types import app_labels

from .generation import bump_generation

# Written without changing any public page: journalist links and their opening log.
IGNORED = {"press.embargolink", "press.embargolinkaccess"}


def shows_on_site(sender):
    meta = getattr(sender, "_meta", None)
    # Any model of an app that registers content types: their parts, people and figures show too.
    if meta is None or meta.app_label not in app_labels():
        return False
    # django-simple-history's copies: written with (and after) the row they copy.
    return meta.label_lower not in IGNORED and not meta.model_name.startswith("historical")


@receiver(post_save, dispatch_uid="pagecache.saved")
@receiver(post_delete, dispatch_uid="pagecache.deleted")
def content_written(sender, raw=False, **kwargs):
    if shows_on_site(sender) and not raw:
        bump_generation()


@receiver(m2m_changed, dispatch_uid="pagecache.m2m")
def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and (shows_on_site(sender) or shows_on_site(kwargs.get("model"))):
        bump_generation()
