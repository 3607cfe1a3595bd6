"""The comparison as a report: "Fælles grund – forberedelse til mødet", in Markdown, HTML and
Word, built once as data (`build`) from a `Comparison`.

The HTML board shows both sides' placements of each shared actor in two colours and two
shapes (A a circle, B a square, so a greyscale printer keeps them apart), each placed in its
quadrant by its scores, the same number for the same actor, and an arrow from A's placement
to B's where they differ; its text alternative is a table of the same actors. Markdown and
Word show the board as a 2×2 table of the actors' numbers, each with its own legend. Texts
are the users' and the guide's as they are; each renderer escapes them for its format.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from samarbejde.base.dates import fmt_long_date
from samarbejde.base.names import fold
from samarbejde.guide.content import Guide
from samarbejde.reports.compare import Comparison, Placed, same_session, words_list
from samarbejde.reports.health import CompareDoc as HealthDoc
from samarbejde.reports.health import compare_doc as health_doc
from samarbejde.reports.report_model import FOOTER_CHARACTERS
from samarbejde.sessions.sides import Actor, Side
from samarbejde.steps.blocks import Grid
from samarbejde.steps.board import BoardLayout, Post, Quadrant, layout

SIDE_COLOURS = {"A": "#1565c0", "B": "#ef6c00"}  # blue and orange: apart for colour blindness too
SIDE_TEXT = {"A": "#ffffff", "B": "#1a1a1a"}  # contrast above 4.5:1 on each
# Each side's colour as text on white (Word): the orange darker, for 4.5:1 there too.
SIDE_INK = {"A": "1565c0", "B": "a84300"}
BOARD_PAIRS = 24  # shared actors drawn; the table under the board has them all
ROWS_SHOWN = 500  # rows of a list or table; the JSON has every one

# The board's drawing, in SVG user units: the plot area and one note's slot.
WIDTH, HEIGHT = 640, 420
LEFT, TOP, RIGHT, BOTTOM = 34, 8, 632, 392
SLOT_W, SLOT_H, LABEL_H = 30, 26, 24


@dataclass(frozen=True)
class Mark:
    """One side's placement of one shared actor on the board."""

    letter: str  # "A" or "B"
    number: int
    x: float
    y: float
    name: str


@dataclass(frozen=True)
class Arrow:
    """A curve from (x1, y1) to (x2, y2), bent through (cx, cy) so that arrows between
    marks in one row pass beside the marks between them."""

    x1: float
    y1: float
    cx: float
    cy: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Area:
    quadrant: str
    name: str
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Board:
    areas: list[Area]
    marks: list[Mark]
    arrows: list[Arrow]
    x_name: str
    y_name: str
    legend: list[tuple[str, str]]  # (letter, text)
    alt: str
    shown: str  # "Diagrammet viser de første 24 af 40 …" or ""
    quadrants: Grid  # the board as a 2×2 table, for Markdown and Word
    grid: list[list[str]]  # the quadrants' ids as that table holds them, top row first
    cells: dict[str, list[tuple[str, str]]]  # quadrant -> its marks: (letter, "1B (A: …)")


@dataclass(frozen=True)
class CompareReport:
    title: str
    footer: str
    guide_title: str
    language: str
    made: str
    sides: list[tuple[str, str, str]]  # (letter, "Nordby Kommune (Kommune)", source)
    roles_note: str
    step1: Grid | None
    words: str
    board: Board | None
    actors: Grid | None  # the board's text alternative: every shared actor
    actors_note: str  # why there are no shared actors, when there are none
    only: list[tuple[str, list[str]]]  # ("Kender I …? Kun på A's kort (2)", names)
    each_other: list[str]
    checklist: list[tuple[str, list[str]]]  # (heading, items)
    points: list[tuple[str, list[str]]]  # (the guide's words, points)
    cards: list[tuple[str, list[tuple[str, str]]]]  # ("A's fire kort til B", (title, answer))
    texts: dict[str, str] = field(default_factory=dict)
    health: HealthDoc | None = None  # the health check side by side
    made_by: tuple[str, str] | None = None  # ("Udarbejdet af", our contact person), if known


def _place(actor: Actor, guide: Guide) -> str:
    if actor.quadrant is None:
        return guide.texts("not_rated")
    name = guide.quadrant_label(actor.quadrant)
    if actor.interest is None or actor.influence is None:
        return name
    return guide.texts(
        "compare_place", quadrant=name, interest=actor.interest, influence=actor.influence
    )


