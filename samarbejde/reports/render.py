"""Reports to share: Markdown, self-contained printable HTML, and the partner list as CSV.

Markdown and HTML are the report model (`report_model.build`) rendered by the Jinja2 templates in
`content/templates/`; Word is the same model in `reports.word`. Pure functions from a session
and the guide to text; the command writes the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from functools import cache
from typing import Any

from samarbejde.base.dates import fmt_date
from samarbejde.base.terminal import clean
from samarbejde.guide.content import Guide
from samarbejde.guide.texts import templates_dir
from samarbejde.reports import report_model
from samarbejde.sessions.model import Session
from samarbejde.steps import board

# -- Markdown -------------------------------------------------------------------------------

# Markup to escape in user text: `_` and `@` only where Markdown could read them (`_` at a
# word's edge, `@` not after a letter: a mention), so an e-mail address and a name like
# "a_b" stay as typed in the file too. #: no issue link; $: no math.
_ALNUM = r"[^\W_]"  # a letter or a digit (æøå too)
_MD_INLINE = re.compile(rf"[\\`*\[\]<>|~&#$]|(?<!{_ALNUM})_|_(?!{_ALNUM})|(?<!{_ALNUM})@")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>#])")
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # `1. nummer` is text, not a numbered list


def _typed(text: str) -> list[list[str]]:
    """User text as typed: its paragraphs (an empty line between them), each its lines,
    visible (control characters shown) and without the spaces at their ends."""
    text = clean(text.replace("\r\n", "\n")).strip()
    blocks = (block.splitlines() for block in _PARAGRAPH_BREAK.split(text))
    found = [[line.strip() for line in lines if line.strip()] for lines in blocks]
    return [lines for lines in found if lines]


def _md_escape(text: str) -> str:
    return _MD_INLINE.sub(lambda m: "\\" + m.group(), text)


def md_cell(text: str) -> str:
    """Text inside a line (a heading, a table cell, after a label), markup escaped: a typed
    line break joins the lines with a space (a cell wraps its text anyway), an empty line
    becomes `<br>`, which GitHub, GitLab, VS Code and pandoc show as a break in a table."""
    paragraphs = [" ".join(" ".join(line.split()) for line in lines) for lines in _typed(text)]
    return "<br>".join(_md_escape(paragraph) for paragraph in paragraphs)


def md_text(text: str) -> str:
    """User text as Markdown blocks that show exactly those characters: markup escaped.

    Lines are kept (as hard breaks) and blank lines as paragraph breaks.
    """
    paragraphs = []
    for lines in _typed(text):
        escaped = (_md_line(_md_escape(" ".join(line.split()))) for line in lines)
        paragraphs.append("\\\n".join(escaped))
    return "\n\n".join(paragraphs)


def html_text(text: object, inline: bool = False) -> Any:
    """User text in HTML as typed, escaped: an empty line starts a new paragraph (`<p>`), a
    single line break stays inside it (`<br>`). `inline`: one paragraph alone is just its
    lines (in a table cell, or a line the template made)."""
    from markupsafe import Markup, escape

    if hasattr(text, "__html__"):
        return text
    paragraphs = [Markup("<br>").join(escape(line) for line in lines)
                  for lines in _typed("" if text is None else str(text))]  # fmt: skip
    if inline and len(paragraphs) <= 1:
        return paragraphs[0] if paragraphs else Markup("")
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


def _md_line(line: str) -> str:
    """A line that Markdown would read as a list, a quote or a heading, escaped."""
    return _MD_NUMBERED.sub(r"\1\\\2", _MD_LINE_START.sub(r"\1\\\2", line))


def _md_value(value: Any) -> Any:
    """Every `{{ value }}` in the Markdown template: escaped unless the template made it."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(md_cell("" if value is None else str(value)))


def _html_value(value: Any) -> Any:
    """Every `{{ value }}` in the HTML template, before autoescape: control characters
    made visible."""
    if hasattr(value, "__html__"):
        return value
    return clean("" if value is None else str(value))


_CSS_UNSAFE = re.compile(r"[^0-9A-Za-z ]")


def css_string(text: str) -> Any:
    """Text for inside a CSS string in a <style> element: everything but ASCII letters,
    digits and spaces as a hex escape, so no quote, backslash or `</style>` survives. Each
    escape ends in a space, which CSS reads as the escape's end, not as text; a space that
    follows in the text is then kept."""
    from markupsafe import Markup

    return Markup(_CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", clean(text)))


@cache
def _templates(kind: str) -> Any:
    """The Jinja2 environment for "md" or "html". Templates come only from the bundled
    content folder, never from a session or a content file the user gives."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,  # Markdown too: its "escape" is `_md_value`, run first
        finalize=_md_value if kind == "md" else _html_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["block"] = lambda text: Markup(md_text(text))
    env.filters["line"] = lambda text: Markup(_md_line(md_cell(text)))
    env.filters["css"] = css_string
    env.filters["paragraphs"] = html_text
    env.filters["cell"] = lambda text: html_text(text, inline=True)
    env.globals["hardbreak"] = Markup("  ")
    env.globals["colours"] = board.POSTIT_COLOURS  # the post-its outside the board
    return env


def templates(kind: str) -> Any:
    """The report templates' environment, for the other documents made from content's
    templates (the samarbejdsaftale)."""
    return _templates(kind)


def _render(kind: str, session: Session, guide: Guide, today: dt.date) -> str:
    r = report_model.build(session, guide, today)
    template = _templates(kind).get_template(f"report.{kind}.j2")
    return template.render(r=r, t=r.texts)


def render_template(kind: str, name: str, **values: Any) -> str:
    """Another bundled template (e.g. `compare.md.j2`) rendered with the same escaping."""
    return _templates(kind).get_template(name).render(**values)


def markdown(session: Session, guide: Guide, today: dt.date) -> str:
    text = _render("md", session, guide, today)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_report(session: Session, guide: Guide, today: dt.date) -> str:
    return _render("html", session, guide, today)


# -- CSV ------------------------------------------------------------------------------------


def csv_text(session: Session, guide: Guide, delimiter: str = ";") -> str:
    """One row per partner, by priority. Without the byte-order mark; see `csv_bytes`."""
    t, d = guide.texts, guide.diagram
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    head = [
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
    writer.writerow([_cell(cell) for cell in head])  # a content file sets these: same rule
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
