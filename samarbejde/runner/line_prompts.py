"""The questions as plain lines (`samarbejde --enkel`): for screen readers, and for answering
from a text file.

The same three questions as `prompts.Prompts` (text, select, checkbox), asked by writing
lines and reading lines: a numbered list answered by its number, checkboxes as numbers
separated by spaces, a multi-line answer ended by an empty line. Nothing is redrawn and the
cursor is never moved, so a screen reader reads each line once, in order. This module does
not import questionary (nor prompt_toolkit).

Ctrl-C, Ctrl-D and the end of a piped file are a stop, as at the other prompts: `Interrupted`
with what had been typed (the lines of a multi-line answer so far, or a line ended by Ctrl-D
instead of Enter). A check that fails says why and asks again.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from samarbejde.base.errors import Interrupted, Msg, UsageError
from samarbejde.base.escapes import undo_escapes
from samarbejde.base.terminal import drop_overrides, has_control, shown
from samarbejde.base.yamlio import MAX_BYTES, MAX_MB, guess_encoding
from samarbejde.guide.texts import Texts
from samarbejde.runner.questions import Validator

_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as Python escapes it
CLEAR = "-"  # typed alone: remove what the answer holds (Enter keeps it)
PIECE = 64 * 1024  # a line is read in pieces of this many characters, never whole


def as_number(text: str) -> int | None:
    """A number written with the digits 0-9, else None: `isdigit` also passes "²" and "①",
    which `int` refuses."""
    return int(text) if text.isascii() and text.isdigit() else None


def answers(stdin: TextIO, from_file: bool) -> TextIO:
    """Where the answers are read. A file of answers is read as UTF-8, with or without the
    byte-order mark Notepad writes: Windows would decode a redirected stdin with the ANSI code
    page (æøå garbled), and the mark would start the first answer."""
    reconfigure = getattr(stdin, "reconfigure", None)
    if from_file and reconfigure is not None:
        encoding = "utf-8-sig"
        peek = getattr(getattr(stdin, "buffer", None), "peek", None)
        with contextlib.suppress(ValueError, OSError):  # closed, or not a buffered reader
            start = peek(2)[:2] if peek is not None else b""
            if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Notepad's "Unicode"
                encoding = "utf-16"
        # a byte that is not UTF-8 is escaped, not an error for the whole 8 KB read at once:
        # the answers before its line are read and saved, and its line is refused
        errors = "surrogateescape" if encoding != "utf-16" else "strict"
        with contextlib.suppress(ValueError, OSError):  # already read from: as it is
            reconfigure(encoding=encoding, errors=errors)
    elif reconfigure is not None:  # a terminal that is not UTF-8: its bytes escaped, then read
        with contextlib.suppress(ValueError, OSError):  # as meant (`_read`), never an error
            reconfigure(errors="surrogateescape")
    return stdin


class LinePrompts:
    """Asks questions as lines on `console`, reading the answers from `stdin`. With `echo`
    (a stdin that is no terminal, where nothing shows what was typed), each answer read is
    written after its prompt, so the output reads as the conversation it was."""

    def __init__(self, texts: Texts, console: Console, stdin: TextIO, echo: bool = False) -> None:
        self.t = texts
        self.console = console
        self.stdin = stdin
        self.echo = echo

    # -- lines in and out ------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.console.print(Text(text), soft_wrap=True)

    def _read(self, prompt: str, keep: str = "", before: Sequence[str] = ()) -> str:
        """One line, without its line break. A stop (Ctrl-C; Ctrl-D or the end of the file:
        a line that does not end in a line break) carries what was typed: the answer's lines
        `before` this one and what stood on this line when Ctrl-D ended it; `keep` when
        nothing was typed."""
        self.console.print(Text(prompt), end="")
        self.console.file.flush()
        try:
            line = self._line()
        except (KeyboardInterrupt, EOFError):  # EOFError: Ctrl-Z on Windows
            raise Interrupted("\n".join(before) if before else keep) from None
        except UnicodeDecodeError as exc:  # a file of answers saved as ANSI, not UTF-8
            self.console.print()
            encoding = Msg(guess_encoding(exc.object))
            raise UsageError("error_answers_encoding", encoding=encoding) from None
        if (repaired := undo_escapes(line)) != line:  # bytes that are not UTF-8
            if self.echo and _ESCAPED.search(line):  # a file of answers saved as ANSI: the
                self.console.print()  # answers before this line are kept, this one refused
                raw = line.encode("utf-8", "surrogateescape")
                raise UsageError("error_answers_encoding", encoding=Msg(guess_encoding(raw)))
            line = repaired  # typed in a terminal that is not UTF-8: as it was meant
        if not line.endswith("\n"):
            if self.echo or line:
                self.console.print()
            typed = [*before, line] if line else list(before)
            raise Interrupted("\n".join(typed) if typed else keep)
        line = line.rstrip("\r\n")
        if self.echo:
            self._say(line)
        return line

    def _line(self) -> str:
        """The next line, read in pieces: a line longer than a session file may be is
        refused as it grows, so a file of one endless line never fills the memory."""
        pieces: list[str] = []
        size = 0
        while True:
            piece = self.stdin.readline(PIECE)
            pieces.append(piece)
            size += len(piece)
            if not piece or piece.endswith("\n"):
                return "".join(pieces)
            if size > MAX_BYTES:
                self.console.print()
                raise UsageError("error_answer_too_long", limit=MAX_MB)

    # -- the three questions ---------------------------------------------------------------

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
        self._say(message)
        if hint:
            self._say(hint)
        # a suggestion is never refused for what the user did not type (a control character
        # from the other side's file): Enter keeps it without them
        default = shown(default) if has_control(default) else default
        if default:
            self._say(self.t("line_text_now"))
            for line in default.splitlines() or [default]:
                self._say("  " + line)
            self._say(self.t("line_text_keep_multiline" if multiline else "line_text_keep"))
        elif multiline:  # (with a text to keep, the line above says how to end a new one)
            self._say(self.t("line_multiline_hint"))
        while True:
            answer = self._answer(default, multiline)
            problem = self._check(answer, validate)
            if problem is None:
                return drop_overrides(answer).strip()
            self._say(problem)

    def _answer(self, default: str, multiline: bool) -> str:
        prompt = self.t("line_answer")
        if not multiline:
            line = self._read(prompt, default)
            return default if line == "" else "" if line.strip() == CLEAR else line
        lines: list[str] = []
        while True:
            line = self._read(prompt if not lines else self.t("line_more"), default, lines)
            if line == "":
                break
            lines.append(line)
        if not lines:
            return default
        if lines == [CLEAR] or (len(lines) == 1 and lines[0].strip() == CLEAR):
            return ""
        return "\n".join(lines)

    def _numbered(self, number: int, label: str) -> str:
        """A choice with the number to answer; a label that starts with that very number
        (the checklist's "1. Find fælles grund") is not numbered twice."""
        if label.startswith(f"{number}. "):
            return label
        return self.t("line_choice", number=number, label=label)

    def _check(self, answer: str, validate: Validator | None) -> str | None:
        """Why the answer is refused, or None."""
        if has_control(answer):
            return self.t("prompt_no_control")
        if validate is None:
            return None
        verdict = validate(answer)
        if verdict is True:
            return None
        return verdict if isinstance(verdict, str) and verdict else self.t("line_invalid")

    def select(
        self,
        message: str,
        choices: Sequence[tuple[Any, str]],
        default: Any = None,
        digits: bool = False,
    ) -> Any:
        """One choice, by its number in the list; Enter keeps `default` (when there is one).
        `digits` is the other prompts' one-key answer: here every answer is a number."""
        self._say(message)
        for number, (_value, label) in enumerate(choices, 1):
            self._say(self._numbered(number, label))
        values = [value for value, _ in choices]
        count = len(choices)
        # Enter takes the default, or else the first (where the other prompts' pointer
        # starts): Enter alone always goes on, never asks the same again
        number = values.index(default) + 1 if default in values else 1
        prompt = self.t("line_select_default", count=count, number=number)
        if count == 1:  # not "from 1 to 1"
            prompt = self.t("line_select_one_default")
        while True:
            line = self._read(prompt).strip()
            if line == "":
                chosen = number
            elif (chosen_number := as_number(line)) is not None and 1 <= chosen_number <= count:
                chosen = chosen_number
            else:
                self._say(self.t("line_select_invalid", count=count))
                continue
            self._say(self.t("line_chosen", label=choices[chosen - 1][1]))
            return values[chosen - 1]

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[Any, str, bool]],
    ) -> list[Any]:
        """Some of the choices, as their numbers separated by spaces (or commas); 0 for none;
        Enter keeps those ticked. The answer is in the list's order."""
        self._say(message)
        ticked = [number for number, (_v, _l, on) in enumerate(choices, 1) if on]
        for number, (_value, label, on) in enumerate(choices, 1):
            mark = " " + self.t("line_ticked") if on else ""
            self._say(self._numbered(number, label) + mark)
        count = len(choices)
        keep = " ".join(map(str, ticked)) if ticked else self.t("prompt_none_chosen")
        prompt = self.t("line_checkbox", count=count, keep=keep)
        while True:
            line = self._read(prompt).replace(",", " ").split()
            if not line:
                numbers = ticked
            elif line == ["0"]:
                numbers = []
            elif all(1 <= (as_number(n) or 0) <= count for n in line):
                numbers = sorted({int(n) for n in line})
            else:
                self._say(self.t("line_checkbox_invalid", count=count))
                continue
            labels = ", ".join(choices[n - 1][1] for n in numbers)
            self._say(self.t("line_chosen", label=labels or self.t("prompt_none_chosen")))
            return [choices[n - 1][0] for n in numbers]
