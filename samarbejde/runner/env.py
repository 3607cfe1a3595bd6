"""The outside world in one object: consoles, standard output, the sessions folder, the
clock, the terminal. Tests pass their own (`cli.main(argv, env)`).

Everything is made on first use, so that a command pays only for what it touches (`--help`
loads neither Rich's console nor the guide's models).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from samarbejde.guide.content import Guide
    from samarbejde.guide.texts import Texts
    from samarbejde.runner.questions import Prompter
    from samarbejde.sessions.store import Store


def default_home() -> Path:
    """`SAMARBEJDE_HOME`, or the platform's user data folder (`base.cache.data_home`); a
    SessionError where `SAMARBEJDE_HOME` begins with a `~user` this system does not know."""
    from samarbejde.base.cache import data_home

    home = data_home()
    if home is None:
        from samarbejde.base.errors import SessionError

        raise SessionError("error_home_unknown", home=os.environ.get("SAMARBEJDE_HOME", ""))
    return home


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def program_name(started_as: str) -> str:
    """What to tell the user to type: `samarbejde` when that runs this program, else the
    path it was started by (a venv not activated), else `python -m samarbejde`."""
    import shutil

    found = shutil.which("samarbejde")
    started = Path(started_as)
    if found and started.name.startswith("samarbejde"):
        try:
            if Path(found).resolve() == started.resolve():
                return "samarbejde"
        except OSError:
            pass
    if started.name.startswith("samarbejde") and started.exists():
        return str(started.resolve())
    return f"{sys.executable} -m samarbejde"


def enkel_from_environment() -> bool:
    """`SAMARBEJDE_ENKEL` set to anything but empty or 0: the questions as plain lines."""
    return os.environ.get("SAMARBEJDE_ENKEL", "").strip() not in ("", "0")


def terminal_width() -> int:
    """What Rich's console would take as the width: `COLUMNS` when it is a number, else the
    first standard stream that is a terminal (standard input too, except on Windows, as Rich
    does), else 80; a dumb terminal is 80 wide unless `COLUMNS` says otherwise."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    for fd in (1, 2) if os.name == "nt" else (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        if width:
            return width
    return 80


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


class Env:
    def __init__(
        self,
        *,
        console: Console | None = None,
        err: Console | None = None,
        stdout: TextIO | None = None,
        home: Path | None = None,
        now: Callable[[], dt.datetime] = local_now,
        stdin_isatty: Callable[[], bool] = stdin_is_terminal,
        content: Path | None = None,
        program: str | None = None,
        started_as: str | None = None,
        stdin: TextIO | None = None,
        enkel: bool | None = None,
    ) -> None:
        if console is not None:
            self.console = console
        if err is not None:
            self.err = err
        if home is not None:
            self.home = home
        self.stdout = stdout if stdout is not None else sys.stdout
        self.now = now
        self.stdin_isatty = stdin_isatty
        self.content = content
        if program is not None:
            self.program = program
        self.started_as = started_as  # the path the OS gave (argv[0]), for `program`
        self.stdin = stdin if stdin is not None else sys.stdin  # where --enkel reads answers
        # --enkel: every question as plain lines, also from a stdin that is no terminal
        self.enkel = enkel_from_environment() if enkel is None else enkel

    @cached_property
    def program(self) -> str:
        """How the user runs this program, for the hints we print (`program_name`): found when
        a hint needs it, as it reads the PATH (`shutil.which`)."""
        if self.started_as is None:
            return "samarbejde"
        return program_name(self.started_as)

    @cached_property
    def console(self) -> Console:
        from samarbejde.base.terminal import make_console

        return make_console()

    def width(self) -> int:
        """The terminal's width in columns: the console's, once there is one; before that
        found as Rich finds it (`COLUMNS`, else the size of the standard streams, else 80),
        without loading Rich (`--help` draws no console)."""
        if "console" in vars(self):
            return self.console.width
        return terminal_width()

    @cached_property
    def err(self) -> Console:
        from samarbejde.base.terminal import make_console

        return make_console(stderr=True)

    @cached_property
    def home(self) -> Path:
        return default_home()

    @cached_property
    def guide(self) -> Guide:
        from samarbejde.guide.content import load_guide

        return load_guide(self.content)

    @property
    def texts(self) -> Texts:
        """The guide's texts. The bundled guide's are the same validated or not: until a
        command needs the guide itself they are read without validating it (`start` shows
        its first question sooner, issue 35); a `--content` file is validated first."""
        if self.content is None and "guide" not in vars(self):
            from samarbejde.guide.texts import fallback_texts

            return fallback_texts()
        return self.guide.texts

    @property
    def title(self) -> str:
        """The guide's title, read as `texts` are."""
        if self.content is None and "guide" not in vars(self):
            from samarbejde.guide.texts import fallback_title

            return fallback_title()
        return self.guide.title

    @cached_property
    def store(self) -> Store:
        from samarbejde.sessions.store import Store

        scale = self.guide.diagram.scale
        return Store(self.home, self.now, self.texts("conflict_file_word"), scale)

    def prompts(self) -> Prompter:
        """How the questions are asked: questionary's prompts, or with `--enkel`
        (`SAMARBEJDE_ENKEL=1`) the same questions as plain lines, read from the terminal or
        from a file. The one place where the choice is made."""
        if self.enkel:
            from samarbejde.runner.line_prompts import LinePrompts, answers

            from_file = not self.stdin_isatty()
            return LinePrompts(self.texts, self.console, answers(self.stdin, from_file), from_file)
        from samarbejde.runner.prompts import Prompts

        return Prompts(self.texts, self.console)

    def today(self) -> dt.date:
        return self.now().date()

    @cached_property
    def user(self) -> str:
        """Who is at the keyboard (`SAMARBEJDE_BRUGER`, else the login name), as a session
        records who wrote an answer or a contact-log line."""
        from samarbejde.sessions.lock import user_name

        return user_name()

    def write_bytes(self, data: bytes) -> None:
        """Raw bytes on standard output (a report given as `-o -`)."""
        binary = getattr(self.stdout, "buffer", None)
        if binary is not None:
            binary.write(data)
            binary.flush()
        else:
            self.stdout.write(data.decode("utf-8"))
