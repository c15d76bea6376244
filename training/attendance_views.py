"""Attendance and certificate pages: the sheet of a half-day (a form for the
whole half-day, and its PDF for paper signatures), the arrival scan from the
participant's QR code, the certificate's PDF and its revocation, and the
public check of a certificate's code (``/attestations/verifier/``).

The sheet and the scan are for GREF, the Région and the trainer granted the
session (``may_record_attendance``): a session out of sight answers 404,
others 403. A certificate is read by the person, their referent, GREF and the
Région; anyone else gets 404. Nothing is written on a GET.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from extranet.views.accounts import client_address, limit_posts
from workflows import engine

from . import attendance, links
from .documents import certificate_pdf, sign_in_sheet_pdf
from .models import Certificate, Enrolment, SessionSlot
from .policy import may_read_certificate, may_record_attendance, session_policy
from .selectors import certificate_check, sheet_rows
from .services import _site

PRESENT, ABSENT = "present", "absent"


def _slot_for_attendance(request: HttpRequest, pk: int) -> SessionSlot:
    slot = get_object_or_404(
        SessionSlot.objects.select_related("session__action"), pk=pk
    )
    if not session_policy.can(request.user, "view", slot.session):
        raise Http404
    if not may_record_attendance(request.user, slot.session):
        raise PermissionDenied
    return slot


def _sheet_context(slot: SessionSlot, **extra: Any) -> dict[str, Any]:
    session = slot.session
    started = engine.now() >= slot.starts_at()
    context = {
        "slot": slot,
        "session": session,
        "rows": sheet_rows(slot),
        "started": started,
        "open": started and not session.completed_at and not session.is_cancelled,
        "slots": list(session.slots.all()),
        "error": "",
    }
    context.update(extra)
    return context


def _marks(post: Any) -> dict[int, bool]:
    """``presence-<enrolment id>`` → present / absent; anything else refused."""
    marks: dict[int, bool] = {}
    for name, value in post.items():
        if not name.startswith("presence-"):
            continue
        try:
            pk = int(name.removeprefix("presence-"))
        except ValueError:
            raise ValidationError(_("Formulaire incomplet ou modifié.")) from None
        if value not in (PRESENT, ABSENT):
            raise ValidationError(_("Choisissez « présent·e » ou « absent·e »."))
        marks[pk] = value == PRESENT
    return marks


@login_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The half-day's sheet: one row per confirmed participant, present or
    absent, recorded at once."""
    slot = _slot_for_attendance(request, pk)
    if request.method == "POST":
        try:
            changed = attendance.attendance_record(
                user=request.user, slot=slot, marks=_marks(request.POST)
            )
        except ValidationError as error:
            message = " ".join(error.messages)
            messages.error(request, message)
            return render(
                request,
                "training/attendance.html",
                _sheet_context(slot, error=message),
                status=400,
            )
        slot.session.refresh_from_db(fields=["completed_at"])
        if slot.session.completed_at:
            messages.success(
                request,
                _(
                    "Présences enregistrées. La session est close : chaque inscription "
                    "a reçu son résultat et les attestations sont délivrées."
                ),
            )
        else:
            messages.success(
                request,
                _("Présences enregistrées (%(n)s modifiée(s)).") % {"n": changed},
            )
        return redirect("training:attendance", pk=slot.pk)
    return render(request, "training/attendance.html", _sheet_context(slot))


@login_required
@require_GET
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The half-day's sign-in sheet, as a PDF to print."""
    slot = _slot_for_attendance(request, pk)
    data = sign_in_sheet_pdf(slot, sheet_rows(slot))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="emargement-{slot.date:%Y-%m-%d}-{slot.period}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def arrival(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The link of a participant's QR code, opened by the trainer or GREF on
    their phone: GET shows who and a button, POST notes the arrival. Anyone
    else, a wrong key or a stranger's enrolment: 404, nothing changed."""
    enrolment = (
        Enrolment.objects.select_related("session", "person", "structure__organisation")
        .filter(pk=pk)
        .first()
    )
    if (
        enrolment is None
        or not links.arrival_key_matches(enrolment, key)
        or not may_record_attendance(request.user, enrolment.session)
    ):
        raise Http404
    slot = attendance.current_slot(enrolment.session)
    context = {"enrolment": enrolment, "session": enrolment.session, "slot": slot}
    if request.method == "POST":
        try:
            attendance.arrival_mark(user=request.user, enrolment=enrolment)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            return render(request, "training/arrival.html", context, status=400)
        context["done"] = True
    response = render(request, "training/arrival.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _certificate_for(request: HttpRequest, pk: int) -> Certificate:
    certificate = (
        Certificate.objects.select_related(
            "enrolment__session__action",
            "enrolment__person",
            "enrolment__structure__organisation",
            "issuer",
        )
        .filter(enrolment_id=pk)
        .first()
    )
    if certificate is None or not may_read_certificate(
        request.user, certificate.enrolment
    ):
        raise Http404
    return certificate


@login_required
@require_GET
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate of enrolment ``pk`` as a PDF (never once revoked)."""
    certificate = _certificate_for(request, pk)
    if certificate.is_revoked:
        raise Http404
    verify_url = _site() + reverse("certificates:verify")
    response = HttpResponse(
        certificate_pdf(certificate, verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="attestation-{certificate.code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_for(request, pk)
    if not session_policy.can(request.user, "manage", certificate.enrolment.session):
        raise PermissionDenied
    try:
        attendance.certificate_revoke(
            user=request.user,
            certificate=certificate,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("L'attestation est révoquée ; le motif est conservé.")
        )
    return redirect(certificate.enrolment)


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public, no login: the check of a certificate's code. The code travels in
    the body of a POST (never in a URL that gets logged); the answer shows
    initials, session, dates, hours, issuer and whether revoked, nothing more."""
    context: dict[str, Any] = {"code": "", "checked": False, "result": None}
    if request.method == "POST":
        code = request.POST.get("code", "")[:40].strip()
        context.update(code=code, checked=True, result=certificate_check(code))
        if not code:
            context["checked"] = False
            context["missing"] = True
    return render(request, "training/verify.html", context)
