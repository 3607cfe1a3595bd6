"""The health check as facts and documents: the two sides' ratings side by side (`compare`),
with the gap and each side's change since its previous round, the talking points they make
(largest gaps, largest drops), and one side's trend over its rounds as a table and as a small
SVG chart (one round is one point: no line is drawn from a single point). Pure data and logic;
the views and the templates render it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from samarbejde.base.dates import fmt_date
from samarbejde.guide.content import Guide
from samarbejde.sessions.health import HealthRound, rounds_of
from samarbejde.sessions.model import Session

if TYPE_CHECKING:  # for annotations only: `summary` does not read the other side, and
    # `compare --json` draws no table (the blocks are loaded where a table is made)
    from samarbejde.sessions.sides import Side
    from samarbejde.steps.blocks import Grid

GAP_POINT = 2  # a gap this large or larger is a talking point
POINTS_SHOWN = 3  # gaps, and drops, as talking points at most
TREND_ROUNDS = 8  # the latest rated rounds in a trend (the chart and its table)


# -- side by side ----------------------------------------------------------------------------


class Row(NamedTuple):
    id: str
    title: str  # "3. Snak sammen ofte"
    name: str  # "Snak sammen ofte"
    a: int | None
    b: int | None
    a_change: int | None  # since that side's previous rated round
    b_change: int | None

    @property
    def gap(self) -> int | None:
        return abs(self.a - self.b) if self.a is not None and self.b is not None else None


class SideBySide(NamedTuple):
    rows: list[Row]
    a_date: str  # the date of A's last rated round, or ""
    b_date: str
    comments: list[tuple[str, str, str]]  # (letter, item title, comment) from the last rounds
    missing: list[str]  # the sides without a health check: their `who`


def _last_two(rounds: list[HealthRound] | None) -> tuple[HealthRound | None, HealthRound | None]:
    if not rounds:
        return None, None
    return rounds[-1], rounds[-2] if len(rounds) > 1 else None


def _change(now: HealthRound | None, before: HealthRound | None, item_id: str) -> int | None:
    if now is None or before is None:
        return None
    a, b = now.ratings.get(item_id), before.ratings.get(item_id)
    return a - b if a is not None and b is not None else None


def side_by_side(a: Side, b: Side, guide: Guide) -> SideBySide | None:
    """Both sides' last health check per item; None when neither side has one (or the guide
    has no health check)."""
    if not guide.health_items() or not (a.health or b.health):
        return None
    a_now, a_before = _last_two(a.health)
    b_now, b_before = _last_two(b.health)
    rows = []
    for item in guide.health_items():
        rows.append(
            Row(
                item.id,
                f"{guide.item_number(item.id)}. {item.title}",
                item.title,
                a_now.ratings.get(item.id) if a_now else None,
                b_now.ratings.get(item.id) if b_now else None,
                _change(a_now, a_before, item.id),
                _change(b_now, b_before, item.id),
            )
        )
    titles = {item.id: item.title for item in guide.health_items()}
    comments = [
        (letter, titles[i], text)
        for letter, now in (("A", a_now), ("B", b_now))
        if now is not None
        for i, text in now.comments.items()
        if i in titles
    ]
    missing = [side.who for side, now in ((a, a_now), (b, b_now)) if now is None]
    return SideBySide(
        rows,
        fmt_date(a_now.date) if a_now else "",
        fmt_date(b_now.date) if b_now else "",
        comments,
        missing,
    )


def as_json(s: SideBySide | None) -> list[dict[str, Any]] | None:
    """`compare --json`'s `health`: per item `{id, a, b, gap, a_change, b_change}`."""
    if s is None:
        return None
    return [
        {"id": r.id, "a": r.a, "b": r.b, "gap": r.gap, "a_change": r.a_change,
         "b_change": r.b_change}
        for r in s.rows
    ]  # fmt: skip


def points(s: SideBySide | None, guide: Guide, a: str, b: str) -> list[str]:
    """The first talking points: the largest gaps (GAP_POINT or more), then the largest drops
    of either side, each in one sentence."""
    if s is None:
        return []
    t = guide.texts
    out = []
    gaps = sorted((r for r in s.rows if (r.gap or 0) >= GAP_POINT), key=lambda r: -(r.gap or 0))
    for r in gaps[:POINTS_SHOWN]:
        out.append(t("health_point_gap", a=a, b=b, item=r.name, ra=r.a, rb=r.b))
    drops = [
        (change, who, r, now)
        for r in s.rows
        for who, change, now in ((a, r.a_change, r.a), (b, r.b_change, r.b))
        if change is not None and change < 0 and now is not None
    ]
    drops.sort(key=lambda d: d[0])
    for change, who, r, now in drops[:POINTS_SHOWN]:
        out.append(t("health_point_drop", who=who, item=r.name, now=now, before=now - change))
    return out


EMPTY = "–"  # no rating: the Danish dash, as the content's `no_answer`


def _signed(change: int | None) -> str:
    if change is None:
        return EMPTY
    return f"+{change}" if change > 0 else ("±0" if change == 0 else f"−{-change}")


def _value(value: int | None) -> str:
    return EMPTY if value is None else str(value)


def compare_grid(s: SideBySide, a: str, b: str, guide: Guide) -> Grid:
    """The side-by-side table of the documents: item, A, B, the gap, each side's change."""
    from samarbejde.steps.blocks import Grid

    t = guide.texts
    head = [t("health_col_item"), f"A: {a}", f"B: {b}", t("health_col_gap"),
            t("health_col_change", letter="A"), t("health_col_change", letter="B")]  # fmt: skip
    rows = [
        [r.title, _value(r.a), _value(r.b), _value(r.gap), _signed(r.a_change),
         _signed(r.b_change)]
        for r in s.rows
    ]  # fmt: skip
    return Grid(head, rows, numbers=(1, 2, 3, 4, 5), widths=(35, 15, 15, 11, 12, 12))


