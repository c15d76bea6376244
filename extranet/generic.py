"""The shell's generic views, for every app: filtered lists and service forms.

* ``FilterForm`` + ``FilteredListView``: a list in the user's scope, narrowed by a
  GET form that tolerates any query string (an invalid value is shown and
  ignored, never fatal), paginated, rendered by ``includes/filter_form.html`` and
  ``includes/result_table.html`` with one row template per app.
* ``ServiceFormView``: the form → service → message → redirect flow; invalid
  input or a service's refusal answers 400 with the form, what was typed kept
  and the French errors beside their fields.

The view only decides what to show; who may see what is the app's policy
(``get_queryset`` starts from it, ``get_object`` fetches through it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from .filters import FilterForm
from .forms import add_service_errors


@dataclass(frozen=True)
class ResultTable:
    """How a list shows its results: caption, column headers (the first one
    heads the rows), the row template, and the French words for the count.

    ``row_key``, when given, names everything a row shows (its values, and
    whatever the moment changes in it, such as "overdue"): the row is then
    rendered once with ``row`` alone in its context, shared by every list and
    every viewer who sees that row, and read from the cache (one read for the
    page). Who sees which rows stays the query's business.
    """

    caption: str
    headers: tuple[str, ...]
    row_template: str
    count: Callable[[int], str]
    empty: str
    row_key: Callable[[Any], tuple] | None = None


ROW_SECONDS = 24 * 60 * 60


def cached_rows(
    template_name: str, rows: Iterable[Any], key: Callable[[Any], tuple]
) -> list[SafeString]:
    """The HTML of each row, rendered by ``template_name`` with ``row`` alone
    in its context, read from the cache where it is (one read for all rows).
    ``key(row)`` must name everything the row shows (see ``ResultTable``)."""
    rows = list(rows)
    language = get_language()
    keys = [
        "rows:"
        + hashlib.sha256(repr((template_name, language, key(row))).encode()).hexdigest()
        for row in rows
    ]
    found = cache.get_many(keys)
    template = get_template(template_name)
    out, fresh = [], {}
    for row, row_key in zip(rows, keys, strict=True):
        html = found.get(row_key)
        if html is None:
            html = fresh[row_key] = template.render({"row": row})
        out.append(mark_safe(html))  # noqa: S308 - rendered by the row template
    if fresh:
        cache.set_many(fresh, ROW_SECONDS)
    return out


def rendered_rows(table: ResultTable, rows: Iterable[Any]) -> list[SafeString] | None:
    """The rows of a result table, cached if it says how (``row_key``)."""
    if table.row_key is None:
        return None
    return cached_rows(table.row_template, rows, table.row_key)


class FilteredListView(LoginRequiredMixin, View):
    """GET only: the filter form, the count, the page of results."""

    http_method_names = ["get"]
    form_class: type[FilterForm] = FilterForm
    template_name: str = ""
    table: ResultTable
    filter_label: str = ""
    paginate_by = 25

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet:
        """The rows in the user's scope, narrowed by the valid ``filters``."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define get_queryset()")

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.GET or None, user=request.user)
        queryset = self.get_queryset(form.filters())
        page = Paginator(queryset, self.paginate_by).get_page(request.GET.get("page"))
        context = self.get_context_data(
            form=form,
            page=page,
            table=self.table,
            summary=self.table.count(page.paginator.count),
            rows_html=rendered_rows(self.table, page.object_list),
            filter_label=self.filter_label,
        )
        return render(request, self.template_name, context)


class ServiceFormView(LoginRequiredMixin, View):
    """GET shows the form; POST validates it and hands it to ``perform`` (the
    app's service). Success: a message and a redirect. Invalid input or a
    refusal (``ValidationError``): 400, the form as typed, the errors in French.
    """

    http_method_names = ["get", "post"]
    form_class: type[forms.BaseForm]
    template_name: str = ""
    # The name under which the template finds ``self.object`` ("structure"…).
    context_object_name: str = ""
    error_message: str = gettext_lazy(
        "Rien n'a été enregistré : corrigez les erreurs signalées."
    )

    def get_object(self) -> Any:
        """The object the form is about, fetched through the app's policy
        (404 outside the user's scope, 403 if the action is not theirs)."""
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        """A model form edits the object; other forms take nothing by default."""
        if self.object is not None and issubclass(self.form_class, forms.ModelForm):
            return {"instance": self.object}
        return {}

    def perform(self, form: forms.BaseForm) -> Any:
        """Call the app's service with the valid form; returns what it made."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform()")

    def success_message(self, result: Any) -> str:
        return ""

    def success_url(self, result: Any) -> str:
        """Where to go once the service has done its work."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define success_url()")

    def refusal_status(self, form: forms.BaseForm, error: ValidationError) -> int:
        """Show a service's refusal on the form; returns the status to answer."""
        add_service_errors(form, error)
        return 400

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        if self.context_object_name:
            context[self.context_object_name] = self.object
        return context

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def build_form(self) -> forms.BaseForm:
        if self.request.method == "POST":
            return self.form_class(
                self.request.POST, self.request.FILES, **self.get_form_kwargs()
            )
        return self.form_class(**self.get_form_kwargs())

    def respond(self, form: forms.BaseForm, status: int = 200) -> HttpResponse:
        context = self.get_context_data(form=form, object=self.object)
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.respond(self.build_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.build_form()
        status = 400
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as error:
                status = self.refusal_status(form, error)
            else:
                message = self.success_message(result)
                if message:
                    messages.success(request, message)
                return redirect(self.success_url(result))
        if status == 400:
            messages.error(request, str(self.error_message) or _("Erreur."))
        return self.respond(form, status=status)
