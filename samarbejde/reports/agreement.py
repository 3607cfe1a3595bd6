"""The samarbejdsaftale as a document both chairs sign: Markdown and HTML through the Jinja2
templates in `content/templates/`, Word through python-docx.

What it holds is the agreement's own text only: the parties, the sections in order, the
sections that are not relevant listed briefly at the end, the period, and a date and signature
line for each party. Nothing internal from the session (ratings, other partners, the contact
log, readiness notes) is read here.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from samarbejde.base.dates import fmt_date
from samarbejde.base.errors import SessionError
from samarbejde.guide.content import Guide
from samarbejde.guide.texts import Texts
from samarbejde.sessions.model import Session, has_contact


@dataclass(frozen=True)
class AgreementDoc:
    title: str  # "Samarbejdsaftale"
    between: str  # "mellem Nordby Kommune og Frivilligcentret"
    language: str
    sections: list[tuple[str, str]]  # (heading, text); the dates in the one on duration
    not_relevant: list[str]  # headings
    signing: tuple[str, str]  # the signatures' section: (heading, text: who signs)
    parties: list[str]  # "For Nordby Kommune", "For Frivilligcentret"
    disclaimer: str
    texts: dict[str, str]


SIGNATURES = "underskrifter"  # the section whose text goes with the signature lines
DURATION = "varighed"  # the section the agreement's dates are written in
PARTIES = "parter"  # the section naming the parties and their contact persons


def our_contact_line(session: Session, t: Texts) -> str:
    """Our contact person with role, phone and e-mail, as the parties' section names it ("" when
    never given)."""
    contact = session.our_contact
    return contact.line(t) if contact is not None and has_contact(session) else ""


def _with_our_contact(body: str, session: Session, t: Texts) -> str:
    """The parties' section with our contact person in its first "Kontaktperson:" line (the
    suggestion's is ours, the first party's) when that line was left empty, as a draft made
    before we gave it has it; the text as it is otherwise."""
    ours, empty = our_contact_line(session, t), t("agreement_party_contact", names="").strip()
    lines = body.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip().startswith(empty)), None)
    if not ours or first is None or lines[first].strip() != empty:
        return body
    lines[first] = t("agreement_party_contact", names=ours)
    return "\n".join(lines)


def build(session: Session, guide: Guide, today: dt.date) -> AgreementDoc:
    t = guide.texts
    a = session.agreement
    assert a is not None and guide.agreement is not None
    ours = session.organisation or session.name
    partner = session.partner(a.partner) if a.partner else None
    if partner is None:  # removed since the agreement was drafted
        raise SessionError("agreement_partner_gone", name=session.name)
    theirs = a.other or partner.name
    dates = []
    if a.start or a.end:
        start, end = fmt_date(a.start) or "–", fmt_date(a.end) or "–"
        dates.append(t("agreement_doc_period", start=start, end=end))
    if a.notice:
        dates.append(t("agreement_doc_notice", date=fmt_date(a.notice)))
    sections, not_relevant = [], []
    signing = (t("agreement_doc_sign"), "")
    for section in session.agreement_sections(guide):
        part = a.sections.get(section.id)
        body = (part.text or "").strip() if part is not None else ""
        if section.id == SIGNATURES:
            signing = (section.title, body)
        elif part is not None and part.status == "not_relevant":
            not_relevant.append(section.title)
        else:
            if section.id == DURATION:
                body = "\n".join([body, *dates]).strip()
            if section.id == PARTIES:
                body = _with_our_contact(body, session, t)
            sections.append((section.title, body or t("agreement_doc_empty")))
    return AgreementDoc(
        title=t("agreement_doc_title"),
        between=t("agreement_doc_between", ours=ours, theirs=theirs),
        language=guide.language,
        sections=sections,
        not_relevant=not_relevant,
        signing=signing,
        parties=[t("agreement_doc_sign_line", name=n) for n in (ours, theirs)],
        disclaimer=t("agreement_doc_disclaimer"),
        texts={
            key: t(key)
            for key in (
                "agreement_doc_not_relevant",
                "agreement_doc_date_line",
                "agreement_doc_signature_line",
            )
        }
        | {"page": t("report_page"), "of": t("report_page_of")},
    )


def render(doc: AgreementDoc, kind: str) -> str:
    """Markdown ("md") or HTML ("html"), escaped for its format by the report templates'
    environment."""
    import re

    from samarbejde.reports.render import templates

    text = templates(kind).get_template(f"agreement.{kind}.j2").render(d=doc, t=doc.texts)
    if kind == "md":
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text


def docx_bytes(doc: AgreementDoc, now: dt.datetime) -> bytes:
    """An editable Word document: Word's own headings, one paragraph per line of text (no
    tables for prose), Danish as the document language, page numbers in the footer."""
    from docx import Document
    from docx.shared import Cm, Pt

    from samarbejde.reports.word import danish, page_numbers, properties, text

    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    danish(word, doc.language)
    properties(word, f"{doc.title} {doc.between}", doc.language, now)
    word.styles["Normal"].font.size = Pt(11)
    page_numbers(section.footer.paragraphs[0], doc.title, doc.texts["page"], doc.texts["of"])
    word.add_heading(text(doc.title), level=0)
    word.add_paragraph(text(doc.between))
    _lines(word, doc.disclaimer, italic=True)
    for number, (heading, body) in enumerate(doc.sections, 1):
        word.add_heading(text(f"{number}. {heading}"), level=1)
        _lines(word, body)
    if doc.not_relevant:
        word.add_heading(text(doc.texts["agreement_doc_not_relevant"]), level=1)
        for heading in doc.not_relevant:
            word.add_paragraph(text(heading), style="List Bullet")
    word.add_heading(text(doc.signing[0]), level=1)
    if doc.signing[1]:
        _lines(word, doc.signing[1])
    for party in doc.parties:
        p = word.add_paragraph()
        p.add_run(text(party)).bold = True
        p.paragraph_format.keep_with_next = True
        for line in (
            doc.texts["agreement_doc_date_line"],
            doc.texts["agreement_doc_signature_line"],
        ):
            q = word.add_paragraph(text(line))
            q.paragraph_format.space_before = Pt(12)
            q.paragraph_format.keep_with_next = True
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def _lines(word: Any, value: str, italic: bool = False) -> None:
    from samarbejde.reports.word import text

    for line in value.splitlines() or [""]:
        word.add_paragraph().add_run(text(line)).italic = italic
