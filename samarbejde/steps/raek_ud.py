"""Step 4, Hvordan rækker vi ud på den bedste måde?: for each partner on the plan, the guide's
four cards answered, key persons, the next contact and a log of contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import RenderableType
from rich.rule import Rule
from rich.text import Text

from samarbejde.base.dates import fmt_date
from samarbejde.base.ids import REACH_OUT
from samarbejde.base.quadrants import Ranked
from samarbejde.base.terminal import Titled, command_line
from samarbejde.guide.content import Card, Guide, Step
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec, slots, text
from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session
from samarbejde.steps.base import StepKind
from samarbejde.steps.blocks import Block, Para, Plan, Question, dated

PLANS_SHOWN = 100  # outreach plans in a report, each a section of its own: the rest are counted


def outreach_card(card: Card, guide: Guide, role: str | None = None) -> Titled:
    """A card of the guide. Advice for one role only is shown as it is to that role, and to
    the other (or in the guide, to both) marked as meant for that role."""
    text = Text(card.text)
    for for_role, advice in card.for_role.items():
        if for_role == role:
            text.append(" " + advice)
        else:
            label = guide.role(for_role).label  # the content's roles are checked
            text.append("\n" + guide.texts("card_for_other_role", role=label, text=advice))
    return Titled(text, Text(card.title, style="bold"), title_align="left")


def choose() -> QuestionSpec:
    """Which partners to plan for. A choice once made stands, even a choice of no one; the
    first time, the top quadrant is ticked."""

    def choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
        s, t, g = flow.session, flow.t, flow.guide
        has_plan = bool(s.outreach) or "raek_ud" in s.completed
        out = []
        for p, r in s.partners_in_order(g):
            quadrant = g.quadrant_label(r.quadrant if r else None)
            checked = (
                s.is_planned(p.id) if has_plan else r is not None and r.quadrant == REACH_OUT[0]
            )
            out.append((p.id, t("outreach_partner", name=p.name, quadrant=quadrant), checked))
        return out

    def put(flow: FlowContext, item: None, chosen: list[str]) -> None:
        s = flow.session
        decided = {p.id for p in s.without_plan(flow.guide)}  # a priority left out: said so
        for p in s.partners:
            if p.id in chosen:
                s.outreach.setdefault(p.id, Outreach()).planned = True
            elif p.id in s.outreach or p.id in decided:
                s.outreach.setdefault(p.id, Outreach()).planned = False

    return QuestionSpec("choose", "checkbox", lambda flow, item: flow.t("outreach_choose"), put=put,
               choices=choices)  # fmt: skip


def choose_missing() -> QuestionSpec:
    """Partners that became a priority after step 4 was done: plan them, or decide not to
    (kept as taken off the plan, so they are not asked about again)."""

    def choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
        g, ranks = flow.guide, {r.partner_id: r for r in flow.session.ranked(flow.guide)}
        return [(p.id, flow.t("outreach_partner", name=p.name,
                              quadrant=g.quadrant_label(ranks[p.id].quadrant)), True)
                for p in flow.session.without_plan(g)]  # fmt: skip

    def put(flow: FlowContext, item: None, chosen: list[str]) -> None:
        s = flow.session
        for p in s.without_plan(flow.guide):
            s.outreach[p.id] = Outreach(planned=p.id in chosen)

    def intro(flow: FlowContext, item: None) -> list[Text]:
        return [Text(flow.t("outreach_missing_intro"), style="bold")]

    label = lambda flow, item: flow.t("outreach_choose_missing")  # noqa: E731
    return QuestionSpec("choose_missing", "checkbox", label, put=put, choices=choices, show=intro)


def _plan(flow: FlowContext, p: Partner) -> Outreach:
    return flow.session.outreach[p.id]


def _card(card: Card) -> QuestionSpec:
    def put(flow: FlowContext, p: Partner, value: str) -> None:
        _plan(flow, p).cards[card.id] = value

    return text(
        card.id,
        lambda flow, p: card.question,
        lambda flow, p: _plan(flow, p).cards.get(card.id, ""),
        put,
        multiline=True,
        show=lambda flow, p: [outreach_card(card, flow.guide, flow.session.role)],
    )


def _title(flow: FlowContext, p: Partner) -> list[RenderableType]:
    r = {r.partner_id: r for r in flow.session.ranked(flow.guide)}.get(p.id)
    quadrant = flow.guide.quadrant_label(r.quadrant if r else None)
    title = Text(flow.t("outreach_partner", name=p.name, quadrant=quadrant), style="bold")
    return [Text(), Rule(title, align="left", style="yellow")]


def plan_specs(guide: Guide, partners: Sequence[Partner]) -> Each:
    """Each partner's plan: the guide's four cards, key persons, the next contact, the log."""
    return Each(
        lambda flow: [(p.id, p) for p in partners],
        (
            *(_card(card) for card in guide.outreach_cards),
            text(
                "key_persons",
                lambda flow, p: flow.t("outreach_ask_key_persons"),
                lambda flow, p: _plan(flow, p).key_persons,
                lambda flow, p, value: setattr(_plan(flow, p), "key_persons", value),
            ),
            QuestionSpec(
                "next_contact",
                "date",
                lambda flow, p: flow.t("outreach_ask_next_contact"),
                lambda flow, p: _plan(flow, p).next_contact,
                lambda flow, p, value: setattr(_plan(flow, p), "next_contact", value),
                dates="future",
            ),
            QuestionSpec(
                "log", "call", lambda flow, p: "", call=_log, inner=("log_date", "log_note")
            ),
        ),
        intro=_title,
    )


def _log_date(flow: FlowContext, p: Partner, value: dt.date) -> None:
    _plan(flow, p).log.append(LogEntry(date=value, by=flow.user))


def _log_note(flow: FlowContext, p: Partner, value: str) -> None:
    log = _plan(flow, p).log
    log[-1].note = value
    if not value:  # nothing said about the contact: nothing to keep
        log.pop()
        flow.say(flow.t("outreach_log_not_kept"), "dim")


LOG_ENTRY = (
    QuestionSpec(
        "log_date",
        "date",
        lambda flow, p: flow.t("outreach_log_date"),
        lambda flow, p: flow.today(),
        _log_date,
        dates="past",  # what happened: 26/11 is the last 26 November, the hint says so
        empty_is_today=True,
    ),
    text(
        "log_note",
        lambda flow, p: flow.t("outreach_log_note"),
        lambda flow, p: _plan(flow, p).log[-1].note,
        _log_note,
        when=lambda flow, p: bool(_plan(flow, p).log),
    ),
)


def _log(flow: FlowContext, partner: Partner, resume: str | None) -> None:
    """The contact log: shown, then entries added (date, then a short note) until done."""
    t, plan, where = flow.t, _plan(flow, partner), flow.session.cursor.step
    entry = Each(lambda flow: [(partner.id, partner)], LOG_ENTRY)
    menu = f"{partner.id}.log"
    if resume is not None:  # stopped in a new entry
        flow.run(where, [entry], resume, then=menu)
    while True:
        flow.say(t("outreach_log", name=partner.name), "bold")
        for line in plan.log:
            flow.say(f"  {fmt_date(line.date)}  {line.note}")
        if not plan.log:
            flow.say("  " + t("outreach_log_empty"), "dim")
        flow.at(where, menu)
        choices = [("done", t("outreach_log_done")), ("add", t("outreach_log_add"))]
        if plan.log:
            choices += [("edit", t("outreach_log_edit")), ("remove", t("outreach_log_remove"))]
        action = flow.select(t("outreach_log_menu"), choices, "done")
        if action == "done":
            return
        if action in ("edit", "remove"):
            _change_entry(flow, plan, action)
        else:
            flow.run(where, [entry], then=menu)


def _change_entry(flow: FlowContext, plan: Outreach, action: str) -> None:
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
        ago = flow.today() - dt.timedelta(days=3)  # as the hint for a new entry says it
        hint = t("outreach_log_date_hint_edit", example=fmt_date(ago))
        entry.date = (
            flow.ask_date(t("outreach_log_date"), entry.date, hint, past=True) or entry.date
        )
        flow.save()
        entry.note = flow.text(t("outreach_log_note"), entry.note) or entry.note
    flow.save()


class Outreaching(StepKind):
    id = "raek_ud"

    def has_data(self, session: Session) -> bool:
        return any(plan.planned for plan in session.outreach.values())

    def missing(self, session: Session, guide: Guide) -> str:
        planned = session.planned_in_order(guide)
        if not session.partners:
            return ""  # nobody to reach out to: step 2 says what is missing
        lacking = session.without_plan(guide)
        if lacking:  # a priority since step 4 was done: never left without a plan
            return guide.texts(
                "missing_plan_for", names=guide.texts.listed([p.name for p in lacking])
            )
        if not planned:
            return guide.texts("missing_plan")
        empty = [p.name for p, _ in planned if not any(session.outreach[p.id].cards.values())]
        return guide.texts("missing_cards", names=guide.texts.listed(empty)) if empty else ""

    def run(self, flow: FlowContext, step: Step, resume_key: str | None) -> None:
        s, t, g = flow.session, flow.t, flow.guide
        if not s.partners:
            flow.say(t("outreach_no_partners", step=g.step_number("aktoerer")), "dim")
            return
        plans = plan_specs(g, [p for p, _ in s.planned_in_order(g)])
        known = _keys(flow, plans)
        if resume_key not in known and "raek_ud" in s.completed and s.without_plan(g):
            lacking = s.without_plan(g)  # just those, not every card of every partner again
            flow.run(step.id, [choose_missing()])
            flow.run(step.id, [plan_specs(g, [p for p in lacking if s.is_planned(p.id)])])
            return
        if resume_key not in known:  # from the start: who is on the plan?
            flow.run(step.id, [choose()])
            plans = plan_specs(g, [p for p, _ in s.planned_in_order(g)])
            resume_key = None
            if not s.planned_in_order(g):
                flow.say(t("outreach_none_chosen"), "dim")
        flow.run(step.id, [plans], resume_key)

    def guide_parts(self, guide: Guide, plain: bool = False) -> list[RenderableType]:
        return [outreach_card(c, guide) for c in guide.outreach_cards]

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
        """The first PLANS_SHOWN plans, each a section; the rest counted, with the command
        that shows them all (a plan not shown is not made: 2,107 of them took 0.15 s)."""
        planned = session.planned_in_order(guide)
        blocks: list[Block] = [
            _report_plan(session, guide, p, r, today) for p, r in planned[:PLANS_SHOWN]
        ]
        if len(planned) > PLANS_SHOWN:
            command = command_line("samarbejde", "resume", session.name)
            more = len(planned) - PLANS_SHOWN
            blocks.append(
                Para(guide.texts("report_plans_more", count=more, command=command), "unrated")
            )
        return blocks + _no_plan_yet(session, guide)


def _heading(p: Partner, r: Ranked | None, guide: Guide) -> str:
    """A plan's heading: the priority number, the name and the quadrant."""
    quadrant = guide.quadrant_label(r.quadrant if r else None)
    return f"{r.priority}. {p.name} ({quadrant})" if r else f"{p.name} ({quadrant})"


