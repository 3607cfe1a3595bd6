"""The session model and its store: find, load, migrate and save session files atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
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

    def __init__(self, home: Path, now: Callable[[], dt.datetime]) -> None:
        self.folder = home / "sessions"
        self.now = now

    def path_for(self, name: str) -> Path:
        return self.folder / (slug(name) + SUFFIX)

    def load(self, path: Path) -> Session:
        try:
            data = yamlio.load_file(path)
        except yamlio.YamlError as exc:
            raise SessionError("error_session_unreadable", path=path, reason=exc.msg) from None
        except OSError as exc:
            raise SessionError(
                "error_session_unreadable", path=path, reason=os_detail(exc)
            ) from None
        return from_data(data, path)

    def save(self, session: Session, path: Path | None = None) -> Path:
        """Write the session: temp file in the same folder, fsync, rename. Mode 0600."""
        path = path or self.path_for(session.name)
        session.updated = self.now()
        try:
            if not path.parent.exists():
                path.parent.mkdir(mode=0o700, parents=True)
            atomic_write(path, yamlio.dumps(to_data(session)).encode("utf-8"))
        except OSError as exc:
            raise SessionError("error_session_write", path=path, detail=os_detail(exc)) from None
        return path

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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a crash leaves the old file or the new one.

    The file is readable by its owner alone (0600). Raises OSError; no temporary file is left.
    """
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
