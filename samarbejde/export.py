"""Reports to share: Markdown, self-contained printable HTML, and the partner list as CSV.

The report runs through the guide's steps; each step adds its own part (`steps.*`), and the
answers to its questions follow. Pure functions from a session and the guide to text; the
command writes the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from typing import NamedTuple

from . import steps
from .content import Guide
from .dates import fmt_date, fmt_time
from .model import Session
from .terminal import clean

# -- shared ---------------------------------------------------------------------------------


def _header_fields(session: Session, guide: Guide, today: dt.date) -> list[tuple[str, str]]:
    t = guide.texts
    fields = [(t("report_made"), fmt_date(today)), (t("role"), guide.role_label(session.role))]
    if session.organisation:
        fields.append((t("organisation"), session.organisation))
    if session.forms:
        fields.append((t("forms"), ", ".join(guide.label(guide.forms, f) for f in session.forms)))
    fields.append((t("updated"), fmt_time(session.updated)))
    return fields


OVERVIEW_TOP = 5  # partners and contacts on the first page; the sections after have all


class Overview(NamedTuple):
    """What a manager reads first: top priorities, next contacts, what is still open."""

    top: list[str]  # "1. Frivilligcentret (Ræk ud først)"
    contacts: list[tuple[str, bool]]  # ("01-12-2026: Frivilligcentret", overdue)
    open_items: list[str]  # "2. Vær åben for forskelle"
    evaluation: tuple[str, bool] | None


def overview(session: Session, guide: Guide, today: dt.date) -> Overview:
    ranked = session.ranked(guide)[:OVERVIEW_TOP]
    top = [f"{r.priority}. {r.name} ({guide.quadrant_label(r.quadrant)})" for r in ranked]
    contacts = [
        (f"{fmt_date(u.date)}: {u.partner}", u.overdue)
        for u in session.next_contacts(today)[:OVERVIEW_TOP]
    ]
    items = [f"{guide.item_number(i.id)}. {i.title}" for i in session.open_items(guide)]
    evaluation = session.next_evaluation(guide)
    when = (fmt_date(evaluation), evaluation < today) if evaluation else None
    return Overview(top, contacts, items, when)


def _status(session: Session, guide: Guide, step_id: str) -> str:
    return steps.kind(step_id).status_label(session, guide)


# -- Markdown -------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&@])")  # @: no mention
_MD_LINE_START = re.compile(r"^(\s*)([-+=>#])")
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # `1. nummer` is text, not a numbered list


def md_cell(text: str) -> str:
    """Text inside a line (a heading, a table cell, after a label): one line, markup escaped."""
    return _MD_INLINE.sub(r"\\\1", " ".join(clean(text).split()))


def md_text(text: str) -> str:
    """User text as Markdown blocks that show exactly those characters: markup escaped.

    Lines are kept (as hard breaks) and blank lines as paragraph breaks.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", clean(text).strip()):
        lines = [_md_line(md_cell(line)) for line in block.splitlines()]
        paragraphs.append("\\\n".join(line for line in lines if line))
    return "\n\n".join(p for p in paragraphs if p)


def _md_line(line: str) -> str:
    """A line that Markdown would read as a list, a quote or a heading, escaped."""
    return _MD_NUMBERED.sub(r"\1\\\2", _MD_LINE_START.sub(r"\1\\\2", line))


def _md_overview(o: Overview, guide: Guide) -> list[str]:
    t = guide.texts
    late = f" **({md_cell(t('overdue'))})**"
    out = [f"## {md_cell(t('overview_title'))}", ""]
    for label, lines in (
        (t("overview_top"), [_md_line(md_cell(x)) for x in o.top]),
        (
            t("summary_contacts"),
            [md_cell(x) + (late if overdue else "") for x, overdue in o.contacts],
        ),
        (t("summary_checklist_open"), [_md_line(md_cell(x)) for x in o.open_items]),
    ):
        out += [f"**{md_cell(label)}**", ""]
        out += [f"- {line}" for line in lines] or ["-"]
        out.append("")
    if o.evaluation:
        date, overdue = o.evaluation
        out += [md_cell(t("summary_evaluation", date=date)) + (late if overdue else ""), ""]
    return out


