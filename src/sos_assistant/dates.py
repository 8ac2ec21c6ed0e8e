"""Reading a date the way people write one: "8 December 2026", "8/12/2026", "Tue 8 Dec".

Used for the meeting's date, which the map keeps as a real date (``meeting.date``). Day first,
as in the UK (8/12 is 8 December). A date written without a year is the next one to come.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_DAY_NAMES = re.compile(
    r"\b(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?\b[,.]?", re.IGNORECASE
)
_ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)


def _make(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    if year is not None and year < 100:
        year += 2000
    try:
        if year is not None:
            return dt.date(year, month, day)
        found = dt.date(today.year, month, day)
        return found if found >= today else dt.date(today.year + 1, month, day)
    except ValueError:
        return None


def read_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date in ``text``, or None when it does not read as one."""
    today = today or dt.date.today()
    words = _ORDINAL.sub(r"\1", _DAY_NAMES.sub(" ", text.strip().lower()))
    words = re.sub(r"\b(of|the|on)\b", " ", words).replace(",", " ").strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]), today)
    numeric = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?", words)
    if numeric:
        year = int(numeric[3]) if numeric[3] else None
        return _make(year, int(numeric[2]), int(numeric[1]), today)
    parts = words.split()
    day = month = year = None
    for part in parts:
        if part.isdigit() and len(part) == 4:
            year = int(part)
        elif part.isdigit() and day is None:
            day = int(part)
        elif part in _MONTHS and month is None:
            month = _MONTHS[part]
        else:
            return None
    if day is None or month is None:
        return None
    return _make(year, month, day, today)


def long_date(day: dt.date) -> str:
    """``Tuesday 8 December 2026``: a date as people read it."""
    return f"{day:%A} {day.day} {day:%B %Y}"
