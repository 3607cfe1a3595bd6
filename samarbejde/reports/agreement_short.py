"""The samarbejdsaftale on one page, for the people who do the work (`export --agreement
--kort`): who to call, what volunteers do and do not do, tavshedspligt and underretning. Made
from the agreement's own sections as agreed (nothing internal from the session); A4 in
Markdown, HTML and Word."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samarbejde.base.errors import SessionError
from samarbejde.guide.content import Guide
from samarbejde.reports.agreement import (
    PARTIES,
    between,
    draft_line,
    long_date,
    our_contact_line,
    paragraphs,
    with_our_contact,
)
from samarbejde.sessions.model import Session

# The sections the page is made of, after who to call: what volunteers do (and do not), and
# what they must keep to themselves or report.
WORK = ("roller", "myndighed")
SECRECY = ("tavshedspligt", "attester")


@dataclass(frozen=True)
class ShortDoc:
    title: str  # "Samarbejdet kort"
    parties: str  # "Nordby Kommune, Ældreområdet og Frivilligcentret Åby"
    period: str  # "Aftalen gælder fra … til og med …" or ""
    draft: str  # "Udkast af 7. december 2026" while the agreement is a draft
    language: str
    call_heading: str  # "Hvem ringer I til?"
    call: list[tuple[str, str]]  # (party, its contact person as the agreement names it)
    parts: list[tuple[str, list[str]]]  # (heading, paragraphs)
    footer: str  # where the whole agreement is, and that this is no legal advice
    organisation: str = ""  # ours as the user gave it: the Word file's author


def _contacts(body: str, names: list[str], empty: str) -> dict[str, str]:
    """Each party's contact person as the parties' section names it: in the block that begins
    with the party's name, the line after "Kontaktperson"."""
    found: dict[str, str] = {}
    for block in paragraphs(body, keep_lines=True):
        lines = block.split("\n")
        name = next((n for n in names if lines[0].startswith(n)), None)
        contact = next((line for line in lines if line.startswith(empty)), "")
        if name is not None and name not in found:
            found[name] = contact.split(":", 1)[1].strip() if ":" in contact else ""
    return found


def build_short(session: Session, guide: Guide, today: dt.date) -> ShortDoc:
    t = guide.texts
    a = session.agreement
    assert a is not None and guide.agreement is not None
    partner = session.partner(a.partner) if a.partner else None
    if partner is None:
        raise SessionError("agreement_partner_gone", name=session.name)
    ours = session.organisation or session.name
    names = [ours, a.other or partner.name, *a.others]
    texts = {k: (p.text or "").strip() for k, p in a.sections.items()}
    label = t("agreement_party_contact", names="").strip().rstrip(":")
    parties = with_our_contact(texts.get(PARTIES, ""), session, t)
    contacts = _contacts(parties, names, label)
    if not contacts.get(ours):  # no parties' section written: our contact as given
        contacts[ours] = our_contact_line(session, t)
    blank = t("agreement_short_blank")
    call = [(name, contacts.get(name) or blank) for name in names]
    applies = {s.id: s.title for s in session.agreement_sections(guide)}
    states = dict(session.agreement_statuses(guide))
    parts = []
    for heading, ids in (("agreement_short_work", WORK), ("agreement_short_secrecy", SECRECY)):
        body = [p for i in ids if i in applies and states.get(i) != "not_relevant"
                for p in paragraphs(texts.get(i, ""))]  # fmt: skip
        parts.append((t(heading), body or [blank]))
    period = ""
    if a.start or a.end:
        period = t("agreement_doc_period", start=long_date(a.start, t), end=long_date(a.end, t))
    return ShortDoc(
        title=t("agreement_short_title"),
        parties=between(names, t),
        period=period,
        draft=draft_line(states, today, t),
        language=guide.language,
        call_heading=t("agreement_short_call"),
        call=call,
        parts=parts,
        footer=t("agreement_short_footer"),
        organisation=session.organisation,
    )


def render(doc: ShortDoc, kind: str) -> str:
    """Markdown ("md") or HTML ("html"), escaped by the report templates' environment."""
    import re

    from samarbejde.reports.render import templates

    template = templates(kind).get_template(f"agreement_short.{kind}.j2")
    text = template.render(d=doc)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n" if kind == "md" else text


def docx_bytes(doc: ShortDoc, now: dt.datetime) -> bytes:
    """One A4 page in Word: narrow margins, 10 pt, the contacts first."""
    from samarbejde.reports.word import finish, new_document, text

    word = new_document(
        f"{doc.title} {doc.parties}",
        doc.language,
        now,
        doc.organisation,
        margin=2.0,
        size=10,
        space_after=4,
    )
    word.add_heading(text(doc.title), level=0)
    word.add_paragraph(text(doc.parties))
    for line in (doc.period, doc.draft):
        if line:
            word.add_paragraph().add_run(text(line)).bold = True
    word.add_heading(text(doc.call_heading), level=1)
    for name, contact in doc.call:
        p = word.add_paragraph(style="List Bullet")
        p.add_run(text(name) + ": ").bold = True
        p.add_run(text(contact))
    for heading, body in doc.parts:
        word.add_heading(text(heading), level=1)
        for paragraph in body:
            word.typed(word.add_paragraph(), paragraph)
    word.add_paragraph().add_run(text(doc.footer)).italic = True
    return finish(word)
