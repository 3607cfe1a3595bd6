"""The session: what one collaboration effort holds, and the questions asked of it.

Validated by pydantic when loaded; keys this version does not know are kept (`extra`) and
written back. Pure data and logic: no files, no terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic import AfterValidator, Field, StrictBool, StrictInt, StrictStr, model_validator

from .grid import Ranked, prioritise
from .validation import Kept, unique_ids

if TYPE_CHECKING:
    from .content import ChecklistItem, Guide

SCHEMA_VERSION = 1
ROLES = ("kommune", "civilsamfund")


def _aware(value: dt.datetime) -> dt.datetime:
    """A time written without a zone (a hand edit) is the local time."""
    return value if value.tzinfo is not None else value.astimezone()


Moment = Annotated[dt.datetime, AfterValidator(_aware)]
Text = StrictStr
Score = StrictInt | None


class Readiness(Kept):
    status: Text = ""
    note: Text = ""


class Partner(Kept):
    id: Text
    name: Text
    kind: Text = "andet"
    contact: Text = ""
    brings: Text = ""
    interest: Score = None
    influence: Score = None

    @property
    def is_rated(self) -> bool:
        return self.interest is not None and self.influence is not None


class LogEntry(Kept):
    date: dt.date
    note: Text = ""


class Outreach(Kept):
    planned: StrictBool = True  # False: taken off the plan, answers kept
    cards: dict[Text, Text] = Field(default_factory=dict)
    key_persons: Text = ""
    next_contact: dt.date | None = None
    log: list[LogEntry] = Field(default_factory=list)


class CheckState(Kept):
    done: StrictBool = False
    note: Text = ""
    date: dt.date | None = None


class Cursor(Kept):
    """Where the user is now: the step and the question asked last."""

    step: Text = "foer"
    question: Text = ""
    draft: Text = ""  # files before drafts were kept per question; moved to `drafts` on load


class Upcoming(NamedTuple):
    partner_id: str
    partner: str
    date: dt.date
    overdue: bool


class Session(Kept):
    schema_version: StrictInt
    name: Text
    role: Literal[(*ROLES, "")]  # type: ignore[valid-type]  # "" until the user has chosen
    created: Moment
    updated: Moment
    organisation: Text = ""
    forms: list[Text] = Field(default_factory=list)
    cursor: Cursor = Field(default_factory=Cursor)
    completed: list[Text] = Field(default_factory=list)
    readiness: dict[Text, Readiness] = Field(default_factory=dict)
    answers: dict[Text, dict[Text, Text]] = Field(default_factory=dict)
    partners: Annotated[list[Partner], AfterValidator(unique_ids)] = Field(default_factory=list)
    outreach: dict[Text, Outreach] = Field(default_factory=dict)
    checklist: dict[Text, CheckState] = Field(default_factory=dict)
    # Per step not finished, the question the user was at; a detour elsewhere keeps it.
    left_at: dict[Text, Text] = Field(default_factory=dict)
    # What was typed at a question when the user stopped, by "step.question", until answered.
    drafts: dict[Text, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _from_a_single_cursor(self) -> Session:
        """A file from before `left_at` and `drafts`: its cursor says both."""
        c = self.cursor
        if c.question and c.step not in self.completed:
            self.left_at.setdefault(c.step, c.question)
        if c.draft:
            self.drafts.setdefault(f"{c.step}.{c.question}", c.draft)
            c.draft = ""
        return self

    # -- answers and partners ------------------------------------------------------------

    def answer(self, step_id: str, question_id: str) -> str:
        return self.answers.get(step_id, {}).get(question_id, "")

    def set_answer(self, step_id: str, question_id: str, value: str) -> None:
        self.answers.setdefault(step_id, {})[question_id] = value

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def new_partner_id(self) -> str:
        numbers = [int(p.id[1:]) for p in self.partners if re.fullmatch(r"p\d+", p.id)]
        return f"p{max(numbers, default=0) + 1}"

    def is_planned(self, partner_id: str) -> bool:
        """Is the partner on the outreach plan (step 4)?"""
        plan = self.outreach.get(partner_id)
        return plan is not None and plan.planned

    # -- the checklist -------------------------------------------------------------------

    def is_ticked(self, item_id: str) -> bool:
        state = self.checklist.get(item_id)
        return state is not None and state.done

    def ticked(self, guide: Guide) -> int:
        return sum(self.is_ticked(item.id) for item in guide.checklist)

    def open_items(self, guide: Guide) -> list[ChecklistItem]:
        return [item for item in guide.checklist if not self.is_ticked(item.id)]

    def next_evaluation(self, guide: Guide) -> dt.date | None:
        for item in guide.checklist:
            state = self.checklist.get(item.id)
            if item.asks_date and state is not None and state.date is not None:
                return state.date
        return None

    # -- priorities and dates ------------------------------------------------------------

    def ranked(self, guide: Guide) -> list[Ranked]:
        """The rated partners in priority order."""
        return prioritise(
            [(p.id, p.name, p.interest, p.influence) for p in self.partners],
            guide.diagram.high_from,
        )

    def partners_in_order(self, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
        """Every partner with its rank: the rated by priority, then the not yet rated in
        the order they were added."""
        by_id = {r.partner_id: r for r in self.ranked(guide)}
        rated = [(p, by_id[p.id]) for p in self.partners if p.id in by_id]
        rated.sort(key=lambda pair: pair[1].priority)
        return rated + [(p, None) for p in self.partners if p.id not in by_id]

    def planned_in_order(self, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
        """The partners on the outreach plan (step 4), in priority order."""
        return [(p, r) for p, r in self.partners_in_order(guide) if self.is_planned(p.id)]

    def next_contacts(self, today: dt.date) -> list[Upcoming]:
        """The planned next contacts, soonest first; a date before today is overdue."""
        out = []
        for pid, plan in self.outreach.items():
            partner = self.partner(pid)
            if not plan.planned or plan.next_contact is None or partner is None:
                continue
            out.append(Upcoming(pid, partner.name, plan.next_contact, plan.next_contact < today))
        return sorted(out, key=lambda u: (u.date, u.partner.casefold()))


def new_session(name: str, role: str, now: dt.datetime, organisation: str = "") -> Session:
    return Session(
        schema_version=SCHEMA_VERSION,
        name=name,
        role=role,  # type: ignore[arg-type]
        organisation=organisation,
        created=now,
        updated=now,
    )
