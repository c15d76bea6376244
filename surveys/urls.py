"""Extranet URLs of the surveys, under ``/extranet/enquetes/`` (namespace
``surveys``)."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "questionnaires/nouveau/", views.SurveyCreateView.as_view(), name="survey_new"
    ),
    path("questionnaires/<int:pk>/", views.survey_detail, name="survey"),
    path(
        "questionnaires/<int:pk>/modifier/",
        views.SurveyEditView.as_view(),
        name="survey_edit",
    ),
    path(
        "questionnaires/<int:pk>/apercu/", views.survey_preview, name="survey_preview"
    ),
    path(
        "questionnaires/<int:pk>/nouvelle-version/",
        views.survey_new_version,
        name="survey_new_version",
    ),
    path(
        "questionnaires/<int:pk>/parties/nouvelle/",
        views.SectionCreateView.as_view(),
        name="section_new",
    ),
    path(
        "questionnaires/<int:pk>/parties/<int:section>/questions/nouvelle/",
        views.QuestionCreateView.as_view(),
        name="question_new",
    ),
    path(
        "questions/<int:pk>/modifier/",
        views.QuestionEditView.as_view(),
        name="question_edit",
    ),
    path("questions/<int:pk>/retirer/", views.question_remove, name="question_remove"),
    path(
        "campagnes/nouvelle/", views.CampaignCreateView.as_view(), name="campaign_new"
    ),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign"),
    path(
        "campagnes/<int:pk>/modifier/",
        views.CampaignEditView.as_view(),
        name="campaign_edit",
    ),
    path("campagnes/<int:pk>/ouvrir/", views.campaign_open, name="campaign_open"),
    path("campagnes/<int:pk>/clore/", views.campaign_close, name="campaign_close"),
    path("campagnes/<int:pk>/relancer/", views.campaign_remind, name="campaign_remind"),
    path(
        "campagnes/<int:pk>/publier/", views.campaign_publish, name="campaign_publish"
    ),
    path(
        "campagnes/<int:pk>/affiche/<int:link>/",
        views.campaign_poster,
        name="poster",
    ),
    path("campagnes/<int:pk>/resultats/", views.campaign_results, name="results"),
    path(
        "campagnes/<int:pk>/resultats.csv",
        views.campaign_results_csv,
        name="results_csv",
    ),
    path(
        "campagnes/<int:pk>/resultats.xlsx",
        views.campaign_results_xlsx,
        name="results_xlsx",
    ),
    path(
        "campagnes/<int:pk>/moderation/",
        views.campaign_moderation,
        name="moderation",
    ),
]
