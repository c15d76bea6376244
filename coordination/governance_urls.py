"""URLs of the governance bodies (mounted by spro/urls.py at
``/extranet/instances/``)."""

from django.urls import path

from .governance import views

app_name = "governance"

urlpatterns = [
    path("", views.body_list, name="list"),
    path("nouvelle/", views.body_new, name="body_new"),
    path("psad/", views.platform_list, name="platforms"),
    path("psad/<int:pk>/modifier/", views.platform_edit, name="platform_edit"),
    path("<int:pk>/", views.body_detail, name="body"),
    path("<int:pk>/modifier/", views.body_edit, name="body_edit"),
    path("<int:pk>/membres/nouveau/", views.member_new, name="member_new"),
    path("<int:pk>/reunions/nouvelle/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/decisions/nouvelle/", views.decision_new, name="decision_new"),
    path("membres/<int:pk>/fin/", views.member_end, name="member_end"),
    path("reunions/<int:pk>/", views.meeting_detail, name="meeting"),
    path("reunions/<int:pk>/modifier/", views.meeting_edit, name="meeting_edit"),
    path("reunions/<int:pk>/documents/", views.document_new, name="document_new"),
    path(
        "reunions/<int:pk>/compte-rendu/approuver/",
        views.minutes_approve,
        name="minutes_approve",
    ),
    path(
        "reunions/<int:pk>/compte-rendu/publier/",
        views.minutes_publish,
        name="minutes_publish",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
]
