"""The one view that fires a transition, for every bound workflow.

An app's URLconf points ``<pk>/action/`` at ``TransitionView.as_view(model=…)``.
The object is fetched among those the binding's policy lets the user see (404
otherwise, whatever the id); the engine checks the rest. A refusal by role is a
403 that says why; a stale page, a condition that does not hold or a missing
comment is a message on the object's page, with nothing changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from . import engine
from .forms import TransitionForm


class TransitionView(LoginRequiredMixin, View):
    """POST only: fire the transition named in the form on object ``pk``."""

    http_method_names = ["post"]
    model: type[models.Model] | None = None
    refused_template = "workflows/refused.html"

    def get_object(self, pk: int) -> models.Model:
        binding = engine.binding_for(self.model)
        return get_object_or_404(binding.viewable(self.request.user), pk=pk)

    def refused(self, obj: models.Model, message: str) -> HttpResponse:
        """The answer to a transition the user's role does not allow: 403.

        Apps override it to show the object's own page with the message."""
        return render(
            self.request,
            self.refused_template,
            {"object": obj, "message": message, "object_url": obj.get_absolute_url()},
            status=403,
        )

    def done(self, obj: models.Model, transition: engine.Transition) -> None:
        definition = engine.binding_for(obj).definition_for(obj)
        messages.success(
            self.request,
            _("Action « %(action)s » enregistrée : %(title)s est « %(state)s ».")
            % {
                "action": transition.label,
                "title": engine.binding_for(obj).title(obj),
                "state": definition.state_label(obj.state),
            },
        )

    def post(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        obj = self.get_object(pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                _("Votre action n'a pas été enregistrée : %(errors)s")
                % {
                    "errors": " ".join(
                        str(e) for errors in form.errors.values() for e in errors
                    )
                },
            )
            return redirect(obj)
        data = form.cleaned_data
        try:
            moved = engine.fire(
                obj,
                data["transition"],
                user=request.user,
                comment=data["comment"],
                expected_state=data["expected_state"] or None,
            )
        except engine.TransitionNotAllowed as error:
            return self.refused(obj, error.message)
        except engine.TransitionError as error:
            messages.error(request, error.message)
            return redirect(obj)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(obj)
        definition = engine.binding_for(moved).definition_for(moved)
        self.done(moved, definition.transition(data["transition"]))
        return redirect(moved)
