"""The session as YAML text: `to_data`, the plain data a session file holds (each post-it, log
line and round score on one line), and `Dumper`, which writes that data reusing the text of
each partner, outreach plan and round a save did not change.

Every answer saves the whole file, and PyYAML's representer and emitter cost about a
millisecond a partner; an answer changes one or two of them. `Dumper` keeps the text of each
part by its value (the part's `model_dump`, pickled: a key that tells `1` from `True` and a
date from its text) and dumps only the parts whose value it has not seen. The file is the one
a plain `yamlio.dumps(to_data(session))` writes, byte for byte
(`tests/sessions/test_save_text.py` checks it on fixtures and random sessions): a part is
dumped on its own and put in its place, which PyYAML's block style makes the same text
(a partner and a round are lines of the top-level sequence under their key, a plan a mapping
two spaces in). Where that would not hold, the whole file is dumped as before: a part whose
text ends a YAML document (`...`, after a text ending in line breaks) or has a line long enough
to be wrapped.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from samarbejde.base import yamlio
from samarbejde.sessions.model import Session

# A part this long could hold a line near the dumper's width, where its place would change
# how it is wrapped: such a session is dumped whole.
_LONGEST_PART = 500_000
_OPEN_ENDED = "\n...\n"


def to_data(session: Session) -> dict[str, Any]:
    """The session as plain YAML-ready data; each post-it, log entry and round score on one line.
    Dates and times stay themselves (YAML has them); unknown keys go back as they came."""
    data: dict[str, Any] = session.model_dump()
    data["partners"] = [_partner(p) for p in data["partners"]]
    for plan in data["outreach"].values():
        _plan(plan)
    for rnd in data["rounds"]:
        _round(rnd)
    _rest(data)
    return data


def _partner(partner: dict[str, Any]) -> yamlio.FlowMap:
    return yamlio.FlowMap(partner)


def _plan(plan: dict[str, Any]) -> dict[str, Any]:
    """A plan's log lines each on one line, without an empty writer (as older files have it)."""
    plan["log"] = [yamlio.FlowMap(_without_empty_writer(e)) for e in plan["log"]]
    return plan


def _without_empty_writer(entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("by") == "":
        del entry["by"]
    return entry


def _round(rnd: dict[str, Any]) -> dict[str, Any]:
    """A partner's two scores in a round on one line; what loading fills in left out."""
    rnd["scores"] = {pid: yamlio.FlowMap(score) for pid, score in rnd["scores"].items()}
    for field, empty in _ROUND_DEFAULTS:
        if field in rnd and rnd[field] == empty and type(rnd[field]) is type(empty):
            del rnd[field]
    if not rnd["agreement"]:  # a round before there was an agreement says nothing of it
        del rnd["agreement"]
    return rnd


# A round's fields that loading fills in when they are missing: written only when set, so the
# program's own save stays about the size of the file it read (a file of 12,000 short rounds
# grew from 444 KB to 1.4 MB, past what it reads back).
_ROUND_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("ticked", []),
    ("scores", {}),
    ("note", ""),
    ("next_evaluation", None),
    ("reviewed", None),
    ("skipped", []),
)


def _rest(data: dict[str, Any]) -> None:
    """The session's other fields, in place: what says nothing is not written."""
    if not data["written_by"]:  # nothing to say: the file stays as it was
        del data["written_by"]
    else:
        data["written_by"] = {k: yamlio.FlowMap(v) for k, v in data["written_by"].items()}
    for field in "same_names", "table_columns":  # none yet: loading fills them in
        if data.get(field) == {}:
            del data[field]
    for field in ("agreement", "our_contact", "completed_on"):  # None: never drafted, asked, done
        if data[field] is None:
            del data[field]


# The parts whose text is kept: lists of one line or block per item, and mappings of a block
# per key; how each item is made ready for YAML.
_LISTS: dict[str, Callable[[dict[str, Any]], Any]] = {"partners": _partner, "rounds": _round}
_MAPS: dict[str, Callable[[dict[str, Any]], Any]] = {"outreach": _plan}


