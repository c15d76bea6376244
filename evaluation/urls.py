"""URLs of the evaluation dashboard (mounted by spro/urls.py at
/extranet/evaluation/)."""

from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("indicateurs.csv", views.dashboard_csv, name="dashboard_csv"),
    path("rapport-<int:year>.pdf", views.report_pdf, name="report_pdf"),
]
