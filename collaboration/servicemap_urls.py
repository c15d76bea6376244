"""URLs of the servicemap concern (mounted by spro/urls.py)."""

from django.urls import path  # noqa: F401

app_name = "servicemap"
urlpatterns: list = []
