"""What every step has: its status, its questions, and empty contributions to override.

A step whose questions are plain text needs nothing more than this: a step id that no module
in `steps/` claims gets `StepKind` itself, so a content file can add such a step without code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import RenderableType

from samarbejde.base.ids import DONE, STARTED, TODO
from samarbejde.guide.content import Guide, Question, Step
from samarbejde.runner.questions import FlowContext, QuestionSpec, Spec, text
from samarbejde.sessions.model import Session
from samarbejde.steps.blocks import Block


class StepKind:
    """A guide step in the program. Subclasses override what their step does."""

    def __init__(self, step_id: str = "") -> None:
        self.id = step_id or type(self).id

    id: str = ""

    # -- where the user stands -----------------------------------------------------------

    def has_data(self, session: Session) -> bool:
        """Has the user given this step any answer yet?"""
        return any(session.answers.get(self.id, {}).values())

    def missing(self, session: Session, guide: Guide) -> str:
        """What is still missing once the user has been through the step ("" for nothing):
        a step is done only when its data says so."""
        return ""

    def status(self, session: Session, guide: Guide) -> str:
        if self.id in session.completed and not self.missing(session, guide):
            return DONE
        drafted = any(key.startswith(self.id + ".") for key in session.drafts)
        if self.id in session.completed or drafted or self.has_data(session):
            return STARTED
        return TODO

    def status_label(self, session: Session, guide: Guide) -> str:
        """The status in words, and what is missing where something is."""
        t = guide.texts
        label = t("status_" + self.status(session, guide))
        gap = self.missing(session, guide) if self.id in session.completed else ""
        return t("status_with_gap", status=label, gap=gap) if gap else label

    # -- the wizard ----------------------------------------------------------------------

    def run(self, flow: FlowContext, step: Step, resume_key: str | None) -> None:
        """Ask the step's questions, from `resume_key` on."""
        flow.run(step.id, self.questions(step), resume_key)

    def questions(self, step: Step) -> list[Spec]:
        """The content's own questions of the step, answered in the user's words and kept
        under `answers.<step id>.<question id>`."""
        return [_content_question(step.id, q) for q in step.questions]

    # -- what it shows elsewhere ---------------------------------------------------------

    def guide_parts(self, guide: Guide, plain: bool = False) -> list[RenderableType]:
        """Its own part of `samarbejde guide`, after the step's text; `plain`: `--enkel`."""
        return []

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
        """Its own part of the report, before the answers to its questions."""
        return []


def _content_question(step_id: str, q: Question) -> QuestionSpec:
    def put(flow: FlowContext, item: object, value: str) -> None:
        flow.session.set_answer(step_id, q.id, value)

    return text(
        q.id,
        lambda flow, item: q.label,
        lambda flow, item: flow.session.answer(step_id, q.id),
        put,
        multiline=q.multiline,
        hint=lambda flow, item: q.help,
    )
