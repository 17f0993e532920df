"""WSGI entry point: `gunicorn translink.wsgi`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "translink.settings")
application = get_wsgi_application()
