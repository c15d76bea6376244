"""The user's own notifications: list, mark one or all as read."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from notifications.models import Notification


def local_url(url: str) -> str:
    """The notification's link if it stays on this site (a path), else ""."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return ""


class NotificationFilterForm(forms.Form):
    """The list's one filter, rendered by the shared ``filter_form`` include."""

    non_lues = forms.BooleanField(
        label=gettext_lazy("Non lues seulement"), required=False
    )


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first; the unread ones on demand.
    (The extranet's ``FilteredListView`` sits above this app, so the list is
    written out here, with the same form, includes and wording.)"""
    form = NotificationFilterForm(request.GET or None)
    notifications = Notification.objects.filter(user=request.user)
    if form.is_valid() and form.cleaned_data["non_lues"]:
        notifications = notifications.unread()
    page = Paginator(notifications.order_by("-created_at", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    for notification in page.object_list:
        notification.local_url = local_url(notification.url)
    count = page.paginator.count
    return render(
        request,
        "notifications/list.html",
        {
            "form": form,
            "filter_label": _("Filtrer les notifications"),
            "page": page,
            "summary": ngettext("%(n)d notification", "%(n)d notifications", count)
            % {"n": count},
            "empty": _("Vous n'avez aucune notification."),
            "unread": Notification.objects.filter(user=request.user).unread().exists(),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(local_url(notification.url) or "notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = (
        Notification.objects.filter(user=request.user)
        .unread()
        .update(read_at=timezone.now())
    )
    if count:
        messages.success(request, _("Toutes vos notifications sont marquées lues."))
    return redirect("notifications:list")
