"""The output the commands share: a plain line, JSON made safe for a terminal, a file written
where the user asked (never over a session, never half)."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text

from samarbejde.base.errors import SessionError, os_detail
from samarbejde.runner.env import Env

# JSON escapes C0 itself; DEL, C1 and the bidirectional overrides are escaped too (\u202e):
# the data stays exact, and a terminal showing it is not turned around.
JSON_SAFE = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F))}


def say(env: Env, text: str, style: str = "") -> None:
    """A line of plain text: never read as markup, so a name or a path shows as it is."""
    env.console.print(Text(text, style=style), soft_wrap=True)


def report_target(output: str | None, name: str) -> tuple[Path, bool]:
    """Where a file the user asked for goes: `-o` (a folder gets `name` in it), else `name`
    in the folder the user stands in; and whether `-o` was a folder. A name too long for the
    system is said with the file's name and the reason."""
    target = Path(output) if output else Path.cwd() / name
    try:
        if target.is_dir():
            return target / name, True
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    return target, False


def write_output(
    env: Env, target: Path, data: bytes, force: bool, done_key: str = "", **params: object
) -> None:
    """Write a report where the user asked; never over a session, a link or a device, and
    over another file only with --force."""
    from samarbejde.sessions.store import atomic_write

    try:
        refuse_target(env, target)
        if (target.exists() or target.is_symlink()) and not force:
            raise SessionError("error_export_exists", path=target)
        if not target.parent.is_dir():
            raise SessionError("error_export_no_folder", folder=target.parent)
        atomic_write(target, data)
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    say(env, env.texts(done_key or "export_done", path=target, **params))


def refuse_target(env: Env, target: Path) -> None:
    """A report never replaces a session, a link, a device or a pipe, even with --force: no
    file in the sessions folder, and no file that looks like a session (a YAML mapping with a
    `schema_version`), whether this program can load it or not (a newer version's, or one
    made for another content file)."""
    import stat

    real = Path(os.path.realpath(target))
    if real.is_relative_to(Path(os.path.realpath(env.store.folder))):
        raise SessionError("error_export_in_sessions", path=target)
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise SessionError("error_export_not_file", path=target)
    if stat.S_ISREG(info.st_mode) and looks_like_session(target):
        raise SessionError("error_export_in_sessions", path=target)


def looks_like_session(path: Path) -> bool:
    """A YAML mapping with a `schema_version`: anyone's session, of any version."""
    from samarbejde.base import yamlio

    try:
        data = yamlio.loads(yamlio.read_bytes(path))
    except (OSError, yamlio.YamlError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "schema_version" in data
