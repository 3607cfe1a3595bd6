"""An evaluation round (`samarbejde evaluate`), the guide's *Evaluer og juster løbende*: the
checklist ticked again, each rated partner's two scores confirmed or changed, the health
check (`flows.health`: each item rated on the guide's scale), what the collaboration adjusts,
and the date of the next evaluation.

Each round is dated and kept beside the earlier ones (the first evaluation keeps the wizard's
own checklist and scores as round zero). While a round is asked, the session's current state
follows it, so the summary, the agenda and the reports show the latest. The round is a flow
of question specs asked by the runner: a stop at any question is resumed at that question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from rich.rule import Rule
from rich.text import Text

from samarbejde.base import quadrants
from samarbejde.base.dates import fmt_date
from samarbejde.base.errors import ExitCode
from samarbejde.base.ids import AXES, EVALUATE, REACH_OUT
from samarbejde.base.terminal import command_line
from samarbejde.flows import health
from samarbejde.flows.contact import ask_contact, ask_next_contact
from samarbejde.guide.content import Guide
from samarbejde.reports import summary
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.lifecycle import detour, open_flow
from samarbejde.runner.questions import Each, FlowContext, Prompter, QuestionSpec, Spec, text
from samarbejde.sessions.model import (
    AgreementPart,
    CheckState,
    Outreach,
    Partner,
    Round,
    RoundScore,
    Session,
)
from samarbejde.steps.prioriter import first_score, rating
from samarbejde.steps.tjekliste import ticks
from samarbejde.views import summary as summary_views

# Up to this many rated partners, a round asks every score again; with more, it first asks
# which partners to rate again (a session of 60 partners is not 120 questions every time).
RATE_ALL_UP_TO = 6


def begin(session: Session, guide: Guide, today: dt.date) -> Round:
    """The unfinished round, or a new one dated today. Before the first evaluation, the
    wizard's checklist, scores and agreement become round zero, dated the day the guide was
    finished."""
    unfinished = session.open_round()
    if unfinished is not None:
        return unfinished
    if not session.rounds:
        session.rounds.append(session.snapshot(session.guide_finished(guide), guide))
    session.left_at.pop(EVALUATE, None)
    for key in [k for k in session.drafts if k.startswith(EVALUATE + ".")]:
        del session.drafts[key]
    new = Round(date=today)
    session.rounds.append(new)
    return new


def _current(flow: FlowContext) -> Round:
    current = flow.session.open_round()
    assert current is not None  # the round is begun before it is asked
    return current


def _rated(flow: FlowContext) -> list[Partner]:
    return [p for p in flow.session.partners if p.is_rated]


def _quadrant(flow: FlowContext, p: Partner) -> str:
    high = flow.guide.diagram.high_from
    return flow.guide.quadrant_label(quadrants.quadrant(p.interest or 0, p.influence or 0, high))


def _reviewed(flow: FlowContext, p: Partner) -> bool:
    """Is the partner rated again in this round (all are, unless the round asked which)?"""
    chosen = _current(flow).reviewed
    return chosen is None or p.id in chosen


def _ticked(flow: FlowContext) -> None:
    _current(flow).ticked = flow.session.ticked_ids(flow.guide)


def _which() -> QuestionSpec:
    """Which partners to rate again, when there are many; none ticked keeps every score."""

    def choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
        return [(p.id, f"{p.name} ({_quadrant(flow, p)})", False) for p in _rated(flow)]

    def put(flow: FlowContext, item: None, chosen: list[str]) -> None:
        current = _current(flow)
        current.reviewed = chosen
        for p in _rated(flow):  # every rated partner is in the round, the chosen ones may change
            current.scores[p.id] = RoundScore(interest=p.interest, influence=p.influence)  # type: ignore[arg-type]

    return QuestionSpec(
        "which",
        "checkbox",
        lambda flow, item: flow.t("evaluate_ask_which", count=len(_rated(flow))),
        put=put,
        choices=choices,
        when=lambda flow, item: len(_rated(flow)) > RATE_ALL_UP_TO,
        show=lambda flow, item: [Text(flow.t("evaluate_which_hint"), style="dim")],
    )


def _holds() -> QuestionSpec:
    """Does the samarbejdsaftale hold? Its sections ticked as they stand now; the round keeps
    each section's state, so the way travelled shows the agreement growing."""

    def choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
        states = dict(flow.session.agreement_statuses(flow.guide))
        return [  # an empty or not relevant section cannot be in place: left out here
            (s.id, s.title, states.get(s.id) == "in_place")
            for s in flow.session.agreement_sections(flow.guide)
            if states.get(s.id) not in ("missing", "not_relevant")
        ]

    def put(flow: FlowContext, item: None, ticked: list[str]) -> None:
        agreement = flow.session.agreement
        assert agreement is not None
        offered = {value for value, _, _ in choices(flow, item)}
        for section in flow.session.agreement_sections(flow.guide):
            part = agreement.sections.setdefault(section.id, AgreementPart())
            if section.id in ticked and part.status != "not_relevant":
                part.status = "in_place"
            elif section.id in offered and section.id not in ticked:
                part.status = "partly"
        _current(flow).agreement = dict(flow.session.agreement_statuses(flow.guide))

    return QuestionSpec(
        "agreement",
        "checkbox",
        "evaluate_ask_agreement",
        put=put,
        choices=choices,
        when=lambda flow, item: flow.session.agreement is not None,
    )


