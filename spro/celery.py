"""The Celery application.

Without a broker (``make run``), tasks run eagerly in the web process so that the
embedded setup needs no server; with ``REDIS_URL`` set, a real worker consumes them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.base")

app = Celery("spro")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
