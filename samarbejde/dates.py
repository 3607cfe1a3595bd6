"""Dates as Danish users write them. Pure functions."""

from __future__ import annotations

import datetime as dt
import re

_FORMS = (
    (re.compile(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("year", "month", "day")),
)


def parse_date(text: str) -> dt.date:
    """27-11-2026, 27.11.2026 or 2026-11-27 -> a date; anything else raises ValueError."""
    text = text.strip()
    for pattern, order in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return dt.date(parts["year"], parts["month"], parts["day"])
    raise ValueError(text)


def fmt_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def fmt_time(value: dt.datetime) -> str:
    return value.strftime("%d-%m-%Y %H:%M")
