"""URLs of conventions, in French, under ``/extranet/conventions/``.

Namespace ``conventions``: ``conventions:detail``, ``conventions:overview``…
"""

from django.urls import path

from .views import conventions, overview

app_name = "conventions"

urlpatterns = [
    path("", conventions.convention_list, name="list"),
    path("nouvelle/", conventions.convention_new, name="new"),
    path("<int:pk>/", conventions.convention_detail, name="detail"),
    path("<int:pk>/modifier/", conventions.convention_edit, name="edit"),
    path("<int:pk>/action/", conventions.convention_transition, name="transition"),
    path("<int:pk>/renouveler/", conventions.convention_renew, name="renew"),
    path(
        "<int:pk>/pieces/",
        conventions.convention_attachment_add,
        name="attachment_add",
    ),
    path("documents/<int:pk>/", conventions.convention_document, name="document"),
    path("pieces/<int:pk>/", conventions.convention_attachment, name="attachment"),
    # The regional overview and its exports.
    path("suivi/", overview.convention_overview, name="overview"),
    path("suivi/export.csv", overview.convention_overview_csv, name="overview_csv"),
    path("suivi/export.xlsx", overview.convention_overview_xlsx, name="overview_xlsx"),
]
