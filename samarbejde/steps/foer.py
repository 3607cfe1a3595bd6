"""Step 0, Før I går i gang: the three points for the user's role, each marked and noted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from ..content import Guide, Point, Step
from ..model import Readiness, Session
from .base import StepKind, remaining

if TYPE_CHECKING:
    from ..report import Block
    from ..wizard import Flow

FIELDS = ("status", "note")


def point_card(point: Point, number: int | None = None) -> Panel:
    title = f"{number}. {point.title}" if number is not None else point.title
    return Panel(Text(point.text), title=Text(title, style="bold"), title_align="left")


def _marks(session: Session, guide: Guide) -> list[tuple[str, str, str]]:
    """(title, status label, note) for each point of the session's role."""
    out = []
    for point in guide.role(session.role).points:
        state = session.readiness.get(point.id)
        label = guide.label(guide.readiness, state.status) if state and state.status else "-"
        out.append((point.title, label, state.note if state else ""))
    return out


class Before(StepKind):
    id = "foer"

    def has_data(self, session: Session) -> bool:
        return bool(session.readiness)

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s, t = flow.session, flow.t
        role = flow.guide.role(s.role)
        flow.say(role.heading, "bold")
        keys = [f"{p.id}.{f}" for p in role.points for f in FIELDS]
        todo = remaining(keys, resume_key)
        statuses = [(c.id, c.label) for c in flow.guide.readiness]
        for number, point in enumerate(role.points, 1):
            mine = [k for k in todo if k.startswith(point.id + ".")]
            if not mine:
                continue
            flow.show(point_card(point, number))
            state = s.readiness.setdefault(point.id, Readiness())
            for key in mine:
                flow.at(step.id, key)
                if key.endswith(".status"):
                    state.status = flow.select(
                        t("foer_ask_status", title=point.title), statuses, state.status
                    )
                else:
                    state.note = flow.text(
                        t("foer_ask_note", title=point.title), state.note, hint=t("prompt_optional")
                    )
                flow.save()

    def guide_parts(self, guide: Guide) -> list[RenderableType]:
        parts: list[RenderableType] = []
        for role in guide.roles:
            parts.append(Text(role.heading, style="bold"))
            parts += [point_card(p, i) for i, p in enumerate(role.points, 1)]
        return parts

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        # the report model is needed only for a report: `list` and `summary` skip it
        from ..report import Marks

        return [Marks(_marks(session, guide))] if session.role else []


STEP = Before()
