"""The transitions of the editorial workflow, the only functions that change an object's state.

Draft → (``submit_for_review``) → In review → (``publish``, scheduled with ``at``) → Published; ``send_back`` returns an item in
review to its author as a draft; ``unpublish`` takes a published (or scheduled) item back to draft.
Each refuses the whole write (PermissionDenied) unless the user may do it to every object.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .notifications import record
from .states import Status


def check_gate(question, objects, user):
    """Refuse (PermissionDenied) the whole write unless ``user`` passes ``question`` for each object.

    ``user`` None is the system itself (the demo loader, a migration): it is not asked.
    """
    if user is None:
        return
    from workflow import permissions

    if not all(getattr(permissions, question)(user, obj) for obj in objects):
        raise PermissionDenied(gettext("You may not do this to every selected item: nothing was changed."))


def publish(objects, *, user=None, at=None):
    """Publish each object, going live at ``at`` (or its own time, or now). Return the count."""
    objects = list(objects)
    check_gate("can_publish", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            if obj.publish_as_update(user=user):
                count += 1
                continue
            was_published = obj.status == Status.PUBLISHED
            obj.status = Status.PUBLISHED
            obj.publish_at = at or obj.publish_at or timezone.now()
            obj.updated_by = user
            obj.save()
            if not was_published:
                record(obj, "published", user=user)
            count += 1
    return count


def unpublish(objects, *, user=None):
    """Take each object off the public site, back to draft. Return the count."""
    objects = list(objects)
    check_gate("can_publish", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            was_published = obj.status == Status.PUBLISHED
            obj.status = Status.DRAFT
            obj.updated_by = user
            obj.save()
            if was_published:
                obj.after_withdrawal(user=user)
            count += 1
    return count


def _move(objects, *, user, source, target, kind, message=""):
    objects = list(objects)
    check_gate("can_change", objects, user)
    count = 0
    with transaction.atomic():
        for obj in objects:
            if obj.status != source:
                continue
            obj.status = target
            obj.updated_by = user
            obj.save()
            record(obj, kind, user=user, text=message)
            count += 1
    return count


def submit_for_review(objects, *, user=None, message=""):
    """Move each draft to "in review" (publishers are told, with ``message``); leave other states alone.

    Return the count moved.
    """
    return _move(objects, user=user, source=Status.DRAFT, target=Status.REVIEW, kind="submitted", message=message)


def send_back(objects, *, user=None, message=""):
    """Return each item in review to draft, its author told with ``message``; leave other states alone.

    Return the count.
    """
    return _move(objects, user=user, source=Status.REVIEW, target=Status.DRAFT, kind="sent_back", message=message)
