"""The partner's page (`export --partner`): what a forening's chair or a kommune's contact
should receive before a first meeting, and nothing internal.

Written in our voice, to them: their contact person as the addressee ("Til: …"), ours as the
sender ("Vores kontaktperson: …", or a blank to fill in), who we are (the organisation without
its role), the next contact as a proposed date while it is still to come, the citizens and the
problem we want to tackle (step 1, as our statements: never step 1's questions), why we come
to them and what we propose (the cards "Fælles mål og interesser" and "Tal ind i hinandens
dagsorden"), and the guide's checklist as a shared agenda. Never in it: ratings, quadrants,
priorities, other partners, readiness notes, the contact log, key persons, our own
preparation. The model is built from an allow-list: a field
not named here cannot reach the page. Rendered as Markdown and HTML by the templates in
`content/templates/partner.*.j2`, and as Word here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from samarbejde.base.dates import fmt_long_date
from samarbejde.guide.content import Guide
from samarbejde.sessions.model import Partner, Session, has_contact

# What the partner sees of our answers: step 1's target group and problem, and two cards.
CITIZEN_QUESTIONS = ("maalgruppe", "problem")
# Their labels: our own statements, to the partner (never step 1's questions to the user).
CITIZEN_LABELS = ("partner_page_maalgruppe", "partner_page_problem")
SHARED_CARDS = ("faelles_maal", "dagsorden")


@dataclass(frozen=True)
class Entry:
    label: str
    text: str


@dataclass(frozen=True)
class Section:
    heading: str
    entries: list[Entry] = field(default_factory=list)
    intro: str = ""


@dataclass(frozen=True)
class AgendaItem:
    title: str
    points: list[str]


@dataclass(frozen=True)
class PartnerPage:
    language: str
    title: str
    to: Entry | None  # "Til: Birthe Sørensen", their contact person: the addressee
    made_for: str  # what the page is, and who sends it
    sections: list[Section]
    agenda_heading: str
    agenda_intro: str
    agenda: list[AgendaItem]
    footer: str
    sender: str = ""  # our organisation as the user gave it: the Word file's author


def build(session: Session, partner: Partner, guide: Guide, today: dt.date) -> PartnerPage:
    t = guide.texts
    we = session.organisation or t("partner_page_us")
    plan = session.outreach.get(partner.id)
    who = [Entry(t("organisation"), we)]  # no "(Kommune)": the name says it
    ours = session.our_contact.line(t) if has_contact(session) and session.our_contact else ""
    who.append(Entry(t("partner_page_our_contact"), ours or t("partner_page_our_contact_blank")))
    meeting = plan.next_contact if plan is not None and plan.planned else None
    if meeting is not None and meeting >= today:  # a date gone by is no proposal
        who.append(Entry(t("partner_page_next_contact"), fmt_long_date(meeting, t)))
    step = guide.step("dagligdag")
    asked = {q.id for q in step.questions}
    citizens = [
        Entry(t(label), session.answer("dagligdag", q))
        for q, label in zip(CITIZEN_QUESTIONS, CITIZEN_LABELS, strict=True)
        if q in asked and session.answer("dagligdag", q).strip()
    ]
    cards = {c.id: c for c in guide.outreach_cards}
    why = [
        Entry(cards[c].title, plan.cards.get(c, ""))
        for c in SHARED_CARDS
        if c in cards and plan is not None and plan.cards.get(c, "").strip()
    ]
    sections = [Section(t("partner_page_who"), who)]
    if citizens:
        sections.append(Section(t("partner_page_citizens"), citizens))
    if why:
        sections.append(Section(t("partner_page_why"), why))
    agenda = [AgendaItem(item.title, list(item.points)) for item in guide.checklist]
    addressee = partner.contact.strip()
    return PartnerPage(
        language=guide.language,
        title=t("partner_page_title", partner=partner.name),
        to=Entry(t("partner_page_to"), addressee) if addressee else None,
        made_for=t("partner_page_made_for", organisation=we, date=fmt_long_date(today, t)),
        sections=sections,
        agenda_heading=t("partner_page_agenda"),
        agenda_intro=t("partner_page_agenda_intro", guide=guide.title),
        agenda=agenda,
        footer=t("partner_page_footer", guide=guide.title),
        sender=session.organisation,
    )


# -- rendering --------------------------------------------------------------------------------


def markdown(page: PartnerPage) -> str:
    from samarbejde.reports.render import _templates

    text = _templates("md").get_template("partner.md.j2").render(p=page)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html(page: PartnerPage) -> str:
    from samarbejde.reports.render import _templates

    return str(_templates("html").get_template("partner.html.j2").render(p=page))


def docx(page: PartnerPage, now: dt.datetime) -> bytes:
    """The page in Word, by the one Word writer (`reports/word.py`): made by `page.sender` at
    `now`; each answer as typed (a line break kept, an empty line a new paragraph)."""
    from samarbejde.reports.word import finish, new_document

    doc = new_document(page.title, page.language, now, page.sender)
    doc.add_heading(page.title, level=0)
    if page.to is not None:
        p = doc.add_paragraph()
        doc.add_run(p, page.to.label + ": ", True, False)
        doc.add_run(p, page.to.text, None, None)
    doc.add_run(doc.add_paragraph(), page.made_for, False, True)
    for section in page.sections:
        doc.add_heading(section.heading, level=1)
        for entry in section.entries:
            p = doc.add_paragraph()
            doc.add_run(p, entry.label + ": ", True, False)
            doc.typed(p, entry.text.strip())
    doc.add_heading(page.agenda_heading, level=1)
    doc.add_paragraph(page.agenda_intro)
    for number, item in enumerate(page.agenda, start=1):
        doc.add_heading(f"{number}. {item.title}", level=2)
        for point in item.points:
            doc.add_paragraph(point, style="List Bullet")
    doc.add_run(doc.add_paragraph(), page.footer, False, True)
    return finish(doc)
