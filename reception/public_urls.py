"""Public URLs of the accueil, under ``/accueil/`` (namespace
``reception_public``): the person's status page by code, and the online
booking of a structure's public slots."""

from django.urls import path

from . import status_views

app_name = "reception_public"

urlpatterns = [
    path("suivi/", status_views.status, name="status"),
    path("suivi/retirer/", status_views.withdraw, name="status_withdraw"),
    # Online booking (booking_views)
]
