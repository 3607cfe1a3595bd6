"""Month to month, one partner at a time (`samarbejde contact`): the partner's page, then a
contact logged and the next one moved.

With a flag (`--log`, `--date`, `--next`) nothing is asked: what the flags say is saved and
one line says so. Without, the page is shown and four questions are asked, one at a time
through the runner's `Flow` (saved after every answer, resumable at the question with the
draft kept, under the cursor step `contact` with keys "<partner id>.<field>"): what happened,
when, the next contact, and whether to change the contact person and key persons too.
A partner without a plan gets one started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from samarbejde.base.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    NoSuchDate,
    TooFar,
    fmt_date,
    is_weekend,
    parse_date,
)
from samarbejde.base.errors import ExitCode, Interrupted, Msg, SessionError, UsageError
from samarbejde.base.ids import CONTACT
from samarbejde.base.names import fold
from samarbejde.guide.content import Guide
from samarbejde.guide.texts import listed
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.lifecycle import detour, open_flow
from samarbejde.runner.questions import Each, FlowContext, Prompter, QuestionSpec, Spec, text
from samarbejde.sessions.lock import WAIT, SessionLock
from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session

LOG_LINES = 3  # the last lines of the log on the partner's page


# -- pure: which partner, in which order, what is saved ---------------------------------------


def find_partner(session: Session, ref: str) -> Partner:
    """The partner named `ref`: the whole name (folded: case, accents, dashes and spaces do
    not count), or a part of one name only."""
    key = fold(ref)
    whole = [p for p in session.partners if fold(p.name) == key or p.id == ref]
    if len(whole) == 1:
        return whole[0]
    found = [p for p in session.partners if key and key in fold(p.name)]
    if len(found) == 1:
        return found[0]
    names = listed([p.name for p in (found or session.partners)])
    if found:
        raise SessionError("error_partner_ambiguous", name=ref, names=names)
    err = SessionError("error_partner_not_found", name=ref, session=session.name)
    if names:
        err.details.append(Msg("error_partner_names", {"names": names}))
    raise err


def partners_to_follow(session: Session, guide: Guide) -> list[Partner]:
    """Every partner, those with a next contact first (overdue and soonest first), then the
    others in priority order."""
    dated = [(plan.next_contact, pid) for pid, plan in session.outreach.items()
             if plan.planned and plan.next_contact is not None]  # fmt: skip
    dated.sort()
    by_id = session.partners_by_id()
    first = [p for _, pid in dated if (p := by_id.get(pid)) is not None]
    seen = {p.id for p in first}
    rest = [p for p, _ in session.partners_in_order(guide) if p.id not in seen]
    return first + rest


def plan_of(session: Session, partner_id: str) -> Outreach:
    """The partner's outreach plan; a partner without one gets one started."""
    plan = session.outreach.setdefault(partner_id, Outreach())
    plan.planned = True
    return plan


def record(
    session: Session,
    partner_id: str,
    today: dt.date,
    note: str | None = None,
    when: dt.date | None = None,
    next_contact: dt.date | None = None,
    by: str = "",
) -> Outreach:
    """What the flags of `contact` say, written into the session (nothing saved here); `by`,
    who wrote the log line."""
    plan = plan_of(session, partner_id)
    if note:
        plan.log.append(LogEntry(date=when or today, note=note, by=by))
    if next_contact is not None:
        plan.next_contact = next_contact
    return plan


# -- the partner's page in the terminal -------------------------------------------------------


def page_view(session: Session, partner: Partner, guide: Guide, today: dt.date) -> RenderableType:
    """Quadrant, the four cards, key persons, contact person, next contact, the last log
    lines: what to have in front of you before a call."""
    t = guide.texts
    ranked = {r.partner_id: r for r in session.ranked(guide)}
    r = ranked.get(partner.id)
    plan = session.outreach.get(partner.id)
    title = Text(partner.name, style="bold reverse")
    parts: list[RenderableType] = [Text(), title]

    def line(label: str, value: str, style: str = "") -> None:
        if value:
            parts.append(Text.assemble((f"{label}: ", "bold"), (value, style)))

    quadrant = guide.quadrant_label(r.quadrant if r else None)
    line(t("quadrant"), f"{quadrant} ({t('priority').lower()} {r.priority})" if r else quadrant)
    line(t("contact"), partner.contact)
    if plan is None or not plan.planned:
        parts.append(Text(t("contact_no_plan"), style="yellow"))
        return Group(*parts)
    line(t("key_persons"), plan.key_persons)
    when = plan.next_contact
    if when is not None:
        late = when < today
        value = fmt_date(when) + (f" ({t('overdue')})" if late else "")
        line(t("next_contact"), value, "bold red" if late else "")
    for card in guide.outreach_cards:
        answer = plan.cards.get(card.id, "").strip()
        if answer:
            parts.append(Text(card.title, style="bold"))
            parts.append(_indented(answer))
    if plan.log:
        parts.append(Text(t("contact_log"), style="bold"))
        for entry in sorted(plan.log, key=lambda e: e.date)[-LOG_LINES:]:  # the latest by date
            parts.append(_indented(f"{fmt_date(entry.date)}  {entry.note}"))
    return Group(*parts)


