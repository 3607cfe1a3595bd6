"""The samarbejdsaftale (`samarbejde agreement`): drafted section by section from the answers
already given, each suggestion kept with Enter or corrected, each section confirmed as "på
plads", "delvist" or "ikke relevant".

A flow of question specs on the runner: saved after every answer, resumed at the very
question, locked like the wizard. The sections are the content file's (`agreement:`); what
each is pre-filled with is decided here, from the session (and, with `--with`, from the
partner's own session).
"""

from __future__ import annotations

from pathlib import Path

from rich.rule import Rule
from rich.text import Text

from .compare import Actor, Side, load_side, match_key
from .content import AgreementSection, Guide
from .env import Env
from .errors import ExitCode, SessionError
from .ids import AGREEMENT
from .lock import SessionLock
from .model import Agreement, AgreementPart, Partner, Session
from .prompts import Prompts
from .questions import Ask, Asking, Each, Spec, text
from .runner import Flow, choose_session, require_terminal
from .terminal import command_line

QUESTION = "agreement_choose_session"  # which session the agreement is drafted from
CHILDREN_WORDS = ("børn", "barn", "unge", "elever", "skolebørn")  # a first guess, asked anyway


def _agreement(flow: Asking) -> Agreement:
    if flow.session.agreement is None:
        flow.session.agreement = Agreement()
    return flow.session.agreement


def _part(flow: Asking, section: AgreementSection) -> AgreementPart:
    return _agreement(flow).sections.setdefault(section.id, AgreementPart())


def _partner(session: Session) -> Partner | None:
    pid = session.agreement.partner if session.agreement else ""
    return session.partner(pid) if pid else None


def _their_view(other: Side | None, organisation: str) -> Actor | None:
    """Our organisation as the other side has it among its actors."""
    if other is None or not other.actors or not organisation:
        return None
    ours = match_key(organisation)
    return next((a for a in other.actors if match_key(a.name) == ours), None)


def suggestion(session: Session, guide: Guide, section: str, other: Side | None = None) -> str:
    """What the answers already given say about a section ("" where they say nothing)."""
    t = guide.texts
    partner = _partner(session)
    plan = session.outreach.get(partner.id) if partner else None
    lines: list[str] = []
    if section == "parter":  # our contact person is left to fill in
        ours = session.organisation or session.name
        lines.append(t("agreement_party", name=ours, role=guide.role_label(session.role)))
        lines.append(t("agreement_party_contact", names=""))
        if partner is not None:
            theirs = (
                other.organisation if other is not None and other.organisation else partner.name
            )
            role = guide.role_label(other.role) if other is not None and other.role else ""
            lines.append(t("agreement_party", name=theirs, role=role) if role else theirs)
            key_persons = plan.key_persons if plan is not None else ""
            contact = "" if partner.contact in key_persons else partner.contact
            people = [contact, key_persons]
            lines.append(t("agreement_party_contact", names=", ".join(p for p in people if p)))
    elif section == "formaal":
        lines += [session.answer("dagligdag", "problem")]
        if plan is not None:
            lines.append(plan.cards.get("faelles_maal", ""))
        if other is not None and other.step1:
            lines.append(other.step1.get("problem", ""))
    elif section == "maalgruppe":
        lines.append(session.answer("dagligdag", "maalgruppe"))
    elif section == "bidrag":
        if partner is not None and partner.brings:
            lines.append(t("agreement_brings", name=partner.name, brings=partner.brings))
        mirror = _their_view(other, session.organisation)
        if mirror is not None and mirror.brings:
            ours = session.organisation or session.name
            lines.append(t("agreement_brings", name=ours, brings=mirror.brings))
    elif section == "moeder":
        note = session.checklist.get("snak_ofte")
        lines.append(note.note if note is not None else "")
    elif section == "konflikt":
        note = session.checklist.get("spilleregler")
        lines.append(note.note if note is not None else "")
    elif section == "underskrifter":
        ours = session.organisation or session.name
        lines.append(t("agreement_signs_for", name=ours))
        if partner is not None:
            lines.append(t("agreement_signs_for", name=partner.name))
    return "\n".join(line.strip() for line in lines if line and line.strip())


def _status_choices(flow: Asking, section: AgreementSection) -> list[tuple[str, str]]:
    t = flow.t
    out = [("in_place", t("agreement_status_in_place")), ("partly", t("agreement_status_partly"))]
    if section.optional:
        out.append(("not_relevant", t("agreement_status_not_relevant")))
    return out


def _status_default(flow: Asking, section: AgreementSection) -> str:
    part = _part(flow, section)
    return part.status or ("in_place" if part.text.strip() else "partly")


