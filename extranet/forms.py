"""Forms of the extranet. They parse and validate; services write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.services import mail_enqueue

from .hours import SLOTS_PER_DAY, WEEKDAY_NAMES, slots_problem, week_slots, week_value
from .models import (
    MembershipStatus,
    Network,
    OpeningException,
    OrganisationKind,
    Structure,
    StructureType,
    Territory,
    User,
)
from .models.organisations import (
    BRETAGNE_LAT,
    BRETAGNE_LON,
    phone_validator,
    postcode_validator,
)
from .selectors import login_failures_on_account
from .services import STRUCTURE_CARD_FIELDS
from .validators import validate_no_html


class LoginForm(AuthenticationForm):
    """E-mail and password; the messages say nothing about which one was wrong."""

    username = forms.EmailField(
        label=_("Adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie : "
            "après plusieurs échecs, la connexion depuis cet appareil est bloquée "
            "pendant 30 minutes."
        ),
        "inactive": _("Ce compte est désactivé."),
        "account_closed": _(
            "Trop de tentatives ont échoué sur ce compte, depuis plusieurs adresses : "
            "par sécurité, il est fermé quelques minutes. Réessayez plus tard, ou "
            "réinitialisez votre mot de passe."
        ),
    }

    def clean(self) -> dict:
        """Authenticate with the address lower-cased, under the user model's field
        name: django-axes reads the username from that key (``USERNAME_FIELD``),
        so failures are counted per account whatever the case typed."""
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            if settings.AXES_ENABLED and (
                login_failures_on_account(email.lower())
                >= settings.SPRO_LOGIN_ACCOUNT_FAILURE_LIMIT
            ):
                raise forms.ValidationError(
                    self.error_messages["account_closed"], code="account_closed"
                )
            credentials = {get_user_model().USERNAME_FIELD: email.lower()}
            self.user_cache = authenticate(
                self.request, password=password, **credentials
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes through the outbox (never lost, sent once)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        from django.template import loader

        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        mail_enqueue(to=to_email, subject=subject, body=body, sensitive=True)


def https_by_default(field, **kwargs):
    """Addresses typed without a scheme ("www.ml-rennes.fr") get https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


WEEK_LABELS = (
    {"opens": _("ouvre à"), "closes": _("ferme à")},
    {"opens": _("rouvre à"), "closes": _("referme à")},
)


def week_field(day: int, index: int, end: str) -> str:
    """The name of one time field of the week: "d0_1_opens"."""
    return f"d{day}_{index + 1}_{end}"