def md_table(head: list[str], rows: list[list[str]], numbers: tuple[int, ...] = ()) -> list[str]:
    """A GFM table; the columns in `numbers` are right-aligned."""
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |"]
    lines.append(
        "|" + "|".join(" ---: " if i in numbers else " --- " for i in range(len(head))) + "|"
    )
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def markdown(session: Session, guide: Guide, today: dt.date) -> str:
    t = guide.texts
    out: list[str] = [f"# {md_cell(session.name)}", ""]
    out += [f"**{md_cell(k)}:** {md_cell(v)}  " for k, v in _header_fields(session, guide, today)]
    out[-1] = out[-1].rstrip()
    out.append("")

    out += _md_overview(overview(session, guide, today), guide)
    for step in guide.steps:
        out += [f"## {md_cell(step.full_heading)}", ""]
        out += [f"*{md_cell(t('status'))}: {md_cell(_status(session, guide, step.id))}*", ""]
        out += steps.kind(step.id).markdown(session, guide, today)
        for q in step.questions:
            answer = session.answer(step.id, q.id)
            out += [f"**{md_cell(q.label)}**", "", md_text(answer) if answer else "-", ""]

    out += [f"## {md_cell(t('summary_contacts'))}", ""]
    upcoming = session.next_contacts(today)
    for u in upcoming:
        late = f" **({md_cell(t('overdue'))})**" if u.overdue else ""
        out.append(f"- {fmt_date(u.date)}: {md_cell(u.partner)}{late}")
    if not upcoming:
        out.append(md_cell(t("summary_no_contacts")))
    out.append("")
    evaluation = session.next_evaluation(guide)
    if evaluation:
        late = f" **({md_cell(t('overdue'))})**" if evaluation < today else ""
        out.append(md_cell(t("summary_evaluation", date=fmt_date(evaluation))) + late)
    else:
        out.append(md_cell(t("summary_no_evaluation")))
    return "\n".join(out).rstrip() + "\n"


# -- CSV ------------------------------------------------------------------------------------


def csv_text(session: Session, guide: Guide, delimiter: str = ";") -> str:
    """One row per partner, by priority. Without the byte-order mark; see `csv_bytes`."""
    t, d = guide.texts, guide.diagram
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(
        [
            t("name"),
            t("kind"),
            t("contact"),
            t("brings"),
            d.x.name,
            d.y.name,
            t("quadrant"),
            t("priority"),
            t("next_contact"),
        ]
    )
    for p, r in session.partners_in_order(guide):
        plan = session.outreach.get(p.id)
        next_contact = plan.next_contact if plan and plan.planned else None
        row = [
            p.name,
            guide.label(guide.partner_kinds, p.kind),
            p.contact,
            p.brings,
            "" if p.interest is None else p.interest,
            "" if p.influence is None else p.influence,
            d.quadrant(r.quadrant).name if r else "",
            r.priority if r else "",
            fmt_date(next_contact),
        ]
        writer.writerow([_cell(cell) for cell in row])
    return buf.getvalue()


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one that starts like a formula (=, +, -, @, a
    tab or a carriage return; the OWASP rule) gets a leading apostrophe."""
    text = clean(str(value))
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r", "␉", "␍")) else text


def csv_bytes(session: Session, guide: Guide, delimiter: str = ";") -> bytes:
    """UTF-8 with a byte-order mark, so that a Danish spreadsheet reads æøå right."""
    return csv_text(session, guide, delimiter).encode("utf-8-sig")


# -- HTML -----------------------------------------------------------------------------------

POSTIT_COLOURS = {
    "raek_ud_foerst": "#fff176",
    "tal_ind": "#ffcc80",
    "gaa_sammen": "#a5d6a7",
    "hold_oeje": "#b3e5fc",
}

CSS = """
:root { color: #1a1a1a; background: #fff; font-family: system-ui, "Segoe UI", Arial, sans-serif;
        font-size: 11pt; line-height: 1.45; }
