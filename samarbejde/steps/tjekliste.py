"""Step 5, Tjekliste til godt samarbejde — Sæt kryds: the six items ticked, a note each, and
the date of the next evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..content import Guide, Step
from ..model import CheckState, Session
from ..views import heading
from .base import StepKind, remaining

if TYPE_CHECKING:
    from ..report import Block
    from ..wizard import Flow


def checklist_item(number: int, title: str, points: Iterable[str], mark: str = "☐") -> Group:
    subpoints = Table.grid(padding=(0, 1))
    subpoints.add_column(width=4, justify="right")
    subpoints.add_column()
    for point in points:
        subpoints.add_row("–", Text(point))
    return Group(Text(f"{mark} {number}. {title}", style="bold"), subpoints)


def ask_ticks(flow: Flow, message: str) -> None:
    """The checklist shown, then ticked again with the current ticks as defaults."""
    s, g = flow.session, flow.guide
    for number, item in enumerate(g.checklist, 1):
        mark = "☑" if s.is_ticked(item.id) else "☐"
        flow.show(checklist_item(number, item.title, item.points, mark))
    choices = [(i.id, f"{n}. {i.title}", s.is_ticked(i.id)) for n, i in enumerate(g.checklist, 1)]
    ticked = flow.checkbox(message, choices)
    for item in g.checklist:
        s.checklist.setdefault(item.id, CheckState()).done = item.id in ticked


class Checklist(StepKind):
    id = "tjekliste"

    def has_data(self, session: Session) -> bool:
        return bool(session.checklist)

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s, t, g = flow.session, flow.t, flow.guide
        keys = ["ticks"] + [f"{i.id}.note" for i in g.checklist]
        keys += [f"{i.id}.date" for i in g.checklist if i.asks_date]
        todo = remaining(keys, resume_key)
        if "ticks" in todo:
            flow.at(step.id, "ticks")
            ask_ticks(flow, t("checklist_ask_ticks"))
            flow.save()
        for key in todo:
            if key == "ticks":
                continue
            item_id, field_name = key.split(".", 1)
            item = next(i for i in g.checklist if i.id == item_id)
            state = s.checklist.setdefault(item_id, CheckState())
            flow.at(step.id, key)
            if field_name == "note":
                state.note = flow.text(
                    t("checklist_ask_note", number=g.item_number(item_id), title=item.title),
                    state.note,
                    hint=t("prompt_optional"),
                )
            else:
                state.date = flow.ask_date(t("checklist_ask_date"), state.date)
            flow.save()

    def guide_parts(self, guide: Guide) -> list[RenderableType]:
        return [
            checklist_item(number, item.title, item.points)
            for number, item in enumerate(guide.checklist, 1)
        ]

    def summary_parts(
        self, session: Session, guide: Guide, width: int, program: str
    ) -> list[RenderableType]:
        t = guide.texts
        parts: list[RenderableType] = [heading(t("summary_checklist_open"))]
        open_items = session.open_items(guide)
        for item in open_items:
            parts.append(checklist_item(guide.item_number(item.id), item.title, item.points))
            state = session.checklist.get(item.id)
            if state is not None and state.note:
                parts.append(Text(f"     {t('note')}: {state.note}", style="italic"))
        if open_items:
            total = len(guide.checklist)
            done = total - len(open_items)
            parts.append(Text(t("summary_checklist_done", done=done, total=total)))
        else:
            parts.append(Text(t("summary_checklist_all_done"), style="green"))
        return [*parts, Text()]

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        # the report model is needed only for a report: `list` and `summary` skip it
        from ..report import CheckEntry, dated
        from ..report import Checklist as ChecklistBlock

        items = []
        for number, item in enumerate(guide.checklist, 1):
            state = session.checklist.get(item.id) or CheckState()
            items.append(
                CheckEntry(
                    number,
                    item.title,
                    list(item.points),
                    state.done,
                    state.note,
                    dated(state.date, today),
                )
            )
        return [ChecklistBlock(items)]


STEP = Checklist()
