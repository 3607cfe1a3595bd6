"""The program as the tests run it: the pinned clock, the test data, the program in-process
(`quiet_env`, as the `cli` fixture runs it), in a child process (`run_program`), and in-process
as the child would run it (`run_inside`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from samarbejde.base.terminal import make_console
from samarbejde.runner.env import Env

TESTS = Path(__file__).resolve().parent.parent  # tests/
ROOT = TESTS.parent  # the checkout
FIXTURES = TESTS / "fixtures"
# A small guide for the tests that are not about the shipped guide's wording: the steps the
# program requires, a plain step, and few questions (`--content TEST_GUIDE`).
TEST_GUIDE = FIXTURES / "test_guide.yaml"

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)  # every in-process test runs at this moment


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


def quiet_env(home: Path, width: int = 80) -> Env:
    """The outside world of an in-process run: text consoles, no terminal, a pinned clock."""
    out, err = io.StringIO(), io.StringIO()
    return Env(
        console=make_console(file=out, width=width, color_system=None),
        err=make_console(file=err, width=width, color_system=None),
        stdout=out,
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: False,
    )


def run_program(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """Run the real program in a child process, as a user's shell would (`text=False`: its
    output as bytes)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "samarbejde", *args],
        capture_output=True,
        env=full_env,
        timeout=60,
        **{"text": True, **kw},
    )


# Windows has no tzset (nor reads TZ's zone names): there the test process keeps its zone
TZSET = getattr(time, "tzset", lambda: None)


def run_inside(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess:
    """The program as `run_program` runs it, but in the test process: the same command line and
    environment variables, the real `Env` (its consoles made from the environment, as at
    start-up), standard output and error written as bytes to a pipe and read back as
    `subprocess.run(text=True)` reads them. What a child process alone shows (the start-up in
    `samarbejde.run`, a traceback printed by Python, Ctrl-C, a fresh import) stays with
    `run_program`; an exception that escapes `main` fails the test here. `input`, as
    `run_program`'s: standard input, read to its end, then end of file."""
    from samarbejde.cli.app import main
    from samarbejde.runner.env import program_name

    out, err = io.BytesIO(), io.BytesIO()
    # as the program's start-up makes them: UTF-8 (the child's locale), errors replaced
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="replace", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="replace", write_through=True)
    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        if "TZ" in (env or {}):
            TZSET()  # a child reads TZ as it starts; this process, when told
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            # the program's name as a child started with `python -m samarbejde` finds it
            started = Env(
                program=program_name(str(ROOT / "samarbejde" / "__main__.py")),
                stdin=io.StringIO(input or ""),
                stdin_isatty=lambda: False,  # as `run_program`'s child: no terminal
            )
            code = main(list(args), started)
            stdout.flush()
            stderr.flush()
    finally:
        os.environ.clear()
        os.environ.update(saved)
        if "TZ" in (env or {}):
            TZSET()

    def text(data: bytes) -> str:  # `text=True`: decoded, and newlines read as "\n"
        return data.decode("utf-8", errors="strict").replace("\r\n", "\n").replace("\r", "\n")

    return subprocess.CompletedProcess(list(args), code, text(out.getvalue()), text(err.getvalue()))


@contextlib.contextmanager
def held_elsewhere(session: Path) -> Iterator[None]:
    """The session's lock held by another process (a wizard open in another window) while
    the block runs; let go after it."""
    code = (
        "import sys, time, datetime as dt; from pathlib import Path;"
        "from samarbejde.sessions.lock import SessionLock;"
        "lock = SessionLock(Path(sys.argv[1]), dt.datetime.now); lock.acquire();"
        "print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(session)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()
