"""The outside world in one object: consoles, the sessions folder, the clock, the terminal."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rich.console import Console

from .content import Guide, Texts, load_guide
from .session import Store


def default_home() -> Path:
    """`SAMARBEJDE_HOME`, or the platform's user data folder."""
    home = os.environ.get("SAMARBEJDE_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("samarbejde", appauthor=False)


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


@dataclass
class Env:
    console: Console = field(default_factory=Console)
    err: Console = field(default_factory=lambda: Console(stderr=True))
    home: Path = field(default_factory=default_home)
    now: Callable[[], dt.datetime] = local_now
    stdin_isatty: Callable[[], bool] = lambda: sys.stdin is not None and sys.stdin.isatty()
    content: Path | None = None

    @cached_property
    def guide(self) -> Guide:
        return load_guide(self.content)

    @property
    def texts(self) -> Texts:
        return self.guide.texts

    @cached_property
    def store(self) -> Store:
        return Store(self.home, self.now, self.texts("conflict_file_word"))

    def today(self) -> dt.date:
        return self.now().date()
