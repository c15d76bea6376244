"""The regional overview as files: CSV and XLSX, the same rows as the page.

The Région reworks these tables in a spreadsheet, so:

- CSV uses ``;`` (what a French Excel expects) and starts with a UTF-8 byte order
  mark, without which Excel reads accented names as mojibake;
- XLSX is written with openpyxl's write-only workbook (constant memory) and keeps
  dates as dates, so they sort and filter;
- every text cell that a spreadsheet would read as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, or a tab or carriage return, as OWASP lists) is
  prefixed with ``'``: a structure's name is typed by its referent, and must not
  run as a formula on a Région computer (CSV / formula injection).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from conventions.overview import OverviewRow

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"


def neutralise(value: str) -> str:
    """The text as a spreadsheet will show it, never as a formula."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
    """The rows as CSV for a French Excel: ``;``, UTF-8 with BOM, dd/mm/yyyy."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers()])
    for row in rows:
        writer.writerow(
            [
                v.strftime(CSV_DATE_FORMAT)
                if isinstance(v, datetime.date)
                else ("" if v is None else v)
                for v in row_values(row)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def overview_xlsx(rows: Iterable[OverviewRow], *, year: int) -> bytes:
    """The rows as one sheet "Conventions <year>", with a header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Conventions %(year)s") % {"year": year})
    sheet.append([neutralise(h) for h in headers()])
    for row in rows:
        cells = []
        for value in row_values(row):
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = XLSX_DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
