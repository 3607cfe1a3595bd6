"""Where a session stands: step statuses, checklist, next dates. Pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .content import ChecklistItem, Guide
from .grid import Ranked, prioritise
from .session import Partner, Session

DONE, STARTED, TODO = "done", "started", "todo"


def _has_data(session: Session, step_id: str) -> bool:
    if step_id == "foer":
        return bool(session.readiness)
    if step_id == "aktoerer":
        return bool(session.partners)
    if step_id == "prioriter":
        scored = any(p.interest is not None or p.influence is not None for p in session.partners)
        return scored or bool(session.answers.get(step_id))
    if step_id == "raek_ud":
        return any(plan.planned for plan in session.outreach.values())
    if step_id == "tjekliste":
        return bool(session.checklist)
    return any(v for v in session.answers.get(step_id, {}).values())


def step_status(session: Session, step_id: str) -> str:
    if step_id in session.completed:
        return DONE
    return STARTED if _has_data(session, step_id) else TODO


def steps_done(session: Session, guide: Guide) -> int:
    return sum(step_status(session, s.id) == DONE for s in guide.steps)


def ticked(session: Session, guide: Guide) -> int:
    return sum(
        session.checklist.get(i.id) is not None and session.checklist[i.id].done
        for i in guide.checklist
    )


def open_items(session: Session, guide: Guide) -> list[ChecklistItem]:
    return [
        i
        for i in guide.checklist
        if not (i.id in session.checklist and session.checklist[i.id].done)
    ]


def ranked(session: Session, guide: Guide) -> list[Ranked]:
    return prioritise(
        [(p.id, p.name, p.interest, p.influence) for p in session.partners],
        guide.diagram.high_from,
    )


def partners_in_order(session: Session, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
    """Every partner with its rank: the rated by priority, then the not yet rated in the
    order they were added."""
    by_id = {r.partner_id: r for r in ranked(session, guide)}
    rated = [(p, by_id[p.id]) for p in session.partners if p.id in by_id]
    rated.sort(key=lambda pair: pair[1].priority)
    return rated + [(p, None) for p in session.partners if p.id not in by_id]


def planned_in_order(session: Session, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
    """The partners on the outreach plan (step 4), in priority order."""
    return [
        (p, r)
        for p, r in partners_in_order(session, guide)
        if p.id in session.outreach and session.outreach[p.id].planned
    ]


class Upcoming(NamedTuple):
    partner_id: str
    partner: str
    date: dt.date
    overdue: bool


def next_contacts(session: Session, today: dt.date) -> list[Upcoming]:
    """The planned next contacts, soonest first; a date before today is overdue."""
    out = []
    for pid, plan in session.outreach.items():
        partner = session.partner(pid)
        if not plan.planned or plan.next_contact is None or partner is None:
            continue
        out.append(Upcoming(pid, partner.name, plan.next_contact, plan.next_contact < today))
    return sorted(out, key=lambda u: (u.date, u.partner.casefold()))


def next_evaluation(session: Session, guide: Guide) -> dt.date | None:
    for item in guide.checklist:
        state = session.checklist.get(item.id)
        if item.asks_date and state is not None and state.date is not None:
            return state.date
    return None


def resume_step(session: Session, guide: Guide) -> str:
    """The step to carry on with: the cursor's, or the first step not done."""
    ids = [s.id for s in guide.steps]
    if session.cursor.step in ids and session.cursor.step not in session.completed:
        return session.cursor.step
    return next((i for i in ids if i not in session.completed), ids[-1])