class StructureCardForm(forms.ModelForm):
    """The public card of a structure, as its referent edits it."""

    class Meta:
        formfield_callback = https_by_default
        model = Structure
        # The week is typed day by day (``week_field``), not as JSON.
        fields = [f for f in STRUCTURE_CARD_FIELDS if f != "weekly_hours"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "hours_note": forms.Textarea(attrs={"rows": 2}),
            "appointment_info": forms.Textarea(attrs={"rows": 3}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "latitude": forms.NumberInput(attrs={"step": "0.00001"}),
            "longitude": forms.NumberInput(attrs={"step": "0.00001"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._add_week_fields()
        self.fields["latitude"].help_text = _(
            "En degrés décimaux, entre %(min)s et %(max)s (Bretagne)."
        ) % {"min": BRETAGNE_LAT[0], "max": BRETAGNE_LAT[1]}
        self.fields["longitude"].help_text = _(
            "En degrés décimaux, entre %(min)s et %(max)s (Bretagne)."
        ) % {"min": BRETAGNE_LON[0], "max": BRETAGNE_LON[1]}
        self.fields["latitude"].error_messages["max_digits"] = _(
            "Saisissez une latitude en degrés décimaux, par exemple 48.11198."
        )
        self.fields["longitude"].error_messages["max_digits"] = _(
            "Saisissez une longitude en degrés décimaux, par exemple -1.67429."
        )
        for name in ("latitude", "longitude"):
            self.fields[name].error_messages["max_decimal_places"] = _(
                "Cinq décimales au plus."
            )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and getattr(
                field, "max_length", None
            ):
                field.widget.attrs.setdefault("maxlength", field.max_length)

    # The week: for each day, SLOTS_PER_DAY pairs of time fields ----------------

    def _add_week_fields(self) -> None:
        days = week_slots(self.instance.weekly_hours if self.instance else [])
        for day in range(7):
            for index in range(SLOTS_PER_DAY):
                slot = days[day][index] if index < len(days[day]) else (None, None)
                for end, moment in zip(("opens", "closes"), slot, strict=True):
                    name = week_field(day, index, end)
                    self.initial.setdefault(name, moment)
                    self.fields[name] = forms.TimeField(
                        label=_("%(day)s, %(what)s")
                        % {
                            "day": WEEKDAY_NAMES[day].capitalize(),
                            "what": WEEK_LABELS[index][end],
                        },
                        required=False,
                        widget=forms.TimeInput(
                            attrs={"type": "time", "step": 300}, format="%H:%M"
                        ),
                        error_messages={
                            "invalid": _("Saisissez une heure, par exemple 09:30.")
                        },
                    )

    def week_days(self) -> list[dict[str, Any]]:
        """For the template: each day's name and its bound time fields."""
        return [
            {
                "name": str(WEEKDAY_NAMES[day]).capitalize(),
                "slots": [
                    [
                        (self[week_field(day, index, end)], WEEK_LABELS[index][end])
                        for end in ("opens", "closes")
                    ]
                    for index in range(SLOTS_PER_DAY)
                ],
            }
            for day in range(7)
        ]

    def _clean_week(self) -> None:
        """Every day is checked, so that all its mistakes are said at once."""
        days: dict[int, list[tuple[Any, Any]]] = {}
        valid = True
        for day in range(7):
            slots = []
            for index in range(SLOTS_PER_DAY):
                opens_name = week_field(day, index, "opens")
                closes_name = week_field(day, index, "closes")
                if opens_name in self.errors or closes_name in self.errors:
                    valid = False
                    continue
                opens = self.cleaned_data.get(opens_name)
                closes = self.cleaned_data.get(closes_name)
                if opens is None and closes is None:
                    continue
                if opens is None or closes is None:
                    self.add_error(
                        opens_name if opens is None else closes_name,
                        _("Indiquez l'heure d'ouverture et l'heure de fermeture."),
                    )
                    valid = False
                    continue
                slots.append((opens, closes))
            problem = slots_problem(slots)
            if problem:
                self.add_error(week_field(day, 0, "opens"), problem)
                valid = False
            days[day] = slots
        if valid:
            self.cleaned_data["weekly_hours"] = week_value(days)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_week()
        return cleaned

    # The models' patterns use ``\d``, which also matches non-ASCII digits
    # ("35٠٠٠"): only the digits 0-9 make a postcode or a phone number.
    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        if not value.isascii():
            raise forms.ValidationError(postcode_validator.message, code="invalid")
        return value

    def clean_phone(self) -> str:
        value = " ".join(self.cleaned_data.get("phone", "").split())
        if not value.isascii():
            raise forms.ValidationError(phone_validator.message, code="invalid")
        return value

    def _clean_coordinate(self, name: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
        value = self.cleaned_data.get(name)
        if value is not None and not (bounds[0] <= value <= bounds[1]):
            raise forms.ValidationError(
                _("Ces coordonnées sont hors de Bretagne (entre %(min)s et %(max)s).")
                % {"min": bounds[0], "max": bounds[1]}
            )
        return value

    def clean_latitude(self) -> Decimal:
        return self._clean_coordinate("latitude", BRETAGNE_LAT)

    def clean_longitude(self) -> Decimal:
        return self._clean_coordinate("longitude", BRETAGNE_LON)


class OpeningExceptionForm(forms.ModelForm):
    """A closure, or other hours, for one day or a span of days."""

    CLOSED, OTHER_HOURS = "closed", "hours"
    MAX_DAYS = 366

    kind = forms.ChoiceField(
        label=_("Ces jours-là, la structure est"),
        choices=[
            (CLOSED, _("fermée toute la journée")),
            (OTHER_HOURS, _("ouverte à d'autres heures")),
        ],
        initial=CLOSED,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = OpeningException
        fields = ["starts", "ends", "opens", "closes", "label"]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens": forms.TimeInput(
                attrs={"type": "time", "step": 300}, format="%H:%M"
            ),
            "closes": forms.TimeInput(
                attrs={"type": "time", "step": 300}, format="%H:%M"
            ),
        }
        help_texts = {"ends": _("Le même jour pour une seule journée.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts", "ends"):
            self.fields[name].error_messages["invalid"] = _(
                "Saisissez une date, par exemple 24/12/2026."
            )
        for name in ("opens", "closes"):
            self.fields[name].error_messages["invalid"] = _(
                "Saisissez une heure, par exemple 09:30."
            )
        self.fields["opens"].help_text = _("Si elle est ouverte à d'autres heures.")
        self.fields["label"].widget.attrs["maxlength"] = 120

    def clean(self) -> dict[str, Any]:
        """The span and the kind; the order of dates and times is the model's
        rule (``OpeningException.clean``), checked once the form is clean."""
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends >= starts:
            if (ends - starts).days >= self.MAX_DAYS:
                self.add_error("ends", _("Une exception dure un an au plus."))
            elif ends < timezone.localdate():
                self.add_error("ends", _("Cette période est déjà passée."))
        if cleaned.get("kind") == self.OTHER_HOURS:
            missing = [n for n in ("opens", "closes") if not cleaned.get(n)]
            for name in missing:
                if name not in self.errors:
                    self.add_error(
                        name, _("Indiquez l'heure d'ouverture et de fermeture.")
                    )
            if missing:
                # Said once, here: the model's rule then sees no times at all.
                cleaned.pop("opens", None)
                cleaned.pop("closes", None)
        else:
            cleaned["opens"] = cleaned["closes"] = None
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique de la personne invitée"),
        max_length=254,  # the column's length (and RFC 5321's limit)
        error_messages={
            "max_length": _(
                "Cette adresse est trop longue : %(limit_value)d caractères au plus."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Rôle"))
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=None,
        required=False,
        help_text=_("Pour un·e chargé·e de mission territorial·e seulement."),
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs) -> None:
        from .models import Territory

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        if len(roles) == 1:
            self.fields["role"].initial = roles[0][0]
        if any(value == "territorial_officer" for value, _label in roles):
            self.fields["territory"].queryset = Territory.objects.all()
        else:
            del self.fields["territory"]

    def clean(self) -> dict:
        data = super().clean()
        role = data.get("role")
        territory = data.get("territory")
        if role == "territorial_officer" and not territory:
            self.add_error("territory", _("Choisissez le territoire."))
        if role != "territorial_officer" and territory:
            data["territory"] = None
        return data


class InvitationAcceptForm(forms.Form):
    """A newcomer's name and chosen password."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 12 caractères, pas uniquement des chiffres."),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2", _("Les deux mots de passe ne correspondent pas.")
            )
        elif p1:
            from .models import User

            probe = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code à 6 chiffres"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                # The page is only this field: the code is typed at once.
                "autofocus": True,
            }
        ),
    )


class StructureAffiliationForm(forms.ModelForm):
    """Where a structure sits in SPRO: decided by the Région, not by the structure."""

    name = forms.CharField(label=_("Nom de la structure"), max_length=200)
    is_active = forms.BooleanField(
        label=_("Organisation active"),
        required=False,
        help_text=_(
            "Une organisation désactivée disparaît de l'annuaire et ses membres "
            "perdent leurs droits ; son historique est conservé."
        ),
    )

    class Meta:
        model = Structure
        fields = ["structure_type", "network", "territory", "membership_status"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        self.fields["name"].initial = organisation.name
        self.fields["is_active"].initial = organisation.is_active
        self.order_fields(["name", *self.Meta.fields, "is_active"])

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        validate_no_html(name)
        return name


class OrganisationCreateForm(forms.Form):
    """A new organisation; the structure fields apply to a structure only."""

    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Nature"), choices=OrganisationKind.choices)
    structure_type = forms.ChoiceField(
        label=_("Type de structure"),
        choices=[("", "—"), *StructureType.choices],
        required=False,
    )
    network = forms.ModelChoiceField(
        label=_("Réseau"), queryset=Network.objects.all(), required=False
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"), queryset=Territory.objects.all(), required=False
    )
    membership_status = forms.ChoiceField(
        label=_("Statut dans le SPRO"),
        choices=MembershipStatus.choices,
        required=False,
    )
    address_line = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Code postal"),
        max_length=5,
        required=False,
        validators=[postcode_validator],
    )
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)

    def clean(self) -> dict:
        data = super().clean()
        for name in ("name", "address_line", "city"):
            try:
                validate_no_html(data.get(name, ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        if data.get("kind") == OrganisationKind.STRUCTURE:
            required = (
                "structure_type",
                "territory",
                "address_line",
                "postcode",
                "city",
            )
            for name in required:
                if not data.get(name):
                    self.add_error(
                        name, _("Ce champ est obligatoire pour une structure.")
                    )
        return data


class ProfileForm(forms.ModelForm):
    """What users may change about themselves (not the address: it is their login)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title"]

    def clean(self) -> dict:
        data = super().clean()
        for name in self.Meta.fields:
            try:
                validate_no_html(data.get(name, ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data


def add_service_errors(form: forms.BaseForm, error: forms.ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form
    has that field, otherwise at the top of the form."""
    for field, errors in getattr(error, "error_dict", {None: [error]}).items():
        form.add_error(field if field in form.fields else None, errors)
