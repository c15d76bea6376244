"""URLs of the servicemap concern (mounted by spro/urls.py at
``/extranet/cartographie/``)."""

from django.urls import path

from .servicemap import views

app_name = "servicemap"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("livret/<slug:slug>.pdf", views.booklet, name="booklet"),
    path("nouvelle/", views.entry_new, name="entry_new"),
    path("acteur-local/nouveau/", views.actor_new, name="actor_new"),
    path("<int:pk>/", views.entry_detail, name="entry"),
    path("<int:pk>/modifier/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/verifiee/", views.entry_review, name="entry_review"),
    path("<int:pk>/supprimer/", views.entry_delete, name="entry_delete"),
]
