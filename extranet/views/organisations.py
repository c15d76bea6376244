"""Organisations and their members: invitations, removals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from ..filters import OrganisationFilterForm
from ..forms import InvitationForm
from ..generic import FilteredListView, ResultTable, ServiceFormView
from ..models import Invitation, Membership, Organisation
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


class OrganisationListView(FilteredListView):
    """The organisations of the user's scope, by name and nature."""

    form_class = OrganisationFilterForm
    template_name = "extranet/organisations/list.html"
    filter_label = gettext_lazy("Filtrer les organisations")
    paginate_by = 30
    table = ResultTable(
        caption=gettext_lazy("Organisations de votre périmètre"),
        headers=(
            gettext_lazy("Organisation"),
            gettext_lazy("Nature"),
            gettext_lazy("Membres"),
        ),
        row_template="extranet/organisations/row.html",
        count=lambda n: (
            ngettext("%(n)d organisation", "%(n)d organisations", n) % {"n": n}
        ),
        empty=gettext_lazy("Aucune organisation ne correspond à ces critères."),
        row_key=lambda row: (row.pk, row.name, row.kind, row.member_count),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Organisation]:
        return organisations_for_list(
            self.request.user,
            kind=filters.get("nature", ""),
            query=filters.get("q", ""),
        )

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["can_create"] = organisation_policy.grants_anywhere(
            self.request.user, "administer"
        )
        return context


organisation_list = OrganisationListView.as_view()


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


class OrganisationInviteView(ServiceFormView):
    """Invite someone to a role in the organisation, by e-mail."""

    form_class = InvitationForm
    context_object_name = "organisation"
    template_name = "extranet/organisations/invite.html"
    error_message = gettext_lazy(
        "L'invitation n'a pas été envoyée : corrigez les erreurs signalées."
    )

    def get_object(self) -> Organisation:
        organisation = get_organisation(self.request, self.kwargs["pk"])
        if not may_manage_members(self.request.user, organisation):
            raise PermissionDenied
        return organisation

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"roles": roles_user_may_grant(self.request.user, self.object)}

    def perform(self, form: InvitationForm) -> Invitation:
        return invitation_create(
            organisation=self.object,
            actor=self.request.user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            territory=form.cleaned_data.get("territory"),
            base_url=self.request.build_absolute_uri("/").rstrip("/"),
        )

    def success_message(self, result: Invitation) -> str:
        return _("L'invitation est envoyée à %(email)s.") % {"email": result.email}

    def success_url(self, result: Invitation) -> str:
        return reverse("extranet:organisation_members", args=[self.object.pk])


organisation_invite = OrganisationInviteView.as_view()


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
