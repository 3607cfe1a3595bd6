"""The facts of a session, built once: the one summary model.

The Rich summary (`views.summary.summary_view`), `summary --json` and the reports' overview
(`report_model`) all render a `Summary`. Its JSON form is `summary --json`'s fixed contract,
documented in the README (a test holds the README's example to this model); fields marked
`exclude` are for the views only and never reach the JSON."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from samarbejde import steps
from samarbejde.base.ids import DONE
from samarbejde.base.quadrants import Ranked
from samarbejde.guide.content import Guide
from samarbejde.sessions.health import rated
from samarbejde.sessions.model import LogEntry, Session


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class StepState(_Out):
    id: str
    title: str
    status: str  # done | started | todo
    from_guide: bool  # False: a step the guide does not have, the program's own
    program_note: str  # the line saying what in the step is the program's ("" for none)
    heading: str = Field(exclude=True)  # "3. Hvem skal vi så række ud til?"
    short_heading: str = Field(exclude=True)
    gap: str = Field(exclude=True)  # what is missing in a step gone through, or ""


class PartnerRow(_Out):
    id: str
    name: str
    interest: int | None
    influence: int | None
    quadrant: str | None  # None: not rated yet
    priority: int | None


class ItemState(_Out):
    id: str
    title: str
    done: bool
    note: str
    number: int = Field(exclude=True)  # as the guide prints it
    points: tuple[str, ...] = Field(exclude=True)


class ContactDate(_Out):
    partner: str
    date: dt.date
    overdue: bool
    partner_id: str = Field(exclude=True)


class LogLine(_Out):
    """A contact-log line: with whom, what, and who wrote it when ("Jonas, 12-01")."""

    partner: str
    note: str
    by: str  # "Jonas, 12-01", or the day alone for a line from before writers were recorded


class RoundScoreRow(_Out):
    partner: str
    interest: int
    influence: int


class RoundState(_Out):
    date: dt.date
    checklist_done: int
    ticked: list[str]
    scores: dict[str, RoundScoreRow]
    note: str
    next_evaluation: dt.date | None
    finished: bool
    ratings: dict[str, int] = {}  # the health check: item id -> rating (none: not rated)


class SectionState(_Out):
    id: str
    status: str  # in_place | partly | missing | not_relevant


class AgreementState(_Out):
    """The samarbejdsaftale like a scorecard: each section's state, and its period."""

    sections: list[SectionState]
    in_place: int
    of: int  # the sections that are relevant
    not_relevant: int  # counted apart, never as in place
    start: dt.date | None
    end: dt.date | None


class Travelled(_Out):
    """The way travelled between the last two finished rounds."""

    since: str  # "Siden 20-11-2026:"
    lines: list[str]  # "Tjekliste: 3 → 5 af 6", "Ældresagen: Gå sammen → Ræk ud først"
    moved: bool  # did any partner change quadrant?


class Summary(_Out):
    name: str
    role: str
    organisation: str
    updated: dt.datetime
    steps: list[StepState]
    partners: list[PartnerRow]  # in priority order; the not yet rated last
    checklist: list[ItemState]  # every item, in the guide's order
    next_contacts: list[ContactDate]  # soonest first
    next_evaluation: dt.date | None
    rounds: list[RoundState]  # oldest first
    agreement: AgreementState | None  # None: no agreement drafted

    # -- for the views only --
    role_label: str = Field(exclude=True)
    forms: list[str] = Field(exclude=True)  # the forms' labels
    ranked: list[Ranked] = Field(exclude=True)  # the rated partners, for the board
    unrated: list[str] = Field(exclude=True)  # names of the partners not rated yet
    today: dt.date = Field(exclude=True)
    travelled: Travelled | None = Field(exclude=True)
    open_round: dt.date | None = Field(exclude=True)  # the date of a round not finished
    last_log: list[LogLine] = Field(default_factory=list, exclude=True)  # the latest first

    @field_serializer("updated")
    def _iso(self, value: dt.datetime) -> str:
        return value.isoformat()  # "+01:00", and "+00:00" rather than "Z"

    # -- questions the views ask ----------------------------------------------------------

    @property
    def steps_done(self) -> int:
        return sum(s.status == DONE for s in self.steps)

    @property
    def open_items(self) -> list[ItemState]:
        return [item for item in self.checklist if not item.done]

    @property
    def evaluation_overdue(self) -> bool:
        return self.next_evaluation is not None and self.next_evaluation < self.today

    @property
    def overdue(self) -> bool:
        """Is a next contact or the next evaluation past?"""
        return self.evaluation_overdue or any(c.overdue for c in self.next_contacts)

    @property
    def evaluation_due(self) -> bool:
        """Is it time for the next evaluation, and no round open?"""
        e = self.next_evaluation
        return e is not None and e <= self.today and self.open_round is None

    def json_data(self) -> dict[str, object]:
        """The stable `--json` form (documented in the README)."""
        return self.model_dump(mode="json")


