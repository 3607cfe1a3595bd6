"""The step flow: what to ask next, saving after every answer, resuming at the very question.

Every question has a key within its step (e.g. `p2.influence`). Before a question is asked the
cursor (step and key) is saved; after it is answered the answer is saved. A step started
from the cursor skips the questions before the cursor's key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from . import progress, views
from .content import Guide, Step, Texts
from .dates import fmt_date, fmt_time, parse_date
from .env import Env
from .errors import EXIT_INTERRUPTED, EXIT_OK, Msg, SessionError, UsageError
from .prompts import Interrupted, Prompts
from .session import (
    CheckState,
    Cursor,
    LogEntry,
    Outreach,
    Partner,
    Readiness,
    Session,
    SessionLock,
    new_session,
)

START = "start"  # the cursor's step while the opening questions are asked
START_KEYS = ("role", "organisation", "forms")
FOER_FIELDS = ("status", "note")
OUTREACH_EXTRA = ("key_persons", "next_contact", "log")


def require_terminal(env: Env) -> None:
    if not env.stdin_isatty():
        raise UsageError("error_no_terminal")


def remaining(keys: Sequence[str], resume_key: str | None) -> list[str]:
    """The keys from `resume_key` on; all of them when it is None or unknown."""
    if resume_key in keys:
        return list(keys[keys.index(resume_key) :])
    return list(keys)


@dataclass
class Flow:
    env: Env
    ask: Prompts
    session: Session
    path: Path

    @property
    def guide(self) -> Guide:
        return self.env.guide

    @property
    def t(self) -> Texts:
        return self.env.guide.texts

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        self.path = self.env.store.save(self.session, self.path)

    def at(self, step_id: str, key: str) -> None:
        """Record where the user is before asking; saved at once."""
        old = self.session.cursor
        if (old.step, old.question) != (step_id, key):
            self.session.cursor = Cursor(step=step_id, question=key, extra=old.extra)
        self.save()

    def text(self, message: str, default: str = "", **options: Any) -> str:
        """A text question; on Ctrl-C what was typed is kept as the cursor's draft."""
        cursor = self.session.cursor
        try:
            value = self.ask.text(message, cursor.draft or default, **options)
        except Interrupted as stop:
            cursor.draft = stop.draft if stop.draft.strip() != default.strip() else ""
            self.save()
            raise
        cursor.draft = ""
        return value

    def show(self, *items: RenderableType) -> None:
        for item in items:
            self.env.console.print(item)

    def say(self, text: str, style: str = "") -> None:
        self.env.console.print(Text(text, style=style))

    # -- small prompt helpers ----------------------------------------------------------------

    def ask_date(self, message: str, current: dt.date | None, hint: str = "") -> dt.date | None:
        example = fmt_date(self.env.today())

        def valid(text: str) -> bool | str:
            if not text.strip():
                return True
            try:
                parse_date(text)
            except ValueError:
                return self.t("outreach_date_invalid", example=example)
            return True

        answer = self.text(
            message,
            default=fmt_date(current),
            hint=hint or self.t("outreach_date_hint", example=example),
            validate=valid,
        )
        return parse_date(answer) if answer else None

    # -- the opening questions -------------------------------------------------------------

    def opening(self, resume_key: str | None) -> None:
        g, s = self.guide, self.session
        for key in remaining(START_KEYS, resume_key):
            self.at(START, key)
            if key == "role":
                s.role = self.ask.select(
                    self.t("wizard_ask_role"), [(r.id, r.label) for r in g.roles], s.role
                )
            elif key == "organisation":
                s.organisation = self.text(self.t("wizard_ask_organisation"), s.organisation)
            else:
                chosen = self.ask.checkbox(
                    self.t("wizard_ask_forms"),
                    [(f.id, f.label, f.id in s.forms) for f in g.forms],
                )
                s.forms = chosen
            self.save()

    # -- the journey -----------------------------------------------------------------------

    def journey(self) -> None:
        """From where the user left off to the end of the guide."""
        s = self.session
        if s.cursor.step == START or not s.role:
            self.opening(s.cursor.question if s.cursor.step == START else None)
        first = progress.resume_step(s, self.guide)
        ids = [step.id for step in self.guide.steps]
        for step in self.guide.steps[ids.index(first) :]:
            if step.id in s.completed and step.id != first:
                continue
            resume_key = s.cursor.question if s.cursor.step == step.id else None
            self.run_step(step, resume_key)

    def run_step(self, step: Step, resume_key: str | None = None) -> None:
        last = self.guide.steps[-1].number
        title = step.title + (f" — {step.subtitle}" if step.subtitle else "")
        self.show(
            Text(),
            Rule(self.t("wizard_step", number=step.number, last=last, title=title), align="left"),
        )
        if step.reconstructed:
            self.say(f"({self.t('reconstructed')}) {step.reconstructed_note}", "italic dim")
        for paragraph in step.text:
            self.say(paragraph)
        STEPS[step.id](self, step, resume_key)
        if step.id not in self.session.completed:
            self.session.completed.append(step.id)
        self.session.cursor = Cursor(step=self._next_step_id(step), question="")
        self.save()

    def _next_step_id(self, step: Step) -> str:
        ids = [s.id for s in self.guide.steps]
        later = [i for i in ids[ids.index(step.id) + 1 :] if i not in self.session.completed]
        return later[0] if later else step.id


