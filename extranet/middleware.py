"""A second factor for the staff of the Région, GREF and network heads.

Once logged in, such a user reaches nothing in the extranet or the Wagtail admin
before they have proved a one-time code in this session; a user without a device
is sent to set one up first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .models.memberships import ROLES_REQUIRING_OTP
from .permissions import user_memberships

# Pages a half-logged-in user may still reach.
OPEN_URL_NAMES = (
    "extranet:login",
    "extranet:logout",
    "extranet:otp_verify",
    "extranet:otp_setup",
    "extranet:password_reset",
    "extranet:password_reset_done",
    "extranet:password_reset_complete",
)


@functools.cache
def _open_paths() -> frozenset[str]:
    """The paths of ``OPEN_URL_NAMES``, reversed once per process."""
    return frozenset(reverse(name) for name in OPEN_URL_NAMES)


def otp_required(user, *, admin: bool = False) -> bool:
    """Whether this user must present a second factor.

    Staff, superusers and the holders of sensitive roles always do. With
    ``admin`` (a request to the Wagtail admin), so does whoever may enter it,
    however the account was made: Wagtail's own user forms never set
    ``is_staff``, its access permission is what lets an editor in.
    """
    if not settings.SPRO_OTP_REQUIRED or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if any(m.role in ROLES_REQUIRING_OTP for m in user_memberships(user)):
        return True
    return admin and user.has_perm("wagtailadmin.access_admin")


class OTPRequiredMiddleware:
    protected_prefixes = ("/extranet/", "/admin/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            path.startswith(self.protected_prefixes)
            and request.user.is_authenticated
            and not self._is_open(path)
            and otp_required(request.user, admin=path.startswith("/admin/"))
            and not request.user.is_verified()
        ):
            from django_otp import devices_for_user

            target = (
                "extranet:otp_verify"
                if any(True for _d in devices_for_user(request.user))
                else "extranet:otp_setup"
            )
            next_url = request.get_full_path()
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
                next_url = reverse("extranet:dashboard")
            return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        return path in _open_paths() or path.startswith(
            ("/extranet/mot-de-passe/", "/extranet/invitation/")
        )
