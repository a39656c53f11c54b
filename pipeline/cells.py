"""CSV cells a spreadsheet shows as text: a cell starting with = + - @ (or a tab or carriage return)
would be run as a formula by Excel, LibreOffice or Google Sheets; it gets a leading apostrophe, as
OWASP recommends and spreadsheets hide."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """`value`, with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
