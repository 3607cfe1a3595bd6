"""Reports to share: Markdown, self-contained printable HTML, and the partner list as CSV.

Pure functions from a session and the guide to text; the CLI writes the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Iterator

from . import grid, progress
from .content import Guide
from .dates import fmt_date, fmt_time
from .grid import Ranked
from .session import Partner, Session

FORMATS = ("md", "html", "csv")

# -- shared ---------------------------------------------------------------------------------


def _header_fields(session: Session, guide: Guide) -> list[tuple[str, str]]:
    t = guide.texts
    fields = [(t("role"), guide.role_label(session.role))]
    if session.organisation:
        fields.append((t("organisation"), session.organisation))
    if session.forms:
        fields.append((t("forms"), ", ".join(guide.label(guide.forms, f) for f in session.forms)))
    fields.append((t("updated"), fmt_time(session.updated)))
    return fields


# -- Markdown -------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+[.)])")


def _md_inline(text: str) -> str:
    """Text inside a line (a heading, a table cell, after a label): one line, markup escaped."""
    return _MD_INLINE.sub(r"\\\1", " ".join(text.split()))


def md_text(text: str) -> str:
    """User text as Markdown blocks that show exactly those characters: markup escaped.

    Lines are kept (as hard breaks) and blank lines as paragraph breaks.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [_MD_LINE_START.sub(r"\1\\\2", _md_inline(line)) for line in block.splitlines()]
        paragraphs.append("\\\n".join(line for line in lines if line))
    return "\n\n".join(p for p in paragraphs if p)


_md_cell = _md_inline


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join(" --- " for _ in head) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def markdown(session: Session, guide: Guide, today: dt.date) -> str:
    t, d = guide.texts, guide.diagram
    ranked = {r.partner_id: r for r in progress.ranked(session, guide)}
    out: list[str] = [f"# {_md_cell(session.name)}", ""]
    out += [f"**{_md_cell(k)}:** {_md_cell(v)}  " for k, v in _header_fields(session, guide)]
    out[-1] = out[-1].rstrip()
    out.append("")

    for step in guide.steps:
        title = step.heading + (f" — {step.subtitle}" if step.subtitle else "")
        out += [f"## {_md_cell(title)}", ""]
        status = t("status_" + progress.step_status(session, step.id))
        out += [f"*{_md_cell(t('status'))}: {_md_cell(status)}*", ""]
        if step.id == "foer" and session.role:
            role = guide.role(session.role)
            for point in role.points:
                state = session.readiness.get(point.id)
                label = (
                    guide.label(guide.readiness, state.status) if state and state.status else "-"
                )
                line = f"- **{_md_cell(point.title)}:** {_md_cell(label)}"
                if state and state.note:
                    line += f" — {_md_cell(state.note)}"
                out.append(line)
            out.append("")
        if step.id == "aktoerer" and session.partners:
            rows = [
                [p.name, guide.label(guide.partner_kinds, p.kind), p.contact, p.brings]
                for p in session.partners
            ]
            out += [*_md_table([t("name"), t("kind"), t("contact"), t("brings")], rows), ""]
        if step.id == "prioriter" and ranked:
            rows = [
                [
                    str(r.priority),
                    r.name,
                    d.quadrant(r.quadrant).name,
                    str(r.interest),
                    str(r.influence),
                ]
                for r in ranked.values()
            ]
            head = ["#", t("name"), t("quadrant"), d.x.name, d.y.name]
            out += [*_md_table(head, rows), ""]
        for q in step.questions:
            answer = session.answer(step.id, q.id)
            out += [f"**{_md_cell(q.label)}**", "", md_text(answer) if answer else "-", ""]
        if step.id == "raek_ud":
            for p, r in progress.planned_in_order(session, guide):
                out += _md_outreach(session, guide, p, r)
        if step.id == "tjekliste":
            out += _md_checklist(session, guide)

    out += [f"## {_md_cell(t('summary_contacts'))}", ""]
    upcoming = progress.next_contacts(session, today)
    for u in upcoming:
        late = f" **({_md_cell(t('overdue'))})**" if u.overdue else ""
        out.append(f"- {fmt_date(u.date)}: {_md_cell(u.partner)}{late}")
    if not upcoming:
        out.append(_md_cell(t("summary_no_contacts")))
    out.append("")
    evaluation = progress.next_evaluation(session, guide)
    if evaluation:
        late = f" **({_md_cell(t('overdue'))})**" if evaluation < today else ""
        out.append(_md_cell(t("summary_evaluation", date=fmt_date(evaluation))) + late)
    else:
        out.append(_md_cell(t("summary_no_evaluation")))
    return "\n".join(out).rstrip() + "\n"


