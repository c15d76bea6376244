"""The regional overview as files: CSV and XLSX, the same rows as the page.

The Région reworks these tables in a spreadsheet: the file rules (``;`` and a
byte order mark for a French Excel, dates kept as dates, no cell read as a
formula) are ``extranet.exports``, shared with the other apps' exports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.overview import OverviewRow
from extranet.exports import Sheet, csv_bytes, neutralise, xlsx_bytes

__all__ = ["headers", "neutralise", "overview_csv", "overview_xlsx", "row_values"]


def headers() -> list[str]:
    return [
        _("Structure"),
        _("Réseau"),
        _("Territoire"),
        _("État de la convention"),
        _("Dans cet état depuis le"),
        _("Action attendue avant le"),
        _("En vigueur"),
        _("En retard"),
        _("Jours de retard"),
        _("Convention échue sans suite"),
    ]


def _local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value is not None else None


def _yes_no(value: bool) -> str:
    return _("oui") if value else _("non")


def row_values(row: OverviewRow) -> list[Any]:
    """One row's cells: texts neutralised, dates as ``datetime.date``."""
    return [
        neutralise(row.structure.organisation.name),
        neutralise(str(row.network) if row.network else ""),
        neutralise(row.territory.name),
        neutralise(row.state_label or _("Non engagée")),
        _local_date(row.waiting_since),
        _local_date(row.deadline),
        _yes_no(row.in_force),
        _yes_no(row.late),
        row.days_overdue,
        _yes_no(row.lapsed),
    ]


def overview_csv(rows: Iterable[OverviewRow]) -> bytes:
    """The rows as CSV for a French Excel (``extranet.exports``)."""
    return csv_bytes(headers(), (row_values(row) for row in rows))


def overview_xlsx(rows: Iterable[OverviewRow], *, year: int) -> bytes:
    """The rows as one sheet "Conventions <year>", with a header row."""
    return xlsx_bytes(
        [
            Sheet(
                title=_("Conventions %(year)s") % {"year": year},
                headers=headers(),
                rows=(row_values(row) for row in rows),
            )
        ]
    )
