"""Helpers shared by the tests: admin URLs, the seed documents, database snapshots, the worker's kit builds."""

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

# The five demo documents, read from ../shared/seeds only (never a copy in the checkout).
SEEDS_DIR = settings.BASE_DIR.parent / "shared" / "seeds"


def seed(number):
    """Return the path of the seed document numbered ``number`` ("000"…"004") in ../shared/seeds."""
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path


def admin_url(name, *args, model=None, language="fr", **kwargs):
    """Return the URL of the admin view ``name`` in ``language``.

    ``name`` is a URL name without its namespace ("index", "press_pressrelease_change"), or with ``model``
    the view of that model ("changelist", "add", "change", "history"…).
    """
    if model is not None:
        name = f"{model._meta.app_label}_{model._meta.model_name}_{name}"
    with translation.override(language):
        return reverse(f"admin:{name}", args=args or None, kwargs=kwargs or None)


def snapshot(*app_labels, exclude=()):
    """Return the rows of every model of ``app_labels`` (all apps if none), by model label, ordered by key.

    Rows are read with ``values()``, so each translation column (``title_fr``, ``title_en``…) is compared as
    stored; ``exclude`` names columns left out (such as time stamps a rewrite may touch).
    """
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if app_labels and model._meta.app_label not in app_labels:
            continue
        columns = [field.attname for field in model._meta.concrete_fields if field.attname not in exclude]
        tables[model._meta.label] = list(model._base_manager.order_by("pk").values(*columns))
    return tables


def run_kit_builds():
    """Run the queued press-kit builds as the worker does (``db_worker`` itself closes the test's connection)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="assets.tasks.build_media_kit_task").ready().order_by("enqueued_at")
    for result in queued:
        result.claim("test-worker")
        result.set_successful(result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"]))
