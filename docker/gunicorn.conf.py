"""gunicorn settings of the web container: its own log lines as JSON, like the site's (inserm_cms.logging).

docker/start-web passes the bind address, workers and timeout on the command line. Django already logs
each request with its request id; gunicorn's access log repeats them with the bytes sent, so it is off
unless GUNICORN_ACCESS_LOG=true (for instance to see requests a worker timed out on).
"""

import logging
import os

from inserm_cms.logging import JsonFormatter


class AccessFields(logging.Filter):
    """Turn gunicorn's access-log atoms into fields of the JSON line."""

    def filter(self, record):
        atoms = record.args if isinstance(record.args, dict) else None
        if atoms is not None:
            record.msg, record.args = "%s %s", (atoms["m"], atoms["U"])
            record.method = atoms["m"]
            record.path = atoms["U"]
            record.query = atoms["q"] or None
            record.status = int(atoms["s"])
            record.bytes = atoms["B"]
            record.duration_ms = atoms["M"]
            record.remote_addr = atoms["h"]
            record.request_id = atoms["{x-request-id}i"] if atoms["{x-request-id}i"] != "-" else None
            record.user_agent = atoms["a"]
        return True


access_log_enabled = os.environ.get("GUNICORN_ACCESS_LOG", "false").lower() in {"1", "true", "yes", "on"}
level = os.environ.get("LOG_LEVEL", "INFO").upper()

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "filters": {"access_fields": {"()": AccessFields}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["access_fields"],
        },
    },
    "root": {"level": level, "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": level, "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {
            "level": "INFO" if access_log_enabled else "CRITICAL",
            "handlers": ["access"],
            "propagate": False,
        },
    },
}