LOG_LINES = 3  # the latest contact-log lines the summary shows


def by_line(entry: LogEntry) -> str:
    """ "Jonas, 12-01": who wrote a contact-log line and the day (without the year); the day
    alone for a line from before the program recorded writers."""
    day = f"{entry.date.day:02d}-{entry.date.month:02d}"
    return f"{entry.by}, {day}" if entry.by else day


def build(session: Session, guide: Guide, today: dt.date) -> Summary:
    """Every fact the summary, its JSON form and the reports' overview show."""
    ranked = session.ranked(guide)
    by_id = {r.partner_id: r for r in ranked}
    names = {p.id: p.name for p in session.partners}
    step_states = []
    for step in guide.steps:
        kind = steps.kind(step.id)
        step_states.append(
            StepState.model_construct(
                id=step.id,
                title=step.title,
                status=kind.status(session, guide),
                from_guide=step.from_guide,
                program_note=step.program_note,
                heading=step.heading,
                short_heading=step.short_heading,
                gap=kind.missing(session, guide) if step.id in session.completed else "",
            )
        )
    partners = [
        PartnerRow.model_construct(
            id=p.id,
            name=p.name,
            interest=p.interest,
            influence=p.influence,
            quadrant=r.quadrant if r else None,
            priority=r.priority if r else None,
        )
        for p, r in session.partners_in_order(guide)
    ]
    checklist = [
        ItemState.model_construct(
            id=item.id,
            title=item.title,
            done=session.is_ticked(item.id),
            note=session.checklist[item.id].note if item.id in session.checklist else "",
            number=number,
            points=tuple(item.points),
        )
        for number, item in enumerate(guide.checklist, 1)
    ]
    contacts = [
        ContactDate.model_construct(
            partner=u.partner, date=u.date, overdue=u.overdue, partner_id=u.partner_id
        )
        for u in session.next_contacts(today)
    ]
    rounds = [
        RoundState.model_construct(
            date=r.date,
            checklist_done=r.checklist_done(guide),
            ticked=[item.id for item in guide.checklist if item.id in r.ticked],
            scores={
                p.id: RoundScoreRow.model_construct(
                    partner=p.name, interest=sc.interest, influence=sc.influence
                )
                for p, sc in session.round_scores(r)
            },
            note=r.note,
            next_evaluation=r.next_evaluation,
            finished=r.finished,
            ratings=rated(r, guide),
        )
        for r in session.rounds
    ]
    way = session.travelled(guide)
    unfinished = session.open_round()
    names_by_id = {p.id: p.name for p in session.partners}
    logged = [(e.date, n, e, names_by_id[pid]) for pid, plan in session.outreach.items()
              if pid in names_by_id for n, e in enumerate(plan.log)]  # fmt: skip
    logged.sort(key=lambda row: row[:2], reverse=True)  # of a day, the line written last first
    last_log = [LogLine.model_construct(partner=name, note=e.note, by=by_line(e))
                for _, _, e, name in logged[:LOG_LINES]]  # fmt: skip
    agreement = None
    if session.agreement is not None:
        states = session.agreement_statuses(guide)
        agreement = AgreementState.model_construct(
            sections=[SectionState.model_construct(id=i, status=state) for i, state in states],
            in_place=sum(state == "in_place" for _, state in states),
            of=sum(state != "not_relevant" for _, state in states),
            not_relevant=sum(state == "not_relevant" for _, state in states),
            start=session.agreement.start,
            end=session.agreement.end,
        )
    return Summary.model_construct(
        name=session.name,
        role=session.role,
        organisation=session.organisation,
        updated=session.updated,
        steps=step_states,
        partners=partners,
        checklist=checklist,
        next_contacts=contacts,
        next_evaluation=session.next_evaluation(guide),
        rounds=rounds,
        agreement=agreement,
        role_label=guide.role_label(session.role),
        forms=[guide.label(guide.forms, f) for f in session.forms],
        ranked=ranked,
        unrated=[names[p.id] for p in session.partners if p.id not in by_id],
        today=today,
        travelled=Travelled.model_construct(since=way[0], lines=way[1], moved=way[2])
        if way
        else None,
        open_round=unfinished.date if unfinished else None,
        last_log=last_log,
    )
