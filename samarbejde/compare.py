"""Two sides of the same table: a kommune's and a forening's sides laid side by side.

A side is a session or a share file (`share`). The comparison says who sits at the table,
step 1 side by side and the words both use, the actors both know (names matched after
folding case, accents, dashes, spaces and common suffixes; matches by hand added), those
only one knows, where each places the other, the checklist, and talking points in the
guide's words. Pure data and logic, apart from `load_side`, which finds and reads a side.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import share as shares
from . import store as stores
from .content import Guide
from .env import Env
from .errors import SessionError, UsageError
from .ids import QUADRANT_ORDER
from .model import Session
from .names import fold
from .share import Share

# Words that end many organisations' names and that people leave out or bend: "Nordby
# Idrætsforening" and "Nordby Idrætsforeningen" are one actor. Each ending is bent to its
# bare form; a bare word of these alone is dropped when something else is left.
_ENDINGS = (
    ("foreningerne", "forening"),
    ("foreningen", "forening"),
    ("foreninger", "forening"),
    ("klubben", "klub"),
    ("centeret", "center"),
    ("centret", "center"),
    ("kommunen", "kommune"),
    ("selskabet", "selskab"),
    ("fonden", "fond"),
)
_DROPPED = frozenset({"forening", "klub", "center", "a s", "aps", "a/s"})
_WORD = re.compile(r"\w+")
SHOWN_NAMES = 10  # names in one talking point before "og N flere"


def match_key(name: str) -> str:
    """A key for matching actors across the two sides: `names.fold`, then the common
    suffixes ("foreningen" → "forening") bent, and a lone "forening" left out."""
    words = fold(name).split()
    bent = []
    for word in words:
        for ending, bare in _ENDINGS:
            if word.endswith(ending):
                word = word[: len(word) - len(ending)] + bare
                break
        bent.append(word)
    kept = [w for w in bent if w not in _DROPPED]
    return " ".join(kept or bent)


# -- a side --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    brings: str
    quadrant: str | None
    interest: int | None
    influence: int | None


@dataclass(frozen=True)
class Side:
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
    )


SHARES_FOLDER = "delte"  # imported share files, beside `sessions/`


def load_side(env: Env, ref: str) -> Side:
    """A side from a path (a session file or a share file) or a name (a session, else an
    imported share file). A file is only read: never changed, never copied."""
    guide = env.guide
    path = Path(ref).expanduser()
    if (os.sep in ref or "/" in ref or ref.endswith((".yaml", ".yml"))) and (
        path.exists() or path.is_symlink()
    ):
        data = shares.read(path)
        shares.refuse_neither(data, path)
        if shares.is_share(data):
            return side_of_share(shares.from_data(data, path, guide), guide)
        return side_of_session(stores.from_data(data, path, guide.diagram.scale), guide)
    try:
        found = env.store.resolve(ref, partial=True)
    except SessionError as err:
        imported = find_imported(env, ref)
        if imported is None:
            raise err from None
        return side_of_share(shares.load(imported, guide), guide)
    return side_of_session(env.store.load(found), guide)


def find_imported(env: Env, ref: str) -> Path | None:
    """An imported share file whose session name, organisation or "name (organisation)"
    is `ref` (case, accents and dashes aside)."""
    folder = env.home / SHARES_FOLDER
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".yaml")
    except OSError:
        return None
    key = fold(ref)
    for path in paths:
        try:
            s = shares.load(path, env.guide)
        except SessionError:
            continue
        if key in (fold(s.name), fold(s.organisation), fold(f"{s.name} ({s.organisation})")):
            return path
    return None


# -- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    a: Actor
    b: Actor
    by_hand: bool = False

    @property
    def differ(self) -> bool:
        qa, qb = self.a.quadrant, self.b.quadrant
        return qa is not None and qb is not None and qa != qb


@dataclass(frozen=True)
class Placed:
    """Where one side placed the other's organisation: `actor` is None when it is not on
    that side's map; `shared` is False when that side left its actors out."""

    shared: bool
    actor: Actor | None

    @property
    def quadrant(self) -> str | None:
        return self.actor.quadrant if self.actor is not None else None


@dataclass(frozen=True)
class Point:
    kind: str  # "common", "differ", "brings"
    text: str


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    shared: list[Pair] | None  # None: a side left its actors out
    only_a: list[Actor] | None
    only_b: list[Actor] | None
    a_places_b: Placed
    b_places_a: Placed
    checklist: list[tuple[str, bool | None, bool | None]]  # (item id, a ticked?, b ticked?)
    words: list[str]  # words both use in step 1
    points: list[Point]

    @property
    def same_role(self) -> bool:
        return bool(self.a.role) and self.a.role == self.b.role


