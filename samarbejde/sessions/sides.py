"""The other side of the table, read: a session or a share file (`share`) as a `Side` for the
comparison (`reports.compare`) and the agreement's `--with`. A file is only read: never
changed, never copied beside it. A large share file's validated data is kept as JSON in the
user's own cache (`cache/shares/`, as a session's copy, owner-only) and used only while the
file's bytes are the ones it was made from."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, NamedTuple

from samarbejde.base.errors import Msg, SessionError
from samarbejde.base.names import fold
from samarbejde.guide.content import Guide
from samarbejde.sessions import share as shares
from samarbejde.sessions import store as stores
from samarbejde.sessions.health import HealthRound, rounds_of, rounds_of_share
from samarbejde.sessions.model import ContactPerson, Session, has_contact
from samarbejde.sessions.share import Share
from samarbejde.sessions.store import Store

# The records here and in `reports/compare.py`, `reports/health.py` and `reports/formats.py`
# are NamedTuples, not frozen dataclasses: as immutable, and made at start-up in a tenth of the
# time (a frozen dataclass compiles six methods from source; `compare --json` made 25 of them).


class Actor(NamedTuple):
    name: str
    kind: str
    brings: str
    quadrant: str | None
    interest: int | None
    influence: int | None


class Side(NamedTuple):
    name: str
    organisation: str
    role: str
    source: str  # "session" or "share"
    scores: bool  # False: the share file left the scores out
    step1: dict[str, str] | None  # None: left out
    actors: list[Actor] | None
    checklist: dict[str, tuple[bool, str]] | None
    cards: tuple[str, dict[str, str]] | None  # (partner, card id -> answer)
    date: dt.date | None = None  # a share file's date
    path: Path | None = None  # a session's file: where the user's answers are remembered
    health: list[HealthRound] | None = None  # the health check's rounds; None: left out
    contact: ContactPerson | None = None  # its contact person, as far as it was shared

    @property
    def who(self) -> str:
        """The side's name in a sentence: its organisation, else its session's name."""
        return self.organisation or self.name


def side_of_session(session: Session, guide: Guide) -> Side:
    high = guide.diagram.high_from
    step = guide.step("dagligdag")
    actors = [
        Actor(
            p.name,
            p.kind,
            p.brings,
            shares.placed(p.interest, p.influence, high),
            p.interest,
            p.influence,
        )
        for p in session.partners
    ]
    checklist = {
        item.id: (session.is_ticked(item.id), _note(session, item.id)) for item in guide.checklist
    }
    return Side(
        name=session.name,
        organisation=session.organisation,
        role=session.role,
        source="session",
        scores=True,
        step1={q.id: session.answer(step.id, q.id) for q in step.questions},
        actors=actors,
        checklist=checklist,
        cards=None,
        health=rounds_of(session, guide),
        contact=session.our_contact if has_contact(session) else None,
    )


def _note(session: Session, item_id: str) -> str:
    state = session.checklist.get(item_id)
    return state.note if state is not None else ""


def side_of_share(share: Share, guide: Guide) -> Side:
    high = guide.diagram.high_from
    actors = None
    if share.actors is not None:
        actors = []
        for a in share.actors:
            where = shares.placed(a.interest, a.influence, high) or a.quadrant
            interest, influence = (a.interest, a.influence) if share.scores else (None, None)
            actors.append(Actor(a.name, a.kind, a.brings, where, interest, influence))
    checklist = None
    if share.checklist is not None:
        checklist = {k: (v.done, v.note) for k, v in share.checklist.items()}
    cards = (share.cards.partner, dict(share.cards.cards)) if share.cards else None
    return Side(
        name=share.name,
        organisation=share.organisation,
        role=share.role,
        source="share",
        scores=share.scores,
        step1=dict(share.dagligdag) if share.dagligdag is not None else None,
        actors=actors,
        checklist=checklist,
        cards=cards,
        date=share.date,
        health=rounds_of_share(share.rounds, guide),
        contact=ContactPerson(**share.contact.model_dump()) if share.contact else None,
    )


SHARES_FOLDER = "delte"  # imported share files, beside `sessions/`
SHARE_COPIES = Path("cache", "shares")  # validated copies of large share files (JSON)


def load_side(store: Store, home: Path, guide: Guide, ref: str) -> Side:
    """A side from a path (a session file or a share file) or a name (a session, else an
    imported share file). A file is only read: never changed, never copied."""
    path = Path(ref).expanduser()
    if (os.sep in ref or "/" in ref or ref.endswith((".yaml", ".yml"))) and (
        path.exists() or path.is_symlink()
    ):
        raw = shares.read_bytes(path)
        kept = _from_copy(home, guide, path, raw)
        if kept is not None:
            return side_of_share(kept, guide)
        data = shares.parse(raw, path)
        shares.refuse_neither(data, path)
        if shares.is_share(data):
            return side_of_share(_read_share(home, guide, path, raw, data), guide)
        session = stores.from_data(data, path, guide.diagram.scale)
        return side_of_session(session, guide)._replace(path=path)
    try:
        found = store.resolve(ref, partial=True)
    except SessionError as err:
        imported = find_imported(home, guide, ref)
        if imported is None:
            raise err from None
        return side_of_share(load_share(home, guide, imported), guide)
    return side_of_session(store.load(found), guide)._replace(path=found)


def load_share(home: Path, guide: Guide, path: Path) -> Share:
    """A share file, read as `shares.load` reads it, or from its validated copy (see
    `_from_copy`); a SessionError says why not."""
    raw = shares.read_bytes(path)
    kept = _from_copy(home, guide, path, raw)
    if kept is not None:
        return kept
    data = shares.parse(raw, path)
    if not shares.is_share(data):
        raise SessionError(
            "error_share_unreadable", path=path, reason=Msg("error_reason_not_share")
        )
    return _read_share(home, guide, path, raw, data)


def _read_share(home: Path, guide: Guide, path: Path, raw: bytes, data: Any) -> Share:
    """The share file's data validated (a SessionError says why not); a large one's copy is
    kept for the next time."""
    share = shares.from_data(data, path, guide)
    if len(raw) >= stores.COPY_FROM:
        copy = shares.copy_of(share, _digest(raw))
        if copy is not None:
            stores.keep_copy(stores.copy_path(home / SHARE_COPIES, path), copy)
    return share


def _from_copy(home: Path, guide: Guide, path: Path, raw: bytes) -> Share | None:
    """The share of a large file from its validated copy: a copy this user made (as a
    session's, `stores.read_copy`) for exactly these bytes (their digest) and this program,
    validated again as a share file is. Any other file, a copy that does not fit, or a file
    that is no share file: None, and the file itself is read (so a file that changed is
    refused for a key given twice or an alias as any file is)."""
    if len(raw) < stores.COPY_FROM:
        return None
    copy = stores.read_copy(stores.copy_path(home / SHARE_COPIES, path))
    return None if copy is None else shares.from_copy(copy, _digest(raw), path, guide)


def _digest(raw: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(raw).digest()


def find_imported(home: Path, guide: Guide, ref: str) -> Path | None:
    """An imported share file whose session name, organisation or "name (organisation)"
    is `ref` (case, accents and dashes aside), else the one whose names hold `ref` as a part
    ("ensomme" for "Ensomme ældre i Nordby"). Two that hold it: a SessionError naming both."""
    folder = home / SHARES_FOLDER
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".yaml")
    except OSError:
        return None
    key = fold(ref)
    if not key:
        return None
    holding: list[tuple[Path, str]] = []
    for path in paths:
        try:
            s = load_share(home, guide, path)
        except SessionError:
            continue
        whole = f"{s.name} ({s.organisation})"
        if key in (fold(s.name), fold(s.organisation), fold(whole)):
            return path
        if key in fold(whole):
            holding.append((path, whole))
    if len(holding) > 1:
        names = ", ".join(f'"{whole}"' for _, whole in holding)
        raise SessionError("error_session_ambiguous", name=ref, names=names)
    return holding[0][0] if holding else None


def short_name(store: Store, home: Path, guide: Guide, path: Path, share: Share) -> str:
    """The shortest of an imported share file's names that finds it again as `load_side`
    looks (no session of that name first, then `find_imported`): its session's name, else
    its organisation, else both."""
    whole = f"{share.name} ({share.organisation})"
    for ref in sorted({share.name, share.organisation, whole} - {""}, key=len):
        try:
            store.resolve(ref, partial=True)
            continue  # a session of the user's answers to that name
        except SessionError:
            pass
        try:
            if find_imported(home, guide, ref) == path:
                return ref
        except SessionError:
            continue
    return whole
