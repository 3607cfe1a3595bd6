"""The session lock: one wizard at a time on a session, held by an OS lock.

The kernel holds the lock (flock on Unix, LockFileEx through filelock on Windows) and frees it
when the holding process ends, however it ends, so a wizard that crashed never blocks the next
one, and two wizards starting at the same moment can never both get it. (The hand-made O_EXCL
lock this replaced judged staleness by pid; two processes could both find a lock stale, both
replace it and both believe they held it.)

The lock file is removed when the session is let go, so no lock files pile up in a shared
folder. On Unix that is safe only with both halves of this protocol:

- the holder removes the file while it still holds the lock (never after), and
- whoever takes the lock then checks that the path still names the file it locked (the inode
  of its descriptor is the inode at the path); if not, the file it locked was removed by the
  holder before, and it tries again on the file now at the path.

So a process that opened the old file just before it was removed, and locked it just after,
never believes it holds the session while another holds the new file. On Windows filelock
removes the file itself, and a file that is open cannot be removed there.

In a team folder (see `folders`) the lock file and its info are readable and writable by the
group, so a colleague's lock file never keeps anyone out once its holder is gone. A lock file
that cannot be opened at all (one made 0600 by an older version, before the folder was
shared) is removed only when nothing says it is held: no info file beside it, and not touched
for LEFTOVER_AFTER seconds; else the session is reported as in use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from samarbejde.base.dates import time_params
from samarbejde.base.errors import Msg, SessionError, os_detail
from samarbejde.sessions import folders


class _Hold(Protocol):
    @property
    def lock_counter(self) -> int: ...

    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...


# This process's held locks: one hold per lock file, shared by every SessionLock on it, which
# counts the holds. The pid in the key keeps a forked child from taking its parent's hold.
_HOLDS: dict[tuple[int, str], _Hold] = {}

INFO_MAX_BYTES = 4096  # a real info file is about 100 bytes; anything larger is not ours
FIELD_MAX_CHARS = 100
WAIT = 2.0  # seconds a command waits for a session another command has open (a one-liner)
POLL = 0.05
RETRIES = 100  # the path named another file after locking: the holder before us removed it
LEFTOVER_AFTER = 5.0  # seconds: an unopenable lock file without info older than this is left over


class SessionLock:
    """Marks a session as open in a wizard, so that a second wizard on it is refused (at once,
    or after `acquire`'s `wait`).

    Only the OS lock on `path` decides who holds the session. Who holds it (pid, user, host,
    since) is kept for the refusal message in a sidecar file, `info_path`: Windows does not let
    another process read a file that is locked, and the sidecar is never trusted for anything
    but that message. It is written after the lock is taken and removed before it is let go;
    one left behind by a process that died is overwritten by the next holder.

    Within one process, locks on the same session nest: they share one hold (see `_HOLDS`),
    which counts the holds, so a second SessionLock on the same session (start hands over to
    resume) succeeds, and releasing it leaves the first one's hold in place. The session is
    free for other processes when the last hold is released; the lock file goes with it (see
    the module's docstring for why that is safe). It is a dot-file, so the session list does
    not show it while it is there.
    """

    def __init__(
        self, session_path: Path, now: Callable[[], dt.datetime], wait: float = 0.0
    ) -> None:
        self.session_path = session_path
        self.wait = wait  # seconds to wait for another holder to let go (WAIT for a command)
        # The real file is locked, beside it: a session reached by two paths (a link in the
        # sessions folder to a shared folder, and the shared file itself) is one session.
        real = Path(os.path.realpath(session_path))
        self.path = real.with_name(f".{real.name}.lock")
        self.info_path = real.with_name(f".{real.name}.lock.info")
        self.now = now
        self.held = False
        self._os_lock: _Hold | None = None
        self._key = (0, "")

    def acquire(self, wait: float | None = None) -> None:
        """Take the lock, waiting up to `wait` seconds (the lock's own `wait` when None) while
        another process holds it, or raise
        SessionError: `error_session_in_use` (or `error_session_in_use_unknown`) when another
        process holds it, `error_session_write` when the folder cannot be made,
        `error_lock_open` when the lock file cannot be opened. Acquiring a lock this object
        already holds does nothing."""
        if self.held:
            return
        key = (os.getpid(), os.path.normcase(os.path.realpath(self.path)))
        try:
            folders.make_folder(self.path.parent)
        except OSError as exc:
            err = SessionError("error_session_write", path=self.session_path, detail=os_detail(exc))
            raise folders.denied(err, exc, self.path.parent) from None
        hold = _HOLDS.get(key) or self._new_hold()
        deadline = time.monotonic() + (self.wait if wait is None else wait)
        while True:
            try:
                got = hold.try_acquire()
            except OSError as exc:
                err = SessionError("error_lock_open", path=self.path, detail=os_detail(exc))
                raise folders.denied(err, exc, self.path.parent) from None
            if got:
                break
            if time.monotonic() >= deadline:
                raise self._in_use()
            time.sleep(POLL)
        _HOLDS[key] = hold
        self._key, self._os_lock = key, hold
        self.held = True
        if hold.lock_counter == 1:  # the first hold in this process: the session is ours now
            self._write_info()

    def _new_hold(self) -> _Hold:
        if os.name == "nt":
            return _WindowsHold(self.path)
        modes = folders.modes_for(self.path.parent)
        return _FlockHold(self.path, modes.file, modes.group, self.info_path)

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
        # latest, and an error here would hide the one that ended the wizard. The last hold
        # removes the lock file while it still holds it (see the module's docstring).
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
        info = {"pid": os.getpid(), "host": _host(), "user": user_name(), "since": _iso(self.now())}
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
        user, host = _field(info.get("user")), _field(info.get("host"))
        if not user and not host:  # who has it is not known: no message with empty fields
            return SessionError("error_session_in_use_unknown", path=self.session_path)
        return SessionError(
            "error_session_in_use",
            path=self.session_path,
            since=since or "-",
            user=user or "-",
            host=host or "-",
        )


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _replace(path: Path, data: bytes) -> None:
    """Write `path` all at once (a reader sees the old file or the new one): owner-only, or
    the group's too in a team folder, where a colleague's refusal reads it."""
    import tempfile

    modes = folders.modes_for(path.parent)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            folders.apply(fd, modes.file, modes.group)
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


def user_name() -> str:
    """Who is at the keyboard: `SAMARBEJDE_BRUGER` (a name set once, e.g. "Jonas"), else the
    login name; "" when neither is known. Clean enough to print and to keep in a session."""
    chosen = _field(os.environ.get("SAMARBEJDE_BRUGER", "").strip())
    return chosen or _field(_login())


def _login() -> str:
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


class _FlockHold:
    """Unix: flock on the lock file; the last hold removes the file while still holding it,
    and a hold is taken only on the file the path names."""

    def __init__(self, path: Path, mode: int, group: int | None, info_path: Path) -> None:
        self.path, self.mode, self.group, self.info_path = path, mode, group, info_path
        self.fd: int | None = None
        self.lock_counter = 0

    def try_acquire(self) -> bool:
        """True when held (once more); False when another process holds it. Raises OSError."""
        import fcntl  # Unix only: Windows takes `_WindowsHold` (filelock's msvcrt lock)

        if self.fd is not None:
            self.lock_counter += 1
            return True
        for _ in range(RETRIES):
            fd = self._open()
            if fd is None:
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    return False
                raise
            try:
                same = os.path.samestat(os.fstat(fd), os.lstat(self.path))
            except FileNotFoundError:
                same = False
            except OSError:
                os.close(fd)
                raise
            if same:
                self.fd, self.lock_counter = fd, 1
                return True
            os.close(fd)  # removed by the holder before us: lock the file there now
        return False

    def _open(self) -> int | None:
        """The lock file opened (made with the folder's modes); None when it cannot be opened
        and may be held. Raises OSError."""
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | nofollow
        try:
            fd = os.open(self.path, flags, self.mode)
        except PermissionError as refused:
            try:  # flock needs no write access
                return os.open(self.path, os.O_RDONLY | nofollow)
            except FileNotFoundError:  # no file: the folder refused to make one
                raise refused from None
            except PermissionError:
                pass
            if not self._remove_leftover():
                return None
            fd = os.open(self.path, flags, self.mode)
        with contextlib.suppress(OSError):  # ours, new: the folder's modes, whatever the umask
            info = os.fstat(fd)
            # (Unix only, as this class: os.getuid has no Windows twin, nor needs one there)
            if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != self.mode:
                folders.apply(fd, self.mode, self.group)
        return fd

    def _remove_leftover(self) -> bool:
        """A lock file no one here may open: removed when nothing says it is held."""
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return True
        if self.info_path.exists() or self.info_path.is_symlink():
            return False
        if time.time() - info.st_mtime < LEFTOVER_AFTER:
            return False
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.lstat(self.path), info):
                self.path.unlink()
        return True

    def release(self) -> None:
        self.lock_counter -= 1
        if self.lock_counter > 0 or self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            with contextlib.suppress(OSError):
                if os.path.samestat(os.fstat(fd), os.lstat(self.path)):
                    self.path.unlink()  # still held: no one can lock this file after us
        finally:
            os.close(fd)  # lets go of the lock


class _WindowsHold:
    """Windows: filelock (LockFileEx), which removes the file when it lets go."""

    def __init__(self, path: Path) -> None:
        # Imported here: filelock costs about 40 ms, which commands that never lock (list,
        # summary) should not pay.
        from filelock import FileLock

        self._lock = FileLock(path, thread_local=False)

    @property
    def lock_counter(self) -> int:
        return int(self._lock.lock_counter)

    def try_acquire(self) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()
