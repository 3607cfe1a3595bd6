"""The samarbejdsaftale (`samarbejde agreement`): drafted section by section from the answers
already given, each suggestion kept with Enter or corrected, each section confirmed as "på
plads", "delvist" or "ikke relevant".

A flow of question specs on the runner: saved after every answer, resumed at the very
question, locked like the wizard. The sections are the content file's (`agreement:`); what
each is pre-filled with is decided here, from the session (and, with `--with`, from the
partner's own session).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.rule import Rule
from rich.text import Text

from samarbejde.base.dates import fmt_long_date
from samarbejde.base.errors import ExitCode, SessionError
from samarbejde.base.ids import AGREEMENT
from samarbejde.base.terminal import command_line, shown
from samarbejde.guide.content import AgreementSection, Guide
from samarbejde.guide.texts import Texts
from samarbejde.reports.agreement import our_contact_line, status_line
from samarbejde.reports.compare import find_organisation
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.lifecycle import detour, open_flow
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec, Spec, text
from samarbejde.sessions.model import Agreement, AgreementPart, Partner, Session
from samarbejde.sessions.sides import Actor, Side, load_side

QUESTION = "agreement_choose_session"  # which session the agreement is drafted from
DURATION = "varighed"  # the section that holds the agreement's dates


def _agreement(flow: FlowContext) -> Agreement:
    if flow.session.agreement is None:
        flow.session.agreement = Agreement()
    return flow.session.agreement


def _part(flow: FlowContext, section: AgreementSection) -> AgreementPart:
    return _agreement(flow).sections.setdefault(section.id, AgreementPart())


def _partner(session: Session) -> Partner | None:
    pid = session.agreement.partner if session.agreement else ""
    return session.partner(pid) if pid else None


def _their_view(other: Side | None, organisation: str, guide: Guide) -> Actor | None:
    """Our organisation as the other side has it among its actors (surely: a name only
    likely ours is not taken for it)."""
    if other is None or not other.actors or not organisation:
        return None
    return find_organisation(other.actors, organisation, guide)


def legal_lines(session: Session, section: AgreementSection, t: Texts) -> list[str]:
    """The section's lines on law and rules, each with its source, those for children or
    vulnerable adults only when the agreement's citizens include them."""
    a = session.agreement
    wanted = {
        "",
        *(["children"] if a and a.children else []),
        *(["adults"] if a and a.adults else []),
    }
    return [
        t("agreement_legal_line", text=line.text.strip(), source=line.source.strip().rstrip("."))
        for line in section.legal
        if line.when in wanted
    ]


def _others(session: Session) -> list[str]:
    """The further parties' names (a second `--with` and on)."""
    return list(session.agreement.others) if session.agreement is not None else []


def _party(t: Texts, name: str, contact: str) -> str:
    """A party's block: name, address and CVR-nr. to fill in, the contact person."""
    who = (
        t("agreement_party_contact", names=contact)
        if contact
        else t("agreement_party_contact_empty")
    )
    return "\n".join([t("agreement_party", name=name), who])