# -- step 0: Før I går i gang -------------------------------------------------------------


def step_foer(flow: Flow, step: Step, resume_key: str | None) -> None:
    s, t = flow.session, flow.t
    role = flow.guide.role(s.role)
    flow.say(role.heading, "bold")
    keys = [f"{p.id}.{f}" for p in role.points for f in FOER_FIELDS]
    todo = remaining(keys, resume_key)
    statuses = [(c.id, c.label) for c in flow.guide.readiness]
    for number, point in enumerate(role.points, 1):
        mine = [k for k in todo if k.startswith(point.id + ".")]
        if not mine:
            continue
        flow.show(views.point_card(point, number))
        state = s.readiness.setdefault(point.id, Readiness())
        for key in mine:
            flow.at(step.id, key)
            if key.endswith(".status"):
                state.status = flow.ask.select(
                    t("foer_ask_status", title=point.title), statuses, state.status
                )
            else:
                state.note = flow.text(
                    t("foer_ask_note", title=point.title), state.note, hint=t("prompt_optional")
                )
            flow.save()


# -- step 1: Beskriv borgerens dagligdag ----------------------------------------------------


def step_questions(flow: Flow, step: Step, resume_key: str | None) -> None:
    s = flow.session
    questions = {q.id: q for q in step.questions}
    for key in remaining(list(questions), resume_key):
        q = questions[key]
        flow.at(step.id, key)
        value = flow.text(q.label, s.answer(step.id, key), multiline=q.multiline, hint=q.help)
        s.set_answer(step.id, key, value)
        flow.save()


# -- step 2: Hvem er aktørerne omkring borgeren? ---------------------------------------------

PARTNER_FIELDS = ("name", "kind", "contact", "brings")


def partner_list(flow: Flow) -> RenderableType:
    g = flow.guide
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(justify="right")
    table.add_column(overflow="fold")
    table.add_column(style="dim", overflow="fold")
    for i, p in enumerate(flow.session.partners, 1):
        table.add_row(
            str(i), Text(p.name, style=views.STYLES["note"]), g.label(g.partner_kinds, p.kind)
        )
    return table


def edit_partner(flow: Flow, step: Step, partner: Partner | None, first_field: str) -> None:
    """Ask a partner's fields from `first_field` on; a new partner exists once named."""
    s, t, g = flow.session, flow.t, flow.guide
    fields = remaining(PARTNER_FIELDS, first_field)
    for name in fields:
        pid = partner.id if partner else "new"
        flow.at(step.id, f"{pid}.{name}")
        if name == "name":

            def valid(text: str, me: Partner | None = partner) -> bool | str:
                text = text.strip()
                if not text:
                    return t("actors_name_required")
                taken = [
                    p for p in s.partners if p is not me and p.name.casefold() == text.casefold()
                ]
                return t("actors_name_taken", name=text) if taken else True

            value = flow.text(t("actors_ask_name"), partner.name if partner else "", validate=valid)
            if partner is None:
                partner = Partner(id=s.new_partner_id(), name=value)
                s.partners.append(partner)
            else:
                partner.name = value
        elif partner is None:
            return
        elif name == "kind":
            partner.kind = flow.ask.select(
                t("actors_ask_kind"), [(k.id, k.label) for k in g.partner_kinds], partner.kind
            )
        elif name == "contact":
            partner.contact = flow.text(
                t("actors_ask_contact"), partner.contact, hint=t("prompt_optional")
            )
        else:
            partner.brings = flow.text(
                t("actors_ask_brings"), partner.brings, hint=t("prompt_optional")
            )
        flow.save()