def _report_plan(
    session: Session, guide: Guide, p: Partner, r: Ranked | None, today: dt.date
) -> Plan:
    plan = session.outreach[p.id]
    return Plan(
        title=_heading(p, r, guide),
        quadrant=r.quadrant if r else None,
        cards=[
            Question(card.question, plan.cards.get(card.id, ""), label=card.title)
            for card in guide.outreach_cards
        ],
        key_persons=plan.key_persons,
        next_contact=dated(plan.next_contact, today),
        # by date: a call logged afterwards ("i går") stands where it happened
        log=[(fmt_date(e.date), e.note) for e in sorted(plan.log, key=lambda e: e.date)],
    )


def _no_plan_yet(session: Session, guide: Guide) -> list[Block]:
    """Partners that should have a plan and have none: shown, never skipped."""
    ranks = {r.partner_id: r for r in session.ranked(guide)}
    return [
        Para(
            guide.texts("report_no_plan_yet", title=_heading(p, ranks.get(p.id), guide)),
            style="unrated",
        )
        for p in session.without_plan(guide)
    ]


STEP = Outreaching()


def _keys(flow: FlowContext, plans: Each) -> list[str]:
    """Every key a stop in the partners' plans can have saved (the log's too)."""
    found = slots(flow, [plans])
    inner = [k for slot in found for k in (f"{slot.item_key}.{i}" for i in slot.question.inner)]
    return [slot.key for slot in found] + inner
