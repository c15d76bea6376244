"""Public URLs of the surveys, under ``/enquetes/`` (namespace
``surveys_public``)."""

from django.urls import path

from . import public_views

app_name = "surveys_public"

urlpatterns = [
    path("r/<str:token>/", public_views.answer_by_link, name="answer"),
    path(
        "invitation/<str:token>/", public_views.answer_by_invitation, name="invitation"
    ),
    path("merci/", public_views.thanks, name="thanks"),
    path("structure/<slug:slug>/", public_views.structure_survey, name="structure"),
    path("resultats/", public_views.published_list, name="published"),
    path(
        "resultats/<int:pk>/", public_views.published_results, name="published_results"
    ),
    path(
        "resultats/<int:pk>/resultats.csv",
        public_views.published_csv,
        name="published_csv",
    ),
]
