"""The commands that delete or import a session (the flows that open one are called by
the app itself)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from samarbejde.base.errors import ExitCode, Interrupted, Msg, SessionError, UsageError, os_detail
from samarbejde.base.lookalike import seen
from samarbejde.base.signals import listen
from samarbejde.base.terminal import command_line
from samarbejde.cli.commands.common import (
    say,
)
from samarbejde.runner.env import Env

if TYPE_CHECKING:
    from samarbejde.sessions.store import Listed


def delete_session(env: Env, ref: str, yes: bool) -> int:
    """Delete a session: only a file that loads as one, and never while a wizard has it."""
    from samarbejde.sessions.folders import denied
    from samarbejde.sessions.index import forget
    from samarbejde.sessions.lock import WAIT, SessionLock

    try:
        path = env.store.resolve(ref)
    except SessionError as err:
        if err.msg.key == "error_session_not_found":  # a part of a name is never enough here
            try:
                whole = env.store.load(env.store.resolve(ref, partial=True)).name
            except SessionError:
                raise err from None
            err.details[:] = [Msg("error_delete_full_name", {"name": whole})]
        raise
    try:
        session = env.store.load(path)
    except SessionError as err:
        reason = err.msg.params.get("reason", err.msg)
        raise SessionError("error_delete_not_session", path=path, reason=reason) from None
    _refuse_if_kept(path)  # before the lock: a folder that keeps its files is said as such
    with SessionLock(path, env.now, WAIT):
        if not yes:
            if not env.stdin_isatty():
                raise UsageError("error_delete_no_terminal", name=session.name)

            t = env.texts
            choices = [(False, t("delete_no")), (True, t("delete_yes"))]  # no comes first
            question = t("delete_confirm", name=session.name)
            alike = [e.path.name for e in lookalikes(env, session.name) if e.path != path]
            if alike:  # which file: the names alone do not tell them apart
                others = t.listed(alike)
                question = t(
                    "delete_confirm_file", name=session.name, file=path.name, others=others
                )
            try:
                listen()
                sure = env.prompts().select(question, choices, False)
            except Interrupted:
                env.console.print()
                say(env, t("delete_kept"))
                return ExitCode.INTERRUPTED
            if not sure:
                say(env, t("delete_kept"))
                return ExitCode.OK
        try:
            path.unlink()
        except OSError as exc:
            failed = SessionError("error_session_delete", path=path, detail=os_detail(exc))
            raise denied(failed, exc, path.parent) from None
        forget(path.parent, path.name)  # the partners' names leave the index now
        env.store.drop_copy(path)  # and the validated copy of a large file
    say(env, env.texts("delete_done", name=session.name))
    return ExitCode.OK


def _refuse_if_kept(path: Path) -> None:
    """A folder this user may not remove files from (read-only, or a colleague's): said as
    the deleting that cannot be done, not as the lock that could not be made. (On Windows
    `os.access` says little about a folder: there the removal itself fails, in the same
    words.)"""
    import errno
    import os

    from samarbejde.sessions.folders import denied

    if not os.access(path.parent, os.W_OK | os.X_OK):
        exc = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path.parent))
        failed = SessionError("error_session_delete", path=path, detail=os_detail(exc))
        raise denied(failed, exc, path.parent)


def lookalikes(env: Env, name: str) -> list[Listed]:
    """The sessions whose names look like `name` to a person (`lookalike.seen`)."""
    key = seen(name)
    return [e for e in env.store.readable() if e.session and seen(e.session.name) == key]


def import_file(env: Env, source: str, force: bool) -> None:
    """A received file kept here: a session into the sessions folder (never over another),
    a share file into the `delte` folder. It is checked first and copied byte for byte."""
    from samarbejde.sessions import share, sides
    from samarbejde.sessions.store import from_data, name_hash, slug
    from samarbejde.sessions.table import is_table

    path = Path(source).expanduser()
    if is_table(path):  # a spreadsheet of actors goes into a session
        command = command_line(env.program, "import", source, "--into", env.texts("import_session"))
        raise UsageError("error_import_table_needs_into", command=command)
    raw, data = share.read_raw(path)
    share.refuse_neither(data, path)
    if share.is_share(data):
        received = share.from_data(data, path, env.guide)
        folder = env.home / sides.SHARES_FOLDER
        key = f"{received.organisation}-{received.name}"
        target = folder / f"{slug(key)}-{name_hash(key)[:6]}.yaml"
        if target.exists() and not force:
            raise SessionError("error_import_share_exists", name=received.name,
                               organisation=received.organisation or "-", path=target)  # fmt: skip
        _save_private(folder, target, raw)
        short = sides.short_name(env.store, env.home, env.guide, target, received)
        try:
            own = env.store.load(env.store.resolve(None)).name
        except SessionError:
            own = env.texts("import_your_session")
        command = command_line(env.program, "compare", own, short)
        say(env, env.texts("import_done_share", name=received.name, path=target,
                           organisation=received.organisation or "-", command=command))  # fmt: skip
        return
    session = from_data(data, path, env.guide.diagram.scale)
    target = env.store.path_for(session.name)
    if target.exists() or target.is_symlink():
        raise SessionError("error_import_exists", name=session.name, path=target)
    for entry in lookalikes(env, session.name):  # what `start` asks about: never a second
        existing = entry.session.name if entry.session else ""  # that passes for the first
        raise SessionError("error_import_lookalike", name=session.name, existing=existing,
                           file=entry.path.name)  # fmt: skip
    _save_private(env.store.folder, target, raw)
    say(env, env.texts("import_done_session", name=session.name, path=target))


def _save_private(folder: Path, target: Path, data: bytes) -> None:
    """A received file's bytes, as they came: readable by the user alone (0600, folder 0700),
    or by the team in a team folder (see `sessions.folders`)."""
    from samarbejde.sessions.folders import make_folder
    from samarbejde.sessions.store import atomic_write

    try:
        make_folder(folder)
        atomic_write(target, data)
    except OSError as exc:  # a full disk, a folder that keeps out: said as the import's
        raise SessionError("error_import_write", path=target, detail=os_detail(exc)) from None
