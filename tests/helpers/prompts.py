"""The real prompts driven in-process: prompt_toolkit's pipe input feeds the keys, a missing
key ends in EOFError instead of a hang; the run's screen and the session it saved."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from samarbejde.base import yamlio
from samarbejde.base.terminal import make_console
from samarbejde.runner.env import Env
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import from_data, to_data
from tests.helpers.program import NOW
from tests.helpers.wizard_script import NAME, SCRIPT, Entry


def make_env(home: Path, now=lambda: NOW) -> Env:
    """An in-process run at a terminal, with the pinned clock (or `now`)."""
    return Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        home=home,
        now=now,
        stdin_isatty=lambda: True,
    )


def line_env(home: Path, answers: str, now=lambda: NOW) -> Env:
    """An in-process run answered from `answers`, as from a file: stdin is no terminal."""
    return Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        home=home,
        now=now,
        stdin=io.StringIO(answers),
        stdin_isatty=lambda: False,
    )


def screen(env: Env) -> str:
    return env.console.file.getvalue()  # type: ignore[attr-defined]


def errors(env: Env) -> str:
    return env.err.file.getvalue()  # type: ignore[attr-defined]


def drive(keys: str, call: Callable[[], int]) -> int:
    """Run `call` with `keys` as the terminal's input; a missing key ends in EOFError."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return call()


def load(env: Env) -> Session:
    """The session the wizard script names, as saved."""
    return env.store.load(env.store.path_for(NAME))


def all_keys(entries: list[Entry] = SCRIPT) -> str:
    return "".join(keys for _, keys, _ in entries)


def session_of(data: bytes | None) -> Session:
    assert data is not None
    return from_data(yamlio.loads(data), Path("snapshot.yaml"))


def comparable(session: Session) -> dict:
    """A session's data without what differs between two runs of the same answers."""
    data = to_data(session)
    for key in ("created", "updated", "cursor"):
        data.pop(key)
    for author in data.get("written_by", {}).values():  # who, yes; not the moment
        author.pop("at")
    return data


@dataclass
class Replay:
    """One uninterrupted run of the whole script, made once per test process: its screen,
    the session it leaves, and for each prompt the session as a stop there would save it
    (None at the first prompt, before anything is saved). The `replay` fixture makes it
    (tests/wizard/conftest.py)."""

    env: Env
    session: Session
    before: list[bytes | None]

    @property
    def path(self) -> Path:
        return self.env.store.path_for(NAME)


def copy_home(made: Path, home: Path) -> Path:
    """The sessions folder of `made` (a home a fixture filled once) copied into `home`, with
    its folder's and files' modes, as a user's disk would have them."""
    shutil.copytree(made / "sessions", home / "sessions", dirs_exist_ok=True)
    return home


def copy_into(home: Path, data: bytes | None) -> Env:
    """A new run in `home`, with `data` as the session file, as a user's disk would have it."""
    assert data is not None
    env = make_env(home)
    path = env.store.path_for(NAME)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    return env