def parse_match(text: str) -> tuple[str, str]:
    """`--match "A-navn=B-navn"`: the two names, or a UsageError."""
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise UsageError("error_compare_match", value=text)
    return left.strip(), right.strip()


def pair_actors(
    a: list[Actor], b: list[Actor], by_hand: list[tuple[str, str]]
) -> tuple[list[Pair], list[Actor], list[Actor]]:
    """The actors on both maps (in A's order), and those only on A's and only on B's."""
    taken_a: dict[int, Pair] = {}
    taken_b: set[int] = set()
    for left, right in by_hand:
        ia = next((i for i, x in enumerate(a) if fold(x.name) == fold(left)), None)
        ib = next((i for i, x in enumerate(b) if fold(x.name) == fold(right)), None)
        if ia is None or ib is None:
            missing, side = (left, "A") if ia is None else (right, "B")
            raise UsageError("error_compare_match_unknown", name=missing, side=side)
        if ia not in taken_a and ib not in taken_b:
            taken_a[ia] = Pair(a[ia], b[ib], by_hand=True)
            taken_b.add(ib)
    free_b: dict[str, list[int]] = {}
    for i, actor in enumerate(b):
        if i not in taken_b:
            free_b.setdefault(match_key(actor.name), []).append(i)
    for i, actor in enumerate(a):
        if i in taken_a:
            continue
        waiting = free_b.get(match_key(actor.name))
        if waiting:
            j = waiting.pop(0)
            taken_a[i] = Pair(actor, b[j])
            taken_b.add(j)
    shared = [taken_a[i] for i in range(len(a)) if i in taken_a]
    only_a = [x for i, x in enumerate(a) if i not in taken_a]
    only_b = [x for j, x in enumerate(b) if j not in taken_b]
    return shared, only_a, only_b


def placed(side: Side, other: Side) -> Placed:
    """Where `side` placed `other`'s organisation: found by name among `side`'s actors (the
    whole organisation name, or its part before a comma: "Nordby Kommune, Ældreområdet")."""
    if side.actors is None:
        return Placed(False, None)
    names = [other.organisation, other.organisation.split(",")[0]]
    if not other.organisation.strip():  # no organisation given: the name it goes by
        names = [other.name]
    keys = {match_key(n) for n in names if n.strip()}
    found = next((x for x in side.actors if match_key(x.name) in keys), None)
    return Placed(True, found)