def _md_outreach(session: Session, guide: Guide, p: Partner, r: Ranked | None) -> list[str]:
    t = guide.texts
    plan = session.outreach[p.id]
    quadrant = guide.quadrant_label(r.quadrant if r else None)
    out = [f"### {_md_cell(p.name)} ({_md_cell(quadrant)})", ""]
    for card in guide.outreach_cards:
        answer = plan.cards.get(card.id, "")
        out += [f"**{_md_cell(card.title)}:** {_md_cell(card.question)}", ""]
        out += [md_text(answer) if answer else "-", ""]
    out.append(f"**{_md_cell(t('key_persons'))}:** {_md_cell(plan.key_persons) or '-'}  ")
    out.append(f"**{_md_cell(t('next_contact'))}:** {fmt_date(plan.next_contact) or '-'}")
    out.append("")
    if plan.log:
        out += [f"**{_md_cell(t('contact_log'))}:**", ""]
        out += [f"- {fmt_date(e.date)}: {_md_cell(e.note)}" for e in plan.log]
        out.append("")
    return out


def _md_checklist(session: Session, guide: Guide) -> list[str]:
    t = guide.texts
    out = []
    for number, item in enumerate(guide.checklist, 1):
        state = session.checklist.get(item.id)
        mark = "x" if state and state.done else " "
        out.append(f"- [{mark}] **{number}. {_md_cell(item.title)}**")
        out += [f"  - {_md_cell(point)}" for point in item.points]
        if state and state.note:
            out.append(f"  - *{_md_cell(t('note'))}:* {_md_cell(state.note)}")
        if state and state.date:
            out.append(f"  - *{_md_cell(t('next_evaluation'))}:* {fmt_date(state.date)}")
    out.append("")
    return out


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
    for p, r in progress.partners_in_order(session, guide):
        plan = session.outreach.get(p.id)
        next_contact = plan.next_contact if plan and plan.planned else None
        writer.writerow(
            [
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
        )
    return buf.getvalue()


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
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist > li { margin-bottom: .6rem; break-inside: avoid; }
ul.checklist input { width: 1rem; height: 1rem; vertical-align: -2px; margin-right: .4rem; }
ul.checklist ul { margin: .1rem 0 0 1.9rem; padding-left: 1rem; }
.overdue { color: #b00020; font-weight: 700; }
.partner { break-inside: avoid-page; }
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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _board_html(session: Session, guide: Guide) -> Iterator[str]:
    d = guide.diagram
    ranked = list(progress.ranked(session, guide))
    scale = list(d.scale)
    names = {q.id: q.name for q in d.quadrants}
    low = [x for x in scale if x < d.high_from]
    high = [x for x in scale if x >= d.high_from]
    rows = len(scale) + 2  # quadrant names above and below
    yield '<div class="board-wrap">'
    yield f'<div class="board" role="img" aria-label="{_e(d.y.name)} / {_e(d.x.name)}">'
    yield f'<div class="yname" style="grid-row: 1 / span {rows}">{_e(d.y.name)} ↑</div>'

    def qname(row: int, quadrant: str, cols: list[int]) -> str:
        first = 3 + scale.index(cols[0])
        return (
            f'<div class="qname q-{quadrant}" style="grid-row: {row}; '
            f'grid-column: {first} / span {len(cols)}">{_e(names[quadrant])}</div>'
        )

    yield qname(1, "tal_ind", low)
    yield qname(1, "raek_ud_foerst", high)
    for i, y in enumerate(sorted(scale, reverse=True)):
        row = 2 + i
        yield f'<div class="tick" style="grid-row: {row}; grid-column: 2">{y}</div>'
        for x in scale:
            quadrant = grid.quadrant(x, y, d.high_from)
            classes = [f"cell q-{quadrant}"]
            if y == d.high_from:
                classes.append("high-y")
            if x == d.high_from:
                classes.append("high-x")
            notes = "".join(
                f'<span class="postit" style="background: {POSTIT_COLOURS[r.quadrant]}">'
                f"<b>{r.priority}</b>{_e(r.name)}</span>"
                for r in ranked
                if r.interest == x and r.influence == y
            )
            column = 3 + scale.index(x)
            yield (
                f'<div class="{" ".join(classes)}" style="grid-row: {row}; grid-column: {column}">'
                f"{notes}</div>"
            )
    bottom = 2 + len(scale)
    yield qname(bottom, "hold_oeje", low)
    yield qname(bottom, "gaa_sammen", high)
    for x in scale:
        column = 3 + scale.index(x)
        yield f'<div class="tick" style="grid-row: {bottom + 1}; grid-column: {column}">{x}</div>'
    yield "</div>"
    yield f'<div class="xname">{_e(d.x.name)} →</div>'
    unrated = [p.name for p in session.partners if p.interest is None or p.influence is None]
    if unrated:
        text = guide.texts("diagram_unrated", names=", ".join(unrated))
        yield f'<p class="unrated">{_e(text)}</p>'
    yield "</div>"


def _answer_html(text: str) -> str:
    return f'<p class="answer">{_e(text) if text else "-"}</p>'


def html_report(session: Session, guide: Guide, today: dt.date) -> str:
    t, d = guide.texts, guide.diagram
    ranked = {r.partner_id: r for r in progress.ranked(session, guide)}
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(guide.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(session.name)} – {_e(guide.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(session.name)}</h1>",
        f"<p>{_e(guide.title)}</p>",
        '<dl class="meta">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in _header_fields(session, guide)]
    out += ["</dl>", "</header>", "<main>"]

    for step in guide.steps:
        title = step.heading + (f" — {step.subtitle}" if step.subtitle else "")
        status = t("status_" + progress.step_status(session, step.id))
        out += [f'<section id="{_e(step.id)}">', f"<h2>{_e(title)}</h2>"]
        out.append(f'<p class="status">{_e(t("status"))}: {_e(status)}</p>')
        if step.id == "foer" and session.role:
            out.append("<ul>")
            for point in guide.role(session.role).points:
                state = session.readiness.get(point.id)
                label = (
                    guide.label(guide.readiness, state.status) if state and state.status else "-"
                )
                note = f" — {_e(state.note)}" if state and state.note else ""
                out.append(f"<li><strong>{_e(point.title)}:</strong> {_e(label)}{note}</li>")
            out.append("</ul>")
        if step.id == "aktoerer" and session.partners:
            out.append("<table><thead><tr>")
            out += [
                f'<th scope="col">{_e(h)}</th>'
                for h in (t("name"), t("kind"), t("contact"), t("brings"))
            ]
            out.append("</tr></thead><tbody>")
            for p in session.partners:
                kind = guide.label(guide.partner_kinds, p.kind)
                out.append(
                    f'<tr><th scope="row">{_e(p.name)}</th><td>{_e(kind)}</td>'
                    f"<td>{_e(p.contact)}</td><td>{_e(p.brings)}</td></tr>"
                )
            out.append("</tbody></table>")
        if step.id == "prioriter" and session.partners:
            out += list(_board_html(session, guide))
            if ranked:
                out.append("<table><thead><tr>")
                heads = ("#", t("name"), t("quadrant"), d.x.name, d.y.name)
                out += [f'<th scope="col">{_e(h)}</th>' for h in heads]
                out.append("</tr></thead><tbody>")
                for r in ranked.values():
                    out.append(
                        f'<tr><td class="num">{r.priority}</td><th scope="row">{_e(r.name)}</th>'
                        f"<td>{_e(d.quadrant(r.quadrant).name)}</td>"
                        f'<td class="num">{r.interest}</td><td class="num">{r.influence}</td></tr>'
                    )
                out.append("</tbody></table>")
        for q in step.questions:
            out.append(f'<p class="question">{_e(q.label)}</p>')
            out.append(_answer_html(session.answer(step.id, q.id)))
        if step.id == "raek_ud":
            for p, r in progress.planned_in_order(session, guide):
                out += _html_outreach(session, guide, p, r)
        if step.id == "tjekliste":
            out += _html_checklist(session, guide, today)
        out.append("</section>")

    out += [f'<section id="kontakter"><h2>{_e(t("summary_contacts"))}</h2>']
    upcoming = progress.next_contacts(session, today)
    if upcoming:
        out.append("<ul>")
        for u in upcoming:
            late = f' <span class="overdue">({_e(t("overdue"))})</span>' if u.overdue else ""
            date = f'<time datetime="{u.date.isoformat()}">{fmt_date(u.date)}</time>'
            out.append(f"<li>{date}: {_e(u.partner)}{late}</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>{_e(t('summary_no_contacts'))}</p>")
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_outreach(session: Session, guide: Guide, p: Partner, r: Ranked | None) -> list[str]:
    t = guide.texts
    plan = session.outreach[p.id]
    quadrant = guide.quadrant_label(r.quadrant if r else None)
    colour = POSTIT_COLOURS[r.quadrant] if r else "#eeeeee"
    out = [
        '<article class="partner">',
        f'<h3><span class="postit" style="background: {colour}">{_e(p.name)}</span> '
        f"({_e(quadrant)})</h3>",
    ]
    for card in guide.outreach_cards:
        out.append(f'<p class="question">{_e(card.title)}: {_e(card.question)}</p>')
        out.append(_answer_html(plan.cards.get(card.id, "")))
    out.append('<dl class="meta">')
    out.append(f"<dt>{_e(t('key_persons'))}</dt><dd>{_e(plan.key_persons) or '-'}</dd>")
    out.append(f"<dt>{_e(t('next_contact'))}</dt><dd>{fmt_date(plan.next_contact) or '-'}</dd>")
    out.append("</dl>")
    if plan.log:
        out.append(f'<p class="question">{_e(t("contact_log"))}</p><ul>')
        out += [f"<li>{fmt_date(e.date)}: {_e(e.note)}</li>" for e in plan.log]
        out.append("</ul>")
    out.append("</article>")
    return out


def _html_checklist(session: Session, guide: Guide, today: dt.date) -> list[str]:
    t = guide.texts
    out = ['<ul class="checklist">']
    for number, item in enumerate(guide.checklist, 1):
        state = session.checklist.get(item.id)
        checked = " checked" if state and state.done else ""
        out.append(
            f'<li><label><input type="checkbox" disabled{checked}>'
            f"<strong>{number}. {_e(item.title)}</strong></label><ul>"
        )
        out += [f"<li>{_e(point)}</li>" for point in item.points]
        if state and state.note:
            out.append(f"<li><em>{_e(t('note'))}:</em> {_e(state.note)}</li>")
        if state and state.date:
            late = " overdue" if state.date < today else ""
            out.append(
                f'<li class="{late.strip()}"><em>{_e(t("next_evaluation"))}:</em> '
                f"{fmt_date(state.date)}</li>"
            )
        out.append("</ul></li>")
    out.append("</ul>")
    return out
