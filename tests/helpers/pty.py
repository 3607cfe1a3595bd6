"""The real program in a pseudo-terminal (pexpect), answered as a person would."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect

from tests.helpers.wizard_script import FINISH


def spawn(
    home: Path,
    *args: str,
    setting: dict[str, str] | None = None,
    dimensions: tuple[int, int] = (24, 80),
) -> pexpect.spawn:
    """The real program in a pseudo-terminal of `dimensions` (rows, columns) from its start;
    `setting` adds to its environment."""
    env = {**os.environ, "SAMARBEJDE_HOME": str(home), "TERM": "xterm-256color"}
    # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor-position
    # request, which would cost a time-out at every prompt.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("NO_COLOR", None)
    env.update(setting or {})
    return pexpect.spawn(
        sys.executable,
        ["-m", "samarbejde", *args],
        env=env,
        dimensions=dimensions,
        encoding="utf-8",
        timeout=20,
    )


# A prompt is live (the terminal in raw mode, keys read as keys) once prompt_toolkit has
# switched bracketed paste on; the question's text drawn after that is the prompt itself, not
# an earlier line that holds the same words (an answer's echo, an introduction).
LIVE = re.escape("\x1b[?2004h") + r"[\s\S]*?"


def wait_for(child: pexpect.spawn, marker: str, multiline: bool = False) -> None:
    """Until the question `marker` is asked by a live prompt."""
    if multiline:  # the question is printed above the multi-line prompt
        child.expect_exact(marker)
        child.expect_exact("›")
    else:
        child.expect(LIVE + re.escape(marker))


def play(child: pexpect.spawn, entries) -> None:
    """Answer each question once it is on screen, as a person would."""
    for marker, keys, _check in entries:
        wait_for(child, marker, keys.endswith(FINISH))
        child.send(keys)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus
