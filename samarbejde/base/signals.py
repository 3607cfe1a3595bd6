"""Ctrl-C and the other stops, for the commands that ask questions.

The console script (`samarbejde.run`) remembers a Ctrl-C that comes while it starts, in
`early` (handed down to this module when it is imported); `listen` turns Ctrl-C back into
`KeyboardInterrupt` and raises at once if one came during start-up.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

early: list[int] = []  # the Ctrl-Cs that came while the program was starting
stop_on_term = False  # set by the console script: SIGTERM is a stop like Ctrl-C

# How to end a prompt that is on screen the way its own Ctrl-C key does (the prompts module
# says how when it is imported): a stop raised in the middle of the prompt library's event
# loop can land in one of its tasks, whose error handler then prints a traceback and waits
# for Enter on a window that may be closed.
_end_prompt: list[Callable[[], bool]] = []


def end_prompt_with(end: Callable[[], bool]) -> None:
    """`end()` ends the prompt on screen with a stop and says True, or says False: none is."""
    _end_prompt[:] = [end]


def stop() -> None:
    """A stop (a signal handler's): the prompt on screen ends as with Ctrl-C, else
    `KeyboardInterrupt` is raised here and now."""
    if _end_prompt and _end_prompt[0]():
        return
    raise KeyboardInterrupt


_holding: list[int] = []  # the `held` blocks the program is in
_pending: list[int] = []  # stops that came inside one, raised at its end


@contextmanager
def held() -> Iterator[None]:
    """A stop that comes inside the block takes effect at its end: a save is written and
    recorded whole (a stop between writing the file and noting what was written would make
    the next save take the program's own file for a colleague's change)."""
    _holding.append(1)
    try:
        yield
    finally:
        _holding.pop()
    if not _holding and _pending:
        _pending.clear()
        stop()


def _terminate(signum: int, frame: object) -> None:
    if _holding:
        _pending.append(signum)
        return
    stop()


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: remembered, then raised. Raised inside a library (pydantic building a model's
    schema wraps it in an error of its own), the console script still knows it was a stop."""
    early.append(signum)
    if _holding:
        _pending.append(signum)
        return
    raise KeyboardInterrupt


def listen() -> None:
    """From here on Ctrl-C (and SIGTERM, in the console script) interrupts at once: a prompt,
    the wizard, a long export (whose temporary file is then removed); and if one came during
    start-up, stop now."""
    if early:
        raise KeyboardInterrupt
    signal.signal(signal.SIGINT, _interrupt)
    if stop_on_term:
        signal.signal(signal.SIGTERM, _terminate)
