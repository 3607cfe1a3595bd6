"""Step 3, Hvem skal vi så række ud til? — Prioriter: each partner rated on the diagram's two
axes; the post-it board and the priority order follow from the ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import board, grid
from ..content import Guide, Step
from ..grid import Ranked
from ..model import Session
from ..views import STYLES, command_line, heading
from .base import StepKind, remaining

if TYPE_CHECKING:
    from ..report import Block
    from ..wizard import Flow

AXES = ("interest", "influence")
# The summary is an overview: it shows the first partners by priority; the report has all.
SUMMARY_PARTNERS = 30
SUMMARY_UNRATED = 10


def board_spec(guide: Guide) -> board.BoardSpec:
    d = guide.diagram
    return board.BoardSpec(
        x_name=d.x.name,
        y_name=d.y.name,
        scale=list(d.scale),
        high_from=d.high_from,
        names={q.id: q.name for q in d.quadrants},
    )


def diagram(session: Session, guide: Guide, width: int, limit: int | None = None) -> Group:
    """The post-it board in the terminal, and the partners not on it yet."""
    t = guide.texts
    parts: list[RenderableType] = []
    ranked = session.ranked(guide)
    for line in board.draw(board_spec(guide), ranked[:limit], width):
        text = Text(no_wrap=True, overflow="crop")
        for segment, style in line:
            text.append(segment, style=STYLES[style])
        parts.append(text)
    if limit is not None and len(ranked) > limit:
        parts.append(Text(t("diagram_shows", shown=limit, total=len(ranked)), style="dim"))
    unrated = [p.name for p in session.partners if not p.is_rated]
    if unrated:
        names = ", ".join(unrated[:SUMMARY_UNRATED])
        if len(unrated) > SUMMARY_UNRATED:
            names += " " + t("diagram_unrated_more", count=len(unrated) - SUMMARY_UNRATED)
        parts.append(Text(t("diagram_unrated", names=names), style="dim"))
    return Group(*parts)


def ask_rating(flow: Flow, axis_id: str, current: int | None) -> int:
    """One of a partner's two scores, on the diagram's scale: a digit is enough, and Enter
    keeps `current`."""
    t, d = flow.t, flow.guide.diagram
    axis = d.x if axis_id == "interest" else d.y
    scores = []
    for score in d.scale:
        label = str(score)
        if score == d.scale_min:
            label = t("rate_label_low", score=score, text=axis.low)
        elif score == d.scale_max:
            label = t("rate_label_high", score=score, text=axis.high)
        scores.append((score, label))
    value: int = flow.select(t("rate_ask", name=axis.name), scores, current, digits=True)
    return value


def legend(guide: Guide) -> Group:
    """What the diagram means: the axes' end words, and each quadrant's advice."""
    d = guide.diagram
    parts: list[RenderableType] = [
        Text(line, style=STYLES["axis"]) for line in guide.axis_legends()
    ]
    for quadrant_id in grid.QUADRANT_ORDER:
        q = d.quadrant(quadrant_id)
        parts.append(Text.assemble((q.name, "bold"), ": ", q.advice))
    return Group(*parts)


SCORES_FROM = 60  # columns: narrower, the table leaves out the two scores, not the names


def partner_table(ranked: Sequence[Ranked], guide: Guide, width: int = 80) -> Table:
    t = guide.texts
    scores = width >= SCORES_FROM
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("name"), ratio=3, overflow="fold", min_width=12)
    table.add_column(t("quadrant"), ratio=2, overflow="fold")
    if scores:
        table.add_column(guide.diagram.x.name, justify="center", ratio=1)
        table.add_column(guide.diagram.y.name, justify="center", ratio=1)
    for r in ranked:
        cells = [Text(str(r.priority), style=STYLES["note"]), Text(r.name)]
        cells.append(Text(guide.diagram.quadrant(r.quadrant).name))
        if scores:
            cells += [Text(str(r.interest)), Text(str(r.influence))]
        table.add_row(*cells)
    return table


def _rank_rows(ranked: Sequence[Ranked], guide: Guide) -> tuple[list[str], list[list[str]]]:
    d, t = guide.diagram, guide.texts
    head = ["#", t("name"), t("quadrant"), d.x.name, d.y.name]
    rows = [
        [str(r.priority), r.name, d.quadrant(r.quadrant).name, str(r.interest), str(r.influence)]
        for r in ranked
    ]
    return head, rows


class Prioritise(StepKind):
    id = "prioriter"

    def missing(self, session: Session, guide: Guide) -> str:
        unrated = sum(not p.is_rated for p in session.partners)
        return guide.texts("missing_ratings", count=unrated) if unrated else ""

    def has_data(self, session: Session) -> bool:
        scored = any(p.interest is not None or p.influence is not None for p in session.partners)
        return scored or super().has_data(session)

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s, t, d = flow.session, flow.t, flow.guide.diagram
        to_rate = [p for p in s.partners if not (flow.only_missing and p.is_rated)]
        keys = [f"{p.id}.{axis}" for p in to_rate for axis in AXES]
        keys += [q.id for q in step.questions]
        todo = remaining(keys, resume_key)
        if any(k.endswith((".interest", ".influence")) for k in todo):
            intro = t("rate_intro", low=d.scale_min, high=d.scale_max, high_from=d.high_from)
            flow.say(intro, "bold")
            for axis in (d.x, d.y):
                flow.say(t("rate_axis", name=axis.name, question=axis.question))
        elif not s.partners:
            flow.say(t("rate_no_partners"), "dim")
        for index, partner in enumerate(s.partners, 1):
            mine = [k for k in todo if k.startswith(partner.id + ".")]
            if not mine:
                continue
            count = len(s.partners)
            flow.say(t("rate_partner", index=index, count=count, name=partner.name), "bold")
            for key in mine:
                axis_id = key.split(".", 1)[1]
                flow.at(step.id, key)
                setattr(partner, axis_id, ask_rating(flow, axis_id, getattr(partner, axis_id)))
                flow.save()
        if s.partners:
            ranked = s.ranked(flow.guide)
            flow.show(Text(), diagram(s, flow.guide, flow.env.console.width), Text())
            flow.show(legend(flow.guide), Text())
            if ranked:
                flow.show(partner_table(ranked, flow.guide, flow.env.console.width), Text())
        self.ask_questions(flow, step, next((k for k in todo if "." not in k), None))

    def guide_parts(self, guide: Guide) -> list[RenderableType]:
        t, d = guide.texts, guide.diagram
        parts: list[RenderableType] = []
        for axis in (d.x, d.y):
            parts.append(Text(t("guide_axis", name=axis.name, question=axis.question)))
        for q in d.quadrants:
            parts.append(Text.assemble((q.name, "bold"), ": ", q.advice))
        return parts

    def summary_parts(
        self, session: Session, guide: Guide, width: int, program: str
    ) -> list[RenderableType]:
        t = guide.texts
        ranked = session.ranked(guide)
        parts: list[RenderableType] = [heading(t("summary_partners"))]
        if not session.partners:
            return [*parts, Text(t("summary_no_partners"), style="dim"), Text()]
        if ranked:
            parts.append(partner_table(ranked[:SUMMARY_PARTNERS], guide, width))
        else:
            parts.append(Text(t("diagram_empty"), style="dim"))
        if len(ranked) > SUMMARY_PARTNERS:
            command = command_line(program, "export", session.name, "--format", "csv")
            more = t("summary_more_partners", shown=SUMMARY_PARTNERS, total=len(ranked),
                     command=command)  # fmt: skip
            parts.append(Text(more, style="dim"))
        parts += [
            Text(),
            heading(t("summary_diagram")),
            diagram(session, guide, width, SUMMARY_PARTNERS),
            Text(),
        ]
        return parts

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        """The priority order as a table (the board itself is on the first page)."""
        # the report model is needed only for a report: `list` and `summary` skip it
        from ..report import Grid, Para

        out: list[Block] = []
        unrated = [p.name for p in session.partners if not p.is_rated]
        if unrated:
            out.append(Para(guide.texts("diagram_unrated", names=", ".join(unrated)), "unrated"))
        ranked = session.ranked(guide)
        if ranked:
            head, rows = _rank_rows(ranked, guide)
            out.append(Grid(head, rows, numbers=(0, 3, 4), widths=(7, 41, 24, 14, 14)))
        return out


STEP = Prioritise()
