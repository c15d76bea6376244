"""The user's own notifications: list, mark one or all as read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notifications.models import Notification


def local_url(url: str) -> str:
    """The notification's link if it stays on this site (a path), else ""."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return ""


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user).order_by(
        "-created_at", "-pk"
    )
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    for notification in page.object_list:
        notification.local_url = local_url(notification.url)
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
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
