"""What a guide step contributes to a report: its blocks, as plain data.

The steps build these (`StepKind.report_blocks`); the report model (`reports.report_model`)
puts them in order, and each renderer (Markdown and HTML templates, Word) shows them. Texts are
the user's and the guide's as they are; each renderer escapes them for its format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samarbejde.base.dates import fmt_date

# -- blocks: what a step contributes -------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """A date, with whether it had passed on the day the report was made."""

    date: dt.date
    overdue: bool

    @property
    def text(self) -> str:
        return fmt_date(self.date)


@dataclass(frozen=True)
class Marks:
    """Labelled points: (title, value, note)."""

    items: list[tuple[str, str, str]]
    kind: str = "marks"


@dataclass(frozen=True)
class Grid:
    """A table. The first column heads its row; `numbers` are right-aligned columns;
    `widths` are the columns' shares of the page width in per cent."""

    head: list[str]
    rows: list[list[str]]
    numbers: tuple[int, ...] = ()
    widths: tuple[int, ...] = ()
    kind: str = "grid"


@dataclass(frozen=True)
class Para:
    text: str
    style: str = ""  # "unrated"
    kind: str = "para"


@dataclass(frozen=True)
class Question:
    """A question and the user's answer; `label` is a card's title, set before it."""

    question: str
    answer: str
    label: str = ""
    kind: str = "question"


@dataclass(frozen=True)
class CheckEntry:
    number: int
    title: str
    points: list[str]
    done: bool
    note: str = ""
    evaluation: Dated | None = None


@dataclass(frozen=True)
class Checklist:
    items: list[CheckEntry]
    kind: str = "checklist"


@dataclass(frozen=True)
class Plan:
    """One partner's outreach plan (step 4)."""

    title: str  # "1. Frivilligcentret (Ræk ud først)"
    quadrant: str | None
    cards: list[Question]
    key_persons: str
    next_contact: Dated | None
    log: list[tuple[str, str]]  # (date, note)
    kind: str = "plan"


Block = Marks | Grid | Para | Question | Checklist | Plan


def dated(date: dt.date | None, today: dt.date) -> Dated | None:
    return Dated(date, date < today) if date is not None else None
