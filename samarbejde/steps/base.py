"""What every step has: its status, its questions, and empty contributions to override."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType

from ..content import Guide, Step
from ..model import Session

if TYPE_CHECKING:
    from ..report import Block
    from ..wizard import Flow

DONE, STARTED, TODO = "done", "started", "todo"


def remaining(keys: Sequence[str], resume_key: str | None) -> list[str]:
    """The keys from `resume_key` on; all of them when it is None or unknown."""
    if resume_key in keys:
        return list(keys[keys.index(resume_key) :])
    return list(keys)


class StepKind:
    """A guide step in the program. Subclasses override what their step does."""

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

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        """Ask the step's questions, from `resume_key` on."""
        self.ask_questions(flow, step, resume_key)

    def ask_questions(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s = flow.session
        questions = {q.id: q for q in step.questions}
        for key in remaining(list(questions), resume_key):
            q = questions[key]
            flow.at(step.id, key)
            value = flow.text(q.label, s.answer(step.id, key), multiline=q.multiline, hint=q.help)
            s.set_answer(step.id, key, value)
            flow.save()

    # -- what it shows elsewhere ---------------------------------------------------------

    def guide_parts(self, guide: Guide) -> list[RenderableType]:
        """Its own part of `samarbejde guide`, after the step's text."""
        return []

    def summary_parts(
        self, session: Session, guide: Guide, width: int, program: str
    ) -> list[RenderableType]:
        """Its own section of the summary."""
        return []

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        """Its own part of the report, before the answers to its questions."""
        return []
