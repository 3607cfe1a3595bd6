"""One more partner after the first evening (`samarbejde add-partner`): its name, kind,
contact person, what it brings and its two ratings — six answers at most, not the walk through
steps 2 and 3 again.

With an option (`--kind`, `--contact`, `--brings`, `--interest`, `--influence`), or without a
terminal, nothing is asked: the partner is saved as the command line gives it and one line says
so. Otherwise each answer not given is asked through the runner's `Flow` at its own place
(`partner`, keys "new.name", then "<partner id>.<field>"), saved after every answer and resumable
at the question. A name already on the map (as `fold` compares names) is refused: never twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.rule import Rule
from rich.text import Text

from samarbejde.base.errors import ExitCode, SessionError, UsageError
from samarbejde.base.ids import AXES, PARTNER, REACH_OUT
from samarbejde.base.names import fold
from samarbejde.base.terminal import command_line
from samarbejde.guide.content import Guide
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow, require_terminal
from samarbejde.runner.lifecycle import detour, open_flow
from samarbejde.runner.questions import Each
from samarbejde.sessions.lock import SessionLock
from samarbejde.sessions.model import Partner, Session
from samarbejde.steps.aktoerer import FIELDS, field_specs, name_spec
from samarbejde.steps.prioriter import rating

COMMAND = "add-partner"


@dataclass
class Given:
    """What the command line says of the new partner."""

    name: str | None = None
    kind: str | None = None
    contact: str | None = None
    brings: str | None = None
    interest: int | None = None
    influence: int | None = None

    @property
    def any_option(self) -> bool:
        options = (self.kind, self.contact, self.brings, self.interest, self.influence)
        return any(v is not None for v in options)


def kind_id(guide: Guide, text: str) -> str:
    """A partner kind by its id or its label (`forening`, `Forening`), or a usage error that
    names them all."""
    found = guide.kind_named(text)
    if found is not None:
        return found
    kinds = ", ".join(k.label for k in guide.partner_kinds)
    raise UsageError("error_partner_kind", kind=text, kinds=kinds)


def check_score(guide: Guide, option: str, value: int | None) -> None:
    scale = guide.diagram.scale
    if value is not None and value not in scale:
        low, high = scale.start, scale.stop - 1
        raise UsageError("error_partner_score", option=option, low=low, high=high)


def refuse_taken(session: Session, name: str) -> None:
    key = fold(name)
    for p in session.partners:
        if fold(p.name) == key:
            raise SessionError("error_partner_taken", name=p.name, session=session.name)


def run_add_partner(env: Env, ref: str | None, given: Given) -> int:
    guide = env.guide
    kind = kind_id(guide, given.kind) if given.kind is not None else None
    check_score(guide, "--interest", given.interest)
    check_score(guide, "--influence", given.influence)
    if given.name is not None and not given.name.strip():
        raise UsageError("actors_name_required")
    if given.any_option or (given.name is not None and not env.stdin_isatty()):
        if given.name is None:
            raise UsageError("error_partner_name_missing")
        return _save_given(env, ref, given, kind)
    require_terminal(env)
    with open_flow(env, ref, Flow, command=COMMAND) as flow:
        flow.show(Text(), Rule(flow.t("partner_add_heading", name=flow.session.name), align="left"))
        flow.check_writable()
        partner = _ask(flow, given)
        flow.show(Text())
        _say_added(env, flow.session, partner)
    return ExitCode.OK


def _save_given(env: Env, ref: str | None, given: Given, kind: str | None) -> int:
    path = env.store.resolve(ref, partial=True)
    with SessionLock(path, env.now):
        session = env.store.load(path)
        assert given.name is not None
        refuse_taken(session, given.name)
        partner = Partner(
            id=session.new_partner_id(),
            name=given.name.strip(),
            kind=kind or "andet",
            contact=(given.contact or "").strip(),
            brings=(given.brings or "").strip(),
            interest=given.interest,
            influence=given.influence,
        )
        session.partners.append(partner)
        env.store.save(session, path)
    _say_added(env, session, partner)
    return ExitCode.OK


def _ask(flow: Flow, given: Given) -> Partner:
    """The questions from where a stop left them (or the name): a new partner exists once it
    is named; a name given on the command line is not asked."""
    s = flow.session
    with detour(flow, PARTNER) as resume:
        pid, _, field_name = (resume or "").partition(".")
        partner = s.partner(pid) if pid else None
        if partner is None or field_name not in (*FIELDS, *AXES):
            partner, field_name = None, FIELDS[0]
        if partner is None and given.name is not None:
            refuse_taken(s, given.name)
            partner = Partner(id=s.new_partner_id(), name=given.name.strip())
            s.partners.append(partner)
            field_name = FIELDS[1]
            flow.at(PARTNER, f"{partner.id}.{field_name}")
            flow.save()
        elif partner is None:
            flow.run(PARTNER, [Each(lambda flow: [("new", None)], (name_spec(PARTNER),))])
            partner, field_name = s.partners[-1], FIELDS[1]
        else:
            flow.say(flow.t("actors_resume_partner", name=partner.name), "bold")
        mine = [(partner.id, partner)]
        asks = (*field_specs(True), rating(AXES[0]), rating(AXES[1]))
        flow.run(PARTNER, [Each(lambda flow: mine, asks)], f"{partner.id}.{field_name}")
    return partner


def _say_added(env: Env, session: Session, partner: Partner) -> None:
    t, guide = env.texts, env.guide
    ranked = {r.partner_id: r for r in session.ranked(guide)}
    where = ranked.get(partner.id)
    quadrant = guide.quadrant_label(where.quadrant if where else None)
    line = t("partner_added", partner=partner.name, session=session.name, quadrant=quadrant)
    env.console.print(Text(line, style="bold green"), soft_wrap=True)
    if where is not None and where.quadrant in REACH_OUT:  # the guide: reach out to them
        plan = command_line(env.program, "contact", session.name, partner.name)
        env.console.print(Text(t("partner_added_plan", command=plan), style="dim"), soft_wrap=True)
