"""The session model and its store: find, load, migrate and save session files atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import fastyaml, yamlio
from .errors import Msg, SessionError, os_detail, problem_msg
from .schema import SchemaError, build, dump

SCHEMA_VERSION = 1
ROLES = ("kommune", "civilsamfund")
SUFFIX = ".yaml"


@dataclass
class Readiness:
    status: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Partner:
    id: str
    name: str
    kind: str = "andet"
    contact: str = ""
    brings: str = ""
    interest: int | None = None
    influence: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class LogEntry:
    date: dt.date
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outreach:
    planned: bool = True  # False: taken off the plan, answers kept
    cards: dict[str, str] = field(default_factory=dict)
    key_persons: str = ""
    next_contact: dt.date | None = None
    log: list[LogEntry] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckState:
    done: bool = False
    note: str = ""
    date: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cursor:
    step: str = "foer"
    question: str = ""
    draft: str = ""  # what was typed at this question when the user stopped, not yet answered
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Session:
    schema_version: int
    name: str
    role: str
    created: dt.datetime
    updated: dt.datetime
    organisation: str = ""
    forms: list[str] = field(default_factory=list)
    cursor: Cursor = field(default_factory=Cursor)
    completed: list[str] = field(default_factory=list)
    readiness: dict[str, Readiness] = field(default_factory=dict)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    partners: list[Partner] = field(default_factory=list)
    outreach: dict[str, Outreach] = field(default_factory=dict)
    checklist: dict[str, CheckState] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def new_partner_id(self) -> str:
        numbers = [int(p.id[1:]) for p in self.partners if re.fullmatch(r"p\d+", p.id)]
        return f"p{max(numbers, default=0) + 1}"

    def answer(self, step_id: str, question_id: str) -> str:
        return self.answers.get(step_id, {}).get(question_id, "")

    def set_answer(self, step_id: str, question_id: str, value: str) -> None:
        self.answers.setdefault(step_id, {})[question_id] = value


def new_session(name: str, role: str, now: dt.datetime, organisation: str = "") -> Session:
    return Session(
        schema_version=SCHEMA_VERSION,
        name=name,
        role=role,
        organisation=organisation,
        created=now,
        updated=now,
    )


def slug(name: str) -> str:
    """A file name for a session name: æ→ae, ø→oe, å→aa, spaces→-, nothing odd."""
    text = name.strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80].strip("-") or "session"


# Migrations: MIGRATIONS[n] turns a version-n mapping into a version-(n+1) mapping.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["schema_version"] = version
    return data


def to_data(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = dump(session)
    return data


def from_data(data: Any, path: Path) -> Session:
    """A session from a loaded YAML mapping, or a SessionError saying why not."""

    def refuse(key: str, **params: object) -> SessionError:
        return SessionError("error_session_unreadable", path=path, reason=Msg(key, params))

    if not isinstance(data, dict) or "schema_version" not in data or "name" not in data:
        raise refuse("error_reason_not_session")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse("error_reason_not_session")
    if version > SCHEMA_VERSION:
        raise refuse("error_reason_newer_schema", found=version, known=SCHEMA_VERSION)
    try:
        session: Session = build(Session, migrate(data))
    except SchemaError as exc:
        place, fault = problem_msg(exc.problems[0])
        raise refuse("error_reason_invalid", place=place, fault=fault) from None
    if session.role not in (*ROLES, ""):  # "" until the user has chosen
        raise refuse(
            "error_reason_invalid", place="role", fault=Msg("fault_value", {"value": session.role})
        )
    return session


@dataclass
class Listed:
    """One file in the sessions folder: its session, or why it could not be read."""

    path: Path
    session: Session | None
    error: SessionError | None
    mtime: float

    @property
    def changed(self) -> dt.datetime:
        if self.session is not None:
            return self.session.updated
        return dt.datetime.fromtimestamp(self.mtime).astimezone()


class Store:
    """The sessions folder. Loading never writes; saving replaces the file atomically."""

    def __init__(
        self, home: Path, now: Callable[[], dt.datetime], conflict_word: str = "conflict"
    ) -> None:
        self.folder = home / "sessions"
        self.now = now
        self.conflict_word = conflict_word
        # The bytes of each file as this store last read or wrote it: a save refuses to
        # overwrite a file that has changed on disk since.
        self._known: dict[Path, bytes] = {}
        self._emitters: dict[Path, fastyaml.Emitter] = {}

    def path_for(self, name: str) -> Path:
        return self.folder / (slug(name) + SUFFIX)

    def load(self, path: Path) -> Session:
        try:
            raw = yamlio.read_bytes(path)
            data = yamlio.loads(raw)
        except yamlio.YamlError as exc:
            raise SessionError("error_session_unreadable", path=path, reason=exc.msg) from None
        except OSError as exc:
            raise SessionError(
                "error_session_unreadable", path=path, reason=os_detail(exc)
            ) from None
        session = from_data(data, path)
        self._known[path] = raw
        return session

    def save(self, session: Session, path: Path | None = None) -> Path:
        """Write the session: temp file in the same folder, fsync, rename. Mode 0600."""
        path = path or self.path_for(session.name)
        session.updated = self.now()
        emitter = self._emitters.setdefault(path, fastyaml.Emitter())
        data = yamlio.dumps(to_data(session), emitter).encode("utf-8")
        try:
            if not path.parent.exists():
                path.parent.mkdir(mode=0o700, parents=True)
            if path.exists() and not os.access(path, os.W_OK):
                # replacing would work (the folder is writable), but the user made it read-only
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            self._refuse_if_changed(path, data)
            atomic_write(path, data)
        except OSError as exc:
            raise SessionError("error_session_write", path=path, detail=os_detail(exc)) from None
        self._known[path] = data
        _remove_stale_temps(path)
        return path

    def _refuse_if_changed(self, path: Path, data: bytes) -> None:
        """Someone else changed the file since we read it: keep both versions, then stop."""
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            return
        if current == self._known.get(path):
            return
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        copy = path.with_name(f"{path.stem}.{self.conflict_word}-{stamp}{path.suffix}")
        atomic_write(copy, data)
        raise SessionError("error_session_conflict", path=path, copy=copy)

    def listing(self) -> list[Listed]:
        """Every session file, newest first; unreadable ones included with their error."""
        try:
            paths = [p for p in self.folder.iterdir() if p.suffix == SUFFIX]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise SessionError(
                "error_session_unreadable", path=self.folder, reason=os_detail(exc)
            ) from None
        entries = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                mtime = path.stat().st_mtime
            except OSError:
                mtime = 0.0
            try:
                entries.append(Listed(path, self.load(path), None, mtime))
            except SessionError as exc:
                entries.append(Listed(path, None, exc, mtime))
        entries.sort(key=lambda e: e.changed, reverse=True)
        return entries

    def resolve(self, ref: str | None) -> Path:
        """The file for a session name or path; None means the most recently changed one."""
        if ref is None:
            readable = [e for e in self.listing() if e.session is not None]
            if not readable:
                raise SessionError("error_no_sessions")
            return readable[0].path
        as_path = Path(ref).expanduser()
        if (os.sep in ref or ref.endswith((SUFFIX, ".yml"))) and (
            as_path.exists() or as_path.is_symlink()
        ):
            return as_path
        by_name = self.path_for(ref)
        if by_name.exists() or by_name.is_symlink():
            return by_name
        readable = [e for e in self.listing() if e.session is not None]
        for entry in readable:  # a file named otherwise, e.g. in a shared folder
            if entry.session is not None and entry.session.name.casefold() == ref.casefold():
                return entry.path
        err = SessionError("error_session_not_found", name=ref)
        names = [e.session.name for e in readable if e.session is not None]
        if names:
            err.details.append(Msg("error_session_names", {"names": ", ".join(names)}))
        else:
            err.details.append(Msg("error_no_sessions"))
        raise err


@dataclass
class LockInfo:
    pid: int
    host: str
    user: str
    since: str


class SessionLock:
    """Marks a session as open in a wizard, so that a second wizard on it is refused.

    The lock is a small hidden file beside the session, made with O_EXCL. A lock whose process
    is gone (same machine), that cannot be read, or that is older than a day (another
    machine), is taken over.
    """

    STALE_ELSEWHERE = dt.timedelta(days=1)

    def __init__(self, session_path: Path, now: Callable[[], dt.datetime]) -> None:
        self.path = session_path.with_name(f".{session_path.name}.lock")
        self.session_path = session_path
        self.now = now
        self.held = False

    def _mine(self) -> LockInfo:
        import getpass
        import socket

        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = str(os.getuid())
        return LockInfo(os.getpid(), socket.gethostname(), user, self.now().isoformat())

    def _holder(self) -> LockInfo | None:
        try:
            data = yamlio.loads(yamlio.read_bytes(self.path))
            return LockInfo(**data) if isinstance(data, dict) else None
        except (OSError, yamlio.YamlError, TypeError):
            return None

    def _is_stale(self, holder: LockInfo | None) -> bool:
        import socket

        if holder is None:
            return True
        if holder.host == socket.gethostname():
            if holder.pid == os.getpid():
                return False
            try:
                os.kill(holder.pid, 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                return False
            return False
        try:
            since = dt.datetime.fromisoformat(holder.since)
            return self.now() - since > self.STALE_ELSEWHERE
        except (TypeError, ValueError):
            return True

    def acquire(self) -> None:
        mine = self._mine()
        data = yamlio.dumps(dump(mine)).encode("utf-8")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            for _attempt in range(3):
                try:
                    fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                except FileExistsError:
                    holder = self._holder()
                    if holder is not None and holder.pid == mine.pid and holder.host == mine.host:
                        self.held = True
                        return
                    if not self._is_stale(holder):
                        raise self._in_use(holder) from None
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.path)
                    continue
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                self.held = True
                return
        except OSError as exc:
            raise SessionError(
                "error_session_write", path=self.session_path, detail=os_detail(exc)
            ) from None
        raise self._in_use(self._holder())

    def _in_use(self, holder: LockInfo | None) -> SessionError:
        from .dates import fmt_time

        since = ""
        if holder is not None:
            with contextlib.suppress(TypeError, ValueError):
                since = fmt_time(dt.datetime.fromisoformat(holder.since))
        return SessionError(
            "error_session_in_use",
            path=self.session_path,
            since=since,
            user=holder.user if holder else "",
            host=holder.host if holder else "",
        )

    def release(self) -> None:
        if not self.held:
            return
        holder = self._holder()
        if holder is not None and holder.pid == os.getpid():
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self.held = False

    def __enter__(self) -> SessionLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a crash leaves the old file or the new one.

    The file is readable by its owner alone (0600). Raises OSError; no temporary file is left.
    """
    import tempfile  # only when writing: it costs list and summary a few milliseconds

    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(path.parent)


def _remove_stale_temps(path: Path, older_than: float = 5.0) -> None:
    """Temporary files of this session left by a process that died while saving."""
    import time

    cutoff = time.time() - older_than
    for tmp in path.parent.glob(f".{glob_escape(path.name)}*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
