"""The one runner: asks any flow of question specs (`questions`), saving after every answer.

The wizard, an evaluation round and every later flow are specs run here. `Flow.run` asks a
flow from a resume key: before each question the cursor (where, key) is set and the step
remembers it as where the user left it (`left_at`); after the answer the cursor moves on to
the next question and the session is saved once, with the answer and the cursor together. A
stop at any prompt (Ctrl-C, Ctrl-D, a closed window, SIGTERM) saves the session with what was
typed as the draft of that very question, which comes back when the question is asked again,
whatever detours come in between; the error says how to carry on.
"""

from __future__ import annotations

import datetime as dt
import gc
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import RenderableType
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
from samarbejde.base.errors import Interrupted, Msg, UsageError
from samarbejde.base.signals import listen, stop
from samarbejde.base.terminal import command_line
from samarbejde.guide.texts import Texts
from samarbejde.runner.env import Env
from samarbejde.runner.questions import Prompter, Slot, Spec, Words, locate, slots

if TYPE_CHECKING:  # `require_terminal` comes before the session's models (flows/start.py)
    from samarbejde.guide.content import Guide
    from samarbejde.sessions.model import Session

T = TypeVar("T")


def require_terminal(env: Env) -> None:
    """A flow needs a terminal. It may run for hours: garbage is collected again (start-up
    turned that off, leaving what start-up made aside for good), and closing the window
    (SIGHUP; SIGBREAK on Windows) or being told to stop (SIGTERM) is a stop like Ctrl-C:
    what was typed is saved and the lock let go."""
    if not env.stdin_isatty() and not env.enkel:  # --enkel reads answers from a file, too
        raise UsageError("error_no_terminal")
    listen()
    gc.freeze()
    gc.enable()
    for name in _STOPS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop)


_STOPS = ("SIGTERM", "SIGHUP", "SIGBREAK")
_saving = {"now": False, "stop_waits": False}  # a stop during a save waits for its end


def _stop(signum: int, frame: object) -> None:
    """One stop is enough: a second signal (a closed window sends SIGHUP, then the shell may
    send more) is ignored, and a stop during a save waits until the save is done."""
    for name in _STOPS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_IGN)
    if _saving["now"]:
        _saving["stop_waits"] = True
        return
    stop()


# Hints that speak of a screen ("lad feltet stå tomt"), and their words for line mode
# (`--enkel`), where a field is a line and Enter alone answers.
PLAIN_KEYS = dict(
    (
        ("contact_note_hint", "contact_note_hint_plain"),
        ("outreach_date_hint", "outreach_date_hint_plain"),
    )
)


