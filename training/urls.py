"""URLs of the professionalisation plan, in French, under ``/extranet/formations/``.

Namespace ``training``. The offer links (``proposition/…``) carry their secret
and need no login: the mail stands for the person.
"""

from django.urls import path

from . import calendars, views

app_name = "training"

urlpatterns = [
    path("", views.session_catalogue, name="catalogue"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/inscription/", views.session_enrol, name="enrol"),
    path("sessions/<int:pk>/annuler/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/agenda.ics", calendars.session_ics, name="session_ics"),
    path("agenda/", calendars.calendar_page, name="calendar"),
    path("agenda/<str:key>.ics", calendars.calendar_feed, name="calendar_feed"),
    path("inscriptions/", views.enrolment_list, name="enrolments"),
    path("inscriptions/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path(
        "inscriptions/<int:pk>/action/",
        views.enrolment_transition,
        name="enrolment_transition",
    ),
    path("inscriptions/<int:pk>/rang/", views.queue_move, name="queue_move"),
    path(
        "proposition/<int:pk>/<str:key>/accepter/",
        views.offer_answer,
        {"accept": True},
        name="offer_accept",
    ),
    path(
        "proposition/<int:pk>/<str:key>/decliner/",
        views.offer_answer,
        {"accept": False},
        name="offer_decline",
    ),
]