body { max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .15rem;
     margin-top: 1.8rem; break-after: avoid; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; break-after: avoid; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.status { font-style: italic; color: #444; margin-top: 0; break-after: avoid; }
.answer { white-space: pre-wrap; margin-top: .2rem; }
.question { font-weight: 600; margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: center; }
.board-wrap { break-inside: avoid; margin: 1rem 0; }
.board { display: grid; grid-template-columns: 1.6rem 1.2rem repeat(5, 1fr);
         grid-auto-rows: minmax(2.6rem, auto); border: 0; }
.yname { grid-column: 1; writing-mode: vertical-rl; transform: rotate(180deg);
         text-align: center; font-weight: 600; }
.tick { font-size: .85rem; color: #333; display: flex; align-items: center;
        justify-content: center; }
.cell { border: 1px solid #bbb; padding: .15rem; display: flex; flex-wrap: wrap;
        align-content: flex-start; gap: .15rem; }
.q-raek_ud_foerst { background: #fffde7; }
.q-tal_ind { background: #fff3e0; }
.q-gaa_sammen { background: #e8f5e9; }
.q-hold_oeje { background: #e1f5fe; }
.qname { font-weight: 700; font-size: .9rem; padding: .15rem .3rem; border: 1px solid #bbb; }
.high-y { border-bottom: 3px solid #1a1a1a; }
.high-x { border-left: 3px solid #1a1a1a; }
.postit { font-size: .75rem; line-height: 1.2; padding: .15rem .3rem; max-width: 100%;
          box-shadow: 1px 1px 2px rgba(0,0,0,.35); color: #1a1a1a; overflow-wrap: anywhere; }
.postit b { margin-right: .2rem; }
.xname { text-align: right; font-weight: 600; margin-top: .2rem; }
.unrated { font-style: italic; }
.legend { margin: .4rem 0 1rem; break-inside: avoid; display: grid;
          grid-template-columns: max-content 1fr; gap: .15rem .6rem; align-items: baseline; }
.legend dd { margin: 0; }
.legend dd.axis { grid-column: 1 / -1; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist > li { margin-bottom: .6rem; break-inside: avoid; }
ul.checklist .mark { color: #000; font-size: 1.15em; margin-right: .4rem; }
ul.checklist ul { margin: .1rem 0 0 1.9rem; padding-left: 1rem; }
.overdue { color: #b00020; font-weight: 700; }
.partner { break-inside: avoid-page; }
ul.overview { margin-top: .2rem; }
@media print { #overblik { break-after: page; } }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  h2 { break-before: auto; }
  .board-wrap, tr, ul.checklist > li { break-inside: avoid; }
  h2, h3, .status, .question { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def e(text: object) -> str:
    """Text for HTML: every markup character escaped."""
    return html.escape(clean(str(text)), quote=True)


def _html_overview(session: Session, guide: Guide, today: dt.date) -> list[str]:
    """The first page: the board, the top priorities, the next contacts, what is open."""
    t = guide.texts
    o = overview(session, guide, today)
    late = f' <span class="overdue">({e(t("overdue"))})</span>'
    out = ['<section id="overblik">', f"<h2>{e(t('overview_title'))}</h2>"]
    for step in guide.steps:
        out += steps.kind(step.id).overview_html(session, guide)
    for label, lines in (
        (t("overview_top"), [e(x) for x in o.top]),
        (t("summary_contacts"), [e(x) + (late if overdue else "") for x, overdue in o.contacts]),
        (t("summary_checklist_open"), [e(x) for x in o.open_items]),
    ):
        out.append(f'<h3>{e(label)}</h3><ul class="overview">')
        out += [f"<li>{line}</li>" for line in lines] or ["<li>-</li>"]
        out.append("</ul>")
    if o.evaluation:
        date, overdue = o.evaluation
        out.append(f"<p>{e(t('summary_evaluation', date=date))}{late if overdue else ''}</p>")
    return [*out, "</section>"]


def answer_html(text: str) -> str:
    return f'<p class="answer">{e(text) if text else "-"}</p>'


def html_report(session: Session, guide: Guide, today: dt.date) -> str:
    t = guide.texts
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{e(guide.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(session.name)} – {e(guide.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(session.name)}</h1>",
        f"<p>{e(guide.title)}</p>",
        '<dl class="meta">',
    ]
    out += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in _header_fields(session, guide, today)]
    out += ["</dl>", "</header>", "<main>"]
    out += _html_overview(session, guide, today)

    for step in guide.steps:
        status = _status(session, guide, step.id)
        out += [f'<section id="{e(step.id)}">', f"<h2>{e(step.full_heading)}</h2>"]
        out.append(f'<p class="status">{e(t("status"))}: {e(status)}</p>')
        out += steps.kind(step.id).html(session, guide, today)
        for q in step.questions:
            out.append(f'<p class="question">{e(q.label)}</p>')
            out.append(answer_html(session.answer(step.id, q.id)))
        out.append("</section>")

    out += [f'<section id="kontakter"><h2>{e(t("summary_contacts"))}</h2>']
    upcoming = session.next_contacts(today)
    if upcoming:
        out.append("<ul>")
        for u in upcoming:
            late = f' <span class="overdue">({e(t("overdue"))})</span>' if u.overdue else ""
            date = f'<time datetime="{u.date.isoformat()}">{fmt_date(u.date)}</time>'
            out.append(f"<li>{date}: {e(u.partner)}{late}</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>{e(t('summary_no_contacts'))}</p>")
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