def side_line(side: Side, guide: Guide) -> tuple[str, str]:
    t = guide.texts
    role = guide.role_label(side.role) if side.role else "-"
    who = t("compare_side", organisation=side.who, role=role)
    if side.source == "share":
        date = fmt_long_date(side.date, t) if side.date else ""
        source = t("compare_side_share", name=side.name, date=date)
    else:
        source = t("compare_side_session", name=side.name)
    return who, source


def roles_note(c: Comparison, guide: Guide) -> str:
    if same_session(c):
        return guide.texts("compare_same_session", name=c.a.name)
    if not c.a.role or not c.b.role:
        return ""
    if c.same_role:
        return guide.texts("compare_same_role", role=guide.role_label(c.a.role))
    a, b = (guide.role_label(s.role).lower() for s in (c.a, c.b))
    return guide.texts("compare_roles", a=a, b=b)


def placed_line(who: str, other: str, where: Placed, guide: Guide) -> str:
    t = guide.texts
    if not where.shared:
        return t("compare_places_left_out", who=who)
    if where.maybe is not None:
        return t("compare_places_maybe", who=who, other=other, name=where.maybe.name)
    if where.actor is None:
        return t("compare_places_missing", who=who, other=other)
    if where.actor.quadrant is None:
        return t("compare_places_unrated", who=who, other=other)
    quadrant = guide.quadrant_label(where.quadrant)
    if fold(where.actor.name) != fold(other):  # under another name: "Nordby Kommune, Ældre…"
        return t("compare_places_as", who=who, other=other, quadrant=quadrant,
                 name=where.actor.name)  # fmt: skip
    return t("compare_places", who=who, other=other, quadrant=quadrant)


def checklist_groups(c: Comparison, guide: Guide) -> list[tuple[str, list[str]]]:
    """The items both have ticked, one side has, neither has; or who left the list out."""
    t = guide.texts
    left_out = [
        t("compare_check_left_out", who=side.who)
        for side, col in ((c.a, 1), (c.b, 2))
        if all(row[col] is None for row in c.checklist)
    ]
    if left_out:
        return [(line, []) for line in left_out]
    title = {item.id: f"{n}. {item.title}" for n, item in enumerate(guide.checklist, 1)}
    rows = c.checklist
    groups = [
        (t("compare_check_both"), [title[i] for i, x, y in rows if x and y]),
        (t("compare_check_one", who=c.a.who), [title[i] for i, x, y in rows if x and not y]),
        (t("compare_check_one", who=c.b.who), [title[i] for i, x, y in rows if y and not x]),
        (t("compare_check_neither"), [title[i] for i, x, y in rows if not x and not y]),
    ]
    return [(head, items) for head, items in groups if items]


def points_by_kind(c: Comparison, guide: Guide) -> list[tuple[str, list[str]]]:
    t = guide.texts
    out = []
    for kind in ("health", "common", "differ", "brings"):
        texts = [p.text for p in c.points if p.kind == kind]
        if texts:
            out.append((t(f"compare_kind_{kind}"), texts))
    return out


def shared_cards(c: Comparison, guide: Guide) -> list[tuple[str, list[tuple[str, str]]]]:
    """The four cards a share file holds for one partner, with the guide's titles."""
    out = []
    for letter, side in (("A", c.a), ("B", c.b)):
        if side.cards is None:
            continue
        partner, answers = side.cards
        heading = guide.texts("compare_cards", letter=letter, who=side.who, partner=partner)
        empty = guide.texts("no_answer")
        cards = [(card.title, answers.get(card.id, "") or empty) for card in guide.outreach_cards]
        out.append((heading, cards))
    return out


def step1_grid(c: Comparison, guide: Guide) -> Grid | None:
    if c.a.step1 is None and c.b.step1 is None:
        return None
    t = guide.texts
    left_out = t("compare_left_out")
    rows = []
    for q in guide.step("dagligdag").questions:
        a = left_out if c.a.step1 is None else c.a.step1.get(q.id, "") or t("no_answer")
        b = left_out if c.b.step1 is None else c.b.step1.get(q.id, "") or t("no_answer")
        rows.append([q.label, a, b])
    return Grid(["", f"A: {c.a.who}", f"B: {c.b.who}"], rows, (), (24, 38, 38))


