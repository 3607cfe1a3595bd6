"""Ctrl-C and the other stops, for the commands that ask questions.

The console script (`samarbejde.run`) remembers a Ctrl-C that comes while it starts, in
`early` (handed down to this module when it is imported); `listen` turns Ctrl-C back into
`KeyboardInterrupt` and raises at once if one came during start-up.
"""

from __future__ import annotations

import signal

early: list[int] = []  # the Ctrl-Cs that came while the program was starting
stop_on_term = False  # set by the console script: SIGTERM is a stop like Ctrl-C


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: remembered, then raised. Raised inside a library (pydantic building a model's
    schema wraps it in an error of its own), the console script still knows it was a stop."""
    early.append(signum)
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
