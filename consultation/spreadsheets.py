"""Cells written for spreadsheets (admin exports, open data): one rule for every export.

- CSV: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe, so a
  spreadsheet program shows it as text instead of running it; empty values are empty; the file starts with
  a UTF-8 byte-order mark so spreadsheet programs read Latvian letters.
- Imported CSV: UTF-8 (with or without a byte-order mark) or Windows-1257, separated by commas or
  semicolons (what Latvian-locale spreadsheet programs write); anything else is refused with a clear message.
- XLSX: cells are typed (text is a text cell, whatever it starts with, so it never runs and needs no
  apostrophe; numbers are numbers, dates are dates in the site's time zone); empty values are empty.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value: object) -> object:
    """Lists as ``a;b``, aware moments in the site's time zone, the rest as it is."""
    if isinstance(value, list | tuple | set):
        return ";".join(str(item) for item in value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def csv_cell(value: object) -> str:
    """One CSV cell: empty for nothing, text never a formula, moments in the site's time zone."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    return spreadsheet_safe(str(value))


def csv_text(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file (with its byte-order mark) under the one rule."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def xlsx_bytes(header: list[str], rows: Iterable[Iterable[object]], *, title: str = "data") -> bytes:
    """A workbook whose cells are typed: text stays text, whatever it starts with."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            value = _plain(value)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, datetime.datetime):
                cell.value = value.replace(tzinfo=None)
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, bool | int | float | Decimal | datetime.date):
                cell.value = value
            else:
                cell.value = str(value)
                cell.data_type = TYPE_STRING  # "=1+1" stays the text "=1+1"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class SpreadsheetReadError(ValueError):
    """An uploaded file that cannot be read; the message says why, in the organiser's language."""


def csv_decode(data: bytes) -> str:
    """The file's text: UTF-8 (a byte-order mark allowed), else Windows-1257; else refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1257")
    except UnicodeDecodeError:
        raise SpreadsheetReadError(
            _(
                "This file is neither UTF-8 nor Windows-1257 text. Save it from the spreadsheet program "
                "as “CSV UTF-8” and upload it again."
            )
        ) from None


def csv_delimiter(text: str) -> str:
    """Comma or semicolon, whichever separates the header row's columns."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def csv_dataset(data: bytes | str) -> tablib.Dataset:
    text = csv_decode(data) if isinstance(data, bytes) else data.removeprefix(CSV_BOM)
    if not text.strip():
        raise SpreadsheetReadError(_("This file is empty."))
    delimiter = csv_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if len(header) < 2:
        raise SpreadsheetReadError(
            _("The file has only one column. Separate the columns with commas or semicolons.")
        )
    dataset = tablib.Dataset(headers=[name.strip() for name in header])
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise SpreadsheetReadError(
                _("Row %(row)d has %(found)d columns; the header row has %(expected)d.")
                % {"row": number, "found": len(row), "expected": len(header)}
            )
        dataset.append(row)
    return dataset


class SafeCSV(CSV):
    """The admin's CSV: exports under the one rule; imports in either encoding and either separator."""

    def get_read_mode(self) -> str:
        return "rb"  # decoded here, so that a Windows-1257 file is read rather than failing in storage

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        return csv_dataset(in_stream)

    def export_data(self, dataset, **kwargs) -> str:
        return csv_text(list(dataset.headers or []), dataset)


class TypedXLSX(XLSX):
    """The admin's XLSX export with typed cells."""

    def export_data(self, dataset, **kwargs) -> bytes:
        return xlsx_bytes(list(dataset.headers or []), dataset, title=dataset.title or "data")
