"""django-tasks' database backend as an installed app, named in the staff member's language.

Kept out of ``inserm_cms/apps.py``: Django picks an app's own configuration there only when it holds one.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend, named in the staff member's language (the library's name is English only)."""

    verbose_name = _("Background tasks")


# Strings of django-tasks shown in the admin, marked for translation there but without a French catalogue:
# listed so that makemessages keeps them in ours (LOCALE_PATHS are searched at run time for every app).
LIBRARY_STRINGS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("task path"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("args kwargs"),
    gettext_noop("worker id"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