def suggestion(session: Session, guide: Guide, section: str, other: Side | None = None) -> str:
    """What the answers already given say about a section, as contract language in the
    parties' third person, one paragraph each ("" where they say nothing), and the section's
    lines on law and rules."""
    t = guide.texts
    partner = _partner(session)
    plan = session.outreach.get(partner.id) if partner else None
    ours = session.organisation or session.name
    theirs = ""
    if partner is not None:
        theirs = other.organisation if other is not None and other.organisation else partner.name
    lines: list[str] = []
    if section == "parter":  # each party a block; our contact person, if known
        lines.append(_party(t, ours, our_contact_line(session, t)))
        if partner is not None:
            key_persons = plan.key_persons if plan is not None else ""
            contact = "" if partner.contact in key_persons else partner.contact
            people = ", ".join(p for p in (contact, key_persons) if p)
            lines.append(_party(t, theirs, people))
        lines += [_party(t, name, "") for name in _others(session)]
    elif section == "formaal":
        problem = session.answer("dagligdag", "problem").strip()
        if problem:
            lines.append(t("agreement_purpose_problem", text=problem))
        goal = plan.cards.get("faelles_maal", "").strip() if plan is not None else ""
        if goal:
            lines.append(t("agreement_purpose_goal", text=goal))
        their_problem = other.step1.get("problem", "").strip() if other and other.step1 else ""
        if their_problem and theirs:
            lines.append(t("agreement_purpose_theirs", name=theirs, text=their_problem))
    elif section == "samarbejdsform":
        forms = [guide.label(guide.forms, f) for f in session.forms]
        forms = [f.casefold() for f in forms if f]
        and_ = f" {t('agreement_doc_and')} "  # "samskabelse, brobygning og …"
        named = and_.join([", ".join(forms[:-1]), forms[-1]] if len(forms) > 1 else forms)
        lines.append(t("agreement_form", forms=named) if forms else t("agreement_form_empty"))
    elif section == "maalgruppe":
        lines.append(session.answer("dagligdag", "maalgruppe"))
    elif section == "bidrag":  # both parties' contributions, each its own paragraph
        mirror = _their_view(other, session.organisation, guide)
        if mirror is not None and mirror.brings:
            lines.append(t("agreement_brings", name=ours, brings=mirror.brings))
        else:
            lines.append(t("agreement_brings_empty", name=ours))
        if partner is not None:
            brings = partner.brings.strip()
            key = "agreement_brings" if brings else "agreement_brings_empty"
            lines.append(t(key, name=theirs, brings=brings))
        lines += [t("agreement_brings_empty", name=name) for name in _others(session)]
    elif section == "rettigheder":
        lines += [t("agreement_rights", name=n) for n in (ours, theirs, *_others(session)) if n]
    elif section == "moeder":  # "Snak sammen ofte", and the plan's "Vedligehold kontakten"
        note = session.checklist.get("snak_ofte")
        lines.append(note.note if note is not None else "")
        if plan is not None:
            lines.append(plan.cards.get("vedligehold", ""))
    elif section == "varighed":
        evaluation = session.next_evaluation(guide)
        if evaluation is not None:
            lines.append(t("agreement_next_evaluation", date=fmt_long_date(evaluation, t)))
        lines.append(t("agreement_term"))
    elif section == "konflikt":
        note = session.checklist.get("spilleregler")
        lines.append(note.note if note is not None else "")
    content = guide.agreement
    found = [s for s in content.sections if s.id == section] if content is not None else []
    if found:
        lines += legal_lines(session, found[0], t)
    return "\n\n".join(line.strip() for line in lines if line and line.strip())


def _status_choices(flow: FlowContext, section: AgreementSection) -> list[tuple[str, str]]:
    """ "På plads" only for a section with text; "ikke relevant" only where the content says a
    section may be."""
    t, written = flow.t, bool((_part(flow, section).text or "").strip())
    out = [("in_place", t("agreement_status_in_place"))] if written else []
    out.append(("partly", t("agreement_status_partly")))
    if section.optional:
        out.append(("not_relevant", t("agreement_status_not_relevant")))
    return out


def _status_default(other: Side | None) -> Callable[[FlowContext, AgreementSection], str]:
    """The state offered first: what was chosen before; else "på plads" only for a text the
    user wrote or changed, "delvist" for the program's suggestion kept as it was."""

    def default(flow: FlowContext, section: AgreementSection) -> str:
        part = _part(flow, section)
        if part.status:
            return part.status
        text = (part.text or "").strip()
        suggested = suggestion(flow.session, flow.guide, section.id, other).strip()
        return "in_place" if text and text != suggested else "partly"

    return default


def _status_asked(flow: FlowContext, section: AgreementSection) -> bool:
    """An empty section is missing, unless it may be "ikke relevant"."""
    return bool((_part(flow, section).text or "").strip()) or section.optional


