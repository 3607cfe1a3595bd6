"""Dates for the past, and the Danish ways of writing a date that main did
not read (`3. december`, two-digit years, `uge 10`, `om en uge`, `i går`)."""

from __future__ import annotations

import datetime as dt

import pytest

from samarbejde.base.dates import NoSuchDate, parse_date
from samarbejde.guide.content import load_guide

MONDAY = dt.date(2026, 11, 30)  # the day of the report: "26/11 on 30-11-2026 gave 2027"


def words(key: str) -> str:
    return load_guide().texts(key)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/11", dt.date(2026, 11, 26)),  # the most recent 26 November, not 2027
        ("1/12", dt.date(2025, 12, 1)),  # not yet come this year: last year's
        ("30/11", MONDAY),  # today is not in the future
        ("i går", dt.date(2026, 11, 29)),
        ("i forgårs", dt.date(2026, 11, 28)),
        ("torsdag", dt.date(2026, 11, 26)),  # asked about the past: last Thursday
        ("3. november", dt.date(2026, 11, 3)),
        ("3. dec.", dt.date(2025, 12, 3)),
        ("uge 48", dt.date(2026, 11, 23)),
        ("uge 50", dt.date(2025, 12, 8)),  # not begun this year: last year's week 50
    ],
)
def test_in_a_question_about_the_past_a_date_without_year_is_the_most_recent(
    text: str, expected: dt.date
) -> None:
    assert parse_date(text, MONDAY, words, past=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/11", dt.date(2027, 11, 26)),  # a next contact: the next one, as before
        ("3. december", dt.date(2026, 12, 3)),
        ("3. dec.", dt.date(2026, 12, 3)),
        ("3 dec", dt.date(2026, 12, 3)),
        ("1. marts 2027", dt.date(2027, 3, 1)),
        ("1. Marts 2027", dt.date(2027, 3, 1)),
        ("03.12.26", dt.date(2026, 12, 3)),
        ("3/12-26", dt.date(2026, 12, 3)),
        ("3-12-27", dt.date(2027, 12, 3)),
        ("uge 10", dt.date(2027, 3, 8)),  # week 10 of 2026 is over: 2027's Monday
        ("uge 49", dt.date(2026, 11, 30)),
        ("uge 10 2027", dt.date(2027, 3, 8)),
        ("om en uge", dt.date(2026, 12, 7)),
        ("om et par dage", None),
        ("på torsdag", dt.date(2026, 12, 3)),
        ("næste torsdag", dt.date(2026, 12, 3)),
        ("torsdag", dt.date(2026, 12, 3)),
        ("i går", dt.date(2026, 11, 29)),
    ],
)
def test_danish_dates_everywhere(text: str, expected: dt.date | None) -> None:
    if expected is None:
        with pytest.raises(ValueError):
            parse_date(text, MONDAY, words)
        return
    assert parse_date(text, MONDAY, words) == expected


@pytest.mark.parametrize("text", ["32. december", "29. februar 2027", "uge 54", "31.02.26"])
def test_a_named_day_that_does_not_exist_is_named_so(text: str) -> None:
    with pytest.raises(NoSuchDate):
        parse_date(text, MONDAY, words)


@pytest.mark.parametrize("text", ["3. decembre", "3. de", "uge", "uge x"])
def test_what_only_looks_like_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, MONDAY, words)


class _Recorder:
    """A stand-in for the prompts: answers in turn, and what each question showed."""

    def __init__(self, *answers: object) -> None:
        self.answers, self.hints, self.questions = list(answers), [], []

    def text(self, message: str, default: str = "", **options: object) -> str:
        self.hints.append(options.get("hint", ""))
        return str(self.answers.pop(0))

    def select(self, message: str, choices, default=None, digits: bool = False):
        self.questions.append(message)
        return self.answers.pop(0)


def _flow(tmp_path, ask: _Recorder):
    from samarbejde.runner.flow import Flow
    from samarbejde.sessions.model import new_session
    from tests.helpers.program import NOW, quiet_env

    env = quiet_env(tmp_path)
    session = new_session("x", "kommune", NOW)
    return Flow(env, ask, session, env.store.path_for("x")), env  # type: ignore[arg-type]


def test_a_past_question_hints_past_examples_and_confirms_a_day_to_come(tmp_path) -> None:
    ask = _Recorder("26/11", "i morgen", False, "i går")
    flow, env = _flow(tmp_path, ask)
    assert flow.ask_date("Hvornår var kontakten?", None, past=True) == dt.date(2026, 11, 26)
    assert "i går" in ask.hints[0] and "24-11-2026" in ask.hints[0]  # examples from the past
    assert flow.ask_date("Hvornår var kontakten?", None, past=True) == dt.date(2026, 11, 26)
    assert ask.questions == ["Den dato er ikke kommet endnu (28-11-2026). Er det rigtigt?"]
    out = env.stdout.getvalue()
    assert "→ lørdag 28-11-2026 (bemærk: en weekenddag)" in out


def test_a_weekend_date_written_as_a_date_gets_a_remark(tmp_path) -> None:
    ask = _Recorder("29-11-2026")
    flow, env = _flow(tmp_path, ask)
    assert flow.ask_date("Næste kontakt?", None, future=True) == dt.date(2026, 11, 29)
    assert "Bemærk: 29-11-2026 er en søndag." in env.stdout.getvalue()
