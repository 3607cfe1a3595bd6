"""The sessions folder: find, load, migrate and save session files (atomically, privately)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from samarbejde.base import signals, yamlio
from samarbejde.base.cache import ours, own_folder
from samarbejde.base.errors import Msg, SessionError, os_detail
from samarbejde.base.lookalike import seen
from samarbejde.base.names import alphabetical, fold
from samarbejde.guide.texts import listed as listed_words
from samarbejde.guide.validation import problems
from samarbejde.sessions import folders
from samarbejde.sessions.model import SCHEMA_VERSION, Session
from samarbejde.sessions.serial import Dumper, Spans, copy_of, copy_parts
from samarbejde.sessions.serial import to_data as to_data  # the session as data, kept here too

SUFFIX = ".yaml"


FALLBACK_SLUG = "session"


def same_name(a: str, b: str) -> bool:
    """Session names are the same when they differ only in case or Unicode form."""
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip()).casefold()


def name_hash(name: str) -> str:
    import hashlib

    key = name_key(name).encode("utf-8", "surrogateescape")  # a name from any command line
    return hashlib.sha256(key).hexdigest()


def slug(name: str) -> str:
    """A file name for a session name: æ→ae, ø→oe, å→aa, spaces→-, nothing odd."""
    text = name.strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:80].strip("-") or FALLBACK_SLUG
    return f"{text}-session" if text in _WINDOWS_DEVICES else text


# Names Windows keeps for devices: `con.yaml` cannot be a file there.
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}


# Migrations: MIGRATIONS[n] turns a version-n mapping into a version-(n+1) mapping.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["schema_version"] = version
    return data


def from_data(data: Any, path: Path, scale: range | None = None) -> Session:
    """A session from a loaded YAML mapping, or a SessionError saying why not. With the
    guide's `scale`, a rating outside it is refused too (it would have no place on the
    diagram)."""

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
        session = Session.model_validate(migrate(data))
    except ValidationError as exc:
        first = problems(exc)[0]
        raise refuse("error_reason_invalid", place=first.place, fault=first.msg()) from None
    return checked(session, path, scale)


def checked(session: Session, path: Path, scale: range | None = None) -> Session:
    """The session, if its ratings are on the guide's `scale` and only its last round is
    under way; else a SessionError saying where."""

    def refuse(key: str, **params: object) -> SessionError:
        return SessionError("error_session_unreadable", path=path, reason=Msg(key, params))

    for place, score in _scores(session) if scale is not None else ():
        if score is not None and scale is not None and score not in scale:
            bounds = {"value": score, "low": scale.start, "high": scale.stop - 1}
            fault = Msg("fault_out_of_scale", bounds)
            raise refuse("error_reason_invalid", place=place, fault=fault)
    for index, rnd in enumerate(session.rounds[:-1]):  # only the last can be under way
        if not rnd.finished:
            fault = Msg("fault_round_not_last", {})
            raise refuse("error_reason_invalid", place=f"rounds[{index}].finished", fault=fault)
    return session


def _scores(session: Session) -> Iterator[tuple[str, int | None]]:
    """Every rating in the session with its place: the partners' and each round's."""
    for index, partner in enumerate(session.partners):
        for axis in ("interest", "influence"):
            yield f"partners[{index}].{axis}", getattr(partner, axis)
    for index, rnd in enumerate(session.rounds):
        for partner_id, score in rnd.scores.items():
            for axis in ("interest", "influence"):
                yield f"rounds[{index}].scores.{partner_id}.{axis}", getattr(score, axis)


@dataclass
class Listed:
    """One file in the sessions folder: its session, or why it could not be read."""

    path: Path
    session: Session | None
    error: SessionError | None
    mtime: float
    stamp: tuple[int, ...] | None = None  # the file's identity when it was read
    digest: bytes = b""  # of the bytes read

    @property
    def changed(self) -> dt.datetime:
        if self.session is not None:
            return not_ahead(self.session.updated, self.mtime)
        return dt.datetime.fromtimestamp(self.mtime).astimezone()

    @property
    def too_big(self) -> Msg | None:
        """Why the file was not read when it is over the size limit (its size and the limit)."""
        return too_big(self.error)


def not_ahead(updated: dt.datetime, mtime: float) -> dt.datetime:
    """When a session changed, for ordering and the default: what it says (`updated`), but
    never later than its file was written; one saying `updated: 2099-…` (an imported file),
    a time still to come, counts as the oldest: it never tops the list or becomes the session
    used when none is named."""
    written = dt.datetime.fromtimestamp(mtime).astimezone()
    said = updated if updated.tzinfo else updated.astimezone()
    # the machine's clock, not the file's time: an archive or a sync client keeps the
    # sender's file time, which can be as far ahead as `updated`
    if said > dt.datetime.now().astimezone() + FUTURE_SLACK:  # a time to come:
        return dt.datetime.min.replace(tzinfo=dt.UTC)  # last, never first
    return min(said, written)


FUTURE_SLACK = dt.timedelta(days=1)  # clocks of colleagues' machines differ a little


def too_big(error: SessionError | None) -> Msg | None:
    """The size and the limit, if `error` says a session file is over the size limit."""
    if error is not None and error.msg.key == TOO_BIG:
        return error.msg
    return None


TOO_BIG = "error_session_too_big"


def is_copy(path: Path, conflict_word: str = "conflict") -> bool:
    """Does the file's name say it is a sync client's conflict copy, or this program's own?

    OneDrive: `navn-DESKTOP-AB12.yaml`, `navn-HOSTNAME.yaml` (a computer's name in capitals,
    which a session's own file name never has); Dropbox: `navn (Mettes konflikt 2026-12-01).yaml`,
    `navn (conflicted copy).yaml`; Nextcloud: `navn (conflicted copy 2026-12-01 101010).yaml`;
    this program: `navn.konflikt-20261201-101010.yaml` (`conflict_word`, the content's)."""
    stem = path.stem
    words = {"conflict", "conflicted", slug(conflict_word)} - {FALLBACK_SLUG}
    said = "|".join(re.escape(w) for w in sorted(words))
    if re.search(rf"\((?:[^()]*\s)?(?:{said})\b[^()]*\)\s*$", stem, re.IGNORECASE):
        return True
    if re.search(rf"\.(?:{said})-\d{{8}}-\d{{6}}$", stem):
        return True
    return re.search(r"-[A-Z0-9]*[A-Z][A-Z0-9-]*$", stem) is not None


def competing(entries: Sequence[Any], name_of: Callable[[Any], str | None]) -> dict[str, list[Any]]:
    """The entries whose session names look the same (`lookalike.seen`: case, Unicode form,
    invisible characters and look-alike letters aside), by that key: files that compete for
    one session (a sync client's copy, a copy made by hand) or pass for one (an imported
    look-alike); each is shown with its file's name."""
    groups: dict[str, list[Any]] = {}
    for entry in entries:
        name = name_of(entry)
        if name is not None:
            groups.setdefault(seen(name), []).append(entry)
    return {key: group for key, group in groups.items() if len(group) > 1}


class Store:
    """The sessions folder. Loading never writes; saving replaces the file atomically."""

    def __init__(
        self,
        home: Path,
        now: Callable[[], dt.datetime],
        conflict_word: str = "conflict",
        scale: range | None = None,
    ) -> None:
        self.folder = home / "sessions"
        self.copies = home / "cache" / "sessions"  # validated copies of large files (JSON)
        self.now = now
        self.conflict_word = conflict_word
        self.scale = scale  # the guide's rating scale: a rating outside it is refused
        # A digest of each file as this store last read or wrote it: a save refuses to
        # overwrite a file that has changed on disk since.
        self._known: dict[Path, bytes] = {}
        # The session read while finding one (by name, or the newest), with the file's
        # identity then and its digest: `load` hands it out once, so a command that names
        # its session reads the file once.
        self._read: dict[Path, tuple[tuple[int, ...] | None, bytes, Session]] = {}
        # The text of each partner, plan and round as last saved: a save dumps what changed.
        self._dumper = Dumper()
        # Whether JSON gives back each file's session as it is (its validated copy was read or
        # made; see `serial.copy_of`): a save then keeps a copy without reading it back.
        self._json_ok: dict[Path, bool] = {}

    def path_for(self, name: str) -> Path:
        """The file of the session called `name`, or the file a new one of that name gets.

        Its readable slug (`faellesspisning-i-nordby.yaml`), unless that file holds a session
        of another name (`Faelles` and `Fælles`) or the slug kept nothing of the name (`Фонд`):
        then the slug and a short hash of the name, so different names never share a file.
        """
        base, digest = slug(name), name_hash(name)
        candidates = [] if base == FALLBACK_SLUG else [self.folder / (base + SUFFIX)]
        candidates += [self.folder / f"{base}-{digest[:n]}{SUFFIX}" for n in (6, 12, 64)]
        for candidate in candidates:  # the file that holds this name, wherever it went
            if self._holds(candidate, name):
                return candidate
        for candidate in candidates:  # one too big to read may be it: never a second file
            self._refuse_if_too_big(candidate)
        for candidate in candidates:  # else the first free one
            if not (candidate.exists() or candidate.is_symlink()):
                return candidate
        return candidates[-1]

    def _holds(self, path: Path, name: str) -> bool:
        """Is the file there, a session, and called `name`? (What it read, `load` reuses.)"""
        if not path.exists():
            return False
        try:
            return same_name(self._peek(path).name, name)
        except SessionError:
            return False

    def _refuse_if_too_big(self, path: Path) -> None:
        try:
            yamlio.check_size(path)
        except yamlio.YamlError as exc:
            raise SessionError(TOO_BIG, path=path, **exc.msg.params) from None
        except OSError:
            return

    def _peek(self, path: Path) -> Session:
        """The session in the file, read once however often it is asked for until `load`."""
        kept = self._read.get(path)
        if kept is not None and _unchanged(path, kept[0]):
            return kept[2]
        stamp = _identity(path)  # before reading: a change after it is seen as a change
        digest, session = self._load(path)
        self._read = {path: (stamp, digest, session)}  # one at a time
        return session

    def load(self, path: Path) -> Session:
        kept = self._read.pop(path, None)
        if kept is not None and _unchanged(path, kept[0]):
            self._known[path] = kept[1]
            return kept[2]
        digest, session = self._load(path)
        self._known[path] = digest
        return session

    def _load(self, path: Path, keep: bool = True) -> tuple[bytes, Session]:
        """The file's digest and its session, or a SessionError saying why not. A large
        file is read from its validated copy if it has one (and, with `keep`, the copy's note
        of where each part stands primes the next save); else one is kept, with `keep` (not
        while listing: a thousand files are not about to be loaded again one by one)."""
        try:
            raw = yamlio.read_bytes(path)
            digest = _digest(raw)
            if len(raw) >= COPY_FROM:
                session = self._from_copy(path, raw, digest, keep)
                if session is not None:  # a copy refused here is only ignored: the file decides
                    with contextlib.suppress(SessionError):
                        session = checked(session, path, self.scale)
                        self._json_ok[path] = True  # it came from JSON
                        return digest, session
            data = yamlio.loads(raw)
        except yamlio.YamlError as exc:
            if exc.msg.key == "yaml_big":
                raise SessionError(TOO_BIG, path=path, **exc.msg.params) from None
            raise SessionError("error_session_unreadable", path=path, reason=exc.msg) from None
        except OSError as exc:
            err = SessionError("error_session_unreadable", path=path, reason=os_detail(exc))
            raise folders.denied(err, exc, path.parent) from None
        session = from_data(data, path, self.scale)
        self._json_ok.pop(path, None)  # not known for what the YAML held
        if keep and len(raw) >= COPY_FROM:
            self._keep_copy(path, digest, session)
        return digest, session

    def _copy_path(self, path: Path) -> Path:
        return copy_path(self.copies, path)

    def _from_copy(self, path: Path, raw: bytes, digest: bytes, prime: bool) -> Session | None:
        """The session of the file with `digest` from its validated copy, if there is one
        this user made (owned by them, writable by no one else, a regular file); a copy is
        only a cache, read as hostile: anything else, and it is not used. With `prime`, the
        parts' text is taken from the file where the copy says they stand."""
        copy = read_copy(self._copy_path(path))
        found = None if copy is None else copy_parts(copy, digest)
        if found is None:
            return None
        session, spans = found
        if prime and spans is not None:
            with contextlib.suppress(UnicodeDecodeError):
                self._dumper.prime(session, raw.decode("utf-8"), spans)
        return session

    def drop_copy(self, path: Path) -> None:
        """The session's validated copy goes with it (a deleted session leaves nothing)."""
        with contextlib.suppress(OSError):
            self._copy_path(path).unlink()

    def _keep_copy(
        self, path: Path, digest: bytes, session: Session, spans: Spans | None = None
    ) -> None:
        """Keep a validated copy of a large file's session for the next load (where it can
        be written: else the program goes without). Read back first unless JSON is known to
        give this file's session back (`_json_ok`)."""
        data = copy_of(session, digest, spans, checked=not self._json_ok.get(path, False))
        if data is None:
            self._json_ok[path] = False
            self.drop_copy(path)  # one for older bytes would only be read to be refused
            return
        self._json_ok[path] = True
        keep_copy(self._copy_path(path), data)

    def save(self, session: Session, path: Path | None = None) -> Path:
        """Write the session: temp file in the same folder, fsync, rename. Mode 0600."""
        path = path or self.path_for(session.name)
        session.updated = self.now()
        with _no_collection():
            data = self._dumper.dumps(session).encode("utf-8")
        if len(data) > yamlio.MAX_BYTES:  # never write what cannot be read back
            raise SessionError("error_session_too_big_to_save", path=path, size=yamlio.MAX_MB)
        if path.parent == self.folder:
            self.refuse_if_open()
        with signals.held():  # written and noted whole: a Ctrl-C waits for the end of it
            try:
                if not path.parent.exists():
                    folders.make_folder(path.parent)
                if path.exists() and not os.access(path, os.W_OK):
                    # replacing would work (the folder is writable), but the user made it
                    # read-only
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
                self._refuse_if_changed(path, data)
                # A link (e.g. to a shared folder) stays a link: the file it points to is
                # replaced.
                target = Path(os.path.realpath(path)) if path.is_symlink() else path
                atomic_write(target, data)
            except OSError as exc:
                err = SessionError("error_session_write", path=path, detail=os_detail(exc))
                raise folders.denied(err, exc, path.parent) from None
            self._known[path] = _digest(data)
            self._read.pop(path, None)
        _remove_stale_temps(target)
        if len(data) < COPY_FROM:  # grown small again: no copy of what it held before
            self.drop_copy(path)
        elif self._json_ok.get(path) is not False:  # the next load reads it, not the YAML
            self._keep_copy(path, self._known[path], session, self._dumper.spans)
        return path

    def _refuse_if_changed(self, path: Path, data: bytes) -> None:
        """Someone else changed the file since we read it: keep both versions, then stop."""
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            if path in self._known:  # it was read, and is gone: deleted or moved by hand
                copy = self._copy_beside(path, data)
                raise SessionError("error_session_gone", path=path, copy=copy) from None
            return
        if _digest(current) == self._known.get(path):
            return
        copy = self._copy_beside(path, data)
        raise SessionError("error_session_conflict", path=path, copy=copy)

    def _copy_beside(self, path: Path, data: bytes) -> Path:
        """Keep what was to be saved in a copy beside `path` (`navn.konflikt-<time>.yaml`)."""
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        # the word comes from the content file: only through the slug, like a session's name
        copy = path.with_name(f"{path.stem}.{slug(self.conflict_word)}-{stamp}{path.suffix}")
        atomic_write(copy, data)
        return copy

    def refuse_if_open(self) -> None:
        """A sessions folder another user could change (`folders.open_to_others`) is not
        used: its sessions could have been swapped, and new ones would be theirs to read."""
        if folders.open_to_others(self.folder):
            raise SessionError("error_sessions_folder_open", path=self.folder)

    def listing(self) -> list[Listed]:
        """Every session file, newest first; unreadable ones included with their error."""
        self.refuse_if_open()
        try:
            paths = [p for p in self.folder.iterdir() if p.suffix == SUFFIX]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise self.folder_error(exc) from None
        entries = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                info = path.stat()
                mtime, stamp = info.st_mtime, _stamp(info)
            except OSError:
                mtime, stamp = 0.0, None
            try:
                digest, session = self._load(path, keep=False)
                entries.append(Listed(path, session, None, mtime, stamp, digest))
            except SessionError as exc:
                entries.append(Listed(path, None, exc, mtime))
        entries.sort(key=lambda e: e.changed, reverse=True)
        return entries

    def readable(self) -> list[Listed]:
        """The sessions that load, newest first."""
        return [e for e in self.listing() if e.session is not None]

    def _keep(self, entry: Listed) -> None:
        """The session a listing found is the one `load` hands out next (if unchanged)."""
        if entry.session is not None and entry.stamp is not None:
            self._read = {entry.path: (entry.stamp, entry.digest, entry.session)}

    def resolve(self, ref: str | None, partial: bool = False) -> Path:
        """The file for a session name or path; None means the most recently changed one.
        With `partial`, a part of one name only (`fællesspisning`) will do too."""
        try:
            return self._resolve(ref, partial)
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise SessionError("error_session_not_found", name=ref) from None
            raise self.folder_error(exc) from None

    def _refuse_copies_of(self, path: Path, name: str) -> None:
        """The session's own file is found: a sync client's copy of it beside it holding the
        same name competes with it (found by the file names alone, without reading them all)."""
        try:
            names = [p for p in self.folder.iterdir() if p.suffix == SUFFIX and p != path]
        except OSError:
            return
        word = self.conflict_word
        rivals = [path]
        for copy in [p for p in names if p.stem.startswith(path.stem) and is_copy(p, word)]:
            with contextlib.suppress(SessionError):
                if same_name(self._load(copy, keep=False)[1].name, name):
                    rivals.append(copy)
        if len(rivals) > 1:
            raise _compete([Listed(p, None, None, _mtime(p)) for p in rivals], name)

    def folder_error(self, exc: OSError) -> SessionError:
        """The sessions folder cannot be read: named as a folder, with what to ask IT."""
        err = SessionError("error_sessions_folder_unreadable", path=self.folder,
                           reason=os_detail(exc))  # fmt: skip
        return folders.denied(err, exc, self.folder)

    def _resolve(self, ref: str | None, partial: bool) -> Path:
        self.refuse_if_open()
        if ref is None:
            readable = self.readable()
            if not readable:
                raise SessionError("error_no_sessions")
            entry = default_entry(readable)
            self._keep(entry)
            return entry.path
        as_path = Path(ref).expanduser()
        if (os.sep in ref or "/" in ref or ref.endswith((SUFFIX, ".yml"))) and (
            as_path.exists() or as_path.is_symlink()
        ):
            return as_path
        in_folder = self.folder / ref  # a file of the folder by its name: `nordby (kopi).yaml`
        if ref.endswith(SUFFIX) and Path(ref).name == ref and in_folder.is_file():
            return in_folder
        by_name = self.path_for(ref)
        if self._holds(by_name, ref):
            self._refuse_copies_of(by_name, ref)
            return by_name
        by_file = self.folder / f"{ref}{SUFFIX}"  # the file's own name: `nordby-2026`
        if slug(ref) == ref and (by_file.exists() or by_file.is_symlink()):
            return by_file
        listed = self.listing()
        readable = [e for e in listed if e.session is not None]
        same = [e for e in readable if e.session is not None and same_name(e.session.name, ref)]
        if len(same) > 1:
            raise _compete(same, ref)
        for entry in same:  # a file named otherwise, e.g. in a shared folder
            self._keep(entry)
            return entry.path
        part = fold(ref)  # a part as people type it: "lektiecafe" finds "Lektiecafé Sydby"
        if partial and part:  # (a name of no letters at all is a part of no name)
            found = [e for e in readable if e.session and part in fold(e.session.name)]
            begun = [e for e in found if e.session and not e.session.is_empty()]
            if len(found) == 1 or len(begun) == 1:  # an empty namesake is not a second choice
                self._keep((begun or found)[0])
                return (begun or found)[0].path
            keys = {name_key(e.session.name) for e in found if e.session}
            if len(keys) == 1:  # one session in several files: which files, not its name again
                raise _compete(found, found[0].session.name if found[0].session else ref)
            if found:
                both = ", ".join(_with_file(e, found) for e in found if e.session)
                raise SessionError("error_session_ambiguous", name=ref, names=both)
        # a file too big to read whose name is that of the session, or holds the part asked
        # a file too big to read, or one this user may not read (a colleague's, 0600), whose
        # name is that of the session or holds the part asked: its own error names the file
        big = [e for e in listed if e.too_big is not None or _denied(e.error)]
        wanted = slug(ref)
        for entry in big if wanted != FALLBACK_SLUG else []:
            stem = entry.path.stem
            if stem == wanted or stem.startswith(wanted + "-") or (partial and wanted in stem):
                if entry.too_big is None and entry.error is not None:
                    raise entry.error
                raise SessionError(TOO_BIG, **entry.too_big.params)  # type: ignore[union-attr]
        err = SessionError("error_session_not_found", name=ref)
        names = sorted((_with_file(e, readable) for e in readable if e.session is not None),
                       key=alphabetical)  # fmt: skip
        if names:
            err.details.append(Msg("error_session_names", {"names": listed_words(names)}))
        else:
            err.details.append(Msg("error_no_sessions"))
        raise err


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The garbage collector off while a save makes its many short-lived objects (the wizard
    turns it on; collecting among them cost a save 10-20 %)."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# A file this large or larger is read from its validated copy when it has one (a smaller one
# is parsed about as fast as its copy is read); the copies kept, and their size at most.
COPY_FROM = 32 * 1024
COPY_KEPT = 100
COPY_MAX = 8 * yamlio.MAX_BYTES


def copy_path(folder: Path, path: Path) -> Path:
    """Where the validated copy of the file at `path` is kept in `folder`."""
    import hashlib

    where = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return folder / (hashlib.sha256(where).hexdigest()[:32] + ".json")


def read_copy(copy: Path) -> bytes | None:
    """A validated copy's bytes, if it is one this user made (owned by them, writable by no
    one else, a regular file); anything else, and None."""
    try:
        info = copy.lstat()
        if not stat.S_ISREG(info.st_mode) or not ours(info):
            return None
        return yamlio.read_bytes(copy, COPY_MAX)
    except (OSError, yamlio.YamlError):
        return None


def keep_copy(copy: Path, data: bytes) -> None:
    """Keep a validated copy where it can be written (its folder and the one above made 0700,
    real folders of this user's; never over a link); else the program goes without."""
    if len(data) > COPY_MAX or not copy.parent.parent.parent.is_dir():
        return  # nor before the data folder is there: a first `compare` makes no folder
    with contextlib.suppress(OSError):
        for folder in (copy.parent.parent, copy.parent):  # each made 0700 (not umask's)
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if not own_folder(folder):  # a link or a folder another may change: no copy
                return
        if copy.is_symlink() or (copy.exists() and not copy.is_file()):
            return  # not ours to replace
        # names and phones: this user's alone; a cache, read as hostile: not synced
        atomic_write(copy, data, private=True, durable=False)
        _prune(copy.parent)


_COPY_NAME = re.compile(r"[0-9a-f]{32}\.json")


def _prune(folder: Path) -> None:
    """The newest COPY_KEPT copies stay; older ones (of files gone, or not loaded for long)
    go. Only the program's own copies (their names, regular files) are ever removed."""
    with contextlib.suppress(OSError):
        if not own_folder(folder):
            return
        found = [
            (e.stat(follow_symlinks=False).st_mtime, e.path)
            for e in os.scandir(folder)
            if _COPY_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False)
        ]
        for _, old in sorted(found, reverse=True)[COPY_KEPT:]:
            with contextlib.suppress(OSError):
                os.unlink(old)


def _denied(error: SessionError | None) -> bool:
    """Could the file not be read because this user may not?"""
    reason = error.msg.params.get("reason") if error is not None else None
    return isinstance(reason, Msg) and reason.key == "os_eacces"


def _compete(entries: Sequence[Listed], name: str) -> SessionError:
    """One session's name in several files: the files, newest first."""
    ordered = sorted(entries, key=lambda e: e.mtime, reverse=True)
    files = ", ".join(e.path.name for e in ordered)
    return SessionError("error_session_files_compete", name=name, files=files,
                        example=ordered[0].path.name)  # fmt: skip


def _with_file(entry: Listed, found: Sequence[Listed]) -> str:
    """A session's name; with its file's name where another file holds the same name."""
    name = entry.session.name if entry.session is not None else entry.path.name
    twins = [e for e in found if e.session is not None and seen(e.session.name) == seen(name)]
    return f"{name} ({entry.path.name})" if len(twins) > 1 else name


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written or replaced (a save gives a new inode)."""
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        return _stamp(path.stat())
    except OSError:
        return None


def _unchanged(path: Path, stamp: tuple[int, ...] | None) -> bool:
    return stamp is not None and _identity(path) == stamp


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def default_entry(readable: list[Listed]) -> Listed:
    """The session used when none is named: the newest one with anything in it (a session
    only named, e.g. by mistake, never becomes the default), else the newest."""
    return next((e for e in readable if e.session and not e.session.is_empty()), readable[0])


def atomic_write(path: Path, data: bytes, private: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` all at once: a crash leaves the old file or the new one.

    The file keeps the mode and group of the file it replaces; a new one is readable by its
    owner alone (0600), or in a team folder by the folder's group too (0660, see `folders`).
    `private`: 0600 whatever the folder. `durable=False`: not waited for on the disk (a
    cache: after a power cut it may be gone or cut short, and is then not used). Raises
    OSError; no temporary file is left.
    """
    import tempfile  # only when writing: it costs list and summary a few milliseconds

    mode, group = (folders.PRIVATE_FILE, None) if private else folders.file_mode(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            folders.apply(fd, mode, group)
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        _fsync_folder(path.parent)
    sweep_stale_temps(path)


# The program's own temporary files end so: one left by a process killed while writing
# (SIGKILL, a power cut) is recognised and removed the next time it writes to that folder.
TEMP_SUFFIX = ".samarbejde.tmp"
STALE_AFTER = 24 * 3600.0  # seconds: no write of ours takes a day


def sweep_stale_temps(path: Path) -> None:
    """Remove this program's temporary files in `path`'s folder that are older than a day:
    any ending in TEMP_SUFFIX, and those of `path` itself from before that suffix."""
    import time

    cutoff = time.time() - STALE_AFTER
    folder = path.parent
    patterns = (f".*{TEMP_SUFFIX}", f".{glob_escape(path.name)}*.tmp")
    for pattern in patterns:
        for tmp in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if tmp.is_file() and not tmp.is_symlink() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()


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
    """Make the rename itself durable. Windows cannot open a folder; its rename is
    written through by the file system, so there is nothing to do there."""
    if os.name == "nt":
        return
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
