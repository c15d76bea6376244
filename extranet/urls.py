"""Extranet URLs, in French as users see them."""

from django.urls import path

from .views import (
    accounts,
    administration,
    dashboard,
    organisations,
    search,
    structures,
)

app_name = "extranet"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("recherche/", search.search, name="search"),
    # Accounts
    path("connexion/", accounts.LoginView.as_view(), name="login"),
    path("deconnexion/", accounts.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oubli/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/modifie/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitation/<str:token>/",
        accounts.invitation_accept_view,
        name="invitation_accept",
    ),
    path("compte/", accounts.account, name="account"),
    path(
        "compte/mot-de-passe/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("double-authentification/", accounts.otp_verify, name="otp_verify"),
    path("double-authentification/activer/", accounts.otp_setup, name="otp_setup"),
    # Structures
    path("structures/", structures.structure_list, name="structure_list"),
    path("structures/<int:pk>/", structures.structure_detail, name="structure_detail"),
    path(
        "structures/<int:pk>/modifier/",
        structures.structure_edit,
        name="structure_edit",
    ),
    path(
        "structures/<int:pk>/horaires-exceptionnels/",
        structures.structure_exceptions,
        name="structure_exceptions",
    ),
    path(
        "structures/<int:pk>/horaires-exceptionnels/<int:exception_pk>/retirer/",
        structures.structure_exception_remove,
        name="structure_exception_remove",
    ),
    path(
        "structures/<int:pk>/confirmer/",
        structures.structure_confirm,
        name="structure_confirm",
    ),
    path(
        "organisations/<int:organisation_id>/structure/",
        structures.structure_detail_by_org,
        name="structure_detail_by_org",
    ),
    path(
        "structures/<int:pk>/rattachement/",
        administration.structure_affiliation,
        name="structure_affiliation",
    ),
    # Organisations and members
    path(
        "organisations/nouvelle/",
        administration.organisation_new,
        name="organisation_new",
    ),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path(
        "organisations/<int:pk>/membres/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<int:pk>/inviter/",
        organisations.organisation_invite,
        name="organisation_invite",
    ),
    path(
        "membres/<int:pk>/retirer/",
        organisations.membership_delete,
        name="membership_delete",
    ),
    path(
        "invitations/<int:pk>/annuler/",
        organisations.invitation_cancel,
        name="invitation_cancel",
    ),
]
