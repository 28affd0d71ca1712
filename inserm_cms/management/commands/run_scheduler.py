"""``manage.py run_scheduler``: enqueue the scheduled jobs (SCHEDULED_JOBS) at their times, until stopped."""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from inserm_cms.scheduler import enqueue_due, scheduled_jobs

logger = logging.getLogger("inserm_cms.scheduler")


class Command(BaseCommand):
    help = (
        "Enqueue each job of SCHEDULED_JOBS once per slot of its cron spec (Europe/Paris), for the task worker "
        "(manage.py db_worker, or rqworker with Redis) to run. Several schedulers never enqueue a slot twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30, help="Seconds between two looks at the schedule.")
        parser.add_argument("--once", action="store_true", help="Look once, enqueue what is due, and stop.")

    def handle(self, *args, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        jobs = scheduled_jobs()
        logger.info(
            "Scheduler started with %d job(s)",
            len(jobs),
            extra={"jobs": {job.name: job.cron for job in jobs}},
        )
        while not stop.is_set():
            close_old_connections()
            try:
                enqueue_due()
            except Exception:  # a database outage: log it and try again at the next tick
                logger.exception("Could not enqueue the scheduled jobs")
            if options["once"]:
                break
            stop.wait(options["interval"])
        logger.info("Scheduler stopped")
