#!/usr/bin/python3
"""The Django peer for ./bench/run delay-api: the classic teaching server's view, run by runserver."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "delayproject.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
