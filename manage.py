#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")
    from django.core.management import execute_from_command_line

    from inserm_cms.logging import log_command_output_as_json

    log_command_output_as_json(sys.argv, environ=os.environ)
    try:
        execute_from_command_line(sys.argv)
    finally:
        for stream in (sys.stdout, sys.stderr):
            getattr(stream, "finish", stream.flush)()


if __name__ == "__main__":
    main()