def _score(flow: FlowContext, p: Partner, value: int) -> None:
    _current(flow).scores[p.id] = RoundScore(interest=p.interest, influence=p.influence)  # type: ignore[arg-type]  # rated: both are set


def _introduce(flow: FlowContext, p: Partner) -> list[Text]:
    """The partner whose scores come next, and its quadrant now."""
    asked = [r for r in _rated(flow) if _reviewed(flow, r)]
    text = flow.t("evaluate_partner", index=asked.index(p) + 1, count=len(asked), name=p.name,
                  quadrant=_quadrant(flow, p))  # fmt: skip
    return [Text(text, style="bold")]


def _last_note(flow: FlowContext, item: None) -> list[Text]:
    earlier = [r for r in flow.session.finished_rounds() if r.note]
    if not earlier:
        return []
    last = earlier[-1]
    return [Text(flow.t("evaluate_last_note", date=fmt_date(last.date), note=last.note),
                 style="italic")]  # fmt: skip


def _suggested_date(flow: FlowContext, item: None) -> dt.date | None:
    current, planned = _current(flow), flow.session.next_evaluation(flow.guide)
    return current.next_evaluation or (
        planned if planned is not None and planned > flow.today() else None
    )


def _next_date(flow: FlowContext, item: None, value: dt.date | None) -> None:
    _current(flow).next_evaluation = value
    for checklist_item in flow.guide.checklist:
        if checklist_item.asks_date:
            flow.session.checklist.setdefault(checklist_item.id, CheckState()).date = value


def follow_up_overdue(flow: FlowContext, item: None, inner: str | None) -> None:
    """Each overdue contact: log it (and move the next), move it, or leave it for now. A stop
    here asks again about the contacts still overdue, but not those the round skipped."""

    s, t = flow.session, flow.t
    skipped = _current(flow).skipped
    by_id = s.partners_by_id()  # the contacts followed up add and remove no partner
    for late in s.overdue_contacts(flow.today()):
        if late.partner_id in skipped:
            continue
        partner = by_id.get(late.partner_id)
        assert partner is not None  # next_contacts lists only partners the session has
        question = t("evaluate_overdue", partner=late.partner, date=fmt_date(late.date))
        choices = [("log", t("evaluate_overdue_log")), ("move", t("evaluate_overdue_move")),
                   ("skip", t("evaluate_overdue_skip"))]  # fmt: skip
        action = flow.select(question, choices, "log")
        if action == "log":
            assert isinstance(flow, Flow)
            ask_contact(flow, partner, own_command=False)
            flow.at(EVALUATE, "contacts")  # the contact's questions had the cursor
        elif action == "move":
            plan = s.outreach[partner.id]
            plan.next_contact = ask_next_contact(flow, plan.next_contact)
        else:
            skipped.append(partner.id)
        flow.save()


