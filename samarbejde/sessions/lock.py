"""The session lock: one wizard at a time on a session, held by an OS lock.

filelock takes the lock (flock on Unix, LockFileEx on Windows). The kernel frees it when the
holding process ends, however it ends, so a wizard that crashed never blocks the next one, and
two wizards starting at the same moment can never both get it. (The hand-made O_EXCL lock this
replaces judged staleness by pid; two processes could both find a lock stale, both replace it
and both believe they held it.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from samarbejde.base.dates import time_params
from samarbejde.base.errors import Msg, SessionError, os_detail

if TYPE_CHECKING:
    from filelock import BaseFileLock

# This process's held locks: one filelock object per lock file, shared by every SessionLock on
# it. filelock's own `is_singleton` does this from 3.15 on; in the 3.12-3.14 that pyproject
# allows it is missing or re-initialises the shared object, losing the hold. The pid in the key
# keeps a forked child from taking its parent's hold for its own.
_HOLDS: dict[tuple[int, str], BaseFileLock] = {}

INFO_MAX_BYTES = 4096  # a real info file is about 100 bytes; anything larger is not ours
FIELD_MAX_CHARS = 100


class SessionLock:
    """Marks a session as open in a wizard, so that a second wizard on it is refused at once.

    Only the OS lock on `path` decides who holds the session. Who holds it (pid, user, host,
    since) is kept for the refusal message in a sidecar file, `info_path`: Windows does not let
    another process read a file that is locked, and the sidecar is never trusted for anything
    but that message. It is written after the lock is taken and removed before it is let go;
    one left behind by a process that died is overwritten by the next holder.

    Within one process, locks on the same session nest: they share one filelock object (see
    `_HOLDS`), which counts the holds, so a second SessionLock on the same session (start hands
    over to resume) succeeds, and releasing it leaves the first one's hold in place. The session
    is free for other processes when the last hold is released.

    On Unix the lock file stays after release: deleting it would race with a process that has
    just opened it and is about to lock the deleted file while a third creates a new one. It is
    a dot-file, so the session list does not show it. On Windows filelock removes it.
    """

    def __init__(self, session_path: Path, now: Callable[[], dt.datetime]) -> None:
        self.session_path = session_path
        # The real file is locked, beside it: a session reached by two paths (a link in the
        # sessions folder to a shared folder, and the shared file itself) is one session.
        real = Path(os.path.realpath(session_path))
        self.path = real.with_name(f".{real.name}.lock")
        self.info_path = real.with_name(f".{real.name}.lock.info")
        self.now = now
        self.held = False
        self._os_lock: BaseFileLock | None = None
        self._key = (0, "")

    def acquire(self) -> None:
        """Take the lock, or raise SessionError at once: `error_session_in_use` when another
        process holds it, `error_session_write` when the folder or the lock file cannot be made.
        Acquiring a lock this object already holds does nothing."""
        if self.held:
            return
        # Imported here: filelock costs about 40 ms, which commands that never lock (list,
        # summary) should not pay.
        from filelock import FileLock, Timeout

        key = (os.getpid(), os.path.normcase(os.path.realpath(self.path)))
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os_lock = _HOLDS.get(key)
            if os_lock is None:
                os_lock = FileLock(self.path, mode=0o600, thread_local=False)
            os_lock.acquire(blocking=False)
        except Timeout:  # a subclass of OSError: caught first
            raise self._in_use() from None
        except OSError as exc:
            raise SessionError(
                "error_session_write", path=self.session_path, detail=os_detail(exc)
            ) from None
        _HOLDS[key] = os_lock
        self._key, self._os_lock = key, os_lock
        self.held = True
        if os_lock.lock_counter == 1:  # the first hold in this process: the session is ours now
            self._write_info()

    def release(self) -> None:
        """Let go of this object's hold; the session is free once no hold in this process is
        left. Releasing twice, or a lock never acquired, does nothing."""
        os_lock = self._os_lock
        if not self.held or os_lock is None:
            return
        self.held = False
        self._os_lock = None
        if os_lock.lock_counter == 1:  # the last hold: the info goes before the lock does
            with contextlib.suppress(OSError):
                self.info_path.unlink(missing_ok=True)
        # An unlock that fails leaves nothing to do: the kernel frees the lock at exit at the
        # latest, and an error here would hide the one that ended the wizard.
        with contextlib.suppress(OSError):
            os_lock.release()
        if not os_lock.lock_counter:
            _HOLDS.pop(self._key, None)

    def __enter__(self) -> SessionLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _write_info(self) -> None:
        info = {"pid": os.getpid(), "host": _host(), "user": _user(), "since": _iso(self.now())}
        data = json.dumps(info, ensure_ascii=False).encode("utf-8")
        # The info only feeds another wizard's message, so a failure to write it must not
        # cost this wizard its session: that message then has empty fields. No fsync either:
        # losing the info in a power cut loses nothing else.
        with contextlib.suppress(OSError):
            _replace(self.info_path, data)

    def _in_use(self) -> SessionError:
        info = _read_info(self.info_path)
        since: str | Msg = ""
        raw = info.get("since")
        if isinstance(raw, str):
            with contextlib.suppress(ValueError, OverflowError):  # not a time, or out of range
                since = Msg("time_of_day", time_params(dt.datetime.fromisoformat(raw)))
        return SessionError(
            "error_session_in_use",
            path=self.session_path,
            since=since,
            user=_field(info.get("user")),
            host=_field(info.get("host")),
        )


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _replace(path: Path, data: bytes) -> None:
    """Write `path` all at once (a reader sees the old file or the new one), owner-only."""
    import tempfile

    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _read_info(path: Path) -> dict[str, object]:
    """The holder info, or {} when it is missing, not a regular file, too big or not ours."""
    try:
        from samarbejde.base.yamlio import (
            OPEN_FLAGS,  # a FIFO in its place must not hang the wizard
        )

        fd = os.open(path, OPEN_FLAGS)
    except OSError:
        return {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(INFO_MAX_BYTES + 1)
        if len(data) > INFO_MAX_BYTES:
            return {}
        info = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: bad UTF-8 or bad JSON
        return {}
    finally:
        os.close(fd)
    return info if isinstance(info, dict) else {}


def _field(value: object) -> str:
    """A user or host name from the info file, fit to print: text only, no control characters."""
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value if ch.isprintable())[:FIELD_MAX_CHARS]


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()  # LOGNAME, USER, LNAME, USERNAME, then the password database
    except (ImportError, KeyError, OSError):  # no pwd module (Windows), or no entry for the uid
        pass
    try:
        return Path.home().name
    except (KeyError, OSError, RuntimeError):
        return ""


def _host() -> str:
    import socket

    try:
        return socket.gethostname()
    except OSError:
        return ""