def _stem(word: str) -> str:
    for ending in ("erne", "ene", "er", "en", "et", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def shared_words(a: dict[str, str], b: dict[str, str], stop: set[str]) -> list[str]:
    """Words of four letters or more that both sides use in step 1, as A wrote them (a word
    with another ending is the same word: "måltiderne", "måltider")."""
    b_stems = {_stem(w) for w in _WORD.findall(fold(" ".join(b.values())))}
    out: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(fold(" ".join(a.values()))):
        stem = _stem(word)
        if len(word) >= 4 and word not in stop and stem in b_stems and stem not in seen:
            seen.add(stem)
            out.append(word)
    return out


def compare(a: Side, b: Side, guide: Guide, by_hand: Sequence[tuple[str, str]] = ()) -> Comparison:
    shared = only_a = only_b = None
    if a.actors is not None and b.actors is not None:
        shared, only_a, only_b = pair_actors(a.actors, b.actors, list(by_hand))
    elif by_hand:
        raise UsageError("error_compare_match_no_actors")
    checklist = [
        (
            item.id,
            None if a.checklist is None else a.checklist.get(item.id, (False, ""))[0],
            None if b.checklist is None else b.checklist.get(item.id, (False, ""))[0],
        )
        for item in guide.checklist
    ]
    words: list[str] = []
    if a.step1 is not None and b.step1 is not None:
        stop = set(fold(guide.texts("compare_stopwords")).split())
        words = shared_words(a.step1, b.step1, stop)
    a_places_b, b_places_a = placed(a, b), placed(b, a)
    # the other side's own organisation is no actor to ask "Kender I …?" about
    if only_a is not None:
        only_a = [x for x in only_a if x is not a_places_b.actor]
    if only_b is not None:
        only_b = [x for x in only_b if x is not b_places_a.actor]
    c = Comparison(a, b, shared, only_a, only_b, a_places_b, b_places_a, checklist, words, [])
    return replace(c, points=talking_points(c, guide))


# -- talking points, in the guide's words ---------------------------------------------------


def _names(names: list[str], guide: Guide) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    if len(names) > SHOWN_NAMES:
        shown += " " + guide.texts("compare_more", count=len(names) - SHOWN_NAMES)
    return shown


def talking_points(c: Comparison, guide: Guide) -> list[Point]:
    t = guide.texts
    q = guide.quadrant_label
    a, b = c.a.who, c.b.who
    points: list[Point] = []
    if c.words:
        points.append(Point("common", t("compare_point_words", words=", ".join(c.words))))
    for where in QUADRANT_ORDER:
        same = [p.a.name for p in c.shared or () if p.a.quadrant == where == p.b.quadrant]
        if same:
            points.append(Point("common", t("compare_point_same", quadrant=q(where),
                                            names=_names(same, guide))))  # fmt: skip
    both = [guide.item_number(i) for i, x, y in c.checklist if x and y]
    if both:
        titles = [f'"{n}. {guide.checklist[n - 1].title}"' for n in both]
        points.append(Point("common", t("compare_point_both_ticked", items=", ".join(titles))))
    differ = [p for p in c.shared or () if p.differ]
    for p in differ[:SHOWN_NAMES]:
        text = t("compare_point_differ", name=p.a.name, a=a, b=b,
                 qa=q(p.a.quadrant), qb=q(p.b.quadrant))  # fmt: skip
        points.append(Point("differ", text))
    if len(differ) > SHOWN_NAMES:  # the rest in one point: the table has each of them
        rest = [p.a.name for p in differ[SHOWN_NAMES:]]
        text = t("compare_point_differ_more", count=len(rest), names=_names(rest, guide))
        points.append(Point("differ", text))
    for who, other, index in ((a, b, 1), (b, a, 2)):
        ticked = [
            f'"{guide.item_number(row[0])}. {guide.checklist[guide.item_number(row[0]) - 1].title}"'
            for row in c.checklist
            if row[index] and row[3 - index] is False
        ]
        if ticked:
            points.append(Point("differ", t("compare_point_one_ticked", who=who, other=other,
                                            items=", ".join(ticked))))  # fmt: skip
    for who, other, seen in ((a, b, c.a_places_b), (b, a, c.b_places_a)):
        if seen.shared and seen.actor is None:
            points.append(Point("differ", t("compare_point_missing", who=who, other=other)))
    for who, other, seen in ((a, b, c.a_places_b), (b, a, c.b_places_a)):
        if seen.actor is not None and seen.actor.brings.strip():
            text = t("compare_point_brings", who=who, other=other, brings=seen.actor.brings)
            points.append(Point("brings", " ".join(text.split())))
    for who, other, only in ((a, b, c.only_a), (b, a, c.only_b)):
        if only:
            names = _names([x.name for x in only], guide)
            key = "compare_point_knows_one" if len(only) == 1 else "compare_point_knows"
            points.append(Point("brings", t(key, who=who, other=other,
                                            count=len(only), names=names)))  # fmt: skip
    return points


# -- --json ----------------------------------------------------------------------------------


def _who(side: Side) -> dict[str, Any]:
    return {"name": side.name, "organisation": side.organisation, "role": side.role or None}


def _place(actor: Actor) -> dict[str, Any]:
    return {"quadrant": actor.quadrant, "interest": actor.interest, "influence": actor.influence}


def as_json(c: Comparison) -> dict[str, Any]:
    """The fixed shape documented in the README."""
    shared = None
    if c.shared is not None:
        shared = [
            {"name_a": p.a.name, "name_b": p.b.name, "a": _place(p.a), "b": _place(p.b),
             "differ": p.differ}
            for p in c.shared
        ]  # fmt: skip
    return {
        "a": _who(c.a),
        "b": _who(c.b),
        "shared": shared,
        "only_a": None if c.only_a is None else [x.name for x in c.only_a],
        "only_b": None if c.only_b is None else [x.name for x in c.only_b],
        "each_other": {"a_places_b": c.a_places_b.quadrant, "b_places_a": c.b_places_a.quadrant},
        "checklist": [{"id": i, "a": x, "b": y} for i, x, y in c.checklist],
        "talking_points": [{"kind": p.kind, "text": p.text} for p in c.points],
    }
