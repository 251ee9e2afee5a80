"""Cells that are safe to open in a spreadsheet: no formula injection from user text.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``,
``-``, ``@`` (and a tab or carriage return before them) as a formula, so a report
titled ``=HYPERLINK(…)`` could run in a district officer's spreadsheet. Such
text cells get a leading apostrophe, which spreadsheets show as plain text.
Numbers stay numbers. ``plain_cell`` undoes it when such a file is imported
again, so an export read back gives the text that was written. Pure: no Django.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plain_cell(value):
    """The text ``safe_cell`` escaped, without its apostrophe; any other value as it is."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
