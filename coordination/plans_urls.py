"""URLs of the local plans and the regional synthesis (mounted by spro/urls.py
at /extranet/territoires/)."""

from django.urls import path

from .plans import views

app_name = "localplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/modifier/", views.plan_edit, name="edit"),
    path("<int:pk>/action/", views.plan_transition, name="transition"),
    path("<int:pk>/contribuer/", views.plan_comment, name="comment"),
    path("<int:pk>/bilan/", views.plan_review, name="review"),
    path("<int:pk>/actions/nouvelle/", views.action_new, name="action_new"),
    path("<int:pk>/actions/<int:action>/", views.action_edit, name="action_edit"),
    path(
        "<int:pk>/actions/<int:action>/retirer/",
        views.action_remove,
        name="action_remove",
    ),
    path(
        "<int:pk>/actions/<int:action>/jalons/nouveau/",
        views.milestone_edit,
        name="milestone_new",
    ),
    path(
        "<int:pk>/actions/<int:action>/jalons/<int:milestone>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "<int:pk>/actions/<int:action>/partenaires/",
        views.partner_add,
        name="partner_add",
    ),
    path("<int:pk>/actions/<int:action>/rejoindre/", views.action_join, name="join"),
    path("synthese/", views.synthesis_list, name="syntheses"),
    path("synthese/nouvelle/", views.synthesis_new, name="synthesis_new"),
    path("synthese/<int:pk>/", views.synthesis_detail, name="synthesis"),
    path("synthese/<int:pk>/modifier/", views.synthesis_edit, name="synthesis_edit"),
    path(
        "synthese/<int:pk>/presenter/",
        views.synthesis_present,
        name="synthesis_present",
    ),
    path("synthese/<int:pk>/pdf/", views.synthesis_pdf, name="synthesis_pdf"),
]
