"""Partial dates as the edition's data write them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, one parser for all."""

from __future__ import annotations

import datetime as dt
import re

FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parts(text: str) -> tuple[int, ...] | None:
    """(year,), (year, month) or (year, month, day), or None when ``text`` is not such a date or is impossible."""
    m = FORM.fullmatch(text)
    if not m:
        return None
    out = tuple(int(p) for p in m.groups() if p)
    try:
        dt.date(out[0], out[1] if len(out) > 1 else 1, out[2] if len(out) > 2 else 1)
    except ValueError:
        return None
    return out


def span(text: str) -> tuple[dt.date, dt.date, str] | None:
    """Earliest and latest day the date can mean, and its precision (year, month or day)."""
    p = parts(text)
    if p is None:
        return None
    if len(p) == 1:
        return dt.date(p[0], 1, 1), dt.date(p[0], 12, 31), "year"
    if len(p) == 2:
        first = dt.date(p[0], p[1], 1)
        return first, dt.date(p[0] + p[1] // 12, p[1] % 12 + 1, 1) - dt.timedelta(days=1), "month"
    day = dt.date(*p)
    return day, day, "day"