@dataclass
class Flow:
    """One session being asked: every question is asked and every answer saved here."""

    env: Env
    prompts: Prompter  # questionary's prompts, or plain lines (--enkel): env.prompts()
    session: Session
    path: Path
    only_missing: bool = False  # a step asks only for what is missing (after a revisit)
    command: str = "resume"  # the command that carries on after a stop
    command_args: tuple[str, ...] = ()  # what that command takes after the session's name
    saved: bool = False  # has this flow written the session file yet?

    @property
    def guide(self) -> Guide:
        return self.env.guide

    @property
    def t(self) -> Texts:
        return self.env.guide.texts

    @property
    def width(self) -> int:
        return self.env.console.width

    @property
    def plain(self) -> bool:
        """`--enkel`: marks and arrows written as words, for a screen reader."""
        return self.env.enkel

    @property
    def user(self) -> str:
        """Who answers: recorded with each answer changed and each contact-log line."""
        return self.env.user

    def today(self) -> dt.date:
        return self.env.today()

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        _saving["now"] = True
        try:
            self.path = self.env.store.save(self.session, self.path)
        finally:
            _saving["now"] = False
        self.saved = True
        if _saving["stop_waits"]:  # the window was closed during the save, which is done
            _saving["stop_waits"] = False
            raise KeyboardInterrupt

    def check_writable(self) -> None:
        """Before the first question: a file that cannot be written says so now, before
        anything is typed into it (one write, the first of this flow)."""
        if not self.saved:
            self.save()

    def at(self, where: str, key: str) -> None:
        """Where the user is: the question asked now (saved with the next answer, or when the
        user stops here)."""
        s, old = self.session, self.session.cursor
        if (old.step, old.question) != (where, key):
            from samarbejde.sessions.model import Cursor

            s.cursor = Cursor(step=where, question=key, **(old.model_extra or {}))
        s.left_at[where] = key

    # -- the runner ------------------------------------------------------------------------

    def run(
        self, where: str, specs: Sequence[Spec], resume: str | None = None, then: str = ""
    ) -> None:
        """Ask a flow from `resume` on (from the start when it is None or unknown); the
        cursor stands at `where`. Each item's introduction is shown before its first question
        asked in this run. The last answer's save puts the cursor at `then` (the menu the
        flow returns to), so even a crash resumes where the user is."""
        found = slots(self, specs)
        start, inner = locate(found, resume)
        shown: set[object] = set()
        for index in range(start, len(found)):
            slot = found[index]
            if slot.question.when is not None and not slot.question.when(self, slot.item):
                continue
            self._introduce(slot, shown)
            if slot.question.show is not None:
                self.show(*slot.question.show(self, slot.item))
            self.at(where, slot.key)
            if slot.question.kind != "call":
                before = slot.question.get(self, slot.item)
                answer = self._ask(slot)
                slot.question.put(self, slot.item, answer)
                if answer != before and (answer or before):  # changed: who, and when
                    from samarbejde.sessions.model import Author

                    author = Author(user=self.user, at=self.env.now())
                    self.session.written_by[f"{where}.{slot.key}"] = author
            else:  # a menu of its own: it saves what it changes; the cursor moves on here
                assert slot.question.call is not None
                slot.question.call(self, slot.item, inner if index == start else None)
            after = next((s for s in found[index + 1 :] if _asked(self, s)), None)
            if after is not None:
                self.at(where, after.key)
            elif then:
                self.at(where, then)
            self.save()

    def _introduce(self, slot: Slot, shown: set[object]) -> None:
        each = slot.each
        if each is None:
            return
        if each.before is not None and id(each) not in shown:
            shown.add(id(each))
            self.show(*each.before(self))
        if (id(each), slot.item_key) not in shown:
            shown.add((id(each), slot.item_key))
            if each.intro is not None:
                self.show(*each.intro(self, slot.item))
            if each.given is not None and slot.question is not each.questions[0]:
                self.show(*each.given(self, slot.item))  # resumed: the answers before it

    def _ask(self, slot: Slot) -> Any:
        a, item = slot.question, slot.item
        label = self._words(a.label, item)
        hint = self._words(a.hint, item) if a.hint is not None else ""
        current = a.get(self, item)
        if a.kind in ("text", "multiline"):
            validate = a.validate(self, item) if a.validate is not None else None
            options: dict[str, Any] = {"hint": hint, "multiline": a.kind == "multiline"}
            if validate is not None:
                options["validate"] = validate
            return self.text(label, current or "", **options)
        if a.kind == "date":
            day = self.ask_date(
                label, current, hint, future=a.dates == "future", past=a.dates == "past"
            )
            return self.today() if day is None and a.empty_is_today else day
        if a.kind == "confirm":
            yes_no = [(True, self.t("answer_yes")), (False, self.t("answer_no"))]
            return self.select(label, yes_no, bool(current))
        assert a.choices is not None, a.id
        choices = list(a.choices(self, item))
        if a.kind == "checkbox":
            return self.checkbox(label, choices)
        return self.select(label, choices, current, digits=a.kind == "rating")

    def _words(self, words: Words, item: Any) -> str:
        """A label or a hint: the UI text of a key (under `--enkel`, the key's twin in
        PLAIN_KEYS: no screen, no keys but Enter), or what the spec's function says."""
        return self.t(self.worded(words)) if isinstance(words, str) else words(self, item)

    def worded(self, words: str) -> str:
        """The text key to say: under `--enkel`, its twin for line mode when it has one."""
        return PLAIN_KEYS.get(words, words) if self.plain else words

    # -- asking: a stop at any prompt is saved and says how to carry on ------------------------

    def stopped(self, stop: Interrupted) -> None:
        """A stop: the session saved as it stands, and the stop's message says how to carry on."""
        self.save()
        program, name = self.env.program, self.session.name
        command = command_line(program, self.command, name, *self.command_args)
        stop.msg = Msg("wizard_interrupted", {"command": command})

    def text(self, message: str, default: str = "", **options: Any) -> str:
        """A text question; when the user stops, what was typed is kept as the draft."""
        drafts, cursor = self.session.drafts, self.session.cursor
        key = f"{cursor.step}.{cursor.question}"
        try:
            draft = drafts.get(key)
            if draft:  # what was typed before a stop comes back to be typed on
                options["draft"] = True
            value = self.prompts.text(message, draft or default, **options)
        except Interrupted as stop:
            if stop.draft.strip() != default.strip():
                drafts[key] = stop.draft
            else:
                drafts.pop(key, None)
            self.stopped(stop)
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
            value: T = self.prompts.select(message, choices, default, digits)
            return value
        except Interrupted as stop:
            self.stopped(stop)
            raise

    def checkbox(self, message: str, choices: Sequence[tuple[T, str, bool]]) -> list[T]:
        try:
            return self.prompts.checkbox(message, choices)
        except Interrupted as stop:
            self.stopped(stop)
            raise

    def ask_date(
        self,
        message: str,
        current: dt.date | None,
        hint: str = "",
        future: bool = False,
        past: bool = False,
    ) -> dt.date | None:
        """A date as Danes write it (see `dates.parse_date`); empty for none. A date that
        cannot be read is said right below the prompt, which is asked again with the text
        still in it; with `future`, a day already past is confirmed once; with `past` (what
        happened), a date without a year is the most recent one and a day still to come is
        confirmed once. A Saturday or Sunday is accepted with a remark."""
        today = self.env.today()
        example = fmt_date(today - dt.timedelta(days=3) if past else today)
        typed = fmt_date(current)
        if not hint:
            hint_key = "outreach_log_date_hint_past" if past else "outreach_date_hint"
            hint = self.t(self.worded(hint_key), example=example)
        invalid = "date_invalid_past" if past else "date_invalid"  # examples in its tense
        while True:
            # asked again after a date that cannot be read: with the date that was there (the
            # message repeats what was typed), so Enter keeps a good date, never a bad one
            answer = self.text(message, default=typed, hint=hint)
            if not answer:
                return None
            try:
                value = parse_date(answer, today, self.t, past=past)
            except NoSuchDate:
                self.say(self.t("date_no_such", text=answer), "bold red")
                continue
            except TooFar:
                self.say(
                    self.t("date_too_far", text=answer, first=FIRST_YEAR, last=LAST_YEAR),
                    "bold red",
                )
                continue
            except ValueError:
                self.say(self.t(invalid, text=answer, example=example), "bold red")
                continue
            weekdays = [w.strip() for w in self.t("date_words_weekdays").split(",")]
            weekday = weekdays[value.weekday()] if len(weekdays) == 7 else ""
            # a remark on a Saturday or Sunday still to come; what happened, happened
            weekend = is_weekend(value) and value != current and value >= today
            if answer != fmt_date(value):  # `om 2 uger`: say which day that is
                key = "date_understood_weekend" if weekend else "date_understood"
                if self.plain:  # --enkel: words, not an arrow
                    key = "date_understood_weekend_plain" if weekend else "date_understood_plain"
                self.say(self.t(key, weekday=weekday, date=fmt_date(value)), "dim")
            elif weekend:
                self.say(self.t("date_weekend", weekday=weekday, date=fmt_date(value)), "yellow")
            if future and value < today and value != current:
                question = self.t("date_past_confirm", date=fmt_date(value))
                choices = [(True, self.t("date_past_yes")), (False, self.t("date_past_no"))]
                if not self.select(question, choices, True):
                    continue
            if past and value > today and value != current:
                question = self.t("date_future_confirm", date=fmt_date(value))
                choices = [(True, self.t("date_future_yes")), (False, self.t("date_future_no"))]
                if not self.select(question, choices, True):
                    continue
            return value

    # -- showing ---------------------------------------------------------------------------

    def show(self, *items: RenderableType) -> None:
        for item in items:
            self.env.console.print(item)

    def say(self, text: str, style: str = "") -> None:
        self.env.console.print(Text(text, style=style))


def _asked(flow: Flow, slot: Slot) -> bool:
    return slot.question.when is None or slot.question.when(flow, slot.item)
