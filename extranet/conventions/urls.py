"""URLs of conventions (list, page, edit, actions, files), in French."""

from django.urls import path

from ..views import conventions

urlpatterns = [
    path("", conventions.convention_list, name="convention_list"),
    path("nouvelle/", conventions.convention_new, name="convention_new"),
    path("<int:pk>/", conventions.convention_detail, name="convention_detail"),
    path("<int:pk>/modifier/", conventions.convention_edit, name="convention_edit"),
    path(
        "<int:pk>/action/",
        conventions.convention_transition,
        name="convention_transition",
    ),
    path(
        "<int:pk>/renouveler/",
        conventions.convention_renew,
        name="convention_renew",
    ),
    path(
        "<int:pk>/pieces/",
        conventions.convention_attachment_add,
        name="convention_attachment_add",
    ),
    path(
        "documents/<int:pk>/",
        conventions.convention_document,
        name="convention_document",
    ),
    path(
        "pieces/<int:pk>/",
        conventions.convention_attachment,
        name="convention_attachment",
    ),
]