def pick_partner(flow: Flow, message: str) -> Partner | None:
    choices: list[tuple[str | None, str]] = [(p.id, p.name) for p in flow.session.partners]
    choices.append((None, flow.t("actors_back")))
    pid = flow.ask.select(message, choices)
    return flow.session.partner(pid) if pid else None


def step_actors(flow: Flow, step: Step, resume_key: str | None) -> None:
    s, t = flow.session, flow.t
    if resume_key and "." in resume_key:  # stopped while adding or editing a partner
        pid, field_name = resume_key.split(".", 1)
        partner = s.partner(pid)
        if field_name in PARTNER_FIELDS and (partner is not None or pid == "new"):
            edit_partner(flow, step, partner, field_name)
    elif not s.partners:
        flow.say(t("actors_none"), "dim")
        edit_partner(flow, step, None, "name")
    while True:
        flow.say(t("actors_list", count=len(s.partners)), "bold")
        flow.show(partner_list(flow))
        flow.at(step.id, "menu")
        choices = [("add", t("actors_add"))]
        if s.partners:
            choices += [("edit", t("actors_edit")), ("remove", t("actors_remove"))]
        choices.append(("finish", t("actors_finish")))
        action = flow.ask.select(t("actors_menu"), choices, "add")
        if action == "finish":
            return
        if action == "add":
            edit_partner(flow, step, None, "name")
        elif action == "edit":
            partner = pick_partner(flow, t("actors_which_edit"))
            if partner:
                edit_partner(flow, step, partner, "name")
        else:
            partner = pick_partner(flow, t("actors_which_remove"))
            if partner and flow.ask.select(
                t("actors_confirm_remove", name=partner.name),
                [(True, t("answer_yes")), (False, t("answer_no"))],
                False,
            ):
                s.partners.remove(partner)
                s.outreach.pop(partner.id, None)
                flow.save()
                flow.say(t("actors_removed", name=partner.name), "dim")


# -- step 3: Prioriter -----------------------------------------------------------------------


def step_prioritise(flow: Flow, step: Step, resume_key: str | None) -> None:
    s, t, d = flow.session, flow.t, flow.guide.diagram
    keys = [f"{p.id}.{axis}" for p in s.partners for axis in ("interest", "influence")]
    keys += [q.id for q in step.questions]
    todo = remaining(keys, resume_key)
    axes = {"interest": d.x, "influence": d.y}
    if any(k.endswith((".interest", ".influence")) for k in todo):
        flow.say(t("rate_intro", low=d.scale_min, high=d.scale_max, high_from=d.high_from), "bold")
        for axis in (d.x, d.y):
            flow.say(t("rate_axis", name=axis.name, question=axis.question))
    elif not s.partners:
        flow.say(t("rate_no_partners"), "dim")
    for index, partner in enumerate(s.partners, 1):
        mine = [k for k in todo if k.startswith(partner.id + ".")]
        if not mine:
            continue
        flow.say(t("rate_partner", index=index, count=len(s.partners), name=partner.name), "bold")
        for key in mine:
            axis_id = key.split(".", 1)[1]
            axis = axes[axis_id]
            scores = []
            for score in d.scale:
                label = str(score)
                if score == d.scale_min:
                    label = t("rate_label_low", score=score, text=axis.low)
                elif score == d.scale_max:
                    label = t("rate_label_high", score=score, text=axis.high)
                scores.append((score, label))
            flow.at(step.id, key)
            value = flow.ask.select(
                t("rate_ask", name=axis.name), scores, getattr(partner, axis_id)
            )
            setattr(partner, axis_id, value)
            flow.save()
    if s.partners:
        ranked = progress.ranked(s, flow.guide)
        width = flow.env.console.width
        flow.show(Text(), views.diagram(s, flow.guide, width), Text())
        if ranked:
            flow.show(views.partner_table(ranked, flow.guide), Text())
    step_questions(flow, step, next((k for k in todo if "." not in k), None))


