"""Step 4, Hvordan rækker vi ud på den bedste måde?: for each partner on the plan, the guide's
four cards answered, key persons, the next contact and a log of contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..content import Card, Guide, Step
from ..dates import fmt_date
from ..grid import Ranked
from ..model import LogEntry, Outreach, Partner, Session
from .base import StepKind, remaining

if TYPE_CHECKING:
    from ..report import Block, Plan
    from ..wizard import Flow

EXTRA = ("key_persons", "next_contact", "log")


def outreach_card(card: Card, guide: Guide, role: str | None = None) -> Panel:
    """A card of the guide. Advice for one role only is shown as it is to that role, and to
    the other (or in the guide, to both) marked as meant for that role."""
    text = Text(card.text)
    for for_role, advice in card.for_role.items():
        if for_role == role:
            text.append(" " + advice)
        else:
            label = guide.role(for_role).label  # the content's roles are checked
            text.append("\n" + guide.texts("card_for_other_role", role=label, text=advice))
    return Panel(text, title=Text(card.title, style="bold"), title_align="left")


def plan_keys(guide: Guide, pid: str) -> list[str]:
    return [f"{pid}.{c.id}" for c in guide.outreach_cards] + [f"{pid}.{f}" for f in EXTRA]


def choose_partners(flow: Flow, step: Step) -> None:
    s, t, g = flow.session, flow.t, flow.guide
    # a choice once made stands, even a choice of no one; the first time, the top quadrant
    has_plan = bool(s.outreach) or "raek_ud" in s.completed
    choices = []
    for p, r in s.partners_in_order(g):
        quadrant = g.quadrant_label(r.quadrant if r else None)
        if has_plan:
            checked = s.is_planned(p.id)
        else:
            checked = r is not None and r.quadrant == "raek_ud_foerst"
        choices.append((p.id, t("outreach_partner", name=p.name, quadrant=quadrant), checked))
    flow.at(step.id, "choose")
    chosen = flow.checkbox(t("outreach_choose"), choices)
    for p in s.partners:
        if p.id in chosen:
            s.outreach.setdefault(p.id, Outreach()).planned = True
        elif p.id in s.outreach:
            s.outreach[p.id].planned = False
    flow.save()


def contact_log(
    flow: Flow, step: Step, partner: Partner, plan: Outreach, resume_at: str = "log"
) -> None:
    """The contact log: shown, then entries added (date, then a short note) until done."""
    t, today = flow.t, flow.env.today()
    while True:
        if resume_at == "log":
            flow.say(t("outreach_log", name=partner.name), "bold")
            for entry in plan.log:
                flow.say(f"  {fmt_date(entry.date)}  {entry.note}")
            if not plan.log:
                flow.say("  " + t("outreach_log_empty"), "dim")
            flow.at(step.id, f"{partner.id}.log")
            choices = [("done", t("outreach_log_done")), ("add", t("outreach_log_add"))]
            if plan.log:
                choices += [("edit", t("outreach_log_edit")), ("remove", t("outreach_log_remove"))]
            action = flow.select(t("outreach_log_menu"), choices, "done")
            if action == "done":
                return
            if action in ("edit", "remove"):
                _change_entry(flow, plan, action)
                continue
            resume_at = "log_date"
        if resume_at == "log_date":
            flow.at(step.id, f"{partner.id}.log_date")
            when = flow.ask_date(t("outreach_log_date"), today, t("outreach_log_date_hint"))
            plan.log.append(LogEntry(date=when or today))
            flow.save()
        if plan.log:
            flow.at(step.id, f"{partner.id}.log_note")
            plan.log[-1].note = flow.text(t("outreach_log_note"), plan.log[-1].note)
            if not plan.log[-1].note:  # nothing said about the contact: nothing to keep
                plan.log.pop()
                flow.say(t("outreach_log_not_kept"), "dim")
            flow.save()
        resume_at = "log"


def _change_entry(flow: Flow, plan: Outreach, action: str) -> None:
    """Correct or remove one line of the contact log."""
    t = flow.t
    choices = [(str(i), f"{fmt_date(e.date)}  {e.note}") for i, e in enumerate(plan.log)]
    choices.append(("back", t("actors_back")))
    chosen = flow.select(t("outreach_log_which"), choices)
    if chosen == "back":
        return
    index = int(chosen)
    entry = plan.log[index]
    if action == "remove":
        del plan.log[index]
    else:
        entry.date = flow.ask_date(t("outreach_log_date"), entry.date) or entry.date
        flow.save()
        entry.note = flow.text(t("outreach_log_note"), entry.note) or entry.note
    flow.save()


def plan_partner(
    flow: Flow,
    step: Step,
    partner: Partner,
    quadrant: str,
    keys: Sequence[str],
    log_at: str = "log",
) -> None:
    t, g = flow.t, flow.guide
    plan = flow.session.outreach[partner.id]
    title = Text(t("outreach_partner", name=partner.name, quadrant=quadrant), style="bold")
    flow.show(Text(), Rule(title, align="left", style="yellow"))
    cards = {c.id: c for c in g.outreach_cards}
    for key in keys:
        field_name = key.split(".", 1)[1]
        if field_name in cards:
            card = cards[field_name]
            flow.show(outreach_card(card, g, flow.session.role))
            flow.at(step.id, key)
            plan.cards[card.id] = flow.text(
                card.question, plan.cards.get(card.id, ""), multiline=True
            )
        elif field_name == "key_persons":
            flow.at(step.id, key)
            plan.key_persons = flow.text(t("outreach_ask_key_persons"), plan.key_persons)
        elif field_name == "next_contact":
            flow.at(step.id, key)
            plan.next_contact = flow.ask_date(
                t("outreach_ask_next_contact"), plan.next_contact, future=True
            )
        else:
            contact_log(flow, step, partner, plan, log_at)
        flow.save()


class Outreaching(StepKind):
    id = "raek_ud"

    def has_data(self, session: Session) -> bool:
        return any(plan.planned for plan in session.outreach.values())

    def missing(self, session: Session, guide: Guide) -> str:
        planned = session.planned_in_order(guide)
        if not session.partners:
            return ""  # nobody to reach out to: step 2 says what is missing
        if not planned:
            return guide.texts("missing_plan")
        empty = [p.name for p, _ in planned if not any(session.outreach[p.id].cards.values())]
        return guide.texts("missing_cards", names=", ".join(empty)) if empty else ""

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s, t, g = flow.session, flow.t, flow.guide
        if not s.partners:
            flow.say(t("outreach_no_partners"), "dim")
            return
        log_at = "log"
        if resume_key and resume_key.endswith((".log_date", ".log_note")):
            resume_key, log_at = resume_key.rsplit(".", 1)
            resume_key += ".log"
        planned = s.planned_in_order(g)
        if resume_key not in [k for p, _ in planned for k in plan_keys(g, p.id)]:
            choose_partners(flow, step)
            planned = s.planned_in_order(g)
            resume_key = None
        if not planned:
            flow.say(t("outreach_none_chosen"), "dim")
        for partner, r in planned:
            keys = plan_keys(g, partner.id)
            quadrant = g.quadrant_label(r.quadrant if r else None)
            if resume_key is None:
                plan_partner(flow, step, partner, quadrant, keys)
            elif resume_key in keys:  # the partner the user stopped at: from that question on
                plan_partner(flow, step, partner, quadrant, remaining(keys, resume_key), log_at)
                resume_key = None

    def guide_parts(self, guide: Guide) -> list[RenderableType]:
        return [outreach_card(c, guide) for c in guide.outreach_cards]

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        return [_plan(session, guide, p, r, today) for p, r in session.planned_in_order(guide)]


def _title(p: Partner, r: Ranked | None, guide: Guide) -> str:
    """A plan's heading: the priority number, the name and the quadrant."""
    quadrant = guide.quadrant_label(r.quadrant if r else None)
    return f"{r.priority}. {p.name} ({quadrant})" if r else f"{p.name} ({quadrant})"


def _plan(session: Session, guide: Guide, p: Partner, r: Ranked | None, today: dt.date) -> Plan:
    # the report model is needed only for a report: `list` and `summary` skip it
    from ..report import Plan, Question, dated

    plan = session.outreach[p.id]
    return Plan(
        title=_title(p, r, guide),
        quadrant=r.quadrant if r else None,
        cards=[
            Question(card.question, plan.cards.get(card.id, ""), label=card.title)
            for card in guide.outreach_cards
        ],
        key_persons=plan.key_persons,
        next_contact=dated(plan.next_contact, today),
        log=[(fmt_date(entry.date), entry.note) for entry in plan.log],
    )


STEP = Outreaching()