def _section_intro(flow: FlowContext, section: AgreementSection) -> list[Text]:
    return [Text(), Text(section.title, style="bold underline"), Text(section.why, style="dim")]


def _date(key: str, field: str) -> QuestionSpec:
    return QuestionSpec(
        field,
        "date",
        lambda flow, s: flow.t(key),
        lambda flow, s: getattr(_agreement(flow), field),
        lambda flow, s, value: setattr(_agreement(flow), field, value),
        when=lambda flow, s: s.id == DURATION,
    )


def _guess_words(flow: FlowContext, kind: str) -> tuple[str, ...]:
    content = flow.guide.agreement
    return content.guess.get(kind, ()) if content is not None else ()  # type: ignore[call-overload]


def head_specs() -> list[Spec]:
    """With whom, and whether the citizens include children (which decides the sections).
    A partner other than before starts the sections again, if the user says so."""

    def partner_choices(flow: FlowContext, item: None) -> list[tuple[str, str]]:
        s, g = flow.session, flow.guide
        planned = [p for p, _ in s.planned_in_order(g)]
        seen = {p.id for p in planned}  # by id: comparing whole partners is quadratic
        rest = [p for p in s.partners if p.id not in seen]
        return [(p.id, p.name) for p in planned + rest]

    before: dict[str, str] = {}

    def choose(flow: FlowContext, item: None, value: str) -> None:
        a = _agreement(flow)
        if a.partner and a.partner != value and a.sections:
            before["partner"] = a.partner
        a.partner = value

    def restart(flow: FlowContext, item: None, again: bool) -> None:
        if again:
            _agreement(flow).sections.clear()

    def restart_label(flow: FlowContext, item: None) -> str:
        old = flow.session.partner(before["partner"])
        new = _partner(flow.session)
        return flow.t("agreement_ask_restart", old=old.name if old else before["partner"],
                      new=new.name if new else "")  # fmt: skip

    def children_guess(flow: FlowContext, item: None) -> bool:
        chosen = _agreement(flow).children
        if chosen is not None:
            return chosen
        said = flow.session.answer("dagligdag", "maalgruppe").casefold()
        return any(word in said for word in _guess_words(flow, "children"))

    def adults_guess(flow: FlowContext, item: None) -> bool:
        chosen = _agreement(flow).adults
        if chosen is not None:
            return chosen
        said = flow.session.answer("dagligdag", "maalgruppe").casefold()
        return any(word in said for word in _guess_words(flow, "adults"))

    return [
        QuestionSpec(
            "partner",
            "choice",
            "agreement_ask_partner",
            lambda flow, item: _agreement(flow).partner or None,
            choose,
            choices=partner_choices,
        ),
        QuestionSpec(
            "restart",
            "confirm",
            restart_label,
            lambda flow, item: False,  # deleting what was written is never the default
            restart,
            when=lambda flow, item: "partner" in before,
        ),
        QuestionSpec(
            "children",
            "confirm",
            "agreement_ask_children",
            children_guess,
            lambda flow, item, value: setattr(_agreement(flow), "children", value),
        ),
        QuestionSpec(
            "adults",
            "confirm",
            "agreement_ask_adults",
            adults_guess,
            lambda flow, item, value: setattr(_agreement(flow), "adults", value),
        ),
    ]


def section_specs(other: Side | None = None) -> list[Spec]:
    """Each section that applies: its text (the suggestion from the answers given until the
    user has written it; Enter keeps what stands), the agreement's dates in its section on
    duration, and the section's state."""

    def section_text(flow: FlowContext, section: AgreementSection) -> str:
        written = _part(flow, section).text
        if written is not None:  # what the user wrote, even nothing
            return written
        return suggestion(flow.session, flow.guide, section.id, other)

    def sections(flow: FlowContext) -> list[tuple[str, AgreementSection]]:
        return [(s.id, s) for s in flow.session.agreement_sections(flow.guide)]

    return [
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
                QuestionSpec(
                    "status",
                    "choice",
                    lambda flow, s: flow.t("agreement_ask_status", title=s.title),
                    _status_default(other),
                    lambda flow, s, value: setattr(_part(flow, s), "status", value),
                    choices=_status_choices,
                    when=_status_asked,
                ),
            ),
            before=lambda flow: [Text(flow.guide.agreement.intro if flow.guide.agreement else "")],
            intro=_section_intro,
        )
    ]


