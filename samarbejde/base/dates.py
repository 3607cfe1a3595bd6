"""Dates as Danish users write them. Pure functions; the words come from the content."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

Words = Callable[[str], str]

_FULL = (
    (re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("year", "month", "day")),
    # two-digit years: 03.12.26, 3/12-26 (this century)
    (re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{2})"), ("day", "month", "short_year")),
)
_DAY_MONTH = re.compile(r"(\d{1,2})[-./](\d{1,2})\.?")
_DAY_NAMED_MONTH = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?(?:\s+(\d{4}))?")  # 3. dec. 2026
_IN = re.compile(r"(\S+)\s+(\S+)\s+(\S+)")
_WEEK = re.compile(r"(\S+)\s*(\d{1,2})(?:\s+(\d{4}))?")  # uge 10, uge 10 2027


class NoSuchDate(ValueError):
    """Written as a date, but no such day exists (31-02-2026)."""


class TooFar(ValueError):
    """A day that exists, but too far from today to be meant (`om 3000000 dage`, 01-01-0001):
    outside FIRST_YEAR..LAST_YEAR, where no collaboration is planned or logged."""


FIRST_YEAR, LAST_YEAR = 1900, 2200


def parse_date(
    text: str, today: dt.date, words: Words | None = None, past: bool = False
) -> dt.date:
    """`27-11-2026`, `27.11.2026`, `27/11/2026`, `2026-11-27`, `03.12.26`; `15-12` or `15/12`;
    and, with the content's `words`: `3. december`, `3. dec.`, `1. marts 2027`, `i dag`,
    `i morgen`, `i går`, `i forgårs`, `om 2 uger`, `om en uge`, `uge 10` (its Monday),
    `fredag`, `på fredag`. A date without a year is the next such day, or with `past` (a
    question about what happened) the most recent one; so is a bare weekday. Raises
    NoSuchDate for a day that does not exist, TooFar for one outside FIRST_YEAR..LAST_YEAR,
    ValueError otherwise."""
    value = _parse(" ".join(text.strip().lower().split()), today, words, past)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise TooFar(text)
    return value


def _parse(text: str, today: dt.date, words: Words | None, past: bool) -> dt.date:
    for pattern, order in _FULL:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            year = parts.get("year", 2000 + parts.get("short_year", 0))
            return _day(year, parts["month"], parts["day"], text)
    match = _DAY_MONTH.fullmatch(text)
    if match:
        return _without_year(int(match.group(1)), int(match.group(2)), today, past, text)
    if words is not None:
        return _in_words(text, today, words, past)
    raise ValueError(text)


def _without_year(day: int, month: int, today: dt.date, past: bool, text: str) -> dt.date:
    """The next such day (29-02: the next leap year), or with `past` the most recent one."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise NoSuchDate(text)
    years = range(today.year, today.year - 9, -1) if past else range(today.year, today.year + 9)
    for year in years:
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if (candidate <= today) if past else (candidate >= today):
                return candidate
    raise NoSuchDate(text)


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NoSuchDate(text) from None


def _choices(words: Words, key: str) -> list[str]:
    return [w.strip().lower() for w in words(key).split(",") if w.strip()]


def _month(name: str, words: Words) -> int | None:
    """A month by its name or a start of it of three letters or more (`dec`, `sept`)."""
    names = _choices(words, "date_words_month_names")
    for number, full in enumerate(names, start=1):
        if name == full or (len(name) >= 3 and full.startswith(name)):
            return number
    return None


def _in_words(text: str, today: dt.date, words: Words, past: bool) -> dt.date:
    for offset, key in (
        (0, "date_words_today"),
        (1, "date_words_tomorrow"),
        (-1, "date_words_yesterday"),
        (-2, "date_words_day_before_yesterday"),
    ):
        if text in _choices(words, key):
            return today + dt.timedelta(days=offset)
    match = _DAY_NAMED_MONTH.fullmatch(text)
    if match and (month := _month(match.group(2), words)) is not None:
        day = int(match.group(1))
        if match.group(3):
            return _day(int(match.group(3)), month, day, text)
        return _without_year(day, month, today, past, text)
    weekdays = _choices(words, "date_words_weekdays")  # Monday first
    if text in weekdays and past:  # "torsdag", asked about the past: the last one
        back = (today.weekday() - weekdays.index(text)) % 7 or 7
        return today - dt.timedelta(days=back)
    for prefix in ["", *_choices(words, "date_words_next")]:
        name = text.removeprefix(prefix).strip() if prefix else text
        if name in weekdays:
            ahead = (weekdays.index(name) - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
    match = _WEEK.fullmatch(text)
    if match and match.group(1) in _choices(words, "date_words_week"):
        return _week_monday(int(match.group(2)), match.group(3), today, past, text)
    match = _IN.fullmatch(text)
    if match and match.group(1) in _choices(words, "date_words_in"):
        amount = match.group(2)
        if amount.isascii() and amount.isdigit():  # not ² or ①, which int() refuses
            count = int(amount)
        elif amount in _choices(words, "date_words_one"):
            count = 1
        else:
            raise ValueError(text)
        unit = match.group(3)
        days = _choices(words, "date_words_days")
        weeks = _choices(words, "date_words_weeks")
        months = _choices(words, "date_words_months")
        if unit in days + weeks + months and count > 366 * (LAST_YEAR - FIRST_YEAR):
            raise TooFar(text)  # before timedelta or date can overflow
        if unit in days:
            return today + dt.timedelta(days=count)
        if unit in weeks:
            return today + dt.timedelta(weeks=count)
        if unit in months:
            month = today.month - 1 + count
            year, month = today.year + month // 12, month % 12 + 1
            if year > LAST_YEAR:
                raise TooFar(text)
            return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    raise ValueError(text)


def _week_monday(
    week: int, year_text: str | None, today: dt.date, past: bool, text: str
) -> dt.date:
    """The Monday of an ISO week; without a year, this year's, or the next year's once the
    week is over (with `past`: last year's when it has not begun)."""

    def monday(year: int) -> dt.date:
        try:
            return dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise NoSuchDate(text) from None

    if year_text:
        return monday(int(year_text))
    year = today.isocalendar().year
    candidate = monday(year)
    if past and candidate > today:
        return monday(year - 1)
    if not past and candidate + dt.timedelta(days=6) < today:
        return monday(year + 1)
    return candidate


def is_weekend(value: dt.date) -> bool:
    return value.weekday() >= 5


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
