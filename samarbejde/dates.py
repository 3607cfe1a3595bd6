"""Dates as Danish users write them. Pure functions; the words come from the content."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

_FULL = (
    (re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("year", "month", "day")),
)
_DAY_MONTH = re.compile(r"(\d{1,2})[-./](\d{1,2})\.?")
_IN = re.compile(r"(\S+)\s+(\d{1,3})\s+(\S+)")


class NoSuchDate(ValueError):
    """Written as a date, but no such day exists (31-02-2026)."""


def parse_date(text: str, today: dt.date, words: Callable[[str], str] | None = None) -> dt.date:
    """`27-11-2026`, `27.11.2026`, `27/11/2026`, `2026-11-27`; `15-12` or `15/12` (the next
    such day); and, with the content's `words`: `i dag`, `i morgen`, `om 2 uger`, `fredag`
    (the next one). Raises NoSuchDate for a day that does not exist, ValueError otherwise."""
    text = " ".join(text.strip().lower().split())
    for pattern, order in _FULL:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return _day(parts["year"], parts["month"], parts["day"], text)
    match = _DAY_MONTH.fullmatch(text)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise NoSuchDate(text)
        for year in range(today.year, today.year + 9):  # 29-02: the next leap year
            if day <= calendar.monthrange(year, month)[1]:
                candidate = dt.date(year, month, day)
                if candidate >= today:
                    return candidate
        raise NoSuchDate(text)
    if words is not None:
        return _in_words(text, today, words)
    raise ValueError(text)


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NoSuchDate(text) from None


def _choices(words: Callable[[str], str], key: str) -> list[str]:
    return [w.strip().lower() for w in words(key).split(",") if w.strip()]


def _in_words(text: str, today: dt.date, words: Callable[[str], str]) -> dt.date:
    for offset, key in ((0, "date_words_today"), (1, "date_words_tomorrow")):
        if text in _choices(words, key):
            return today + dt.timedelta(days=offset)
    weekdays = _choices(words, "date_words_weekdays")  # Monday first
    for prefix in ["", *_choices(words, "date_words_next")]:
        name = text.removeprefix(prefix).strip() if prefix else text
        if name in weekdays:
            ahead = (weekdays.index(name) - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
    match = _IN.fullmatch(text)
    if match and match.group(1) in _choices(words, "date_words_in"):
        count, unit = int(match.group(2)), match.group(3)
        if unit in _choices(words, "date_words_days"):
            return today + dt.timedelta(days=count)
        if unit in _choices(words, "date_words_weeks"):
            return today + dt.timedelta(weeks=count)
        if unit in _choices(words, "date_words_months"):
            month = today.month - 1 + count
            year, month = today.year + month // 12, month % 12 + 1
            return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    raise ValueError(text)


def fmt_date(value: dt.date | None) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}" if value else ""  # year 1 too


def time_params(value: dt.datetime) -> dict[str, str]:
    """The parts of the content's `time_of_day` ("{date} kl. {hour}.{minute}")."""
    return {"date": fmt_date(value), "hour": f"{value.hour:02d}", "minute": f"{value.minute:02d}"}


def fmt_time(value: dt.datetime, texts: Callable[..., str]) -> str:
    """A time of day as Danish readers write it, "20-11-2026 kl. 14.05" (the content's
    `time_of_day`)."""
    return texts("time_of_day", **time_params(value))


def fmt_long_date(value: dt.date, texts: Callable[..., str]) -> str:
    """A date in words, "30. november 2026" (the content's `date_long` and `month_names`)."""
    months = [m.strip() for m in texts("month_names").split(",")]
    month = months[value.month - 1] if len(months) == 12 else f"{value.month:02d}"
    return texts("date_long", day=value.day, month=month, year=f"{value.year:04d}")
