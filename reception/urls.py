"""URLs of the accueil in the extranet, under ``/extranet/accueil/``
(namespace ``reception``)."""

from django.urls import path

from . import appointment_views, figures_views, referral_views, views

app_name = "reception"

urlpatterns = [
    # Receptions and their point de situation (views)
    path("", views.reception_list, name="receptions"),
    path("nouveau/", views.reception_new, name="reception_new"),
    path("comptage/", views.tally, name="tally"),
    path("code/", views.code_lookup, name="code"),
    path("reglages/", views.settings_page, name="settings"),
    path("<int:pk>/", views.reception_detail, name="reception"),
    path("<int:pk>/point/", views.point_edit, name="point_edit"),
    path("<int:pk>/point-de-situation.pdf", views.point_document, name="point_pdf"),
    path("<int:pk>/envoyer/", views.point_mail, name="point_mail"),
    path("<int:pk>/orienter/", views.referral_new, name="referral_new"),
    # Referrals (referral_views)
    path("orientations/", referral_views.referral_list, name="referrals"),
    path("orientations/<int:pk>/", referral_views.referral_detail, name="referral"),
    path(
        "orientations/<int:pk>/action/",
        referral_views.referral_transition,
        name="referral_transition",
    ),
    path(
        "orientations/<int:pk>/refuser/",
        referral_views.referral_decline,
        name="referral_decline",
    ),
    # Slots and appointments (appointment_views)
    path("rendez-vous/", appointment_views.slots, name="slots"),
    path("rendez-vous/nouveaux/", appointment_views.slot_new, name="slot_new"),
    path(
        "rendez-vous/creneaux/<int:pk>/annuler/",
        appointment_views.slot_cancel,
        name="slot_cancel",
    ),
    path(
        "rendez-vous/creneaux/<int:pk>/reserver/",
        appointment_views.slot_book,
        name="slot_book",
    ),
    path("rendez-vous/<int:pk>/", appointment_views.appointment, name="appointment"),
    path(
        "rendez-vous/<int:pk>/issue/",
        appointment_views.appointment_outcome,
        name="appointment_outcome",
    ),
    # Figures (figures_views)
    path("chiffres/", figures_views.figures_page, name="figures"),
    path("chiffres/export.csv", figures_views.figures_csv, name="figures_csv"),
    path("chiffres/export.xlsx", figures_views.figures_xlsx, name="figures_xlsx"),
]
