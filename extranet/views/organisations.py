"""Organisations and their members: invitations, removals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import InvitationForm, add_service_errors
from ..models import Invitation, Membership, Organisation, OrganisationKind
from ..permissions import (
    may_manage_members,
    may_view_members,
    organisation_policy,
    roles_user_may_grant,
)
from ..selectors import organisations_for_list
from ..services import invitation_create, invitation_revoke, membership_remove


def get_organisation(request: HttpRequest, pk: int) -> Organisation:
    """The organisation if the user may see its members, else 404."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("structure", "headed_network"), pk=pk
    )
    if not may_view_members(request.user, organisation):
        raise Http404
    return organisation


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("nature", "")
    if kind not in OrganisationKind.values:
        kind = ""
    query = request.GET.get("q", "").strip()[:100]
    organisations = organisations_for_list(request.user, kind=kind, query=query)
    page = Paginator(organisations, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "extranet/organisations/list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "kinds": OrganisationKind.choices,
            "can_create": organisation_policy.grants_anywhere(
                request.user, "administer"
            ),
        },
    )


@login_required
@require_GET
def organisation_members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation(request, pk)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "territory")
        .order_by("user__last_name", "user__first_name")
    )
    can_manage = may_manage_members(request.user, organisation)
    invitations = (
        Invitation.objects.pending().filter(organisation=organisation)
        if can_manage
        else Invitation.objects.none()
    )
    return render(
        request,
        "extranet/organisations/members.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "can_manage": can_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation(request, pk)
    if not may_manage_members(request.user, organisation):
        raise PermissionDenied
    roles = roles_user_may_grant(request.user, organisation)
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                organisation=organisation,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                territory=form.cleaned_data.get("territory"),
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("L'invitation est envoyée à %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("extranet:organisation_members", pk=organisation.pk)
    return render(
        request,
        "extranet/organisations/invite.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=pk
    )
    if not may_view_members(request.user, membership.organisation):
        raise Http404
    if not may_manage_members(request.user, membership.organisation):
        raise PermissionDenied
    try:
        membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s n'a plus le rôle « %(role)s ».")
            % {"user": membership.user, "role": membership.get_role_display()},
        )
    return redirect("extranet:organisation_members", pk=membership.organisation_id)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"), pk=pk
    )
    if not may_view_members(request.user, invitation.organisation):
        raise Http404
    if not may_manage_members(request.user, invitation.organisation):
        raise PermissionDenied
    invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("L'invitation est annulée."))
    return redirect("extranet:organisation_members", pk=invitation.organisation_id)