# -- step 4: Hvordan rækker vi ud? -----------------------------------------------------------


def outreach_keys(flow: Flow, pid: str) -> list[str]:
    return [f"{pid}.{c.id}" for c in flow.guide.outreach_cards] + [
        f"{pid}.{f}" for f in OUTREACH_EXTRA
    ]


def choose_partners(flow: Flow, step: Step) -> None:
    s, t, g = flow.session, flow.t, flow.guide
    has_plan = any(o.planned for o in s.outreach.values())
    choices = []
    for p, r in progress.partners_in_order(s, g):
        quadrant = g.quadrant_label(r.quadrant if r else None)
        if has_plan:
            checked = p.id in s.outreach and s.outreach[p.id].planned
        else:
            checked = r is not None and r.quadrant == "raek_ud_foerst"
        choices.append((p.id, t("outreach_partner", name=p.name, quadrant=quadrant), checked))
    flow.at(step.id, "choose")
    chosen = flow.ask.checkbox(t("outreach_choose"), choices)
    for p in s.partners:
        if p.id in chosen:
            s.outreach.setdefault(p.id, Outreach()).planned = True
        elif p.id in s.outreach:
            s.outreach[p.id].planned = False
    flow.save()


def contact_log(
    flow: Flow, step: Step, partner: Partner, plan: Outreach, resume_at: str = "log"
) -> None:
    """The contact log: shown, then entries added (date, then a short note) until done."""
    t, today = flow.t, flow.env.today()
    while True:
        if resume_at == "log":
            flow.say(t("outreach_log", name=partner.name), "bold")
            for entry in plan.log:
                flow.say(f"  {fmt_date(entry.date)}  {entry.note}")
            if not plan.log:
                flow.say("  " + t("outreach_log_empty"), "dim")
            flow.at(step.id, f"{partner.id}.log")
            action = flow.ask.select(
                t("outreach_log_menu"),
                [("done", t("outreach_log_done")), ("add", t("outreach_log_add"))],
                "done",
            )
            if action == "done":
                return
            resume_at = "log_date"
        if resume_at == "log_date":
            flow.at(step.id, f"{partner.id}.log_date")
            when = flow.ask_date(t("outreach_log_date"), today, t("outreach_log_date_hint"))
            plan.log.append(LogEntry(date=when or today))
            flow.save()
        if plan.log:
            flow.at(step.id, f"{partner.id}.log_note")
            plan.log[-1].note = flow.text(t("outreach_log_note"), plan.log[-1].note)
            flow.save()
        resume_at = "log"


def plan_partner(
    flow: Flow,
    step: Step,
    partner: Partner,
    quadrant: str,
    keys: Sequence[str],
    log_at: str = "log",
) -> None:
    t, g = flow.t, flow.guide
    plan = flow.session.outreach[partner.id]
    flow.show(
        Text(),
        Rule(
            Text(t("outreach_partner", name=partner.name, quadrant=quadrant), style="bold"),
            align="left",
            style="yellow",
        ),
    )
    cards = {c.id: c for c in g.outreach_cards}
    for key in keys:
        field_name = key.split(".", 1)[1]
        if field_name in cards:
            card = cards[field_name]
            flow.show(views.outreach_card(card))
            flow.at(step.id, key)
            plan.cards[card.id] = flow.text(
                card.question, plan.cards.get(card.id, ""), multiline=True
            )
        elif field_name == "key_persons":
            flow.at(step.id, key)
            plan.key_persons = flow.text(t("outreach_ask_key_persons"), plan.key_persons)
        elif field_name == "next_contact":
            flow.at(step.id, key)
            plan.next_contact = flow.ask_date(t("outreach_ask_next_contact"), plan.next_contact)
        else:
            contact_log(flow, step, partner, plan, log_at)
        flow.save()


