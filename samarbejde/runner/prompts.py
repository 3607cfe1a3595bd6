"""The only module that imports questionary: one question at a time, nothing swallowed.

Every function asks with `unsafe_ask()` and turns Ctrl-C and Ctrl-D (the end of input) into
`Interrupted`, carrying what had been typed; the wizard saves before each question and keeps
that draft. The hints shown beside a prompt come from the content's texts.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import prompt_toolkit.application.application as _application_module
import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.key_binding.key_bindings import KeyBindingsBase
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style
from rich.console import Console
from rich.text import Text

from samarbejde.base.errors import Interrupted
from samarbejde.base.escapes import undo_escapes
from samarbejde.base.signals import end_prompt_with
from samarbejde.base.terminal import drop_overrides, has_control, shown
from samarbejde.guide.texts import Texts
from samarbejde.runner.questions import Validator


def _once(load: Callable[[], KeyBindingsBase]) -> Callable[[], KeyBindingsBase]:
    made: list[KeyBindingsBase] = []

    def cached() -> KeyBindingsBase:
        if not made:
            made.append(load())
        return made[0]

    return cached


# prompt_toolkit builds its default key bindings (Emacs, Vi, mouse, page keys: about 1,000
# bindings) anew for every Application, that is for every question. They hold no state of
# their own (each handler works on `event.app`; their filters ask the running app), so the
# first set serves every later question. Measured on this 2-core machine: 12 ms of CPU a
# question in Python's own time (30-40 ms of wall time on a loaded machine), a quarter of an
# in-process evaluate round. Built once, on the first question, not at import.
_application_module.load_key_bindings = _once(_application_module.load_key_bindings)
_application_module.load_page_navigation_bindings = _once(
    _application_module.load_page_navigation_bindings
)

STYLE = Style.from_dict(
    {
        "qmark": "fg:ansicyan bold",
        "question": "bold",
        "answer": "fg:ansigreen",
        "instruction": "fg:ansibrightblack",
        "pointer": "fg:ansicyan bold",
        "highlighted": "fg:ansicyan bold",
        "selected": "fg:ansigreen",
    }
)


# Esc, Enter finishes a multi-line answer. Typed ahead, before the prompt has put the terminal
# in raw mode, the terminal turns that Enter into Ctrl-J: accept that as well.
MULTILINE_KEYS = KeyBindings()


@MULTILINE_KEYS.add("escape", "c-j")
def _finish_typed_ahead(event: KeyPressEvent) -> None:
    event.current_buffer.validate_and_handle()


def _enter_after_escape(question: questionary.Question) -> None:
    """Esc, Enter (how a multi-line answer ends) at a list is Enter. Left to prompt_toolkit,
    it is Meta-Enter, which accepts the empty text buffer behind the list: a choice would
    answer "" and a checklist would lose every tick."""
    app = question.application
    bindings = app.key_bindings or KeyBindings()
    enter = [b for b in bindings.bindings if b.keys == (Keys.ControlM,)]
    if not enter:
        return
    extra = KeyBindings()
    extra.add("escape", "enter", eager=True)(enter[-1].handler)
    app.key_bindings = merge_key_bindings([bindings, extra])


def _replace_when_typed(question: questionary.Question, replace: bool) -> None:
    """A text that is already there: Ctrl-U empties the field, every line of it. With
    `replace` (a one-line answer), it works like a cell in a spreadsheet too: Enter keeps it,
    the first character typed (or pasted) replaces it, and an arrow key, Home, End or
    Backspace first means "change it" from then on. (A longer text is added to as often as
    it is replaced: there, typing types.)"""
    app = question.application
    buffer = app.current_buffer
    untouched = [replace and bool(buffer.text)]

    def touched(_: object) -> None:
        untouched[0] = False

    buffer.on_cursor_position_changed += touched
    buffer.on_text_changed += touched
    fresh = Condition(lambda: untouched[0])
    extra = KeyBindings()

    @extra.add(Keys.Any, filter=fresh)
    @extra.add(Keys.BracketedPaste, filter=fresh)
    def _replace(event: KeyPressEvent) -> None:
        untouched[0] = False
        event.current_buffer.document = Document(event.data, len(event.data))

    @extra.add("c-u")
    def _empty(event: KeyPressEvent) -> None:
        event.current_buffer.document = Document("")

    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


_on_screen: list[Application[Any]] = []  # the prompt being asked, for a stop to end


def _end_on_screen() -> bool:
    """A stop (SIGTERM, a closed window) while a prompt is asked: the prompt is ended from
    its own event loop, as its Ctrl-C key does, and `_ask` sees the stop."""
    app = _on_screen[-1] if _on_screen else None
    loop = app.loop if app is not None else None
    if app is None or loop is None or loop.is_closed() or not app.is_running:
        return False
    loop.call_soon_threadsafe(_exit_with_stop, app)
    return True


def _exit_with_stop(app: Application[Any]) -> None:
    if app.is_running and app.future is not None and not app.future.done():
        app.exit(exception=KeyboardInterrupt, style="class:aborting")


end_prompt_with(_end_on_screen)


def _ask(question: questionary.Question) -> Any:
    """Ask; a stop becomes our own error, with what had been typed at a text prompt."""
    _on_screen.append(question.application)
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_typed(question)) from None
    except OSError:  # the window was closed: the terminal is gone before the stop arrives
        raise Interrupted(_typed(question)) from None
    finally:
        _on_screen.pop()


def _fit(label: str, room: int) -> str:
    """A choice on one line: prompt_toolkit cuts a longer one without a sign."""
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _wrapped(message: str, hint: str, width: int) -> tuple[str, str]:
    """The question and its hint broken at spaces to the screen's `width`, as questionary
    shows them on one line ("? message hint"): prompt_toolkit would break a long one anywhere,
    mid-word. The lines after the first are indented under the question."""
    room = max(20, width - 2)  # "? " before the question
    lines = textwrap.wrap(message, room, break_long_words=False, break_on_hyphens=False)
    lines = lines or [message]
    if hint and len(lines[-1]) + 1 + len(hint) > room:  # the hint on lines of its own
        parts = textwrap.wrap(hint, room, break_long_words=False, break_on_hyphens=False)
        hint = "\n" + "\n".join("  " + part for part in parts)
    return "\n  ".join(lines), hint


def _typed(question: questionary.Question) -> str:
    buffer = question.application.current_buffer
    return undo_escapes(buffer.text) if buffer is not None else ""


class Prompts:
    """Asks questions on the terminal (or on whatever prompt_toolkit input is active)."""

    def __init__(self, texts: Texts, console: Console) -> None:
        self.t = texts
        self.console = console

    def _echo(self, message: str, answer: str) -> None:
        """A finished question as questionary shows one: `? message answer`."""
        self.console.print(
            Text.assemble(("? ", "bold cyan"), (message, "bold"), " ", (answer, "green"))
        )

    def text(
        self,
        message: str,
        default: str = "",
        *,
        multiline: bool = False,
        hint: str = "",
        validate: Validator | None = None,
        draft: bool = False,
    ) -> str:
        validate = self._no_control(validate)
        message, default, hint = shown(message), shown(default), shown(hint)
        if multiline:
            # A long prompt line in multiline mode blanks prompt_toolkit's screen, so the
            # question and its hint are printed here and the prompt itself stays short.
            self.console.print(Text.assemble(("? ", "bold cyan"), (message, "bold")))
            # Enter adds a line here: with an answer already there, say how to keep it
            keys = "prompt_multiline_keep_hint" if default.strip() else "prompt_multiline_hint"
            for line in (hint, self.t(keys)):
                if line:
                    self.console.print(Text("  " + line, style="dim"))
            question = questionary.text(
                "›",
                qmark=" ",
                default=default,
                multiline=True,
                instruction="",
                validate=validate,
                style=STYLE,
                key_bindings=MULTILINE_KEYS,
            )
        else:
            if default and not draft:  # Enter keeps it, typing replaces it: say so
                hint = f"{hint} {self.t('prompt_keep_or_replace_hint')}".strip()
            asked, hint = _wrapped(message, hint, self.console.width)
            question = questionary.text(
                asked,
                default=default,
                instruction=hint or None,
                validate=validate,
                style=STYLE,
            )
        if default:
            _replace_when_typed(question, replace=not multiline and not draft)
        # prompt_toolkit reads bytes that are not UTF-8 (æøå from a Latin-1 terminal) as
        # escapes, which no file can hold: the answer as the bytes were meant
        return drop_overrides(undo_escapes(str(_ask(question)))).strip()

    def _no_control(self, validate: Validator | None) -> Validator:
        """Refuse control characters (a pasted escape sequence) before the given check."""

        def check(text: str) -> bool | str:
            text = undo_escapes(text)
            if has_control(text):
                return self.t("prompt_no_control")
            return validate(text) if validate else True

        return check

    def select(
        self,
        message: str,
        choices: Sequence[tuple[Any, str]],
        default: Any = None,
        digits: bool = False,
    ) -> Any:
        """One choice; with `digits`, the keys 1, 2, … pick the choice of that number
        (a rating from 1 to 5 is then one key press)."""
        room = max(10, self.console.width - 5)  # the pointer and a margin
        hint = self.t("prompt_select_digits_hint" if digits else "prompt_select_hint")
        asked, hint = _wrapped(shown(message), hint, self.console.width)
        message = shown(message)
        choices = [(value, shown(label)) for value, label in choices]
        options = [
            questionary.Choice(title=_fit(label, room), value=value) for value, label in choices
        ]
        values = [value for value, _ in choices]
        question = questionary.select(
            asked,
            choices=options,
            default=default if default in values else None,
            instruction=hint,
            style=STYLE,
            use_jk_keys=False,
            # the list goes when answered, and the answer is echoed by Rich, wrapped at the
            # spaces: questionary's own echo breaks a long answer mid-word at the window's edge
            # ("Forening eller frivillig organisa / tion"), and shows a label cut to fit
            erase_when_done=True,
        )
        _enter_after_escape(question)
        if not digits:
            answer = _ask(question)
            self._echo(message, dict(choices)[answer])
            return answer
        keys = KeyBindings()
        for value, _label in choices:

            @keys.add(str(value))
            def _pick(event: KeyPressEvent, value: Any = value) -> None:
                event.app.exit(result=value)

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])
        answer = _ask(question)
        self._echo(message, dict(choices)[answer])
        return answer

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[Any, str, bool]],
    ) -> list[Any]:
        message = shown(message)
        asked, hint = _wrapped(message, self.t("prompt_checkbox_hint"), self.console.width)
        choices = [(value, shown(label), checked) for value, label, checked in choices]
        options = [
            questionary.Choice(title=label, value=value, checked=checked)
            for value, label, checked in choices
        ]
        question = questionary.checkbox(
            asked,
            choices=options,
            instruction=hint,
            style=STYLE,
            erase_when_done=True,  # questionary's own echo is English ("done (2 selections)")
        )
        _enter_after_escape(question)
        answer = _ask(question)
        labels = {value: label for value, label, _ in choices}
        chosen = ", ".join(labels[v] for v in answer) or self.t("prompt_none_chosen")
        self._echo(message, chosen)
        return list(answer)
