"""The samarbejdsaftale as a document both chairs sign: Markdown and HTML through the Jinja2
templates in `content/templates/`, Word through python-docx.

What it holds is the agreement's own text only: the parties one per block, "Udkast af <dato>"
until every section is in place, the sections in order (each not yet settled marked "Skal
drøftes"), the sections that are not relevant listed apart at the end, the period once with its
dates written out, and a signature block (date, signature, name and title) for each party.
Nothing internal from the session (ratings, other partners, the contact
log, readiness notes) is read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samarbejde.base.dates import fmt_long_date
from samarbejde.base.errors import SessionError
from samarbejde.guide.content import Guide
from samarbejde.guide.texts import Texts
from samarbejde.sessions.model import Session, has_contact


@dataclass(frozen=True)
class DocSection:
    heading: str  # "3. Målgruppe og information"
    paragraphs: list[str]  # as typed: one line break joins, an empty line splits
    to_discuss: bool  # marked "delvist", or not written yet: "Skal drøftes"


@dataclass(frozen=True)
class AgreementDoc:
    title: str  # "Samarbejdsaftale"
    between: str  # "mellem Nordby Kommune og Frivilligcentret": the file's title only
    parties: list[str]  # each party's name, one block each
    draft: str  # "Udkast af 7. december 2026" until every section is in place; else ""
    language: str
    sections: list[DocSection]  # the dates in the one on duration, stated there once
    not_relevant: list[str]  # headings, listed apart
    signing: tuple[str, list[str]]  # the signatures' section: (heading, paragraphs)
    signers: list[str]  # "For Nordby Kommune", one signature block each
    disclaimer: str
    texts: dict[str, str]
    organisation: str = ""  # ours as the user gave it: the Word file's author


SIGNATURES = "underskrifter"  # the section whose text goes with the signature lines
DURATION = "varighed"  # the section the agreement's dates are written in
PARTIES = "parter"  # the section naming the parties and their contact persons


def our_contact_line(session: Session, t: Texts) -> str:
    """Our contact person with role, phone and e-mail, as the parties' section names it ("" when
    never given)."""
    contact = session.our_contact
    return contact.line(t) if contact is not None and has_contact(session) else ""


def with_our_contact(body: str, session: Session, t: Texts) -> str:
    """The parties' section with our contact person in its first "Kontaktperson:" line (the
    suggestion's is ours, the first party's) when that line was left empty, as a draft made
    before we gave it has it; the text as it is otherwise."""
    ours = our_contact_line(session, t)
    empty = {t("agreement_party_contact", names="").strip(), t("agreement_party_contact_empty")}
    lines = body.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip() in empty), None)
    if not ours or first is None:
        return body
    lines[first] = t("agreement_party_contact", names=ours)
    return "\n".join(lines)


def paragraphs(value: str, keep_lines: bool = False) -> list[str]:
    """Text as typed, in paragraphs: one line break joins two lines (a line typed short in a
    terminal is no new paragraph), an empty line splits. `keep_lines`: a block whose lines
    stand apart (a party's name, address and contact person) keeps them, in one paragraph."""
    out, lines = [], []
    for line in [*value.splitlines(), ""]:
        if line.strip():
            lines.append(line.strip())
        elif lines:
            out.append(("\n" if keep_lines else " ").join(lines))
            lines = []
    return out


def long_date(value: dt.date | None, t: Texts) -> str:
    return fmt_long_date(value, t) if value is not None else "–"


def status_line(done: int, total: int, apart: int, t: Texts) -> str:
    """ "Samarbejdsaftale: 9 af 12 afsnit på plads", and the sections not relevant apart."""
    line = t("agreement_status_line", done=done, total=total)
    return f"{line} {t('agreement_status_apart', count=apart)}" if apart else line


def between(names: list[str], t: Texts) -> str:
    """ "mellem A, B og C" (a title's words; the document puts each party on its own line)."""
    return t("agreement_doc_between", ours=", ".join(names[:-1]), theirs=names[-1])


def draft_line(states: dict[str, str], today: dt.date, t: Texts) -> str:
    """ "Udkast af 7. december 2026" until every section is in place (or not relevant)."""
    unsettled = any(state in ("partly", "missing") for state in states.values())
    return t("agreement_doc_draft", date=fmt_long_date(today, t)) if unsettled else ""


def build(session: Session, guide: Guide, today: dt.date) -> AgreementDoc:
    t = guide.texts
    a = session.agreement
    assert a is not None and guide.agreement is not None
    ours = session.organisation or session.name
    partner = session.partner(a.partner) if a.partner else None
    if partner is None:  # removed since the agreement was drafted
        raise SessionError("agreement_partner_gone", name=session.name)
    theirs = a.other or partner.name
    names = [ours, theirs, *a.others]
    dates = []
    if a.start or a.end:
        start, end = long_date(a.start, t), long_date(a.end, t)
        dates.append(t("agreement_doc_period", start=start, end=end))
    if a.notice:
        dates.append(t("agreement_doc_notice", date=fmt_long_date(a.notice, t)))
    states = dict(session.agreement_statuses(guide))
    sections: list[DocSection] = []
    not_relevant: list[str] = []
    signing: tuple[str, list[str]] = (t("agreement_doc_sign"), [])
    for section in session.agreement_sections(guide):
        part = a.sections.get(section.id)
        body = (part.text or "").strip() if part is not None else ""
        state = states.get(section.id, "missing")
        if section.id == SIGNATURES:
            signing = (section.title, paragraphs(body))
        elif state == "not_relevant":
            not_relevant.append(section.title)
        else:
            if section.id == PARTIES:
                body = with_our_contact(body, session, t)
            written = paragraphs(body, keep_lines=section.id == PARTIES)
            written = written or [t("agreement_doc_empty")]
            if section.id == DURATION:
                written += dates
            heading = f"{len(sections) + 1}. {section.title}"
            sections.append(DocSection(heading, written, to_discuss=state != "in_place"))
    return AgreementDoc(
        title=t("agreement_doc_title"),
        between=between(names, t),
        parties=names,
        draft=draft_line(states, today, t),
        language=guide.language,
        sections=sections,
        not_relevant=not_relevant,
        signing=signing,
        signers=[t("agreement_doc_sign_line", name=n) for n in names],
        disclaimer=t("agreement_doc_disclaimer", organisation=ours),
        texts={
            key: t(key)
            for key in (
                "agreement_doc_not_relevant",
                "agreement_doc_date_line",
                "agreement_doc_signature_line",
                "agreement_doc_name_line",
                "agreement_doc_to_discuss",
                "agreement_doc_between_word",
                "agreement_doc_and",
            )
        }
        | {"page": t("report_page"), "of": t("report_page_of")},
        organisation=session.organisation,
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
    """An editable Word document: Word's own headings, one paragraph per paragraph typed (no
    tables for prose), Danish as the document language, page numbers in the footer, "Udkast"
    with its date in the header of every page, and each party's signature block kept on one
    page."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    from samarbejde.reports.word import finish, new_document, text

    footer = (doc.title, doc.texts["page"], doc.texts["of"])
    title = f"{doc.title} {doc.between}"
    word = new_document(
        title,
        doc.language,
        now,
        doc.organisation,
        margin=2.5,
        size=11,
        space_after=None,
        footer=footer,
    )
    section = word.sections[0]
    if doc.draft:
        section.header.paragraphs[0].add_run(text(doc.draft)).bold = True
    word.add_heading(text(doc.title), level=0)
    word.add_paragraph(text(doc.texts["agreement_doc_between_word"]))
    for n, party in enumerate(doc.parties):
        if n:
            word.add_paragraph(text(doc.texts["agreement_doc_and"]))
        word.add_paragraph().add_run(text(party)).bold = True
    if doc.draft:
        word.add_paragraph().add_run(text(doc.draft)).bold = True
    word.add_paragraph().add_run(text(doc.disclaimer)).italic = True
    for part in doc.sections:
        word.add_heading(text(part.heading), level=1)
        if part.to_discuss:
            mark = word.add_paragraph().add_run(text(doc.texts["agreement_doc_to_discuss"]))
            mark.bold = True
            mark.font.highlight_color = WD_COLOR_INDEX.YELLOW
        for paragraph in part.paragraphs:  # a line kept apart (a party's block): a line break
            word.typed(word.add_paragraph(), paragraph)
    if doc.not_relevant:
        word.add_heading(text(doc.texts["agreement_doc_not_relevant"]), level=1)
        for heading in doc.not_relevant:
            word.add_paragraph(text(heading), style="List Bullet")
    word.add_heading(text(doc.signing[0]), level=1)
    for paragraph in doc.signing[1]:
        word.add_paragraph(text(paragraph))
    lines = ("agreement_doc_date_line", "agreement_doc_signature_line", "agreement_doc_name_line")
    for signer in doc.signers:
        block = [word.add_paragraph()]
        block[0].add_run(text(signer)).bold = True
        block[0].paragraph_format.space_before = Pt(18)
        for key in lines:
            q = word.add_paragraph(text(doc.texts[key]))
            q.paragraph_format.space_before = Pt(12)
            block.append(q)
        for n, p in enumerate(block):  # the block on one page: each line kept with the next
            p.paragraph_format.keep_together = True
            p.paragraph_format.keep_with_next = n < len(block) - 1
    return finish(word)
