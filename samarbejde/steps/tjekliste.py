"""Step 5, Tjekliste til godt samarbejde — Sæt kryds: the six items ticked, a note each, and
the date of the next evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from samarbejde.guide.content import ChecklistItem, Guide, Step
from samarbejde.guide.texts import Texts
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec, Spec, text
from samarbejde.sessions.model import CheckState, Session
from samarbejde.steps.base import StepKind
from samarbejde.steps.blocks import Block, CheckEntry, dated
from samarbejde.steps.blocks import Checklist as ChecklistBlock


def checklist_item(
    number: int, title: str, points: Iterable[str], ticked: bool = False, in_place: str = ""
) -> Group:
    """An item with its box (☑ ticked, ☐ not) and its points; with `in_place` (`--enkel`,
    the words "(på plads)"), no box and no dashes: the words after a ticked item's title."""
    subpoints = Table.grid(padding=(0, 1))
    subpoints.add_column(width=4, justify="right")
    subpoints.add_column()
    for point in points:
        subpoints.add_row("" if in_place else "–", Text(point))
    if in_place:
        line = f"{number}. {title} {in_place}" if ticked else f"{number}. {title}"
    else:
        line = f"{'☑' if ticked else '☐'} {number}. {title}"
    return Group(Text(line, style="bold"), subpoints)


def in_place_word(texts: Texts, plain: bool) -> str:
    """What `checklist_item` writes for a tick: "(på plads)" with `--enkel`, else a box."""
    return texts("line_in_place") if plain else ""


def ticks(label_key: str, put: Callable[[FlowContext], None] | None = None) -> QuestionSpec:
    """The checklist shown, then ticked again with the current ticks as defaults; `put` adds
    to where the ticks go (the session's checklist)."""

    def show(flow: FlowContext, item: None) -> list[RenderableType]:
        s = flow.session
        return [
            checklist_item(
                number, i.title, i.points, s.is_ticked(i.id), in_place_word(flow.t, flow.plain)
            )
            for number, i in enumerate(flow.guide.checklist, 1)
        ]

    def choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
        s = flow.session
        return [
            (i.id, f"{n}. {i.title}", s.is_ticked(i.id))
            for n, i in enumerate(flow.guide.checklist, 1)
        ]

    def store(flow: FlowContext, item: None, ticked: list[str]) -> None:
        s = flow.session
        for i in flow.guide.checklist:
            s.checklist.setdefault(i.id, CheckState()).done = i.id in ticked
        if put is not None:
            put(flow)

    return QuestionSpec("ticks", "checkbox", lambda flow, item: flow.t(label_key), put=store,
               choices=choices, show=show)  # fmt: skip


def _state(flow: FlowContext, item: ChecklistItem) -> CheckState:
    return flow.session.checklist.setdefault(item.id, CheckState())


def _items(flow: FlowContext, with_date: bool = False) -> list[tuple[str, ChecklistItem]]:
    return [(i.id, i) for i in flow.guide.checklist if i.asks_date or not with_date]


def _note_label(flow: FlowContext, item: ChecklistItem) -> str:
    number = flow.guide.item_number(item.id)
    return flow.t("checklist_ask_note", number=number, title=item.title)


class Checklist(StepKind):
    id = "tjekliste"

    def has_data(self, session: Session) -> bool:
        return bool(session.checklist)

    def questions(self, step: Step) -> list[Spec]:
        """The ticks, a note to each item, then the date of the next evaluation."""
        return [
            ticks("checklist_ask_ticks"),
            Each(
                _items,
                (
                    text(
                        "note",
                        _note_label,
                        lambda flow, i: _state(flow, i).note,
                        lambda flow, i, value: setattr(_state(flow, i), "note", value),
                        hint=lambda flow, i: flow.t("prompt_optional"),
                    ),
                ),
            ),
            Each(
                lambda flow: _items(flow, with_date=True),
                (
                    QuestionSpec(
                        "date",
                        "date",
                        lambda flow, i: flow.t("checklist_ask_date"),
                        lambda flow, i: _state(flow, i).date,
                        lambda flow, i, value: setattr(_state(flow, i), "date", value),
                    ),
                ),
            ),
        ]

    def guide_parts(self, guide: Guide, plain: bool = False) -> list[RenderableType]:
        word = in_place_word(guide.texts, plain)
        return [
            checklist_item(number, item.title, item.points, in_place=word)
            for number, item in enumerate(guide.checklist, 1)
        ]

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
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
