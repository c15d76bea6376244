"""URLs of the regional overview of conventions and its exports.

Included under ``conventions/suivi/`` in the "extranet" namespace (no app_name
here, so names read ``extranet:convention_overview``…).
"""

from django.urls import path

from ..views import convention_overview as views

urlpatterns = [
    path("", views.convention_overview, name="convention_overview"),
    path("export.csv", views.convention_overview_csv, name="convention_overview_csv"),
    path(
        "export.xlsx", views.convention_overview_xlsx, name="convention_overview_xlsx"
    ),
]
