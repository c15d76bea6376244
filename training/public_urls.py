"""Public URLs of training, outside the extranet: the check of a certificate
of attendance, ``/attestations/verifier/`` (namespace ``certificates``)."""

from django.urls import path

from . import attendance_views

app_name = "certificates"

urlpatterns = [
    path("verifier/", attendance_views.certificate_verify, name="verify"),
]
