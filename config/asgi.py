"""ASGI entry point: the stream process of the hall boards (decision 0011), started by `make run`
beside gunicorn."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

# Import every view now, at start-up: Django does it on the first request otherwise, and a board
# that connects first would wait for the whole URLconf (seconds on a busy machine).
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
