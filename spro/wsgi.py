"""WSGI entry point (gunicorn spro.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.production")

application = get_wsgi_application()
