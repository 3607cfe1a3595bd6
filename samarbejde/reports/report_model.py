"""The report as data: what every format says, built once from a session and the guide.

Each guide step contributes its blocks (`StepKind.report_blocks`); the overview, the header
and the contacts are built here. Markdown and HTML are rendered from this model by the
Jinja2 templates in `content/templates/`, Word by `reports.word`. Texts here are the user's
and the guide's as they are; each renderer escapes them for its format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from samarbejde import steps
from samarbejde.base.dates import fmt_date, fmt_long_date, fmt_time
from samarbejde.base.quadrants import quadrant
from samarbejde.base.terminal import command_line
from samarbejde.guide.content import Guide, list_text
from samarbejde.reports import health, summary
from samarbejde.reports.health import Trend
from samarbejde.reports.summary import Summary
from samarbejde.sessions.model import Round, Session
from samarbejde.steps import board as steps_board
from samarbejde.steps.blocks import (
    Block,
    Dated,
    Grid,
    Para,
    Question,
    dated,
)
from samarbejde.steps.board import BoardLayout, Quadrant

FOOTER_CHARACTERS = 70
# A report is for reading: past these, a table shows its first rows and says how many more
# (a session of thousands of rows is no collaboration, but a file can say so; Word then
# takes seconds, not minutes). The CSV export has every partner.
ROWS_SHOWN = 500
ROUNDS_SHOWN = 50
OVERVIEW_TOP = 5  # partners and contacts on the first page; the sections after have all


@dataclass(frozen=True)
class Board:
    """The post-it board on a page: where each partner sits (the one layout, `steps.board`),
    the same board as a 2×2 table of the quadrants for formats without a drawing (names, or
    numbers where a quadrant is crowded: the layout's crowded quadrants give the key), and the
    words around it."""

    layout: BoardLayout
    quadrants: Grid
    scale_text: str  # "Skala 1–5 på begge akser: 1–2 er lav, 3–5 er høj."
    axes: list[str]  # "Fælles interesse: 1 = lidt til fælles … 5 = meget til fælles"
    advice: list[tuple[Quadrant, str]]  # each quadrant of the layout and the guide's advice
    unrated: str  # "Ikke vurderet endnu: …" or ""
    kind: str = "board"
    note: str = ""  # the line saying the axes and quadrants are the program's, not the guide's


@dataclass(frozen=True)
class Step:
    """A partner's place on the board in one evaluation round."""

    date: str
    quadrant: str
    label: str  # "Gå sammen (4, 2)"


@dataclass(frozen=True)
class Development:
    """The way travelled over the evaluation rounds (`samarbejde evaluate`)."""

    rounds: Grid  # date, checklist, partners rated, adjustments, next evaluation
    since: str  # "Siden 20-11-2026:", what `travelled` compares with; "" before round two
    travelled: list[str]  # "Tjekliste: 3 → 5 af 6", "Ældresagen: Gå sammen → Ræk ud først"
    paths: list[tuple[str, list[Step]]]  # partners whose scores changed, with their steps
    health: Trend | None = None  # the health check's ratings over the rounds


# -- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """What a manager reads first: the board, the top priorities, the next contacts and what
    is still open."""

    board: Board | None
    top: list[str]  # "1. Frivilligcentret (Ræk ud først)"
    contacts: list[tuple[str, Dated]]  # (partner, date)
    open_items: list[str]  # "2. Vær åben for forskelle"
    evaluation: Dated | None
    evaluation_text: str  # "Næste evaluering: 01-02-2027", or that there is no date


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    status: str
    blocks: list[Block]
    note: str = ""  # the line saying what in the step is the program's, not the guide's


@dataclass(frozen=True)
class Report:
    title: str  # the session's name
    footer: str  # the name as the page footer shows it: cut with "…" when long
    guide_title: str
    language: str
    fields: list[tuple[str, str]]
    overview: Overview
    sections: list[Section]
    contacts: list[tuple[str, Dated]]
    development: Development | None
    texts: dict[str, str] = field(default_factory=dict)  # the labels the templates use


def board(facts: Summary, guide: Guide) -> Board | None:
    """The board, or None when there is nobody to put on it."""
    if not facts.partners:
        return None
    t, d = guide.texts, guide.diagram
    placed = steps_board.layout(d, facts.ranked, facts.unrated)
    table_rows = []
    for pair, label in zip(
        placed.quadrant_rows,
        (t("board_high", axis=d.y.name), t("board_low", axis=d.y.name)),
        strict=True,
    ):
        cells = []
        for q in pair:
            names = [str(n.priority) if q.crowded else f"{n.priority}. {n.name}" for n in q.notes]
            cells.append(f"{q.name}: " + (", ".join(names) or "–"))
        table_rows.append([label, *cells])
    quadrants = Grid(
        ["", t("board_low", axis=d.x.name), t("board_high", axis=d.x.name)],
        table_rows,
        widths=(20, 40, 40),
    )
    low = [score for score in d.scale if score < d.high_from]
    high = [score for score in d.scale if score >= d.high_from]
    return Board(
        layout=placed,
        quadrants=quadrants,
        scale_text=t(
            "board_scale",
            low=f"{low[0]}–{low[-1]}" if low else "",
            high=f"{high[0]}–{high[-1]}" if high else "",
            first=d.scale[0],
            last=d.scale[-1],
        ),
        axes=guide.axis_legends(),
        advice=[(q, d.quadrant(q.id).advice) for q in placed.by_quadrant],
        unrated=t("diagram_unrated", names=", ".join(placed.unrated)) if placed.unrated else "",
        note=d.program_note,
    )


def _fields(facts: Summary, guide: Guide) -> list[tuple[str, str]]:
    t = guide.texts
    fields = [(t("report_made"), fmt_long_date(facts.today, t)), (t("role"), facts.role_label)]
    if facts.organisation:
        fields.append((t("organisation"), facts.organisation))
    if facts.forms:
        fields.append((t("forms"), list_text(facts.forms)))
    fields.append((t("updated"), fmt_time(facts.updated, t)))
    return fields


def _contacts(facts: Summary) -> list[tuple[str, Dated]]:
    return [(c.partner, Dated(c.date, c.overdue)) for c in facts.next_contacts]


# The labels the templates use, by the name they use them with.
_LABELS = (
    "overview_title", "overview_top", "summary_contacts", "summary_checklist_open",
    "summary_no_contacts", "status", "note", "next_evaluation",
    "next_contact", "key_persons", "contact_log", "board_key", "name", "report_development",
    "development_paths", "development_no_paths", "board_list", "check_done", "check_open",
    "no_answer", "health_trend_title", "health_chart_title", "health_table_title",
)  # fmt: skip


def build(session: Session, guide: Guide, today: dt.date) -> Report:
    t = guide.texts
    facts = summary.build(session, guide, today)
    ranked = facts.ranked[:OVERVIEW_TOP]
    overview = Overview(
        board=board(facts, guide),
        top=[f"{r.priority}. {r.name} ({guide.quadrant_label(r.quadrant)})" for r in ranked],
        contacts=_contacts(facts)[:OVERVIEW_TOP],
        open_items=[f"{i.number}. {i.title}" for i in facts.open_items],
        evaluation=(when := dated(facts.next_evaluation, today)),
        evaluation_text=_evaluation(when, guide),
    )
    sections = []
    for step, state in zip(guide.steps, facts.steps, strict=True):
        kind = steps.kind(step.id)
        blocks: list[Block] = _capped(kind.report_blocks(session, guide, today), session, guide)
        blocks += [Question(q.label, session.answer(step.id, q.id)) for q in step.questions]
        status = t("status_" + state.status)
        if state.gap:
            status = t("status_with_gap", status=status, gap=state.gap)
        sections.append(Section(step.id, step.full_heading, status, blocks, step.program_note))
    texts = {key: t(key) for key in _LABELS}
    texts["overdue"] = t("overdue")
    texts["page"] = t("report_page")
    texts["of"] = t("report_page_of")
    name = session.name
    return Report(
        title=name,
        footer=name if len(name) <= FOOTER_CHARACTERS else name[:FOOTER_CHARACTERS] + "…",
        guide_title=guide.title,
        language=guide.language,
        fields=_fields(facts, guide),
        overview=overview,
        sections=sections,
        contacts=_contacts(facts),
        development=development(session, guide),
        texts=texts,
    )


def _rated(session: Session, rnd: Round, guide: Guide) -> str:
    """How many partners a round has scores for; "1 af 9" where it asked only the chosen."""
    count = len(session.round_scores(rnd))
    if rnd.reviewed is None:
        return str(count)
    again = len([pid for pid in rnd.reviewed if pid in rnd.scores])
    return guide.texts("development_ticked", done=again, total=count)


def _capped(blocks: Sequence[Block], session: Session, guide: Guide) -> list[Block]:
    """Each table with at most ROWS_SHOWN rows, and a line saying how many more there are."""
    out: list[Block] = []
    for block in blocks:  # (the outreach plans are capped by their step: raek_ud.PLANS_SHOWN)
        if isinstance(block, Grid) and len(block.rows) > ROWS_SHOWN:
            more = len(block.rows) - ROWS_SHOWN
            command = command_line("samarbejde", "export", session.name, "--format", "csv")
            out.append(Grid(block.head, block.rows[:ROWS_SHOWN], block.numbers, block.widths))
            out.append(Para(guide.texts("report_rows_more", count=more, command=command),
                            "unrated"))  # fmt: skip
        else:
            out.append(block)
    return out


def _evaluation(when: Dated | None, guide: Guide) -> str:
    """ "Næste evaluering: 01-02-2027", or that there is no date."""
    if when is None:
        return guide.texts("summary_no_evaluation")
    return guide.texts("summary_evaluation", date=when.text)


def development(session: Session, guide: Guide) -> Development | None:
    """The rounds side by side, what changed since the last but one, and each partner's path
    across the board; None before the first evaluation."""
    if not session.rounds:
        return None
    t, d = guide.texts, guide.diagram
    total = len(guide.checklist)
    rows = []
    shown = list(enumerate(session.rounds))
    if len(shown) > ROUNDS_SHOWN:  # the start, then the latest
        shown = [shown[0], *shown[-(ROUNDS_SHOWN - 1) :]]
    for number, rnd in shown:
        date = fmt_date(rnd.date)
        if number == 0:
            date = t("rounds_start", date=date)
        elif not rnd.finished:
            date = t("development_unfinished", date=date)
        rows.append([
            date,
            t("development_ticked", done=rnd.checklist_done(guide), total=total),
            _rated(session, rnd, guide),
            rnd.note,
            fmt_date(rnd.next_evaluation) or t("no_answer"),
        ])  # fmt: skip
    head = [t("date"), t("list_checklist"), t("development_rated"), t("development_note"),
            t("next_evaluation")]  # fmt: skip
    way = session.travelled(guide)
    paths = []
    for partner in session.partners:
        steps = []
        for rnd in session.finished_rounds():  # an open round is not a place reached yet
            score = rnd.scores.get(partner.id)
            if score is None:
                continue
            q = quadrant(score.interest, score.influence, d.high_from)
            label = t("development_position", quadrant=d.quadrant(q).name,
                      interest=score.interest, influence=score.influence)  # fmt: skip
            steps.append(Step(fmt_date(rnd.date), q, label))
        if len({s.label for s in steps}) > 1:
            paths.append((partner.name, steps))
    return Development(
        Grid(head, rows, numbers=(2,), widths=(18, 13, 16, 35, 18)),
        since=way[0] if way else "",
        travelled=way[1] if way else [],
        paths=paths,
        health=health.trend(session, guide),
    )