def compare_line(r: Row, guide: Guide) -> str:
    """One item as a line (the terminal, `--enkel`): "A 4 (+1) · B 2 (−1) · forskel 2"; a
    change only where the side has a previous rating of the item."""

    def change(value: int | None) -> str:
        return "" if value is None else f" ({_signed(value)})"

    return guide.texts("health_line", a=_value(r.a), a_change=change(r.a_change),
                       b=_value(r.b), b_change=change(r.b_change), gap=_value(r.gap))  # fmt: skip


def scale_text(guide: Guide) -> str:
    h = guide.health
    if h is None:
        return ""
    return guide.texts("health_scale", low=h.scale_min, low_text=h.low, high=h.scale_max,
                       high_text=h.high)  # fmt: skip


# -- the trend -------------------------------------------------------------------------------


class Dot(NamedTuple):
    x: float
    y: float
    value: int


class Panel(NamedTuple):
    """One item's ratings over the rounds: its dots, and the lines between dots of rounds
    next to each other (never from a single dot)."""

    title: str
    top: float  # where its band starts
    dots: list[Dot]
    lines: list[tuple[float, float, float, float]]


class Chart(NamedTuple):
    width: int
    height: int
    panels: list[Panel]
    ticks: list[tuple[float, str]]  # (x, date) under the panels
    band: int  # a panel's height
    plot_left: int
    plot_right: int
    levels: list[tuple[float, int]]  # (y within a band, value): the scale's gridlines
    alt: str  # what the chart shows, in one sentence


class Trend(NamedTuple):
    grid: Grid  # every rating of the chart: an item a row, a round a column
    chart: Chart
    scale: str  # "1 = slet ikke … 5 = i høj grad"
    shown: str  # "Viser de seneste 8 af 11 runder." or ""
    comments: list[tuple[str, str, str]]  # (date, item title, comment) of the last round


WIDTH = 640
LABEL_W = 200
BAND = 56  # a panel's height
BOTTOM = 30  # the dates under the panels


def trend_of(rounds: list[HealthRound], guide: Guide) -> Trend | None:
    """The trend over a side's rated rounds (the latest TREND_ROUNDS), or None with none."""
    from samarbejde.steps.blocks import Grid

    if not rounds or guide.health is None:
        return None
    t, h = guide.texts, guide.health
    shown = rounds[-TREND_ROUNDS:]
    items = guide.health_items()
    dates = [fmt_date(r.date) for r in shown]
    head = [t("health_col_item"), *dates]
    rows = [
        [f"{guide.item_number(i.id)}. {i.title}", *(_value(r.ratings.get(i.id)) for r in shown)]
        for i in items
    ]
    columns = len(shown)
    date_w = max(8, (100 - 34) // columns) if columns else 10
    grid = Grid(head, rows, numbers=tuple(range(1, columns + 1)),
                widths=(100 - date_w * columns, *([date_w] * columns)))  # fmt: skip
    left, right = LABEL_W, WIDTH - 20
    step = (right - left) / columns
    xs = [left + step * (n + 0.5) for n in range(columns)]
    span = max(1, h.scale_max - h.scale_min)

    def y(value: int) -> float:
        return 10 + (BAND - 20) * (h.scale_max - value) / span

    panels = []
    for n, item in enumerate(items):
        top = n * BAND
        dots = [
            Dot(xs[k], top + y(r.ratings[item.id]), r.ratings[item.id])
            for k, r in enumerate(shown)
            if item.id in r.ratings
        ]
        lines = []
        for k in range(columns - 1):  # a line joins two rounds next to each other, both rated
            now, then = shown[k + 1].ratings.get(item.id), shown[k].ratings.get(item.id)
            if now is not None and then is not None:
                lines.append((xs[k], top + y(then), xs[k + 1], top + y(now)))
        panels.append(Panel(f"{guide.item_number(item.id)}. {item.title}", top, dots, lines))
    levels = [(y(v), v) for v in (h.scale_min, h.scale_max)]
    alt = t("health_chart_alt", items=len(items), rounds=columns, first=dates[0], last=dates[-1])
    chart = Chart(WIDTH, len(items) * BAND + BOTTOM, panels, list(zip(xs, dates, strict=True)),
                  BAND, left, right, levels, alt)  # fmt: skip
    more = ""
    if len(rounds) > len(shown):
        more = t("health_shown", shown=len(shown), total=len(rounds))
    titles = {i.id: i.title for i in items}
    comments = [(dates[-1], titles[i], c) for i, c in shown[-1].comments.items() if i in titles]
    return Trend(grid, chart, scale_text(guide), more, comments)


def trend(session: Session, guide: Guide) -> Trend | None:
    """A session's own trend."""
    return trend_of(rounds_of(session, guide), guide)


# -- the comparison's documents ----------------------------------------------------------------


class CompareDoc(NamedTuple):
    """The health check in the comparison's report: the table, the scale, and lines under it
    (whose health check is missing, from which rounds, the comments shared)."""

    grid: Grid
    scale: str
    lines: list[str]


def compare_doc(s: SideBySide | None, a: str, b: str, guide: Guide) -> CompareDoc | None:
    if s is None:
        return None
    t = guide.texts
    lines = [t("health_missing", who=who) for who in s.missing]
    for letter, date in (("A", s.a_date), ("B", s.b_date)):
        if date:
            lines.append(t("health_from_round", letter=letter, date=date))
    lines += [t("health_comment", letter=letter, item=item, comment=" ".join(text.split()))
              for letter, item, text in s.comments]  # fmt: skip
    return CompareDoc(compare_grid(s, a, b, guide), scale_text(guide), lines)
