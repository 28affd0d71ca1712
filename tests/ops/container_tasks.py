"""A background task for scripts/container-test to prove the worker service runs tasks."""

import os

from django_tasks import task


@task()
def probe(token):
    """Return the token it was given, with the id of the process that ran it."""
    return f"probe {token} ran in process {os.getpid()}"
