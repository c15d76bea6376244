"""URLs of the public directory, mounted at /structures/."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.structure_list, name="list"),
    path("carte.geojson", views.structure_geojson, name="geojson"),
    path("donnees/", views.open_data, name="open_data"),
    path("donnees/structures.csv", views.open_data_csv, name="open_data_csv"),
    path("donnees/structures.json", views.open_data_json, name="open_data_json"),
    path(
        "donnees/data-inclusion/structures.json",
        views.data_inclusion_structures,
        name="data_inclusion_structures",
    ),
    path(
        "donnees/data-inclusion/services.json",
        views.data_inclusion_services,
        name="data_inclusion_services",
    ),
    # Last: an organisation slug cannot shadow the routes above.
    path("<slug:slug>/", views.structure_detail, name="detail"),
]
