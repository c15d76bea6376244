"""Tables as files for a French spreadsheet: CSV and XLSX, for every app.

The Région and GREF rework these tables in a spreadsheet, so:

- CSV uses ``;`` (what a French Excel expects), a decimal comma, dates as
  ``dd/mm/yyyy``, and starts with a UTF-8 byte order mark, without which Excel
  reads accented names as mojibake;
- XLSX is written with openpyxl's write-only workbook (constant memory) and keeps
  dates as dates and numbers as numbers, so they sort and filter;
- every text cell that a spreadsheet would read as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, or a tab or carriage return, as OWASP lists) is
  prefixed with ``'``: names are typed by the members, and must not run as a
  formula on a Région computer (CSV / formula injection).

An app gives the headers and the rows (lists of cells: text, numbers, dates,
``None``); these functions do the rest, and ``attachment`` answers the file.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Excel refuses sheet titles longer than 31 characters or with these.
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def neutralise(value: str) -> str:
    """The text as a spreadsheet will show it, never as a formula."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its title, its header row, its rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime.datetime):
        return value.strftime(CSV_DATE_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(CSV_DATE_FORMAT)
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, str):
        return neutralise(value)
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as CSV for a French Excel: ``;``, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if isinstance(value, str):
        return neutralise(value)
    return value


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The tables as one workbook, a sheet each, each with its header row."""
    workbook = Workbook(write_only=True)
    for table in sheets:
        title = str(table.title).translate(_SHEET_FORBIDDEN)[:31]
        sheet = workbook.create_sheet(title=title)
        sheet.append([neutralise(str(h)) for h in table.headers])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download, never kept by a shared cache."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