def _indented(text: str) -> Padding:
    return Padding(Text(text), (0, 0, 0, 2), expand=False)


# -- the command ------------------------------------------------------------------------------


@dataclass
class Flags:
    log: str | None = None
    date: str | None = None
    next: str | None = None

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.log, self.date, self.next))


def read_date(env: Env, text: str, option: str, past: bool) -> dt.date:
    """A flag's date, or a Danish usage error naming the flag."""
    try:
        return parse_date(text, env.today(), env.texts, past=past)
    except NoSuchDate:
        raise UsageError("error_contact_no_such_date", option=option, text=text) from None
    except TooFar:
        raise UsageError(
            "error_contact_date_too_far", option=option, text=text, first=FIRST_YEAR, last=LAST_YEAR
        ) from None
    except ValueError:
        example = fmt_date(env.today())
        raise UsageError("error_contact_date", option=option, text=text, example=example) from None


def run_contact(env: Env, ref: str | None, partner_ref: str | None, flags: Flags) -> int:
    if flags.any:
        return _save_flags(env, ref, partner_ref, flags)
    question = "contact_choose_session"
    with open_flow(env, ref, Flow, command=CONTACT, choose_question=question) as flow:
        if partner_ref is not None:
            partner = find_partner(flow.session, partner_ref)
        else:
            partner = _choose_partner(env, flow.prompts, flow.session)
        ask_contact(flow, partner)
    return ExitCode.OK


def _save_flags(env: Env, ref: str | None, partner_ref: str | None, flags: Flags) -> int:
    t, today = env.texts, env.today()
    if partner_ref is None:
        raise UsageError("error_contact_partner_missing")
    if flags.date is not None and flags.log is None:
        raise UsageError("error_contact_date_without_log")
    if flags.log is not None and not flags.log.strip():
        raise UsageError("error_contact_empty_log")
    when = read_date(env, flags.date, "--date", past=True) if flags.date is not None else None
    after = read_date(env, flags.next, "--next", past=False) if flags.next is not None else None
    if when is not None and when > today:
        raise UsageError("error_contact_date_future", date=fmt_date(when))
    if after is not None and after < today:
        raise UsageError("error_contact_next_past", date=fmt_date(after))
    path = env.store.resolve(ref, partial=True)
    with SessionLock(path, env.now, WAIT):
        session = env.store.load(path)
        partner = find_partner(session, partner_ref)
        started = not session.is_planned(partner.id)
        note = flags.log.strip() if flags.log is not None else None
        plan = record(session, partner.id, today, note, when, after, env.user)
        env.store.save(session, path)
    said = []
    if note:
        said.append(t("contact_saved_log", date=fmt_date(when or today), note=note))
    if plan.next_contact is not None and after is not None:
        said.append(t("contact_saved_next", date=fmt_date(plan.next_contact)))
    line = t("contact_saved", partner=partner.name, what=t.listed(said) or t("contact_saved_plan"))
    env.console.print(Text(line), soft_wrap=True)  # plain text: a name is never markup
    step = env.guide.step_number("raek_ud")
    remarks = [t("contact_plan_started", partner=partner.name, step=step)] if started else []
    remarks += [t("date_weekend", date=fmt_date(day), weekday=_weekday(env, day))
                for day in (when, after) if day is not None and is_weekend(day)]  # fmt: skip
    for remark in remarks:  # standard output keeps its one line, for scripts
        env.err.print(Text(remark, style="dim"), soft_wrap=True)
    return ExitCode.OK


def _weekday(env: Env, day: dt.date) -> str:
    names = [w.strip() for w in env.texts("date_words_weekdays").split(",")]
    return names[day.weekday()] if len(names) == 7 else ""


def partner_choices(session: Session, guide: Guide, today: dt.date) -> list[tuple[str, str]]:
    """The partners to choose from, overdue and soonest contacts first, each with its date."""
    t, choices = guide.texts, []
    for p in partners_to_follow(session, guide):
        plan = session.outreach.get(p.id)
        when = plan.next_contact if plan is not None and plan.planned else None
        if when is None:
            label = p.name
        elif when < today:
            label = t("contact_choice_overdue", name=p.name, date=fmt_date(when))
        else:
            label = t("contact_choice", name=p.name, date=fmt_date(when))
        choices.append((p.id, label))
    return choices


