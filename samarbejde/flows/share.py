"""Making a share file in a terminal: each section shown as it would go into the file, then
one question (yes or no) at a time, through `env.prompts()`: our contact person's name, phone
and e-mail each one, the name offered as yes, the phone and e-mail as no. Nothing is saved in
the session; a stop (Ctrl-C) writes no file."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from samarbejde.flows import health
from samarbejde.runner.env import Env
from samarbejde.runner.flow import require_terminal
from samarbejde.sessions.model import Session, has_contact
from samarbejde.sessions.share import CONTACT_SECTIONS, placed, section_label


def ask_sections(
    env: Env, session: Session, partner_id: str | None
) -> tuple[set[str], bool, str | None]:
    """The sections the user agrees to share, whether with the scores, and the partner whose
    cards go with it (None: no cards)."""
    require_terminal(env)
    t, guide = env.texts, env.guide
    prompts = env.prompts()
    say = env.console.print
    say(Text(t("share_intro"), style="dim"))
    chosen: set[str] = set()
    scores = True
    yes_no = [(True, t("share_yes")), (False, t("share_no"))]
    for section in ("dagligdag", "aktoerer", "tjekliste"):
        label = section_label(guide, section)
        say()
        say(Text(t("share_preview", section=label), style="bold"))
        for line in preview(env, session, section):
            say(Padding(line, (0, 0, 0, 2)))
        if prompts.select(t("share_ask"), yes_no, True):
            chosen.add(section)
            if section == "aktoerer":
                with_scores = [(True, t("share_scores_yes")), (False, t("share_scores_no"))]
                scores = prompts.select(t("share_ask_scores"), with_scores, True)
    if partner_id is None:
        planned = [(p.id, p.name) for p, _ in session.planned_in_order(guide)]
        if planned:
            partners = [*planned, ("", t("share_partner_none"))]
            partner_id = prompts.select(t("share_ask_partner"), partners, "") or None
    if partner_id is not None:
        partner = session.partner(partner_id)
        label = section_label(guide, "kort", partner.name if partner else None)
        say()
        say(Text(t("share_preview", section=label), style="bold"))
        plan = session.outreach.get(partner_id)
        for card in guide.outreach_cards:
            answer = plan.cards.get(card.id, "") if plan else ""
            card_line = Text.assemble((card.title + ": ", "bold"), answer or t("no_answer"))
            say(Padding(card_line, (0, 0, 0, 2)))
        if prompts.select(t("share_ask"), yes_no, True):
            chosen.add("kort")
        else:
            partner_id = None
    chosen |= health.ask_share(env, session, prompts)  # the health check's rounds
    contact = session.our_contact if has_contact(session) else None
    for section, parts in CONTACT_SECTIONS.items():  # the name by default; phone, e-mail not
        shown = ", ".join(getattr(contact, p).strip() for p in parts) if contact else ""
        if not shown.strip(", "):
            continue
        say()
        say(Text(t("share_preview", section=section_label(guide, section)), style="bold"))
        say(Padding(Text(shown.strip(", ")), (0, 0, 0, 2)))
        if prompts.select(t("share_ask"), yes_no, section == "kontakt"):
            chosen.add(section)
    return chosen, scores, partner_id


def preview(env: Env, session: Session, section: str) -> list[Text]:
    """What the section would put in the file, as lines."""
    t, guide = env.texts, env.guide
    lines: list[Text] = []
    if section == "dagligdag":
        step = guide.step("dagligdag")
        for q in step.questions:
            answer = " ".join(session.answer(step.id, q.id).split()) or t("no_answer")
            lines.append(Text.assemble((q.label + " ", "bold"), answer))
    elif section == "aktoerer":
        high = guide.diagram.high_from
        for p in session.partners:
            where = placed(p.interest, p.influence, high)
            params = {"name": p.name, "kind": guide.label(guide.partner_kinds, p.kind),
                      "quadrant": guide.quadrant_label(where)}  # fmt: skip
            if p.is_rated:
                line = t("share_actor_scores", interest=p.interest, influence=p.influence, **params)
            else:
                line = t("share_actor_line", **params)
            lines.append(Text(line))
            if p.brings:
                lines.append(Text(f"  {t('brings')}: {p.brings}", style="dim"))
    elif section == "tjekliste":
        for n, item in enumerate(guide.checklist, 1):
            ticked = session.is_ticked(item.id)
            if env.enkel:  # words, not a box: "1. Find fælles grund (på plads)"
                line = f"{n}. {item.title} {t('line_in_place')}" if ticked else f"{n}. {item.title}"
            else:
                line = t(
                    "share_check_line", mark="☑" if ticked else "☐", number=n, title=item.title
                )
            lines.append(Text(line))
            state = session.checklist.get(item.id)
            if state is not None and state.note:
                lines.append(Text(f"  {t('note')}: {state.note}", style="dim"))
    return lines or [Text(t("share_preview_empty"), style="dim")]
