"""The health check in the terminal: the two sides side by side in `compare` (a line per item,
so it reads the same at 40 columns and with `--enkel`), and one session's trend over its rounds
(`summary` and `samarbejde health`): a table of the latest rounds, or lines when narrow."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from samarbejde.base.dates import fmt_date
from samarbejde.base.terminal import command_line, heading, indented
from samarbejde.guide.content import Guide
from samarbejde.reports import health
from samarbejde.reports.summary import Summary
from samarbejde.sessions.health import HealthRound

if TYPE_CHECKING:  # an annotation only: `summary` must not load the name matching (rapidfuzz)
    from samarbejde.reports.compare import Comparison

TABLE_FROM = 60  # columns: narrower, the trend is a line per item
ROUNDS_SHOWN = 5  # the latest rounds in the terminal's table (the reports have more)


def compare_parts(c: Comparison, guide: Guide) -> list[RenderableType]:
    """The health check side by side: per item, A, B, the gap and each side's change."""
    doc = health.compare_doc(c.health, c.a.who, c.b.who, guide)
    if c.health is None or doc is None:
        return []
    t = guide.texts
    parts: list[RenderableType] = [Text(""), heading(t("health_compare_title"))]
    parts.append(Text(doc.scale, style="dim"))
    for row in c.health.rows:
        parts.append(Text(row.title, style="bold"))
        parts.append(Padding(Text(health.compare_line(row, guide)), (0, 0, 0, 2)))
    parts += [indented(line, "italic") for line in doc.lines]
    return parts


def _rounds(summary: Summary) -> list[HealthRound]:
    return [
        HealthRound(r.date, dict(r.ratings), {}) for r in summary.rounds if r.finished and r.ratings
    ]


def trend_parts(
    summary: Summary, guide: Guide, width: int = 80, plain: bool = False
) -> list[RenderableType]:
    """The trend of the health check: each item's ratings over the latest rounds; nothing
    before the first rated round. Narrow, or `plain` (`--enkel`): a line per item."""
    rounds = _rounds(summary)
    trend = health.trend_of(rounds[-ROUNDS_SHOWN:], guide)
    if trend is None:
        return []
    t = guide.texts
    parts: list[RenderableType] = [heading(t("health_trend_title")), Text(trend.scale, style="dim")]
    if len(rounds) > ROUNDS_SHOWN:
        parts.append(Text(t("health_shown", shown=ROUNDS_SHOWN, total=len(rounds)), style="dim"))
    g = trend.grid
    if plain or width < TABLE_FROM:  # a line per item: "1. Find fælles grund: 3 → 4"
        for row in g.rows:
            then = t("health_trend_then") if plain else " → "  # --enkel: words, not arrows
            parts.append(Text.assemble((row[0], "bold"), ": ", then.join(row[1:])))
        parts.append(Text(t("health_trend_dates", dates=", ".join(g.head[1:])), style="dim"))
        return parts
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(g.head[0], overflow="fold", ratio=3, min_width=16)
    for date in g.head[1:]:
        table.add_column(date, justify="right", no_wrap=True)
    for row in g.rows:
        table.add_row(*row)
    parts.append(table)
    return parts


def health_view(
    summary: Summary,
    guide: Guide,
    partner: str,
    program: str,
    width: int = 80,
    plain: bool = False,
) -> list[RenderableType]:
    """`samarbejde health`: whose collaboration, the trend, and the next health check."""
    t = guide.texts
    parts: list[RenderableType] = [Text(t("health_view_title", name=summary.name), style="bold")]
    note = guide.health.program_note if guide.health is not None else ""
    if note:
        parts.append(Text(note, style="italic"))
    if partner:
        parts.append(Text(t("health_view_partner", partner=partner)))
    parts.append(Text(""))
    trend = trend_parts(summary, guide, width, plain)
    command = command_line(program, "evaluate", summary.name)
    if not trend:
        parts.append(Text(t("health_none", command=command)))
        return parts
    parts += trend
    when: dt.date | None = summary.next_evaluation
    if when is not None:
        parts += [Text(""), Text(t("health_next", date=fmt_date(when)))]
    parts.append(Text(t("health_again", command=command), style="dim"))
    return parts
