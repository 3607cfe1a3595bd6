"""The only module that imports questionary: one question at a time, nothing swallowed.

Every function asks with `unsafe_ask()`, so Ctrl-C raises KeyboardInterrupt and end of input
raises EOFError; the wizard saves before each question and decides what happens then.
The hints shown beside a prompt come from the content's texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.styles import Style
from rich.console import Console
from rich.text import Text

from .content import Texts

Validator = Callable[[str], bool | str]

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


class Interrupted(KeyboardInterrupt):
    """Ctrl-C at a text prompt; `draft` is what had been typed so far."""

    def __init__(self, draft: str) -> None:
        super().__init__()
        self.draft = draft


def _ask_keeping_draft(question: questionary.Question) -> Any:
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt:
        raise Interrupted(question.application.current_buffer.text) from None


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
    ) -> str:
        if multiline:
            # A long prompt line in multiline mode blanks prompt_toolkit's screen, so the
            # question and its hint are printed here and the prompt itself stays short.
            self.console.print(Text.assemble(("? ", "bold cyan"), (message, "bold")))
            for line in (hint, self.t("prompt_multiline_hint")):
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
            question = questionary.text(
                message,
                default=default,
                instruction=hint or None,
                validate=validate,
                style=STYLE,
            )
        return str(_ask_keeping_draft(question)).strip()

    def select(self, message: str, choices: Sequence[tuple[Any, str]], default: Any = None) -> Any:
        options = [questionary.Choice(title=label, value=value) for value, label in choices]
        values = [value for value, _ in choices]
        return questionary.select(
            message,
            choices=options,
            default=default if default in values else None,
            instruction=self.t("prompt_select_hint"),
            style=STYLE,
            use_jk_keys=False,
        ).unsafe_ask()

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[Any, str, bool]],
    ) -> list[Any]:
        options = [
            questionary.Choice(title=label, value=value, checked=checked)
            for value, label, checked in choices
        ]
        answer = questionary.checkbox(
            message,
            choices=options,
            instruction=self.t("prompt_checkbox_hint"),
            style=STYLE,
            erase_when_done=True,  # questionary's own echo is English ("done (2 selections)")
        ).unsafe_ask()
        labels = {value: label for value, label, _ in choices}
        chosen = ", ".join(labels[v] for v in answer) or self.t("prompt_none_chosen")
        self._echo(message, chosen)
        return list(answer)