def step_outreach(flow: Flow, step: Step, resume_key: str | None) -> None:
    s, t = flow.session, flow.t
    if not s.partners:
        flow.say(t("outreach_no_partners"), "dim")
        return
    log_at = "log"
    if resume_key and resume_key.endswith((".log_date", ".log_note")):
        resume_key, log_at = resume_key.rsplit(".", 1)
        resume_key += ".log"
    planned = progress.planned_in_order(s, flow.guide)
    all_keys = [k for p, _ in planned for k in outreach_keys(flow, p.id)]
    if resume_key not in all_keys:
        choose_partners(flow, step)
        planned = progress.planned_in_order(s, flow.guide)
        resume_key = None
    if not planned:
        flow.say(t("outreach_none_chosen"), "dim")
    for partner, r in planned:
        keys = outreach_keys(flow, partner.id)
        quadrant = flow.guide.quadrant_label(r.quadrant if r else None)
        if resume_key is None:
            plan_partner(flow, step, partner, quadrant, keys)
        elif resume_key in keys:  # the partner the user stopped at: from that question on
            plan_partner(flow, step, partner, quadrant, remaining(keys, resume_key), log_at)
            resume_key = None


# -- step 5: Tjekliste -----------------------------------------------------------------------


def step_checklist(flow: Flow, step: Step, resume_key: str | None) -> None:
    s, t, g = flow.session, flow.t, flow.guide
    keys = ["ticks"] + [f"{i.id}.note" for i in g.checklist]
    keys += [f"{i.id}.date" for i in g.checklist if i.asks_date]
    todo = remaining(keys, resume_key)
    numbers = {item.id: n for n, item in enumerate(g.checklist, 1)}
    if "ticks" in todo:
        for item in g.checklist:
            state = s.checklist.get(item.id)
            mark = "☑" if state and state.done else "☐"
            flow.show(views.checklist_item(numbers[item.id], item.title, item.points, mark))
        flow.at(step.id, "ticks")
        ticked = flow.ask.checkbox(
            t("checklist_ask_ticks"),
            [
                (
                    i.id,
                    f"{numbers[i.id]}. {i.title}",
                    bool(s.checklist.get(i.id) and s.checklist[i.id].done),
                )
                for i in g.checklist
            ],
        )
        for item in g.checklist:
            s.checklist.setdefault(item.id, CheckState()).done = item.id in ticked
        flow.save()
    for key in todo:
        if key == "ticks":
            continue
        item_id, field_name = key.split(".", 1)
        item = next(i for i in g.checklist if i.id == item_id)
        state = s.checklist.setdefault(item_id, CheckState())
        flow.at(step.id, key)
        if field_name == "note":
            state.note = flow.text(
                t("checklist_ask_note", number=numbers[item_id], title=item.title),
                state.note,
                hint=t("prompt_optional"),
            )
        else:
            state.date = flow.ask_date(t("checklist_ask_date"), state.date)
        flow.save()


STEPS: dict[str, Callable[[Flow, Step, str | None], None]] = {
    "foer": step_foer,
    "dagligdag": step_questions,
    "aktoerer": step_actors,
    "prioriter": step_prioritise,
    "raek_ud": step_outreach,
    "tjekliste": step_checklist,
}


# -- entry points ----------------------------------------------------------------------------


def _finish(flow: Flow) -> None:
    flow.show(Text())
    flow.say(flow.t("wizard_done"), "bold green")
    flow.show(
        views.summary_view(
            flow.session, flow.path, flow.guide, flow.env.today(), flow.env.console.width
        )
    )


class _Holder:
    flow: Flow | None = None


def _guarded(env: Env, body: Callable[[_Holder], int]) -> int:
    """Run the interactive body; Ctrl-C and end of input end it cleanly, answers saved."""
    holder = _Holder()
    t = env.guide.texts
    try:
        return body(holder)
    except KeyboardInterrupt:
        env.console.print()
        if holder.flow is not None:
            command = views.resume_command(holder.flow.session)
            env.console.print(Text(t("wizard_interrupted", command=command), style="bold"))
        else:
            env.console.print(Text(t("wizard_interrupted_nothing"), style="bold"))
        return EXIT_INTERRUPTED
    except EOFError:
        env.console.print()
        err = UsageError("error_no_terminal")
        if holder.flow is not None:
            command = views.resume_command(holder.flow.session)
            err.details.append(Msg("wizard_bye", {"command": command}))
        raise err from None


