"""An evaluation round (`samarbejde evaluate`), the guide's *Evaluer og juster løbende*: the
checklist ticked again, each rated partner's two scores confirmed or changed, what the
collaboration adjusts, and the date of the next evaluation.

Each round is dated and kept beside the earlier ones (the first evaluation keeps the wizard's
own checklist and scores as round zero). While a round is asked, the session's current state
follows it, so the summary, the agenda and the reports show the latest. Asked and saved like
the wizard (`wizard.Flow`): a stop at any question is resumed at that question.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.rule import Rule
from rich.text import Text

from . import grid, views
from .content import Guide
from .dates import fmt_date
from .env import Env
from .errors import ExitCode
from .lock import SessionLock
from .model import CheckState, Partner, Round, RoundScore, Session
from .prompts import Prompts
from .steps.base import remaining
from .steps.prioriter import ask_rating
from .steps.tjekliste import ask_ticks
from .wizard import Flow, choose_session, require_terminal

# Up to this many rated partners, a round asks every score again; with more, it first asks
# which partners to rate again (a session of 60 partners is not 120 questions every time).
RATE_ALL_UP_TO = 6

EVALUATE = "evaluate"  # the cursor's step while a round is asked
AXES = ("interest", "influence")


def round_keys(session: Session) -> list[str]:
    """The questions of a round, in order: the ticks, each rated partner's two scores (in the
    order the partners were added, which a change of score does not disturb), the note, the
    next date."""
    rated = [p for p in session.partners if p.is_rated]
    scores = [f"{p.id}.{axis}" for p in rated for axis in AXES]
    which = ["which"] if len(rated) > RATE_ALL_UP_TO else []
    return ["ticks", *which, *scores, "note", "next_evaluation"]


def begin(session: Session, guide: Guide, today: dt.date) -> Round:
    """The unfinished round, or a new one dated today. Before the first evaluation, the
    wizard's checklist and scores become round zero, dated when the session last changed."""
    unfinished = session.open_round()
    if unfinished is not None:
        return unfinished
    if not session.rounds:
        session.rounds.append(session.snapshot(session.updated.date(), guide))
    session.left_at.pop(EVALUATE, None)
    for key in [k for k in session.drafts if k.startswith(EVALUATE + ".")]:
        del session.drafts[key]
    new = Round(date=today)
    session.rounds.append(new)
    return new


def run_round(flow: Flow) -> None:
    """Ask a round from where it stopped (or from the start), saving after every answer."""
    s, g, t = flow.session, flow.guide, flow.t
    resumed = s.open_round() is not None
    today = flow.env.today()
    again = not resumed and any(r.date == today for r in s.rounds[1:])
    current = begin(s, g, today)
    todo = remaining(round_keys(s), s.left_at.get(EVALUATE) if resumed else None)
    flow.show(Text(), Rule(t("evaluate_title", date=fmt_date(current.date)), align="left"))
    flow.say(t("evaluate_resumed" if resumed else "evaluate_intro"), "dim")
    if again:  # a second round the same day is allowed, but rarely meant
        flow.say(t("evaluate_same_day", date=fmt_date(today)), "yellow")
    rated = [p for p in s.partners if p.is_rated]
    for key in todo:
        partner_id = key.split(".", 1)[0]
        if "." in key and current.reviewed is not None and partner_id not in current.reviewed:
            continue  # a partner not chosen to be rated again keeps its scores
        flow.at(EVALUATE, key)
        if key == "ticks":
            ask_ticks(flow, t("evaluate_ask_ticks"))
            current.ticked = s.ticked_ids(g)
        elif key == "which":
            current.reviewed = _ask_which(flow, rated)
            for p in rated:  # every rated partner is in the round, the chosen ones may change
                current.scores[p.id] = RoundScore(interest=p.interest, influence=p.influence)  # type: ignore[arg-type]
        elif key == "note":
            _ask_note(flow, current)
        elif key == "next_evaluation":
            _ask_next(flow, current)
        else:
            axis = key.split(".", 1)[1]
            partner = next(p for p in rated if p.id == partner_id)
            if axis == AXES[0] or key == todo[0]:  # each partner's name, once
                chosen = current.reviewed
                asked = rated if chosen is None else [p for p in rated if p.id in chosen]
                _introduce(flow, asked, partner)
            setattr(partner, axis, ask_rating(flow, axis, getattr(partner, axis)))
            current.scores[partner.id] = RoundScore(
                interest=partner.interest,  # type: ignore[arg-type]  # rated: both are set
                influence=partner.influence,  # type: ignore[arg-type]
            )
        flow.save()
    current.finished = True
    s.left_at.pop(EVALUATE, None)
    # The wizard's cursor (at the round now) goes back to the first step not done; where each
    # step was left (`left_at`) was never touched by the round.
    s.cursor.step, s.cursor.question = flow.resume_step(), ""
    flow.save()
    flow.show(Text(), Text(t("evaluate_done"), style="bold green"), Text())
    flow.show(*views.rounds_parts(s, g, flow.env.program))
    command = views.command_line(flow.env.program, "summary", s.name)
    flow.say(t("evaluate_see_summary", command=command), "bold")


def _introduce(flow: Flow, rated: list[Partner], partner: Partner) -> None:
    """The partner whose scores come next, and its quadrant now."""
    t, g = flow.t, flow.guide
    where = grid.quadrant(partner.interest, partner.influence, g.diagram.high_from)  # type: ignore[arg-type]
    text = t("evaluate_partner", index=rated.index(partner) + 1, count=len(rated),
             name=partner.name, quadrant=g.quadrant_label(where))  # fmt: skip
    flow.say(text, "bold")


def _ask_which(flow: Flow, rated: list[Partner]) -> list[str]:
    """Which partners to rate again, when there are many; none ticked keeps every score."""
    t, g = flow.t, flow.guide
    choices = []
    for p in rated:
        where = grid.quadrant(p.interest, p.influence, g.diagram.high_from)  # type: ignore[arg-type]
        choices.append((p.id, f"{p.name} ({g.quadrant_label(where)})", False))
    flow.say(t("evaluate_which_hint"), "dim")
    return flow.checkbox(t("evaluate_ask_which", count=len(rated)), choices)


def _ask_note(flow: Flow, current: Round) -> None:
    t, s = flow.t, flow.session
    earlier = [r for r in s.finished_rounds() if r.note]
    if earlier:
        last = earlier[-1]
        flow.say(t("evaluate_last_note", date=fmt_date(last.date), note=last.note), "italic")
    current.note = flow.text(
        t("evaluate_ask_note"), current.note, multiline=True, hint=t("evaluate_note_hint")
    )


def _ask_next(flow: Flow, current: Round) -> None:
    s, g, t = flow.session, flow.guide, flow.t
    planned = s.next_evaluation(g)
    suggestion = current.next_evaluation or (
        planned if planned is not None and planned > flow.env.today() else None
    )
    value = flow.ask_date(t("checklist_ask_date"), suggestion, future=True)
    current.next_evaluation = value
    for item in g.checklist:
        if item.asks_date:
            s.checklist.setdefault(item.id, CheckState()).date = value


def evaluate_session(env: Env, ask: Prompts, path: Path) -> int:
    """A round of the session in `path`, holding the session's lock while it is asked."""
    with SessionLock(path, env.now):
        flow = Flow(env, ask, env.store.load(path), path, command=EVALUATE)
        run_round(flow)
    return ExitCode.OK


def run_evaluate(env: Env, ref: str | None) -> int:
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)
    path = env.store.resolve(ref, partial=True) if ref else choose_session(env, ask)
    return evaluate_session(env, ask, path)