def actors_grid(c: Comparison, guide: Guide) -> Grid | None:
    if not c.shared:
        return None
    t = guide.texts
    rows = []
    for n, p in enumerate(c.shared[:ROWS_SHOWN], 1):
        name = p.a.name if p.a.name == p.b.name else f"{p.a.name} / {p.b.name}"
        if p.by_hand:
            name += " " + t("compare_by_hand")
        diff = "→ " + t("compare_differ") if p.differ else ""
        rows.append([str(n), name, _place(p.a, guide), _place(p.b, guide), diff])
    head = ["", t("compare_table_name"), f"A: {c.a.who}", f"B: {c.b.who}", ""]
    return Grid(head, rows, (0,), (6, 30, 25, 25, 14))


def board(c: Comparison, guide: Guide) -> Board | None:
    """Both sides' placements of the shared actors that both have rated: each side laid out
    as the main report's board lays out partners (`steps.board.layout`), the actor's number
    on its post-it."""
    t, d = guide.texts, guide.diagram
    posts: dict[str, list[Post]] = {"A": [], "B": []}
    for n, p in enumerate(c.shared or (), 1):
        if p.a.quadrant is not None and p.b.quadrant is not None:
            posts["A"].append(Post(n, p.a.name, p.a.quadrant, p.a.interest, p.a.influence))
            posts["B"].append(Post(n, p.b.name, p.b.quadrant, p.b.interest, p.b.influence))
    total = len(posts["A"])
    if not total:
        return None
    drawn = {letter: placed[:BOARD_PAIRS] for letter, placed in posts.items()}
    sides = {letter: layout(d, placed) for letter, placed in drawn.items()}
    grid = sides["A"].quadrant_rows
    # the four quadrants the same size, as on the main report's board
    mid_x, mid_y = (LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2
    spans_x = ((LEFT, mid_x - LEFT), (mid_x, RIGHT - mid_x))
    spans_y = ((TOP, mid_y - TOP), (mid_y, BOTTOM - mid_y))
    boxes = {
        q.id: (spans_x[column][0], spans_y[row][0], spans_x[column][1], spans_y[row][1])
        for row, pair in enumerate(grid)
        for column, q in enumerate(pair)
    }
    areas = [Area(q.id, q.name, *boxes[q.id], q.area) for q in sides["A"].by_quadrant]
    scores = {
        letter: {
            p.priority: (p.interest, p.influence)
            if p.interest is not None and p.influence is not None
            else None
            for p in placed
        }
        for letter, placed in drawn.items()
    }
    at = _positions(sides, scores, boxes, grid, d.scale_min, d.high_from, d.scale_max)
    marks, arrows = [], []
    cells: dict[str, list[tuple[str, str]]] = {q.id: [] for q in sides["A"].by_quadrant}
    for a, b in zip(drawn["A"], drawn["B"], strict=True):
        n = a.priority
        (ax, ay), (bx, by) = at["A", n], at["B", n]
        marks.append(Mark("A", n, ax, ay, a.name))
        marks.append(Mark("B", n, bx, by, b.name))
        differ = a.quadrant != b.quadrant
        if differ:
            arrows.append(_arrow(ax, ay, bx, by))
        cells[a.quadrant].append(("A", f"{n}A"))
        moved = f" (A: {sides['A'].quadrant(a.quadrant).name})" if differ else ""
        cells[b.quadrant].append(("B", f"{n}B{moved}"))
    shown = ""
    if total > BOARD_PAIRS:
        shown = t("diagram_shows", shown=BOARD_PAIRS, total=total)

    def cell(q: Quadrant) -> str:
        return f"{q.name}: {', '.join(m for _, m in cells[q.id]) or '-'}"

    quadrants = Grid(
        ["", t("board_low", axis=d.x.name), t("board_high", axis=d.x.name)],
        [
            [t("board_high", axis=d.y.name), *(cell(q) for q in grid[0])],
            [t("board_low", axis=d.y.name), *(cell(q) for q in grid[1])],
        ],
        (),
        (20, 40, 40),
    )
    legend = [(s, side.who) for s, side in (("A", c.a), ("B", c.b))]
    return Board(
        areas=areas,
        marks=marks,
        arrows=arrows,
        x_name=d.x.name,
        y_name=d.y.name,
        legend=legend,
        alt=t("compare_board_alt", count=len(drawn["A"])),
        shown=shown,
        quadrants=quadrants,
        grid=[[q.id for q in pair] for pair in grid],
        cells=cells,
    )


def _positions(
    sides: dict[str, BoardLayout],
    scores: dict[str, dict[int, tuple[int, int] | None]],
    boxes: dict[str, tuple[float, float, float, float]],
    grid: Sequence[Sequence[Quadrant]],
    low: int,
    high_from: int,
    top: int,
) -> dict[tuple[str, int], tuple[float, float]]:
    """Where each side's mark of each actor sits: in its quadrant by its scores (more
    interest further right, more influence higher up), the marks at the same scores side by
    side in their spot. A quadrant with a mark without scores (a share file without them)
    spreads its marks in a grid, in the actors' order."""
    column_of = {q.id: c for pair in grid for c, q in enumerate(pair)}
    row_of = {q.id: r for r, pair in enumerate(grid) for q in pair}
    ranges = ((low, high_from - 1), (high_from, top))  # the low half's scores, the high half's
    at: dict[tuple[str, int], tuple[float, float]] = {}
    for q_id, (x, y, w, h) in boxes.items():
        notes = sorted(
            ((letter, n) for letter, side in sides.items() for n in side.quadrant(q_id).notes),
            key=lambda item: (item[1].priority, item[0]),
        )
        posts = {(letter, n.priority): scores[letter][n.priority] for letter, n in notes}
        room_x, room_y, room_w, room_h = x + 6, y + LABEL_H, w - 12, h - LABEL_H - 4
        if any(score is None for score in posts.values()):
            _spread(at, list(posts), room_x, room_y, room_w, room_h)
            continue
        xs, ys = ranges[column_of[q_id]], ranges[1 - row_of[q_id]]
        columns, rows = xs[1] - xs[0] + 1, ys[1] - ys[0] + 1
        spots: dict[tuple[int, int], list[tuple[str, int]]] = {}
        for key, score in posts.items():
            interest, influence = score  # type: ignore[misc]
            column = min(max(interest - xs[0], 0), columns - 1)
            row = min(max(ys[1] - influence, 0), rows - 1)  # the highest score at the top
            spots.setdefault((column, row), []).append(key)
        spot_w, spot_h = room_w / columns, room_h / rows
        for (column, row), keys in spots.items():
            _spread(at, keys, room_x + column * spot_w, room_y + row * spot_h, spot_w, spot_h)
    return at


def _spread(
    at: dict[tuple[str, int], tuple[float, float]],
    keys: list[tuple[str, int]],
    x: float,
    y: float,
    w: float,
    h: float,
) -> None:
    """`keys`' marks spread over the room at (x, y, w, h) in a grid as square as it allows."""
    most = max(1, int(w // SLOT_W))
    columns = min(most, max(1, math.ceil(math.sqrt(len(keys) * w / max(h, 1.0)))))
    rows = max(1, math.ceil(len(keys) / columns))
    step_x, step_y = w / columns, min(h / rows, 2.5 * SLOT_H)
    for i, key in enumerate(keys):
        column, row = i % columns, i // columns
        at[key] = (x + (column + 0.5) * step_x, y + (row + 0.5) * step_y)


def _arrow(x1: float, y1: float, x2: float, y2: float) -> Arrow:
    """From the edge of A's mark to the edge of B's, so the arrowhead is seen."""
    dx, dy = x2 - x1, y2 - y1
    length = max(math.hypot(dx, dy), 1.0)
    bend = min(0.2 * length, 40) / length  # sideways, a fifth of the way at most 40 units
    cx, cy = (x1 + x2) / 2 - dy * bend, (y1 + y2) / 2 + dx * bend
    # start and end at the marks' edges, heading for the bend, so the arrowhead is seen
    sx, sy, ex, ey = cx - x1, cy - y1, x2 - cx, y2 - cy
    s, e = max(math.hypot(sx, sy), 1.0), max(math.hypot(ex, ey), 1.0)
    return Arrow(x1 + sx * 12 / s, y1 + sy * 12 / s, cx, cy, x2 - ex * 13 / e, y2 - ey * 13 / e)


_LABELS = (
    "compare_who", "compare_step1", "compare_actors", "compare_each_other", "compare_checklist",
    "compare_points", "compare_board", "compare_board_text", "report_made", "compare_no_points",
    "compare_board_legend", "compare_board_legend_table", "health_compare_title",
    "compare_head_number", "compare_head_differ", "compare_head_question",  # HTML's <th>
)  # fmt: skip


def made_by(c: Comparison, guide: Guide) -> tuple[str, str] | None:
    """Who made the report: the contact person of our side (the first side that is a session:
    a share file's contact person is the sender's), or None when none is known."""
    ours = next((s for s in (c.a, c.b) if s.source == "session"), None)
    contact = ours.contact if ours is not None else None
    if contact is None:
        return None
    return guide.texts("compare_made_by"), contact.line(guide.texts)


def build(c: Comparison, guide: Guide, today: dt.date) -> CompareReport:
    t = guide.texts
    sides = [(letter, *side_line(side, guide)) for letter, side in (("A", c.a), ("B", c.b))]
    only = []
    for side, actors in ((c.a, c.only_a), (c.b, c.only_b)):
        if actors:
            names = [x.name for x in actors[:ROWS_SHOWN]]
            if len(actors) > ROWS_SHOWN:
                names.append(t("compare_more", count=len(actors) - ROWS_SHOWN))
            only.append((t("compare_only", who=side.who, count=len(actors)), names))
    actors_note = ""
    if c.shared is None:
        lacking = c.a if c.a.actors is None else c.b
        actors_note = t("compare_actors_left_out", who=lacking.who)
    elif not c.shared:
        actors_note = t("compare_actors_none")
    words = ""
    if c.a.step1 is not None and c.b.step1 is not None:
        words = (
            t("compare_words", words=words_list(c.words, guide))
            if c.words
            else t("compare_no_words")
        )
    texts = {key: t(key) for key in _LABELS}
    texts["page"] = t("report_page")
    texts["of"] = t("report_page_of")
    footer = t("compare_footer", a=c.a.who, b=c.b.who)
    if len(footer) > FOOTER_CHARACTERS:
        footer = footer[:FOOTER_CHARACTERS] + "…"
    return CompareReport(
        title=t("compare_title"),
        footer=footer,
        guide_title=guide.title,
        language=guide.language,
        made=fmt_long_date(today, t),
        sides=sides,
        roles_note=roles_note(c, guide),
        step1=step1_grid(c, guide),
        words=words,
        board=board(c, guide),
        actors=actors_grid(c, guide),
        actors_note=actors_note,
        only=only,
        each_other=[
            placed_line(c.a.who, c.b.who, c.a_places_b, guide),
            placed_line(c.b.who, c.a.who, c.b_places_a, guide),
        ],
        checklist=checklist_groups(c, guide),
        points=points_by_kind(c, guide),
        cards=shared_cards(c, guide),
        texts=texts,
        health=health_doc(c.health, c.a.who, c.b.who, guide),
        made_by=made_by(c, guide),
    )


# -- Markdown and HTML (Jinja2, as the main report) ----------------------------------------


def markdown(c: Comparison, guide: Guide, today: dt.date) -> str:
    import re

    from samarbejde.reports.render import render_template

    text = render_template("md", "compare.md.j2", r=build(c, guide, today))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html(c: Comparison, guide: Guide, today: dt.date) -> str:
    from samarbejde.reports.render import render_template

    return render_template(
        "html", "compare.html.j2", r=build(c, guide, today), sides=SIDE_COLOURS, ink=SIDE_TEXT
    )


# -- Word ------------------------------------------------------------------------------------


def docx_bytes(
    c: Comparison, guide: Guide, today: dt.date, now: dt.datetime | None = None
) -> bytes:
    """The comparison in Word, by the one Word writer (`reports/word.py`); `now` is the
    export time its properties give (midnight of `today` when not given)."""
    from docx.shared import RGBColor

    from samarbejde.reports.word import Writer, finish, new_document

    r = build(c, guide, today)
    ours = next((s for s in (c.a, c.b) if s.source == "session"), None)
    author = ours.organisation if ours is not None else ""
    when = now or dt.datetime.combine(today, dt.time())
    footer = (r.footer, r.texts["page"], r.texts["of"])
    doc = new_document(r.title, r.language, when, author, footer=footer)
    w = Writer(doc, r)
    doc.add_heading(_text(r.title), level=0)
    w.para(r.guide_title, italic=True)
    p = w.para()
    w.run(p, f"{r.texts['report_made']}: ", bold=True)
    w.run(p, r.made)
    if r.made_by is not None:
        p = w.para()
        w.run(p, f"{r.made_by[0]}: ", bold=True)
        w.run(p, r.made_by[1])
    doc.add_heading(_text(r.texts["compare_who"]), level=1)
    for letter, who, source in r.sides:
        p = w.para(style="List Bullet")
        run = w.run(p, f"{letter}: ", bold=True)
        run.font.color.rgb = RGBColor.from_string(SIDE_INK[letter])
        w.run(p, f"{who} – {source}")
    if r.roles_note:
        w.para(r.roles_note, italic=True)
    doc.add_heading(_text(r.texts["compare_actors"]), level=1)
    if r.board is not None:
        doc.add_heading(_text(r.texts["compare_board"]), level=2)
        w.table(r.board.quadrants)
        _colour_board(doc.tables[-1], r.board, guide)
        for letter, text in r.board.legend:
            p = w.para()
            run = w.run(p, f"{letter} ", bold=True)
            run.font.color.rgb = RGBColor.from_string(SIDE_INK[letter])
            w.run(p, text)
        w.para(r.texts["compare_board_legend_table"], italic=True)
        if r.board.shown:
            w.para(r.board.shown, italic=True)
    if r.actors is not None:
        doc.add_heading(_text(r.texts["compare_board_text"]), level=2)
        w.table(r.actors)
    if r.actors_note:
        w.para(r.actors_note)
    for heading, names in r.only:
        doc.add_heading(_text(heading), level=2)
        for name in names:
            w.para(name, "List Bullet")
    doc.add_heading(_text(r.texts["compare_each_other"]), level=1)
    for line in r.each_other:
        w.para(line, "List Bullet")
    if r.health is not None:  # the health check side by side, before the talking points
        doc.add_heading(_text(r.texts["health_compare_title"]), level=1)
        w.para(r.health.scale, italic=True)
        w.table(r.health.grid)
        for line in r.health.lines:
            w.para(line, "List Bullet")
    doc.add_heading(_text(r.texts["compare_points"]), level=1)
    for heading, texts in r.points:
        doc.add_heading(_text(heading), level=2)
        for line in texts:
            w.para(line, "List Bullet")
    if not r.points:
        w.para(r.texts["compare_no_points"])
    for heading, cards in r.cards:
        doc.add_heading(_text(heading), level=1)
        for title, answer in cards:
            p = w.para()
            w.run(p, f"{title}: ", bold=True)
            w.typed(p, answer)
    if r.step1 is not None:
        doc.add_heading(_text(r.texts["compare_step1"]), level=1)
        w.table(r.step1)
        if r.words:
            w.para(r.words)
    doc.add_heading(_text(r.texts["compare_checklist"]), level=1)
    for heading, items in r.checklist:
        w.para(heading, bold=True).paragraph_format.keep_with_next = True
        for item in items:
            w.para(item, "List Bullet")
    return finish(doc)


def _colour_board(table: Any, b: Board, guide: Guide) -> None:
    """The 2×2 table's quadrant cells again, each side's marks in its colour (and letter)."""
    from docx.shared import Pt, RGBColor

    places = {(r, c): q for r, ids in enumerate(b.grid, 1) for c, q in enumerate(ids, 1)}
    for (row, column), q in places.items():  # below the table's head and beside its labels
        paragraph = table.cell(row, column).paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        runs: list[tuple[str, str | None, bool]] = [(f"{guide.quadrant_label(q)}: ", None, True)]
        marks = b.cells[q] or [("", "-")]
        for i, (letter, mark) in enumerate(marks):
            runs.append((mark + (", " if i < len(marks) - 1 else ""), letter or None, bool(letter)))
        for value, side, bold in runs:
            run = paragraph.add_run(_text(value))
            run.font.size = Pt(9)
            run.bold = bold or None
            if side:
                run.font.color.rgb = RGBColor.from_string(SIDE_INK[side])


def _text(value: Any) -> str:
    from samarbejde.reports.word import text

    return text(value)
