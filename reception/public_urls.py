"""Public URLs of the accueil, under ``/accueil/`` (namespace
``reception_public``): the person's status page by code, and the online
booking of a structure's public slots."""

from django.urls import path

from . import booking_views, status_views

app_name = "reception_public"

urlpatterns = [
    path("suivi/", status_views.status, name="status"),
    path("suivi/retirer/", status_views.withdraw, name="status_withdraw"),
    path("suivi/annuler/", status_views.cancel, name="status_cancel"),
    # Online booking (booking_views)
    path("rendez-vous/<slug:slug>/", booking_views.public_slots, name="slots"),
    path(
        "rendez-vous/creneau/<int:pk>/",
        booking_views.public_book,
        name="public_book",
    ),
    path(
        "rendez-vous/<int:pk>/<str:key>/annuler/",
        booking_views.appointment_cancel,
        name="appointment_cancel",
    ),
    path(
        "rendez-vous/<int:pk>/<str:key>/rendez-vous.ics",
        booking_views.appointment_ics,
        name="appointment_ics",
    ),
]
