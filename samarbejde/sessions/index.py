"""A small cache beside the sessions, `.samarbejde-index.json`: for each session file, the
brief that `list` and `agenda` show of it, with the file's identity (inode, device, size,
modification and change times) when the brief was made.

A brief is used only while its file still has that identity; any other file is loaded and
validated as every command loads it, and its brief made anew. So `list` and `agenda` over
1,000 sessions read one small file instead of parsing 1,000 (3.4 s and 89 MiB before).
An unreadable file gets no brief: it is read again each time and shown as unreadable.

The cache lives in a folder that may be shared, so it is read as hostile: a regular file of
at most MAX_BYTES, owned by this user and writable by no one else (where the system has
owners), parsed by pydantic into strict, bounded types; anything else is ignored and the
cache made anew. It is written atomically (temp file, rename), readable by its owner alone
(0600); where it cannot be written (a read-only folder), the program goes without.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from samarbejde.base import yamlio
from samarbejde.base.cache import ours
from samarbejde.base.errors import Msg, SessionError
from samarbejde.base.ids import ROLES
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import SUFFIX, Store, atomic_write, not_ahead, too_big

NAME = ".samarbejde-index.json"
# Raise it when a brief's fields or their meaning (how progress is counted) change.
FORMAT: Literal[1] = 1
MAX_BYTES = 16 * 1024 * 1024  # ~40,000 sessions of ten contacts: far above a team's folder
# A file changed this soon before its brief was made may change again within the same
# tick of a coarse clock (FAT: 2 s) and look the same: it gets no brief until it is older.
SETTLED_NS = 3_000_000_000

Count = Annotated[int, Field(ge=0, le=10_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class Contact(_Strict):
    """A date with a partner, as the agenda shows it: the planned next contact, or (from the
    agreement) its end or notice."""

    kind: str = "contact"
    partner_id: str
    partner: str
    date: dt.date
    about: str  # the first line of the partner's plan
    key_persons: str
    person: str = ""  # the partner's contact person (and a phone or e-mail, if written there)


class Brief(_Strict):
    """What `list` and `agenda` show of a session."""

    name: str
    role: Literal[(*ROLES, "")]  # type: ignore[valid-type]
    updated: AwareDatetime
    steps_done: Count
    ticked: Count
    evaluation: dt.date | None
    contacts: list[Contact]
    no_plan: list[str] = []  # partners in the two top quadrants without an outreach plan

    def overdue(self, today: dt.date) -> bool:
        """Is a next contact or the next evaluation past?"""
        late = self.evaluation is not None and self.evaluation < today
        return late or any(c.kind == "contact" and c.date < today for c in self.contacts)


Stamp = tuple[int, int, int, int, int]


class _Entry(_Strict):
    stamp: Stamp
    brief: Brief


class _Index(_Strict):
    format: Literal[1]
    key: str  # what the briefs were made with (the guide): another key, another index
    files: dict[str, _Entry]


@dataclass
class Briefed:
    """One file in the sessions folder: its brief, or why it could not be read."""

    path: Path
    brief: Brief | None
    error: SessionError | None
    mtime: float

    @property
    def changed(self) -> dt.datetime:
        if self.brief is not None:
            return not_ahead(self.brief.updated, self.mtime)  # a future `updated` never wins
        return dt.datetime.fromtimestamp(self.mtime).astimezone()

    @property
    def too_big(self) -> Msg | None:
        return too_big(self.error)


def briefs(store: Store, key: str, make: Callable[[Session], Brief]) -> list[Briefed]:
    """Every session file's brief (made by `make`, valid for `key`), newest first; the
    unreadable files with their error, as `Store.listing` has them."""
    folder = store.folder
    store.refuse_if_open()
    try:
        paths = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError:
        return [Briefed(e.path, None, e.error, e.mtime) for e in store.listing()]  # says why
    known = _read(folder / NAME, key)
    kept: dict[str, _Entry] = {}
    out = []
    now = time.time_ns()
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            info = None
        entry = known.get(path.name)
        if info is not None and entry is not None and entry.stamp == _stamp(info):
            kept[path.name] = entry
            out.append(Briefed(path, entry.brief, None, info.st_mtime))
            continue
        mtime = info.st_mtime if info is not None else 0.0
        try:
            session = store.load(path)
        except SessionError as exc:
            out.append(Briefed(path, None, exc, mtime))
            continue
        brief = make(session)
        out.append(Briefed(path, brief, None, mtime))
        after = _identity(path)  # as read: a change while reading is seen next time
        if info is not None and after == _stamp(info) and now - info.st_mtime_ns > SETTLED_NS:
            kept[path.name] = _Entry(stamp=after, brief=brief)
    if kept.keys() != known.keys() or any(kept[k] is not known[k] for k in kept):
        _write(folder / NAME, key, kept)
    out.sort(key=lambda e: e.changed, reverse=True)
    return out


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _identity(path: Path) -> Stamp | None:
    try:
        return _stamp(path.stat())
    except OSError:
        return None


def _read(path: Path, key: str) -> dict[str, _Entry]:
    """The briefs of a trustworthy index made with `key`; else none."""
    try:
        info = path.lstat()  # a link is not followed: the index is a file of its own
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode) or not ours(info):
        return {}
    found, files = _read_all(path)
    return files if found == key else {}


def _write(path: Path, key: str, files: dict[str, _Entry]) -> None:
    try:
        data = _Index(format=FORMAT, key=key, files=files).model_dump_json().encode("utf-8")
    except ValueError:  # text JSON cannot hold (a lone surrogate): no index this time
        return
    if len(data) > MAX_BYTES:
        return  # never read back: better none than one that is always ignored
    with contextlib.suppress(OSError):  # a read-only or shared folder: go without
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return  # not ours to replace
        atomic_write(path, data, private=True)  # a cache of names and phones: ours alone


def forget(folder: Path, name: str) -> None:
    """Drop the brief of the file `name` (a session just deleted): its partners' names and
    phones leave the index at once. An index this user cannot trust or read is removed: it is
    only a cache."""
    path = folder / NAME
    try:
        info = path.lstat()
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    key, files = _read_all(path)
    if key is None or not ours(info):
        with contextlib.suppress(OSError):
            path.unlink()
        return
    if name in files:
        del files[name]
        _write(path, key, files)


def _read_all(path: Path) -> tuple[str | None, dict[str, _Entry]]:
    try:
        index = _Index.model_validate_json(yamlio.read_bytes(path, MAX_BYTES))
    except (OSError, yamlio.YamlError, ValidationError, ValueError, RecursionError):
        return None, {}
    return index.key, dict(index.files)


def contacts_of(session: Session) -> list[Contact]:
    """The planned next contacts, soonest first, with what the agenda says of each."""
    out = []
    by_id = session.partners_by_id()  # not `session.partner` for each: 2,955 partners 0.5 s
    for u in session.next_contacts(dt.date.min):
        plan = session.outreach[u.partner_id]
        about = next((line for c in plan.cards.values() for line in c.splitlines() if line), "")
        partner = by_id.get(u.partner_id)
        out.append(Contact(partner_id=u.partner_id, partner=u.partner, date=u.date,
                           about=about, key_persons=plan.key_persons,
                           person=partner.contact if partner else ""))  # fmt: skip
    return out


def keyed(parts: Sequence[str]) -> str:
    """A key for what the briefs depend on beyond the files (the guide, the program)."""
    import hashlib

    digest = hashlib.sha256()
    for part in (str(FORMAT), *parts):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()
