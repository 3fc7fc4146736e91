"""Text written into CSV cells that a spreadsheet must show as text, never run as a formula."""

from __future__ import annotations

__all__ = ["FORMULA_START", "csv_safe"]

#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
#: Injection"): the four formula signs, and tab and carriage return, which some programs
#: strip before looking at the first character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell that stays text: a leading apostrophe if it could be a formula.

    Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell starting with ``=``, ``+``,
    ``-`` or ``@`` as a formula, also after a leading tab or carriage return; a class name
    such as ``=HYPERLINK(...)`` in a downloaded file would then run on the reader's machine.
    The apostrophe makes the spreadsheet show the cell as the text it is. Anything else is
    returned unchanged. Use it for text that came from a user (class names), not for
    numbers: ``-0.5`` would become text.

    Parameters
    ----------
    text : str
        One cell's text.

    Returns
    -------
    str

    Examples
    --------
    >>> csv_safe("=1+1"), csv_safe("@SUM(A1)"), csv_safe("\\t-2")
    ("'=1+1", "'@SUM(A1)", "'\\t-2")
    >>> csv_safe("cat"), csv_safe(""), csv_safe("a=b")
    ('cat', '', 'a=b')
    """
    return "'" + text if text.startswith(FORMULA_START) else text
