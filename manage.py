#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultation.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # One clear line instead of a traceback; for development, run with DEBUG=1 (the Makefile does).
        sys.exit(f"manage.py: {error}")


if __name__ == "__main__":
    main()
