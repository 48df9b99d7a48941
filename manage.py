#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crpv_portal.settings")
    from django.core.management import execute_from_command_line

    from crpv_portal.postgres_embarque import BaseEmbarqueeIndisponible

    try:
        execute_from_command_line(sys.argv)
    except BaseEmbarqueeIndisponible as erreur:  # said in French, with what to do, rather than a traceback
        sys.exit(str(erreur))


if __name__ == "__main__":
    main()
