"""The flow between steps: what to ask next, saving after every answer, resuming at the very
question, and the menu of a resumed session.

Every question has a key within its step (e.g. `p2.influence`). Before a question is asked the
cursor (step and key) is saved, and the step remembers it as where the user left it
(`left_at`); after it is answered the answer is saved. A step started again skips the
questions before that key, and what was typed when the user stopped waits as the draft of
that very question, whatever detours come in between. What each step asks is in its module
under `steps/`.
"""

from __future__ import annotations

import datetime as dt
import gc
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rich.console import RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from . import listen, steps, views
from .content import Guide, Step
from .dates import NoSuchDate, fmt_date, fmt_time, parse_date
from .env import Env
from .errors import ExitCode, Interrupted, Msg, SessionError, UsageError
from .lock import SessionLock
from .model import Cursor, Session, new_session
from .prompts import Prompts
from .steps.base import DONE, remaining
from .texts import Texts

START = "start"  # the cursor's step while the opening questions are asked
START_KEYS = ("role", "organisation", "forms")
T = TypeVar("T")


def require_terminal(env: Env) -> None:
    """The wizard needs a terminal. It may run for hours: garbage is collected again (start-up
    turned that off, leaving what start-up made aside for good), and closing the window
    (SIGHUP; SIGBREAK on Windows) or being told to stop (SIGTERM) is a stop like Ctrl-C:
    what was typed is saved and the lock let go."""
    if not env.stdin_isatty():
        raise UsageError("error_no_terminal")
    listen()
    gc.freeze()
    gc.enable()
    for name in ("SIGTERM", "SIGHUP", "SIGBREAK"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@dataclass
class Flow:
    """One session in the wizard: every question is asked and every answer saved here."""

    env: Env
    ask: Prompts
    session: Session
    path: Path
    only_missing: bool = False  # a step asks only for what is missing (after a revisit)
    command: str = "resume"  # the command that carries on after a stop

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
        s, old = self.session, self.session.cursor
        if (old.step, old.question) != (step_id, key):
            s.cursor = Cursor(step=step_id, question=key, **(old.model_extra or {}))
        s.left_at[step_id] = key
        self.save()

    # -- asking: a stop at any prompt says how to carry on ------------------------------------

    def _stopped(self, stop: Interrupted) -> None:
        stop.session = self.session
        command = views.command_line(self.env.program, self.command, self.session.name)
        stop.msg = Msg("wizard_interrupted", {"command": command})

    def text(self, message: str, default: str = "", **options: Any) -> str:
        """A text question; when the user stops, what was typed is kept as the draft."""
        drafts, cursor = self.session.drafts, self.session.cursor
        key = f"{cursor.step}.{cursor.question}"
        try:
            value = self.ask.text(message, drafts.get(key) or default, **options)
        except Interrupted as stop:
            if stop.draft.strip() != default.strip():
                drafts[key] = stop.draft
            else:
                drafts.pop(key, None)
            self.save()
            self._stopped(stop)
            raise
        drafts.pop(key, None)
        return value

    def select(
        self,
        message: str,
        choices: Sequence[tuple[T, str]],
        default: Any = None,
        digits: bool = False,
    ) -> T:
        try:
            return self.ask.select(message, choices, default, digits)
        except Interrupted as stop:
            self._stopped(stop)
            raise

    def checkbox(self, message: str, choices: Sequence[tuple[T, str, bool]]) -> list[T]:
        try:
            return self.ask.checkbox(message, choices)
        except Interrupted as stop:
            self._stopped(stop)
            raise

    def ask_date(
        self, message: str, current: dt.date | None, hint: str = "", future: bool = False
    ) -> dt.date | None:
        """A date as Danes write it (see `dates.parse_date`); empty for none. A date that
        cannot be read is said right below the prompt, which is asked again with the text
        still in it; with `future`, a day already past is confirmed once."""
        today = self.env.today()
        example = fmt_date(today)
        typed = fmt_date(current)
        while True:
            answer = self.text(
                message,
                default=typed,
                hint=hint or self.t("outreach_date_hint", example=example),
            )
            if not answer:
                return None
            typed = answer
            try:
                value = parse_date(answer, today, self.t)
            except NoSuchDate:
                self.say(self.t("date_no_such", text=answer), "bold red")
                continue
            except ValueError:
                self.say(self.t("date_invalid", text=answer, example=example), "bold red")
                continue
            if answer != fmt_date(value):  # `om 2 uger`: say which day that is
                weekdays = [w.strip() for w in self.t("date_words_weekdays").split(",")]
                weekday = weekdays[value.weekday()] if len(weekdays) == 7 else ""
                self.say(self.t("date_understood", weekday=weekday, date=fmt_date(value)), "dim")
            if future and value < today and value != current:
                question = self.t("date_past_confirm", date=fmt_date(value))
                choices = [(True, self.t("date_past_yes")), (False, self.t("date_past_no"))]
                if not self.select(question, choices, True):
                    continue
            return value

    # -- showing ---------------------------------------------------------------------------

    def show(self, *items: RenderableType) -> None:
        for item in items:
            self.env.console.print(item)

    def say(self, text: str, style: str = "") -> None:
        self.env.console.print(Text(text, style=style))

    # -- the opening questions -------------------------------------------------------------

    def opening(self, resume_key: str | None) -> None:
        g, s = self.guide, self.session
        for key in remaining(START_KEYS, resume_key):
            self.at(START, key)
            if key == "role":
                roles = [(r.id, r.label) for r in g.roles]
                s.role = self.select(self.t("wizard_ask_role"), roles, s.role)
            elif key == "organisation":
                s.organisation = self.text(self.t("wizard_ask_organisation"), s.organisation)
            else:
                forms = [(f.id, f.label, f.id in s.forms) for f in g.forms]
                s.forms = self.checkbox(self.t("wizard_ask_forms"), forms)
            self.save()
        s.left_at.pop(START, None)

    # -- the journey -----------------------------------------------------------------------

    def journey(self) -> None:
        """From where the user left off to the end of the guide."""
        s = self.session
        if START in s.left_at or not s.role:
            self.opening(s.left_at.get(START))
        first = self.resume_step()
        ids = [step.id for step in self.guide.steps]
        for step in self.guide.steps[ids.index(first) :]:
            if step.id in s.completed and step.id != first:
                continue
            self.run_step(step, s.left_at.get(step.id))

    def resume_step(self) -> str:
        """The step to carry on with: the cursor's, or the first step not done."""
        s, ids = self.session, [step.id for step in self.guide.steps]
        if s.cursor.step in ids and s.cursor.step not in s.completed:
            return s.cursor.step
        return next((i for i in ids if i not in s.completed), ids[-1])

    def run_step(self, step: Step, resume_key: str | None = None) -> None:
        index, count = self.guide.steps.index(step) + 1, len(self.guide.steps)
        title = self.t("wizard_step", number=step.number, title=step.full_title, index=index,
                       count=count)  # fmt: skip
        if len(title) > self.env.console.width - 4 and step.short_title:  # a narrow screen
            title = self.t("wizard_step", number=step.number, title=step.short_title,
                           index=index, count=count)  # fmt: skip
        self.show(Text(), Rule(title, align="left"))
        if step.reconstructed:
            self.say(f"({self.t('reconstructed')}) {step.reconstructed_note}", "italic dim")
        for paragraph in step.text:
            self.say(paragraph)
        steps.kind(step.id).run(self, step, resume_key)
        self.session.left_at.pop(step.id, None)
        if step.id not in self.session.completed:
            self.session.completed.append(step.id)
        self.session.cursor = Cursor(step=self._next_step_id(step), question="")
        self.save()

    def onward(self, step: Step) -> None:
        """After a revisit, go where the work is: the next step, if what was changed left
        something missing there (a new partner not rated), asked for what is missing only."""
        later = self.guide.steps[self.guide.steps.index(step) + 1 :]
        if not later or later[0].id not in self.session.completed:
            return
        kind = steps.kind(later[0].id)
        if kind.missing(self.session, self.guide):
            self.only_missing = True
            try:
                self.run_step(later[0])
            finally:
                self.only_missing = False

    def _next_step_id(self, step: Step) -> str:
        ids = [s.id for s in self.guide.steps]
        later = [i for i in ids[ids.index(step.id) + 1 :] if i not in self.session.completed]
        return later[0] if later else step.id

    def finish(self) -> None:
        """The closing words: praise only when every step is done; else what is missing."""
        self.show(Text())
        s, g = self.session, self.guide
        gaps = [
            self.t(
                "wizard_gap", step=step.short_heading, gap=steps.kind(step.id).status_label(s, g)
            )
            for step in g.steps
            if steps.kind(step.id).status(s, g) != DONE
        ]
        if gaps:
            self.say(self.t("wizard_done_gaps"), "bold yellow")
            for gap in gaps:
                self.say(gap, "yellow")
        else:
            self.say(self.t("wizard_done"), "bold green")
        env = self.env
        self.show(views.summary_view(self.session, self.path, self.guide, env.today(),
                                     env.console.width, env.program))  # fmt: skip


# -- entry points ----------------------------------------------------------------------------


def run_start(env: Env, name: str | None = None, role: str | None = None) -> int:
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)
    t, store = env.guide.texts, env.store
    env.console.print(Panel(Text(t("wizard_welcome")), title=Text(env.guide.title, style="bold")))
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
            return resume_menu(env, ask, path)
        wanted = None
    session = new_session(wanted, role or "", env.now())
    first = "organisation" if role else "role"
    session.cursor = Cursor(step=START, question=first)
    session.left_at[START] = first
    with SessionLock(path, env.now):
        flow = Flow(env, ask, session, path)
        flow.save()
        flow.say(t("wizard_saved_at", path=str(flow.path)), "dim")
        flow.journey()
        flow.finish()
    return ExitCode.OK