def _choose_partner(env: Env, prompts: Prompter, session: Session) -> Partner:
    choices = partner_choices(session, env.guide, env.today())
    if not choices:
        step = env.guide.step_number("aktoerer")
        raise SessionError("error_contact_no_partners", session=session.name, step=step)
    try:
        chosen = prompts.select(env.texts("contact_choose_partner"), choices, choices[0][0])
    except Interrupted as stop:
        stop.msg = Msg("contact_interrupted_before")
        raise
    partner = session.partner(chosen)
    assert partner is not None
    return partner


# -- the questions: a flow of specs on the runner --------------------------------------------


def contact_specs(partner: Partner, resume: str | None) -> list[Spec]:
    """What happened (saved at once as a log line dated today), when (asked only when a line
    was written), the next contact, and whether to change the contact person and key persons
    too: four answers to log a call and move its date. Keys "<partner id>.<field>"."""
    at = resume.split(".", 1)[1] if resume and resume.startswith(partner.id + ".") else ""
    state = {"logged": at == "date", "more": at in ("person", "key_persons")}

    def plan(flow: FlowContext, p: Partner) -> Outreach:
        return plan_of(flow.session, p.id)

    def put_note(flow: FlowContext, p: Partner, value: str) -> None:
        if value:
            plan(flow, p).log.append(LogEntry(date=flow.today(), note=value, by=flow.user))
        state["logged"] = bool(value)

    def put_date(flow: FlowContext, p: Partner, value: dt.date) -> None:
        plan(flow, p).log[-1].date = value

    def ask_next(flow: FlowContext, p: Partner, inner: str | None) -> None:
        plan(flow, p).next_contact = ask_next_contact(flow, plan(flow, p).next_contact)
        flow.save()

    def put_more(flow: FlowContext, p: Partner, value: bool) -> None:
        state["more"] = value

    return [
        Each(
            lambda flow: [(partner.id, partner)],
            (
                text("note", "contact_ask_note", lambda flow, p: "",
                     put_note, multiline=True, hint="contact_note_hint"),
                QuestionSpec("date", "date", "outreach_log_date",
                    lambda flow, p: plan(flow, p).log[-1].date, put_date, dates="past",
                    empty_is_today=True,
                    when=lambda flow, p: state["logged"] and bool(plan(flow, p).log)),
                QuestionSpec("next", "call", lambda flow, p: "", call=ask_next),
                QuestionSpec("more", "confirm", "contact_ask_more",
                    lambda flow, p: False, put_more),
                text("person", "actors_ask_contact",
                     lambda flow, p: p.contact, lambda flow, p, v: setattr(p, "contact", v),
                     when=lambda flow, p: state["more"]),
                text("key_persons", "outreach_ask_key_persons",
                     lambda flow, p: plan(flow, p).key_persons,
                     lambda flow, p, v: setattr(plan(flow, p), "key_persons", v),
                     when=lambda flow, p: state["more"]),
            ),
        )
    ]  # fmt: skip


def ask_contact(flow: Flow, partner: Partner, own_command: bool = True) -> None:
    """The partner's page, then the questions from where the user stopped (or the start).
    With `own_command`, a stop says `contact SESSION PARTNER` carries on."""
    s, t = flow.session, flow.t
    left = s.left_at.get(CONTACT)
    resumed = left is not None and left.startswith(partner.id + ".")
    if own_command:  # carry on with this very partner
        flow.command_args = (partner.name,)
    # a new visit: what an earlier visit to another partner left is let go
    with detour(flow, CONTACT, fresh=not resumed) as resume:
        flow.show(page_view(s, partner, flow.guide, flow.today()))
        if resumed:
            flow.say(t("contact_resumed"), "dim")
        try:
            flow.run(CONTACT, contact_specs(partner, resume), resume)
        except Interrupted as stop:  # at the first question, nothing typed: nothing changed
            first = s.left_at.get(CONTACT) == partner.id + ".note"
            if first and not stop.draft.strip():
                stop.msg = Msg("contact_interrupted_before")
            raise
    plan = s.outreach[partner.id]
    flow.show(Text())
    what = fmt_date(plan.next_contact) if plan.next_contact else t("contact_no_next")
    flow.say(t("contact_done", partner=partner.name, date=what), "bold green")


def ask_next_contact(flow: FlowContext, current: dt.date | None) -> dt.date | None:
    """The next contact; Enter keeps the current one, but a day already past is moved or
    confirmed, also when it is the one that stood."""
    t, today = flow.t, flow.today()
    while True:
        value = flow.ask_date(t("outreach_ask_next_contact"), current, future=True)
        if value is None or value >= today or value != current:
            return value
        question = t("date_past_confirm", date=fmt_date(value))
        choices = [(False, t("date_past_no")), (True, t("date_past_yes"))]
        if flow.select(question, choices, False):
            return value
        current = None  # "another date": asked with an empty field, so Enter means none
