"""CSV downloads that open cleanly in spreadsheets and cannot carry formulas.

A byte-order mark lets spreadsheets show Chinese and Bengali names correctly. A cell that
starts with = + - @ (or a tab or carriage return, as OWASP advises) would be run as a
formula, so it gets a leading apostrophe and is shown as plain text.
"""

import csv
import io
from collections.abc import Iterable

from flask import Response

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return the value as text that a spreadsheet shows, never runs."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """Return the CSV text, with the byte-order mark and every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return BOM + out.getvalue()


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> Response:
    """Return a CSV download named `filename` (ASCII, chosen by the code, never by a member)."""
    response = Response(csv_text(header, rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
