"""The one permission gate: what a user may write, asked by every write path (admin forms, inlines, actions,
revert, import, commands run on behalf of someone).

Roles are groups holding Django model permissions (see migrations/0001_roles.py). On top of them, the
workflow adds one rule: what the public sees, or will see at its scheduled time (a published object), is
changed, deleted or withdrawn only by someone who may publish it.
"""

from django.contrib.auth import get_permission_codename

from workflow.mixins import DraftState
from workflow.states import Status


def permission_name(action, model):
    """Return the "app.action_model" permission name of ``action`` on ``model``."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def is_publishable(obj_or_model):
    """Tell whether a model (or an object's) goes through the editorial states: it has a "publish" permission."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return issubclass(model, DraftState)


def is_public(obj):
    """Tell whether ``obj`` is published (live, scheduled or expired): its state is a Publisher's decision."""
    return is_publishable(obj) and obj.status == Status.PUBLISHED


def can_publish(user, obj_or_model):
    """Tell whether ``user`` may publish, schedule and unpublish ``obj_or_model`` (a model or one object)."""
    if not is_publishable(obj_or_model):
        return False
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return user.has_perm(permission_name("publish", model))


def can_add(user, model):
    """Tell whether ``user`` may create objects of ``model`` (as drafts, when the model has a workflow)."""
    return user.has_perm(permission_name("add", model))


def can_change(user, obj_or_model):
    """Tell whether ``user`` may change ``obj_or_model``; an object is judged in its current state.

    Editors change drafts and items in review; a published item (live or scheduled) needs a Publisher.
    Pass the object as it is in the database, not an old revision or a form's unsaved instance.
    """
    if not user.has_perm(permission_name("change", obj_or_model)):
        return False
    if isinstance(obj_or_model, type) or not is_public(obj_or_model):
        return True
    return can_publish(user, obj_or_model)


def can_delete(user, obj_or_model):
    """Tell whether ``user`` may delete ``obj_or_model``; a published object also needs the publish permission."""
    if not user.has_perm(permission_name("delete", obj_or_model)):
        return False
    if isinstance(obj_or_model, type) or not is_public(obj_or_model):
        return True
    return can_publish(user, obj_or_model)


def can_change_part(user, action, part_model, parent=None):
    """Tell whether ``user`` may ``action`` ("add", "change", "delete") rows of ``part_model`` (an inline) of ``parent``.

    A part (a quote, a party, an objective) is the parent's content: writing it is changing the parent.
    """
    if not user.has_perm(permission_name(action, part_model)):
        return False
    if parent is None or parent.pk is None:
        return True
    return can_change(user, parent)


def can_save(user, model, *, current=None, new_status=None):
    """Tell whether ``user`` may save an object of ``model`` now in state ``current`` (None: a new one) as ``new_status``.

    The check of a whole write: the right to add, or to change the object as it is, and the right to publish
    when the write puts it into or takes it out of the published state.
    """
    if current is None:
        allowed = can_add(user, model)
        moves = new_status == Status.PUBLISHED
    else:
        allowed = can_change(user, current)
        moves = (
            is_publishable(model)
            and new_status is not None
            and ((current.status == Status.PUBLISHED) != (new_status == Status.PUBLISHED))
        )
    return allowed and (not moves or can_publish(user, model))