def _section_intro(flow: Asking, section: AgreementSection) -> list[Text]:
    return [Text(), Text(section.title, style="bold underline"), Text(section.why, style="dim")]


def _date(key: str, field: str) -> Ask:
    return Ask(
        field,
        "date",
        lambda flow, s: flow.t(key),
        lambda flow, s: getattr(_agreement(flow), field),
        lambda flow, s, value: setattr(_agreement(flow), field, value),
        when=lambda flow, s: s.id == "varighed",
    )


def specs(guide: Guide, other: Side | None = None) -> list[Spec]:
    """The agreement's questions: with whom, children or not, then each section's text (the
    suggestion from the answers given, Enter keeps it) and its state."""

    def partner_choices(flow: Asking, item: None) -> list[tuple[str, str]]:
        s, g = flow.session, flow.guide
        planned = [p for p, _ in s.planned_in_order(g)]
        rest = [p for p in s.partners if p not in planned]
        return [(p.id, p.name) for p in planned + rest]

    def children_guess(flow: Asking, item: None) -> bool:
        chosen = _agreement(flow).children
        if chosen is not None:
            return chosen
        said = flow.session.answer("dagligdag", "maalgruppe").casefold()
        return any(word in said for word in CHILDREN_WORDS)

    def section_text(flow: Asking, section: AgreementSection) -> str:
        part = _part(flow, section)
        return part.text or suggestion(flow.session, flow.guide, section.id, other)

    def sections(flow: Asking) -> list[tuple[str, AgreementSection]]:
        return [(s.id, s) for s in flow.session.agreement_sections(flow.guide)]

    return [
        Ask(
            "partner",
            "choice",
            lambda flow, item: flow.t("agreement_ask_partner"),
            lambda flow, item: _agreement(flow).partner or None,
            lambda flow, item, value: setattr(_agreement(flow), "partner", value),
            choices=partner_choices,
        ),
        Ask(
            "children",
            "confirm",
            lambda flow, item: flow.t("agreement_ask_children"),
            children_guess,
            lambda flow, item, value: setattr(_agreement(flow), "children", value),
        ),
        Each(
            sections,
            (
                text(
                    "text",
                    lambda flow, s: s.question,
                    section_text,
                    lambda flow, s, value: setattr(_part(flow, s), "text", value),
                    multiline=True,
                ),
                _date("agreement_ask_start", "start"),
                _date("agreement_ask_end", "end"),
                _date("agreement_ask_notice", "notice"),
                Ask(
                    "status",
                    "choice",
                    lambda flow, s: flow.t("agreement_ask_status", title=s.title),
                    _status_default,
                    lambda flow, s, value: setattr(_part(flow, s), "status", value),
                    choices=_status_choices,
                ),
            ),
            before=lambda flow: [Text(flow.guide.agreement.intro if flow.guide.agreement else "")],
            intro=_section_intro,
        ),
    ]


def run_agreement_flow(flow: Flow, other: Side | None) -> None:
    s, t = flow.session, flow.t
    if other is not None and other.organisation:
        _agreement(flow).other = other.organisation
    flow.show(Text(), Rule(t("agreement_heading", name=s.name), align="left"))
    flow.check_writable()
    flow.run(AGREEMENT, specs(flow.guide, other), s.left_at.get(AGREEMENT))
    s.left_at.pop(AGREEMENT, None)
    s.cursor.step, s.cursor.question = s.first_open_step(flow.guide), ""
    flow.save()
    done = sum(state == "in_place" for _, state in s.agreement_statuses(flow.guide))
    total = len(s.agreement_statuses(flow.guide))
    flow.say(t("agreement_status_line", done=done, total=total), "bold")
    command = command_line(flow.env.program, "export", s.name, "--agreement", "--format", "docx")
    flow.say(t("agreement_done", command=command), "bold green")


def run_agreement(env: Env, ref: str | None, with_other: str | None) -> int:
    if env.guide.agreement is None:
        raise SessionError("agreement_no_content")
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)
    path = env.store.resolve(ref, partial=True) if ref else choose_session(env, ask, QUESTION)
    other = _load_other(env, with_other, path) if with_other else None
    with SessionLock(path, env.now):
        flow = Flow(env, ask, env.store.load(path), path, command=AGREEMENT)
        if not flow.session.partners:
            raise SessionError("agreement_no_partners", name=flow.session.name)
        run_agreement_flow(flow, other)
    return ExitCode.OK


def _load_other(env: Env, ref: str, ours: Path) -> Side:
    """The partner's side: their own session or the share file they sent (by name or path);
    read, never changed."""
    other = load_side(env, ref)
    if other.source == "session" and other.name == env.store.load(ours).name:
        raise SessionError("agreement_with_itself", name=ref)
    return other