class Dumper:
    """Dumps sessions, keeping the text of each partner, plan and round of the last dump."""

    def __init__(self) -> None:
        self._texts: dict[str, dict[bytes, str]] = {field: {} for field in (*_LISTS, *_MAPS)}
        # Where the last dump's parts stand in its text (`Spans`), None if it was dumped whole.
        self.spans: Spans | None = None
        self._primed: tuple[dict[str, Any], str, Spans] | None = None  # see `prime`

    def dumps(self, session: Session) -> str:
        """The text `yamlio.dumps(to_data(session))` gives, from the parts that changed."""
        self._take()
        data: dict[str, Any] = session.model_dump()
        kept = {field: data[field] for field in self._texts if data.get(field)}
        _rest(data)
        texts = {field: dict[bytes, str]() for field in self._texts}
        spans: Spans = {}
        parts: list[str] = []
        at = 0  # where the next part starts in the text
        plain: dict[str, Any] = {}
        for field, value in data.items():
            if field not in kept:
                plain[field] = value
                continue
            if plain:
                parts.append(yamlio.dumps(plain))
                at += len(parts[-1])
                plain = {}
            parts.append(f"{field}:\n")
            at += len(parts[-1])
            spans[field] = sizes = [at]
            old, new = self._texts[field], texts[field]
            items = value.items() if field in _MAPS else enumerate(value)
            for name, item in items:
                ident = _ident(field, name, item)
                text = new.get(ident) or old.get(ident)
                if text is None:
                    text = _part(field, name, item)
                if text is None:  # this part cannot stand alone: the whole file at once
                    return self._whole(session)
                new[ident] = text
                parts.append(text)
                sizes.append(len(text))
                at += len(text)
        if plain:
            parts.append(yamlio.dumps(plain))
        if not all(_alone(p) for p in parts[:-1]):  # only the last part may end the file
            return self._whole(session)
        self._texts, self.spans = texts, spans
        return "".join(parts)

    def _whole(self, session: Session) -> str:
        self._texts = {field: {} for field in self._texts}
        self.spans = None
        return yamlio.dumps(to_data(session))

    def prime(self, session: Session, text: str, spans: Spans) -> None:
        """Take the parts' text from a file this dumper's kind wrote (`text`, with the `spans`
        it noted then) for `session`, the session that file holds: the next dump writes only
        what changed since. The session's parts are noted now, as they are (~10 ms near
        1 MB), and matched with the text at the next dump (`_take`), so that a command that
        only reads pays little."""
        self._primed = (session.model_dump(include=set(spans)), text, spans)

    def _take(self) -> None:
        """The primed parts' text, where the spans fit the parts and the text (else none)."""
        if self._primed is None:
            return
        data, text, spans = self._primed
        self._primed = None
        texts: dict[str, dict[bytes, str]] = {field: {} for field in self._texts}
        for field, sizes in spans.items():
            value = data.get(field)
            if field not in texts or not value:  # spans are noted for parts that are there
                return
            items = list(value.items() if field in _MAPS else enumerate(value))
            if len(sizes) != len(items) + 1:
                return
            at = sizes[0]
            for (name, item), size in zip(items, sizes[1:], strict=True):
                part = text[at : at + size]
                if len(part) != size or not _is_part(field, name, item, part):
                    return
                texts[field][_ident(field, name, item)] = part
                at += size
        self._texts = texts


def _is_part(field: str, name: Any, item: dict[str, Any], part: str) -> bool:
    """Could `part` be the text of this item: whole lines, where a part starts, naming the
    item where its text names it (a partner's id, a plan's key)?"""
    if not part.endswith("\n"):
        return False
    if field == "partners":
        return part.startswith((f"- {{id: {item.get('id')}, ", f"- {{id: {item.get('id')}}}"))
    if field in _MAPS:
        return part.startswith(f"  {name}:")
    return part.startswith("- ")


# Where each partner, plan and round stands in a file's text: for each such field, the first
# part's offset, then each part's length (in characters), in the session's order.
Spans = dict[str, list[int]]