def offer_plans(flow: FlowContext, item: None, inner: str | None) -> None:
    """Partners now in "Ræk ud først" or "Tal ind i deres dagsorden" without a plan: a plan
    started (its next contact asked), or taken off the plan; none is left between steps."""

    s, t, g = flow.session, flow.t, flow.guide
    lacking = s.without_plan(g)
    if not lacking:
        return
    quadrants = t.listed([t("quoted", text=g.quadrant_label(q)) for q in REACH_OUT], "list_or")
    flow.say(t("evaluate_missing_intro", quadrants=quadrants), "bold")
    chosen = flow.checkbox(t("evaluate_choose_missing"), [(p.id, p.name, True) for p in lacking])
    for p in lacking:
        s.outreach[p.id] = Outreach(planned=p.id in chosen)
    flow.save()
    for p in lacking:
        if p.id in chosen:
            flow.say(p.name, "bold")
            plan = s.outreach[p.id]
            plan.next_contact = ask_next_contact(flow, plan.next_contact)
            flow.save()


def round_specs(session: Session) -> list[Spec]:
    """The questions of a round, in order: the ticks, which partners (when many), each rated
    partner's two scores (in the order the partners were added, which a change of score does
    not disturb), the health check, the note, the next date."""
    rated = [(p.id, p) for p in session.partners if p.is_rated]
    again = [rating(axis, _score) for axis in AXES]
    return [
        ticks("evaluate_ask_ticks", _ticked),
        _holds(),
        _which(),
        Each(
            lambda flow: rated,
            tuple(replace(a, when=_reviewed) for a in again),
            intro=_introduce,
            given=first_score,  # resumed at the second score: the first, as given
        ),
        QuestionSpec("contacts", "call", lambda flow, item: "", call=follow_up_overdue),
        QuestionSpec("plans", "call", lambda flow, item: "", call=offer_plans),
        *health.specs(),  # the health check: each item rated, then comments where chosen
        text(
            "note",
            "evaluate_ask_note",
            lambda flow, item: _current(flow).note,
            lambda flow, item, value: setattr(_current(flow), "note", value),
            multiline=True,
            hint="evaluate_note_hint",
            show=_last_note,
        ),
        QuestionSpec(
            "next_evaluation",
            "date",
            "checklist_ask_date",
            _suggested_date,
            _next_date,
            dates="future",
        ),
    ]


def run_round(flow: Flow) -> None:
    """Ask a round from where it stopped (or from the start), saving after every answer."""
    s, g, t = flow.session, flow.guide, flow.t
    resumed = s.open_round() is not None
    today = flow.today()
    again = not resumed and any(r.date == today for r in s.rounds[1:])
    current = begin(s, g, today)  # a new round lets go of where the last one stopped
    flow.save()  # the round begun; a file that cannot be written says so before any answer
    flow.show(Text(), Rule(t("evaluate_title", date=fmt_date(current.date)), align="left"))
    if flow.plain:  # --enkel: no Esc key to tell of
        flow.say(t("evaluate_resumed_plain" if resumed else "evaluate_intro_plain"), "dim")
    else:
        flow.say(t("evaluate_resumed" if resumed else "evaluate_intro"), "dim")
    if again:  # a second round the same day is allowed, but rarely meant
        flow.say(t("evaluate_same_day", date=fmt_date(today)), "yellow")
    # The wizard's cursor (at the round while it is asked) goes back to the first step not
    # done; where each step was left (`left_at`) is never touched by the round.
    with detour(flow, EVALUATE) as resume:
        flow.run(EVALUATE, round_specs(s), resume)
        current.finished = True
    flow.show(Text(), Text(t("evaluate_done"), style="bold green"), Text())
    flow.show(*summary_views.rounds_parts(summary.build(s, g, today), g, flow.env.program))
    command = command_line(flow.env.program, "summary", s.name)
    flow.say(t("evaluate_see_summary", command=command), "bold")


def run_evaluate(
    env: Env, ref: str | None, path: Path | None = None, prompts: Prompter | None = None
) -> int:
    """A round of the session `ref` names (or the one chosen, or `path`)."""
    question = "evaluate_choose_session"
    with open_flow(env, ref, Flow, command=EVALUATE, choose_question=question, path=path,
                   prompts=prompts) as flow:  # fmt: skip
        run_round(flow)
    return ExitCode.OK