def run_start(env: Env, name: str | None = None, role: str | None = None) -> int:
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)

    def body(holder: _Holder) -> int:
        t, store = env.guide.texts, env.store
        env.console.print(
            Panel(Text(t("wizard_welcome")), title=Text(env.guide.title, style="bold"))
        )
        wanted = name
        while True:
            if wanted is None:
                wanted = ask.text(
                    t("wizard_ask_name"),
                    hint=t("wizard_name_hint"),
                    validate=lambda v: True if v.strip() else t("wizard_name_required"),
                )
            path = store.path_for(wanted)
            if not path.exists():
                break
            choice = ask.select(
                t("wizard_name_exists", name=wanted),
                [("resume", t("wizard_name_resume")), ("other", t("wizard_name_other"))],
                "resume",
            )
            if choice == "resume":
                return resume_menu(env, ask, holder, path)
            wanted = None
        session = new_session(wanted, role or "", env.now())
        session.cursor = Cursor(step=START, question="organisation" if role else "role")
        with SessionLock(path, env.now):
            holder.flow = flow = Flow(env, ask, session, path)
            flow.save()
            flow.say(t("wizard_saved_at", path=str(flow.path)), "dim")
            flow.journey()
            _finish(flow)
        return EXIT_OK

    return _guarded(env, body)


def choose_session(env: Env, ask: Prompts) -> Path:
    t = env.guide.texts
    readable = [e for e in env.store.listing() if e.session is not None]
    if not readable:
        raise SessionError("error_no_sessions")
    choices = [
        (
            e.path,
            t(
                "resume_session_label",
                name=e.session.name,
                role=env.guide.role_label(e.session.role) or "-",
                changed=fmt_time(e.changed),
            ),
        )
        for e in readable
        if e.session is not None
    ]
    return ask.select(t("resume_choose_session"), choices, readable[0].path)


def resume_menu(env: Env, ask: Prompts, holder: _Holder, path: Path) -> int:
    with SessionLock(path, env.now):
        return _menu(env, ask, holder, path)


def _menu(env: Env, ask: Prompts, holder: _Holder, path: Path) -> int:
    t, g = env.guide.texts, env.guide
    session = env.store.load(path)
    holder.flow = flow = Flow(env, ask, session, path)
    while True:
        s = flow.session
        all_done = all(step.id in s.completed for step in g.steps) and s.cursor.step != START
        next_id = progress.resume_step(s, g)
        choices: list[tuple[str, str]] = []
        if all_done:
            choices.append(("summary", t("resume_all_done")))
        else:
            choices.append(("continue", t("resume_continue", step=g.step(next_id).short_heading)))
        for step in g.steps:
            status = t("status_" + progress.step_status(s, step.id))
            choices.append(
                ("step:" + step.id, t("resume_goto", step=step.short_heading, status=status))
            )
        if not all_done:
            choices.append(("summary", t("resume_summary")))
        choices.append(("quit", t("resume_quit")))
        action = ask.select(t("resume_menu", name=s.name), choices, choices[0][0])
        if action == "continue":
            flow.journey()
            _finish(flow)
            return EXIT_OK
        if action == "summary":
            flow.show(views.summary_view(s, flow.path, g, env.today(), env.console.width))
        elif action == "quit":
            flow.say(t("wizard_bye", command=views.resume_command(s)), "bold")
            return EXIT_OK
        else:
            if not s.role:
                flow.opening(None)
            flow.run_step(g.step(action.split(":", 1)[1]))


def run_resume(env: Env, ref: str | None) -> int:
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)

    def body(holder: _Holder) -> int:
        path = env.store.resolve(ref) if ref else choose_session(env, ask)
        return resume_menu(env, ask, holder, path)

    return _guarded(env, body)