def _ident(field: str, name: Any, item: dict[str, Any]) -> bytes:
    """A part's value as a key (pickled: it tells `1` from `True` and a date from its text;
    never unpickled, only compared). Taken before `_part` makes the item ready for YAML."""
    return pickle.dumps((name, item) if field in _MAPS else item, 5)


def _part(field: str, name: Any, item: dict[str, Any]) -> str | None:
    """One part's text as it stands in the file: a list's item at the margin, a mapping's
    entry two spaces in (a line inside a `|` text keeps its own indent: none where it is
    empty); None if the part cannot be dumped on its own."""
    if field in _LISTS:
        text = yamlio.dumps([_LISTS[field](item)])
        return text if _alone(text) else None
    text = yamlio.dumps({name: _MAPS[field](item)})
    if not _alone(text):
        return None
    return "".join(f"  {line}" if line != "\n" else line for line in text.splitlines(True))


def _alone(text: str) -> bool:
    """Does the text read the same inside the file: it does not end the document (`...`)
    and is too short for a line of it to be wrapped at another column?"""
    return not text.endswith(_OPEN_ENDED) and len(text) <= _LONGEST_PART


# -- the validated copy: a session file's session as JSON ---------------------------------------

# Loading a session file is mostly PyYAML building Python objects (0.36 s at 2,000 partners);
# pydantic reads the same session from JSON in a twentieth of that. The copy names the
# program, the schema and the digest of the file it was made from: it stands for that file's
# bytes only, read by this program's version. A copy kept when the program saved the file also
# says where each partner, plan and round stands in it (`Spans`): the next process's first save
# then dumps only what changed (`Dumper.prime`), as every later save does.
_COPY = "samarbejde-copy 2"


def copy_of(
    session: Session, digest: bytes, spans: Spans | None = None, checked: bool = True
) -> bytes | None:
    """The session as a copy for the file with `digest`; None where JSON would not give back
    the same session (unknown keys holding dates, keys that are numbers, a lone surrogate).
    `checked=False`: the session is known to come back the same (it was read from a copy, or
    one was made of it, and the program changes only its typed fields): not read back (a
    tenth of a second near 1 MB)."""
    import json

    try:
        body = session.model_dump_json().encode("utf-8")
        if checked and Session.model_validate_json(body) != session:
            return None
    except ValueError:
        return None
    where = json.dumps(spans, separators=(",", ":")).encode("ascii")
    return _copy_head(digest) + where + b"\n" + body


def from_copy(raw: bytes, digest: bytes) -> Session | None:
    """The session in a copy made for the file with `digest`, validated as any session is;
    None if the copy is for other bytes, another version, or not a session."""
    found = copy_parts(raw, digest)
    return None if found is None else found[0]


def copy_parts(raw: bytes, digest: bytes) -> tuple[Session, Spans | None] | None:
    """`from_copy`, and where the parts stand in the file if the copy says so (checked as
    hostile: only a map of the kept fields to whole numbers; `Dumper.prime` checks the rest)."""
    import json

    head = _copy_head(digest)
    if not raw.startswith(head):
        return None
    end = raw.find(b"\n", len(head))
    if end < 0:
        return None
    try:
        spans = json.loads(raw[len(head) : end])
        session = Session.model_validate_json(raw[end + 1 :])
    except (ValueError, RecursionError):
        return None
    return session, spans if _spans(spans) else None


def _spans(found: object) -> bool:
    """Is this, read from a copy, spans as `Dumper.dumps` notes them?"""
    return isinstance(found, dict) and all(
        field in (*_LISTS, *_MAPS)
        and isinstance(sizes, list)
        and sizes
        and all(type(n) is int and n >= 0 for n in sizes)
        for field, sizes in found.items()
    )


def _copy_head(digest: bytes) -> bytes:
    from samarbejde.base.version import VERSION
    from samarbejde.sessions.model import SCHEMA_VERSION

    return f"{_COPY} {VERSION} {SCHEMA_VERSION} {digest.hex()}\n".encode("ascii")
