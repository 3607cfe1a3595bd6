"""`--help` as it was printed before, from the user's cache, without loading Typer.

Why: Typer's own import is ~60 % of a `--help` that prints the same text every time. Measured
(issue 35, this 2-core machine): 298 M instructions and ~112 ms of CPU, more than a minimal
Typer app's help (269 M, ~98 ms); from the cache 134 M and 47-61 ms, the help on screen in
half the time. The text is kept as JSON in the cache
(`base.cache`: private to the user, read as hostile, anything wrong means the long way), named
by a checksum of everything it depends on (`key`); only `--help`/`-h` alone and
`<command> --help|-h` are kept, and only the text click printed for exactly that command
(`given`, called by `cli.app`'s help). What else could change the text:
- the width (in the key); the content file (`--content` is never part of a kept command line,
  and the help's texts are the bundled guide's, whose checksum is in the key);
- `--enkel`/`SAMARBEJDE_ENKEL`, `NO_COLOR`, the terminal: click prints the help as plain text
  in any case (tests compare the output with and without);
- an ASCII standard output, which click writes as UTF-8 where `print` would write "?": not
  kept nor read then; the locale's variables (click's own words may be translated): in the key.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

PART = "help"  # the cache's folder: <data folder>/cache/help/
MOST = 64  # kept texts at most (widths and commands); beyond that the folder starts afresh
MAX_TEXT = 64 * 1024  # far above the longest help (~4 KB)
HELP = ("--help", "-h")
# The modules whose code makes the help text, beside this one (the package's folder names)
SOURCES = ("cli/app.py", "cli/kept_help.py", "guide/texts.py", "base/errors.py")
_PACKAGE = Path(__file__).resolve().parent.parent
_LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_wanted: list[str] = []  # the command path whose help is to be kept (`shown` missed)
_given: list[tuple[str, str]] = []  # (command path, text) of each help click made


def help_width(width: int) -> int:
    """Help as wide as the terminal, up to 80 columns (click alone never goes below 50, and a
    40-column terminal then breaks the help's words)."""
    return min(max(width, 20), 80)


def wanted(args: list[str]) -> str | None:
    """The command path whose help `args` asks for, when it is one that is kept."""
    if len(args) == 1 and args[0] in HELP:
        return "samarbejde"
    name = args[0] if len(args) == 2 and args[1] in HELP else ""
    if (
        name[:1].isalpha()
        and len(name) <= 40
        and name.isascii()
        and name.replace("-", "").isalpha()
    ):
        return f"samarbejde {name}"
    return None


def _typer_code() -> list[bytes]:
    """Typer's version (its `__init__.py`), found without importing it; and click's layout
    code where Typer does not bring its own click."""
    from importlib.util import find_spec

    spec = find_spec("typer")
    if spec is None or spec.origin is None:
        raise OSError("typer")
    typer = Path(spec.origin)
    parts = [typer.read_bytes()]
    if not (typer.parent / "_click").is_dir():
        click = find_spec("click")
        if click is None or click.origin is None:
            raise OSError("click")
        folder = Path(click.origin).parent
        parts += [
            (folder / name).read_bytes() for name in ("__init__.py", "core.py", "formatting.py")
        ]
    return parts


def key(args: list[str]) -> str | None:
    """The kept text's name for `args` at this terminal's width, or None: not kept."""
    if wanted(args) is None or _ascii_output():
        return None
    from samarbejde.base import cache
    from samarbejde.base.version import VERSION
    from samarbejde.guide.texts import bundled_key
    from samarbejde.runner.env import terminal_width

    try:
        parts = [
            "\0".join(args).encode(),
            str(help_width(terminal_width())).encode(),
            VERSION.encode(),
            bundled_key().encode(),
            *(_PACKAGE.joinpath(name).read_bytes() for name in SOURCES),
            *_typer_code(),
            sys.version.encode(),
            "\0".join(os.environ.get(name, "") for name in _LOCALE).encode(errors="replace"),
        ]
    except (OSError, ValueError, ImportError):
        return None
    except Exception as error:  # the guide unreadable as YAML: the long way says so
        from samarbejde.base.yamlio import YamlError

        if isinstance(error, YamlError):
            return None
        raise
    return cache.checksum(*(b"\0" + part for part in parts))


def _ascii_output() -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(sys.stdout, "encoding", None) or "ascii").name == "ascii"
    except LookupError:
        return True


def _clean(data: Any) -> str | None:
    """The kept text, when it is one a terminal can be given."""
    from samarbejde.guide.texts import has_control

    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text or len(text) > MAX_TEXT or has_control(text):
        return None
    return text


def found(args: list[str]) -> str | None:
    """The kept help for `args`, when there is one to trust; else None, and the help click
    prints is kept (`keep`)."""
    _wanted.clear()
    _given.clear()
    name = key(args)
    if name is None:
        return None
    from samarbejde.base import cache

    text = _clean(cache.read_json(cache.data_home(), PART, name))
    if text is None:
        _wanted.extend((name, wanted(args) or ""))
    return text


def show(text: str) -> None:
    """Print a kept help as click's `echo` prints it (an OSError: as `main` says it)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def given(command_path: str, text: str) -> None:
    """The help click made for `command_path` (from `cli.app`)."""
    if _wanted:
        _given.append((command_path, text))


def keep(code: int) -> None:
    """Keep the help that was printed, when the run printed exactly the help that was asked
    for, and only that."""
    if code != 0 or not _wanted or len(_given) != 1:
        return
    name, path = _wanted
    given_path, text = _given[0]
    if given_path != path or _clean({"text": text}) is None:
        return
    from samarbejde.base import cache

    cache.write_json(cache.data_home(), PART, name, {"text": text}, most=MOST)