HEAD = ("partner", "restart", "children", "adults")


def run_agreement_flow(flow: Flow, other: Side | None) -> None:
    """The head first, then the sections (which the head decides), from where a stop left."""
    s, t = flow.session, flow.t
    if other is not None and other.organisation:
        _agreement(flow).other = shown(other.organisation)  # their text, filtered
    flow.show(Text(), Rule(t("agreement_heading", name=s.name), align="left"))
    flow.check_writable()
    with detour(flow, AGREEMENT) as resume:
        if resume is None or resume in HEAD:
            flow.run(AGREEMENT, head_specs(), resume)
            resume = None
        flow.run(AGREEMENT, section_specs(other), resume)
    states = [state for _, state in s.agreement_statuses(flow.guide)]
    apart = states.count("not_relevant")  # counted apart, never as in place
    line = status_line(states.count("in_place"), len(states) - apart, apart, t)
    flow.say(line, "bold")
    command = command_line(flow.env.program, "export", s.name, "--agreement", "--format", "docx")
    flow.say(t("agreement_done", command=command), "bold green")


def run_agreement(env: Env, ref: str | None, with_others: list[str]) -> int:
    if env.guide.agreement is None:
        raise SessionError("agreement_no_content")
    with open_flow(env, ref, Flow, command=AGREEMENT, choose_question=QUESTION) as flow:
        s = flow.session
        if not s.partners:
            step = flow.guide.step_number("aktoerer")
            raise SessionError("agreement_no_partners", name=s.name, step=step)
        # The sides are remembered, so a stop and `agreement NAME` carry on with them: the
        # first is the partner's, each further one a further party to the agreement.
        a = s.agreement
        remembered = [a.with_ref, *a.others_refs] if a is not None and a.with_ref else []
        if remembered and not with_others and not _confirmed(flow, remembered):
            remembered = []  # a file names them (maybe a file from someone else): not read
        wanted = with_others or remembered
        sides = [_load_other(env, one, s.name) for one in wanted]
        if with_others:
            _agreement(flow).with_ref = _absolute(with_others[0])
            _agreement(flow).others_refs = [_absolute(one) for one in with_others[1:]]
            _agreement(flow).others = [side.organisation or side.name for side in sides[1:]]
        run_agreement_flow(flow, sides[0] if sides else None)
    return ExitCode.OK


def _confirmed(flow: Flow, refs: list[str]) -> bool:
    """Whether the sides the session remembers are read again: a reference in a file (an
    imported session could name /etc/hostname, the user's own other session, or on Windows a
    share on another machine, \\\\server\\x) is never followed unless the user says so in this
    run. Shown in full; Enter alone reads nothing."""
    named = flow.t.listed([flow.t("quoted", text=shown(ref)) for ref in refs])
    choices = [
        (True, flow.t("agreement_with_again_yes")),
        (False, flow.t("agreement_with_again_no")),
    ]
    return bool(flow.select(flow.t("agreement_with_again", sides=named), choices, False))


def _absolute(ref: str) -> str:
    """A path as an absolute path (a name stays a name)."""
    path = Path(ref).expanduser()
    return str(path.resolve()) if path.exists() else ref


def _load_other(env: Env, ref: str, ours: str) -> Side:
    """The partner's side: their own session or the share file they sent (by name or path);
    read, never changed."""
    other = load_side(env.store, env.home, env.guide, ref)
    if other.source == "session" and other.name == ours:
        raise SessionError("agreement_with_itself", name=ref)
    return other
