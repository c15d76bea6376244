"""URLs of the practices concern (mounted by spro/urls.py at /extranet/pratiques/)."""

from django.urls import path

from .practices import views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("nos-pratiques/", views.practice_mine, name="mine"),
    path("nouvelle/", views.practice_new, name="new"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/modifier/", views.practice_edit, name="edit"),
    path("<int:pk>/action/", views.practice_transition, name="transition"),
    path("<int:pk>/documents/", views.practice_attach, name="attach"),
    path(
        "<int:pk>/documents/<int:attachment>/",
        views.practice_attachment,
        name="attachment",
    ),
    path(
        "<int:pk>/documents/<int:attachment>/retirer/",
        views.practice_attachment_remove,
        name="attachment_remove",
    ),
    path("<int:pk>/utile/", views.practice_useful, name="useful"),
    path("<int:pk>/reprise/", views.practice_reused, name="reused"),
    path("<int:pk>/a-la-une/", views.practice_feature, name="feature"),
    path("<int:pk>/a-jour/", views.practice_confirm, name="confirm"),
    path(
        "lettre/desabonnement/<str:token>/",
        views.practice_unsubscribe,
        name="unsubscribe",
    ),
]
