"""Structured logs: one JSON object a line, carrying the id of the request being served."""

import contextvars
import datetime
import io
import json
import logging
import sys

request_id_var = contextvars.ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed through ``extra=`` and is logged as a field.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Add the id of the current request (or an empty string) to every record."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON: time, level, logger, message, extra fields, traceback."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in RECORD_ATTRIBUTES and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class WarningWithoutTraceback(logging.Filter):
    """Log a record at WARNING and without its traceback: for refusals every scanner triggers (a bad Host)."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = None
        return True


# Commands whose output is data or a conversation: never rewritten as log lines.
RAW_OUTPUT_COMMANDS = frozenset(
    {
        "changepassword",
        "createsuperuser",
        "dbshell",
        "diffsettings",
        "dumpdata",
        "inspectdb",
        "makemessages",
        "runserver",
        "shell",
        "sqlflush",
        "sqlmigrate",
        "sqlsequencereset",
        "test",
    }
)


class JsonLines(io.TextIOBase):
    """A text stream that writes each line it is given as one JSON log line on ``stream``.

    Lines that already are JSON log lines (the logging handler writes to the same stdout) pass through.
    """

    def __init__(self, stream, *, command, level):
        self.stream = stream
        self.command = command
        self.level = level
        self.pending = ""
        self.formatter = JsonFormatter()

    def writable(self):
        return True

    def write(self, text):
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.emit(line)
        return len(text)

    def flush(self):
        # A line still being written ("Applying x..." then " OK") waits for its end.
        self.stream.flush()

    def finish(self):
        """Write the last line, even without its newline."""
        if self.pending:
            self.emit(self.pending)
            self.pending = ""
        self.stream.flush()

    def emit(self, line):
        if not line.strip():
            return
        if line.startswith('{"time": '):
            self.stream.write(line + "\n")
            return
        record = logging.LogRecord(f"command.{self.command}", self.level, "", 0, line.strip(), None, None)
        record.command = self.command
        record.request_id = ""
        self.stream.write(self.formatter.format(record) + "\n")


def log_command_output_as_json(argv, *, environ):
    """Turn what a management command writes into JSON log lines, as the web process logs.

    On when LOG_FORMAT is ``json`` (the default in production, when SECRET_KEY is set), for output that
    goes to a log collector rather than a terminal, and for commands whose output is not data.
    """
    command = argv[1] if len(argv) > 1 else "help"
    default = "json" if environ.get("SECRET_KEY") else "text"
    if environ.get("LOG_FORMAT", default).strip().lower() != "json" or command in RAW_OUTPUT_COMMANDS:
        return False
    if sys.stdout.isatty():
        return False
    sys.stdout = JsonLines(sys.stdout, command=command, level=logging.INFO)
    sys.stderr = JsonLines(sys.stderr, command=command, level=logging.ERROR)

    def log_uncaught(kind, error, trace):
        record = logging.LogRecord(
            f"command.{command}", logging.CRITICAL, "", 0, str(error), None, (kind, error, trace)
        )
        record.command = command
        record.request_id = ""
        sys.stderr.stream.write(JsonFormatter().format(record) + "\n")

    sys.excepthook = log_uncaught
    return True
