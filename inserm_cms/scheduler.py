"""The scheduler of periodic jobs: each job of SCHEDULED_JOBS is enqueued once per slot of its cron spec.

django-tasks runs tasks but schedules nothing; ``manage.py run_scheduler`` calls ``enqueue_due`` every
few seconds. A ``ScheduledRun`` row per job and slot (unique in the database) is written in the same
transaction as the enqueue, so several schedulers, or one restarted, never enqueue a slot twice.
"""

import dataclasses
import datetime
import logging
import zoneinfo

from croniter import croniter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from inserm_cms.models import ScheduledRun

logger = logging.getLogger("inserm_cms.scheduler")


@dataclasses.dataclass(frozen=True)
class Job:
    name: str
    cron: str
    task: Task
    kwargs: dict

    def last_slot(self, now):
        """Return the latest time of the schedule at or before ``now``, in the scheduler's time zone."""
        local = timezone.localtime(now, zoneinfo.ZoneInfo(settings.SCHEDULER_TIME_ZONE))
        return croniter(self.cron, local + datetime.timedelta(seconds=1)).get_prev(datetime.datetime)


def scheduled_jobs():
    """Return the jobs declared in SCHEDULED_JOBS; refuse a bad cron spec or a task path that is not a task."""
    jobs = []
    for entry in settings.SCHEDULED_JOBS:
        if not entry.get("cron"):  # switched off from the environment
            continue
        if not croniter.is_valid(entry["cron"]):
            raise ImproperlyConfigured(f"Scheduled job {entry['name']!r}: {entry['cron']!r} is not a cron spec.")
        task = import_string(entry["task"])
        if not isinstance(task, Task):
            raise ImproperlyConfigured(f"Scheduled job {entry['name']!r}: {entry['task']} is not a django-tasks task.")
        jobs.append(Job(entry["name"], entry["cron"], task, dict(entry.get("kwargs", {}))))
    return jobs


def enqueue_due(*, now=None, catch_up=None):
    """Enqueue each job whose latest slot is due and not yet enqueued; return the runs created.

    A slot older than ``catch_up`` (SCHEDULER_CATCH_UP) is skipped: a scheduler started long after a
    slot does not send yesterday's digest.
    """
    now = now or timezone.now()
    catch_up = settings.SCHEDULER_CATCH_UP if catch_up is None else catch_up
    created = []
    for job in scheduled_jobs():
        slot = job.last_slot(now)
        if now - slot > catch_up or ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                result = job.task.enqueue(run_id=run.pk, **job.kwargs)
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:  # another scheduler enqueued this slot first
            continue
        logger.info(
            "Enqueued %s for %s",
            job.name,
            slot.isoformat(),
            extra={"job": job.name, "slot": slot.isoformat(), "task_result_id": run.task_result_id},
        )
        created.append(run)
    return created
