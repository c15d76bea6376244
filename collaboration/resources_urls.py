"""URLs of the resources concern (mounted by spro/urls.py at
``/extranet/ressources/``)."""

from django.urls import path

from .resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("nouvelle/", views.resource_new, name="new"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/modifier/", views.resource_edit, name="edit"),
    path("<int:pk>/versions/", views.resource_version_new, name="version_new"),
    path(
        "<int:pk>/versions/<int:number>/",
        views.resource_download,
        name="download",
    ),
    path("<int:pk>/publier/", views.resource_publish, name="publish"),
    path("<int:pk>/retirer/", views.resource_withdraw, name="withdraw"),
]
