"""Før I går i gang (number 0, shown without one): the three points for the user's role, each
marked and noted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from samarbejde.base.terminal import Titled
from samarbejde.guide.content import Guide, Point, Step
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec, Spec, text
from samarbejde.sessions.model import Readiness, Session
from samarbejde.steps.base import StepKind
from samarbejde.steps.blocks import Block, Marks


def _points(flow: FlowContext) -> list[Point]:
    return list(flow.guide.role(flow.session.role).points)


def _state(flow: FlowContext, point: Point) -> Readiness:
    return flow.session.readiness.setdefault(point.id, Readiness())


def point_card(point: Point, number: int | None = None) -> Titled:
    title = f"{number}. {point.title}" if number is not None else point.title
    return Titled(Text(point.text), Text(title, style="bold"), title_align="left")


def _marks(session: Session, guide: Guide) -> list[tuple[str, str, str]]:
    """(title, status label, note) for each point of the session's role."""
    out = []
    for point in guide.role(session.role).points:
        state = session.readiness.get(point.id)
        label = (
            guide.label(guide.readiness, state.status)
            if state and state.status
            else guide.texts("no_answer")
        )
        out.append((point.title, label, state.note if state else ""))
    return out


class Before(StepKind):
    id = "foer"

    def has_data(self, session: Session) -> bool:
        return bool(session.readiness)

    def questions(self, step: Step) -> list[Spec]:
        return [
            Each(
                items=lambda flow: [(p.id, p) for p in _points(flow)],
                questions=(
                    QuestionSpec(
                        "status",
                        "choice",
                        lambda flow, p: flow.t("foer_ask_status", title=p.title),
                        lambda flow, p: _state(flow, p).status,
                        lambda flow, p, value: setattr(_state(flow, p), "status", value),
                        choices=lambda flow, p: [(c.id, c.label) for c in flow.guide.readiness],
                    ),
                    text(
                        "note",
                        lambda flow, p: flow.t("foer_ask_note", title=p.title),
                        lambda flow, p: _state(flow, p).note,
                        lambda flow, p, value: setattr(_state(flow, p), "note", value),
                        hint=lambda flow, p: flow.t("prompt_optional"),
                    ),
                ),
                before=lambda flow: [
                    Text(flow.guide.role(flow.session.role).heading, style="bold")
                ],
                intro=lambda flow, p: [point_card(p, _points(flow).index(p) + 1)],
            )
        ]

    def guide_parts(self, guide: Guide, plain: bool = False) -> list[RenderableType]:
        parts: list[RenderableType] = []
        for role in guide.roles:
            parts.append(Text(role.heading, style="bold"))
            parts += [point_card(p, i) for i, p in enumerate(role.points, 1)]
        return parts

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
        return [Marks(_marks(session, guide))] if session.role else []


STEP = Before()
