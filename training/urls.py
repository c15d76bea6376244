"""URLs of the professionalisation plan, in French, under ``/extranet/formations/``.

Namespace ``training``. The offer links (``proposition/…``) carry their secret
and need no login: the mail stands for the person. The public check of a
certificate's code is in ``training.public_urls`` (``/attestations/``).
"""

from django.urls import path

from . import (
    attendance_views,
    calendars,
    figures_views,
    plan_views,
    session_views,
    views,
)

app_name = "training"

urlpatterns = [
    path("", views.session_catalogue, name="catalogue"),
    path("sessions/nouvelle/", session_views.session_form, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path(
        "sessions/<int:pk>/modifier/", session_views.session_form, name="session_edit"
    ),
    path(
        "sessions/<int:pk>/publier/",
        session_views.session_publish,
        name="session_publish",
    ),
    path(
        "sessions/<int:pk>/documents/",
        views.session_document_add,
        name="session_document_add",
    ),
    path("documents/<int:pk>/", views.session_document, name="session_document"),
    path(
        "documents/<int:pk>/retirer/",
        views.session_document_remove,
        name="session_document_remove",
    ),
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
    path("chiffres/", figures_views.figures_page, name="figures"),
    path("chiffres/export.csv", figures_views.figures_csv, name="figures_csv"),
    path("chiffres/export.xlsx", figures_views.figures_xlsx, name="figures_xlsx"),
    path("besoins/", plan_views.campaign_list, name="campaigns"),
    path("besoins/ouvrir/", plan_views.campaign_open, name="campaign_open"),
    path("besoins/<int:pk>/", plan_views.campaign_detail, name="campaign"),
    path("besoins/<int:pk>/clore/", plan_views.campaign_close, name="campaign_close"),
    path("besoins/<int:campaign>/nouveau/", plan_views.need_form, name="need_new"),
    path("besoins/besoin/<int:pk>/", plan_views.need_detail, name="need"),
    path("besoins/besoin/<int:pk>/modifier/", plan_views.need_form, name="need_edit"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/nouveau/", plan_views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/action/", plan_views.plan_transition, name="plan_transition"),
    path(
        "plans/<int:plan>/actions/nouvelle/",
        plan_views.plan_action_form,
        name="plan_action_new",
    ),
    path(
        "plans/actions/<int:pk>/modifier/",
        plan_views.plan_action_form,
        name="plan_action_edit",
    ),
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
    path(
        "demi-journees/<int:pk>/presences/",
        attendance_views.attendance_sheet,
        name="attendance",
    ),
    path(
        "demi-journees/<int:pk>/emargement.pdf",
        attendance_views.sign_in_sheet,
        name="sign_in_sheet",
    ),
    path(
        "arrivee/<int:pk>/<str:key>/",
        attendance_views.arrival,
        name="arrival",
    ),
    path(
        "inscriptions/<int:pk>/attestation.pdf",
        attendance_views.certificate_download,
        name="certificate",
    ),
    path(
        "inscriptions/<int:pk>/attestation/revoquer/",
        attendance_views.certificate_revoke,
        name="certificate_revoke",
    ),
]
