"""The one way a document reaches the user: on standard output (`-o -`), or in a file where
the user asked, never over a session, never half, and said."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from samarbejde.base.errors import SessionError, UsageError, os_detail
from samarbejde.cli.commands.common import say
from samarbejde.reports.formats import Facts, Format, Kind
from samarbejde.runner.env import Env

T = TypeVar("T")


def deliver(
    env: Env,
    kind: Kind[T],
    fmt: Format[T],
    source: T,
    output: str | None,
    force: bool,
    *,
    names: Sequence[str] = (),
    unknown_extension: bool = False,
    delimiter: str = ";",
    **params: object,
) -> Path | None:
    """Render `source` as `fmt` and deliver it. `-` is standard output (a binary format is
    refused when that is a terminal); else the file `-o` names, or the kind's file name (from
    `names`) in the folder `-o` names or the one the user stands in. The message is the
    kind's (the format's, or "as Markdown" when `unknown_extension` chose Markdown), with
    `params` filled in. Returns the file written, or None for standard output."""
    if output == "-" and fmt.binary and env.stdout.isatty():
        raise UsageError(fmt.terminal_key)
    data = fmt.render(source, Facts(env.guide, env.today(), env.now(), delimiter))
    if output == "-":
        env.write_bytes(data)
        return None
    target, folder = report_target(output, kind.file_name(fmt, env.texts, names))
    write_file(env, target, data, force, kind.option)
    say(env, env.texts(kind.done_key(fmt, unknown_extension and not folder), path=target, **params))
    return target


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


def write_file(env: Env, target: Path, data: bytes, force: bool, option: str = "-o") -> None:
    """Write a document where the user asked, all at once; never over a session, a link or a
    device, and over another file only with --force. `option` names the file (`-o`, `--ics`)
    in the messages that say to choose another."""
    from samarbejde.sessions.store import atomic_write

    try:
        refuse_target(env, target, option)
        if (target.exists() or target.is_symlink()) and not force:
            raise SessionError("error_export_exists", path=target, option=option)
        if not target.parent.is_dir():
            raise SessionError("error_export_no_folder", folder=target.parent, option=option)
        atomic_write(target, data)
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None


def refuse_target(env: Env, target: Path, option: str = "-o") -> None:
    """A document never replaces a session, a link, a device or a pipe, even with --force: no
    file in the sessions folder, and no file that looks like a session (a YAML mapping with a
    `schema_version`), whether this program can load it or not (a newer version's, or one
    made for another content file)."""
    import stat

    real = Path(os.path.realpath(target))
    if real.is_relative_to(Path(os.path.realpath(env.store.folder))) or _inside(
        real, env.store.folder
    ):
        raise SessionError("error_export_in_sessions", path=target, option=option)
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise SessionError("error_export_not_file", path=target)
    if stat.S_ISREG(info.st_mode) and looks_like_session(target):
        raise SessionError("error_export_in_sessions", path=target, option=option)


def _inside(path: Path, folder: Path) -> bool:
    """Is `path` in `folder`, judged by the folders themselves (device and inode), not by how
    their names are spelt: on a disk that ignores case (Windows, macOS), `…/SESSIONS/` is the
    sessions folder too."""
    try:
        wanted = folder.stat()
    except OSError:
        return False
    for parent in path.parents:
        with contextlib.suppress(OSError):
            if os.path.samestat(parent.stat(), wanted):
                return True
    return False


def looks_like_session(path: Path) -> bool:
    """A YAML mapping with a `schema_version`: anyone's session, of any version."""
    from samarbejde.base import yamlio

    try:
        data = yamlio.loads(yamlio.read_bytes(path))
    except (OSError, yamlio.YamlError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "schema_version" in data