def choose_session(env: Env, ask: Prompts) -> Path:
    t = env.guide.texts
    readable = env.store.readable()
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


def resume_menu(env: Env, ask: Prompts, path: Path) -> int:
    with SessionLock(path, env.now):
        flow = Flow(env, ask, env.store.load(path), path)
        return _menu(flow)


def _menu(flow: Flow) -> int:
    t, g, env = flow.t, flow.guide, flow.env
    while True:
        s = flow.session
        all_done = all(step.id in s.completed for step in g.steps) and START not in s.left_at
        choices: list[tuple[str, str]] = []
        if all_done:
            choices.append(("summary", t("resume_all_done")))
        else:
            next_step = g.step(flow.resume_step()).short_heading
            choices.append(("continue", t("resume_continue", step=next_step)))
        for step in g.steps:
            state = steps.kind(step.id).status_label(s, g)
            choices.append(
                ("step:" + step.id, t("resume_goto", step=step.short_heading, status=state))
            )
        if not all_done:
            choices.append(("summary", t("resume_summary")))
        choices.append(("quit", t("resume_quit")))
        action = flow.select(t("resume_menu", name=s.name), choices, choices[0][0])
        if action == "continue":
            flow.journey()
            flow.finish()
            return ExitCode.OK
        if action == "summary":
            view = views.summary_view(s, flow.path, g, env.today(), env.console.width, env.program)
            flow.show(view)
        elif action == "quit":
            flow.say(t("wizard_bye", command=views.resume_command(s, env.program)), "bold")
            return ExitCode.OK
        else:
            if not s.role:
                flow.opening(None)
            step = g.step(action.split(":", 1)[1])
            flow.run_step(step)
            flow.onward(step)


def run_resume(env: Env, ref: str | None) -> int:
    require_terminal(env)
    ask = Prompts(env.guide.texts, env.console)
    path = env.store.resolve(ref, partial=True) if ref else choose_session(env, ask)
    return resume_menu(env, ask, path)
