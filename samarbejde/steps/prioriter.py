"""Step 3, Hvem skal vi så række ud til? — Prioriter: each partner rated on the diagram's two
axes; the post-it board and the priority order follow from the ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from samarbejde.base.ids import AXES, QUADRANT_ORDER
from samarbejde.base.quadrants import Ranked
from samarbejde.base.terminal import STYLES, marked
from samarbejde.guide.content import Guide, Step
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec
from samarbejde.sessions.model import Partner, Session
from samarbejde.steps import board
from samarbejde.steps.base import StepKind
from samarbejde.steps.blocks import Block, Grid, Para

SHOWN_UNRATED = 10  # names of partners not rated yet under the board; then how many more


def diagram(
    ranked: Sequence[Ranked], unrated: Sequence[str], guide: Guide, width: int,
    limit: int | None = None,
) -> Group:  # fmt: skip
    """The post-it board in the terminal, and the partners not on it yet."""
    t = guide.texts
    shown = board.layout(guide.diagram, ranked[:limit], unrated, cell=board.TERMINAL_CELL)
    parts: list[RenderableType] = []
    for line in board.draw(shown, width):
        text = Text(no_wrap=True, overflow="crop")
        for segment, style in line:
            text.append(segment, style=STYLES[style])
        parts.append(text)
    if limit is not None and len(ranked) > limit:
        parts.append(Text(t("diagram_shows", shown=limit, total=len(ranked)), style="dim"))
    if shown.unrated:
        names = ", ".join(shown.unrated[:SHOWN_UNRATED])
        if len(shown.unrated) > SHOWN_UNRATED:
            names += " " + t("diagram_unrated_more", count=len(shown.unrated) - SHOWN_UNRATED)
        parts.append(Text(t("diagram_unrated", names=names), style="dim"))
    return Group(*parts)


def board_lines(ranked: Sequence[Ranked], unrated: Sequence[str], guide: Guide) -> list[Text]:
    """The board as lines (`--enkel`): each quadrant on a line of its own with its partners by
    priority ("–" for none), then the partners not rated yet."""
    shown = board.layout(guide.diagram, ranked, unrated)
    lines = []
    for q in shown.by_quadrant:
        names = [f"{n.priority} {n.name}" for n in q.notes]
        lines.append(Text(f"{q.name}: {', '.join(names) or guide.texts('no_answer')}"))
    if shown.unrated:
        lines.append(Text(guide.texts("diagram_unrated", names=guide.texts.listed(shown.unrated))))
    return lines


def rating_choices(guide: Guide, axis_id: str) -> list[tuple[int, str]]:
    """The diagram's scale as choices, the ends with their words."""
    t, d = guide.texts, guide.diagram
    axis = d.x if axis_id == AXES[0] else d.y
    scores = []
    for score in d.scale:
        label = str(score)
        if score == d.scale_min:
            label = t("rate_label_low", score=score, text=axis.low)
        elif score == d.scale_max:
            label = t("rate_label_high", score=score, text=axis.high)
        scores.append((score, label))
    return scores


def rating(
    axis_id: str, put: Callable[[FlowContext, Partner, int], None] | None = None
) -> QuestionSpec:
    """One of a partner's two scores, on the diagram's scale: a digit is enough, and Enter
    keeps the score it has. `put` adds to where the score goes (the partner)."""

    def store(flow: FlowContext, p: Partner, value: int) -> None:
        setattr(p, axis_id, value)
        if put is not None:
            put(flow, p, value)

    def name(flow: FlowContext, p: Partner) -> str:
        d = flow.guide.diagram
        return flow.t("rate_ask", name=(d.x if axis_id == AXES[0] else d.y).name)

    return QuestionSpec(
        axis_id,
        "rating",
        name,
        lambda flow, p: getattr(p, axis_id),
        store,
        choices=lambda flow, p: rating_choices(flow.guide, axis_id),
    )


def _rating_intro(flow: FlowContext) -> list[RenderableType]:
    t, d = flow.t, flow.guide.diagram
    intro = t("rate_intro", low=d.scale_min, high=d.scale_max, high_from=d.high_from)
    parts: list[RenderableType] = [*marked(d.program_note), Text(intro, style="bold")]
    parts += [Text(t("rate_axis", name=axis.name, question=axis.question)) for axis in (d.x, d.y)]
    return parts


def _partner_intro(flow: FlowContext, p: Partner) -> list[RenderableType]:
    partners = flow.session.partners
    index = partners.index(p) + 1
    text = flow.t("rate_partner", index=index, count=len(partners), name=p.name)
    return [Text(text, style="bold")]


def first_score(flow: FlowContext, p: Partner) -> list[RenderableType]:
    """Resumed at a partner's second score: the first, as it was given."""
    if p.interest is None:
        return []
    name = flow.guide.diagram.x.name
    return [Text(flow.t("rate_given", name=name, score=p.interest), style="dim")]


def legend(guide: Guide) -> Group:
    """What the diagram means: the axes' end words, and each quadrant's advice."""
    d = guide.diagram
    parts: list[RenderableType] = [
        Text(line, style=STYLES["axis"]) for line in guide.axis_legends()
    ]
    for quadrant_id in QUADRANT_ORDER:
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
        if not unrated:
            return ""
        return guide.texts(
            "missing_ratings_one" if unrated == 1 else "missing_ratings", count=unrated
        )

    def has_data(self, session: Session) -> bool:
        scored = any(p.interest is not None or p.influence is not None for p in session.partners)
        return scored or super().has_data(session)

    def run(self, flow: FlowContext, step: Step, resume_key: str | None) -> None:
        s = flow.session
        # After a revisit of step 2, only the partners not rated yet.
        to_rate = [(p.id, p) for p in s.partners if not (flow.only_missing and p.is_rated)]
        ratings = Each(
            lambda flow: to_rate,
            (rating(AXES[0]), rating(AXES[1])),
            before=_rating_intro,
            intro=_partner_intro,
            given=first_score,
        )
        questions = [q.id for q in step.questions]
        if resume_key not in questions:  # the ratings first (from where they stopped)
            flow.run(step.id, [ratings], resume_key)
        if not s.partners:
            flow.say(flow.t("rate_no_partners", step=flow.guide.step_number("aktoerer")), "dim")
        else:
            ranked = s.ranked(flow.guide)
            unrated = [p.name for p in s.partners if not p.is_rated]
            if flow.plain:  # --enkel: the board as lines, quadrant by quadrant
                title = Text(flow.t("board_list"), style="bold")
                flow.show(Text(), title, *board_lines(ranked, unrated, flow.guide), Text())
            else:
                flow.show(Text(), diagram(ranked, unrated, flow.guide, flow.width), Text())
            flow.show(legend(flow.guide), Text())
            if ranked:
                flow.show(partner_table(ranked, flow.guide, flow.width), Text())
        flow.run(step.id, self.questions(step), resume_key if resume_key in questions else None)

    def guide_parts(self, guide: Guide, plain: bool = False) -> list[RenderableType]:
        t, d = guide.texts, guide.diagram
        parts: list[RenderableType] = [*marked(d.program_note)]  # the program's, not the guide's
        for axis in (d.x, d.y):
            parts.append(Text(t("guide_axis", name=axis.name, question=axis.question)))
        for q in d.quadrants:
            parts.append(Text.assemble((q.name, "bold"), ": ", q.advice))
        return parts

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
        """The priority order as a table (the board itself is on the first page)."""
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
