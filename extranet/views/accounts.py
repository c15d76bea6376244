"""Log in, log out, password reset, invitations and the second factor."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.decorators import ratelimit

from ..forms import (
    InvitationAcceptForm,
    LoginForm,
    OTPTokenForm,
    OutboxPasswordResetForm,
    ProfileForm,
)
from ..middleware import otp_required
from ..models import Invitation
from ..permissions import user_memberships
from ..services import InvitationError, invitation_accept, user_profile_update


def client_address(group: str, request: HttpRequest) -> str:
    """The client's address as the lock-out reads it (proxies included)."""
    return get_client_ip_address(request) or ""


def posted_email(group: str, request: HttpRequest) -> str:
    """The address asked for, whatever its case or spaces."""
    return request.POST.get("email", "").strip().lower()


def _rate(name: str):
    """A rate read from the settings at each request (so tests may change it)."""
    return lambda group, request: getattr(settings, name)


def limit_posts(key, rate_setting: str):
    """Refuse (429, in French) the POSTs beyond ``rate_setting`` per ``key``."""
    return ratelimit(key=key, rate=_rate(rate_setting), method="POST", block=True)


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """What a client over one of the rates sees: 429, a French page."""
    return render(request, "extranet/accounts/rate_limited.html", status=429)


@method_decorator(
    limit_posts(client_address, "SPRO_RATE_LOGIN_PER_ADDRESS"), name="post"
)
class LoginView(auth_views.LoginView):
    template_name = "extranet/accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out (POST only) and say so on the login page."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Vous êtes déconnecté·e. À bientôt !"))
        return response


@method_decorator(
    limit_posts(client_address, "SPRO_RATE_RESET_PER_ADDRESS"), name="post"
)
@method_decorator(limit_posts(posted_email, "SPRO_RATE_RESET_PER_EMAIL"), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "extranet/accounts/password_reset.html"
    email_template_name = "extranet/mails/password_reset.txt"
    subject_template_name = "extranet/mails/password_reset_subject.txt"
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("extranet:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "extranet/accounts/password_reset_done.html"


@method_decorator(
    limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS"), name="post"
)
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "extranet/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("extranet:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "extranet/accounts/password_reset_complete.html"


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("extranet:dashboard")


@require_http_methods(["GET", "POST"])
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """A colleague follows the link of their invitation and sets their password."""
    invitation = Invitation.objects.find_by_token(token)
    problem = None
    if invitation is None:
        problem = _("Ce lien d'invitation n'est pas valide.")
    elif invitation.accepted_at:
        problem = _("Cette invitation a déjà été utilisée. Connectez-vous.")
    elif invitation.revoked_at:
        problem = _("Cette invitation a été remplacée ou annulée.")
    elif invitation.is_expired:
        problem = _(
            "Cette invitation a expiré. Demandez à votre référent·e de vous en envoyer "
            "une nouvelle."
        )
    if problem:
        return render(
            request,
            "extranet/accounts/invitation_invalid.html",
            {"problem": problem},
            status=410 if invitation else 404,
        )
    user = request.user if request.user.is_authenticated else None
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if user is not None:
        # An existing account only confirms: no password to choose.
        form = None
    if request.method == "POST":
        try:
            if user is not None:
                member = invitation_accept(token=token, password="", user=user)
            elif form.is_valid():
                member = invitation_accept(
                    token=token,
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                login(
                    request, member, backend="django.contrib.auth.backends.ModelBackend"
                )
            else:
                member = None
        except InvitationError as error:
            return render(
                request,
                "extranet/accounts/invitation_invalid.html",
                {"problem": str(error)},
                status=410,
            )
        if member is not None:
            messages.success(
                request,
                _("Bienvenue ! Vous êtes maintenant membre de %(org)s.")
                % {"org": invitation.organisation},
            )
            return redirect("extranet:dashboard")
    return render(
        request,
        "extranet/accounts/invitation_accept.html",
        {"invitation": invitation, "form": form},
    )


OTP_SETUP_SALT = "extranet.otp-setup"


def _totp_matches(device: TOTPDevice, token: str) -> bool:
    """Check a code against a device not saved yet (no throttling row written)."""
    token = token.replace(" ", "")
    if not token.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(token), tolerance=1):
        return False
    # Remember the step used, so the same code cannot be replayed on the verify page.
    device.drift = totp.drift
    device.last_t = totp.t()
    return True


@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: scan the code, type a code to confirm.

    The secret travels in a signed hidden field until confirmed, so that merely
    looking at this page writes nothing.
    """
    if not request.user.is_authenticated:
        return redirect("extranet:login")
    has_device = any(True for _d in devices_for_user(request.user))
    if has_device and not request.user.is_verified():
        # Pairing another device takes a code of the first: a password alone must
        # never let someone pair their own phone.
        query = urlencode({"next": _safe_next(request)})
        return redirect(f"{reverse('extranet:otp_verify')}?{query}")
    if request.method == "POST":
        try:
            key = signing.loads(
                request.POST.get("setup", ""), salt=OTP_SETUP_SALT, max_age=900
            )
        except signing.BadSignature:
            messages.error(request, _("La page a expiré, recommencez l'activation."))
            return redirect("extranet:otp_setup")
    else:
        from django_otp.util import random_hex

        key = random_hex(20)
    device = TOTPDevice(
        user=request.user, name=_("Application d'authentification"), key=key
    )
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _totp_matches(device, form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("La double authentification est activée."))
            return redirect(_safe_next(request))
        form.add_error("token", _("Ce code n'est pas valide. Réessayez."))
    import base64

    import segno

    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code à scanner avec votre application")
    )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "extranet/accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "setup": signing.dumps(key, salt=OTP_SETUP_SALT),
            "next": _safe_next(request),
        },
    )


@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the one-time code of a user who has a device."""
    if not request.user.is_authenticated:
        return redirect("extranet:login")
    if not any(True for _d in devices_for_user(request.user)):
        return redirect("extranet:otp_setup")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("Ce code n'est pas valide ou a expiré. Réessayez."))
    return render(
        request,
        "extranet/accounts/otp_verify.html",
        {"form": form, "next": _safe_next(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """Mon compte: name and job title, password, second factor, roles."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_profile_update(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Vos informations sont enregistrées."))
        return redirect("extranet:account")
    return render(
        request,
        "extranet/accounts/account.html",
        {
            "form": form,
            "memberships": user_memberships(request.user),
            "devices": list(devices_for_user(request.user)),
            "otp_required": otp_required(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "extranet/accounts/password_change.html"
    success_url = reverse_lazy("extranet:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Votre mot de passe est modifié."))
        return response
