"""The public pages of the evaluation (mounted by spro/urls.py at
/evaluation/): the published indicators of each territory."""

from django.urls import path

from . import public_views

app_name = "evaluation_public"
urlpatterns = [
    path("territoires/<int:pk>/", public_views.territory_page, name="territory"),
]
