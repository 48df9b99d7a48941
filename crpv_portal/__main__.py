"""``python -m crpv_portal <command>`` (or ``crpv-portal <command>``): ``manage.py`` for an installed package."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crpv_portal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
