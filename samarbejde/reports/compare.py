"""Two sides of the same table: a kommune's and a forening's sides laid side by side.

A side is a session or a share file (`share`). The comparison says who sits at the table,
step 1 side by side and the words both use, the actors both know (names matched after
folding case, accents, dashes, spaces and common suffixes; matches by hand added), those
only one knows, where each places the other, the checklist, and talking points in the
guide's words. Pure data and logic; a side is read by `sessions.sides`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from samarbejde.base.errors import UsageError
from samarbejde.base.ids import QUADRANT_ORDER
from samarbejde.base.names import fold, match_key
from samarbejde.guide.content import Guide
from samarbejde.reports import health
from samarbejde.sessions.sides import Actor, Side

_WORD = re.compile(r"\w+")
SHOWN_NAMES = 10  # names in one talking point before "og N flere"


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
    kind: str  # "health", "common", "differ", "brings"
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
    health: health.SideBySide | None = None  # the health check side by side

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
    c = Comparison(a, b, shared, only_a, only_b, a_places_b, b_places_a, checklist, words, [],
                   health.side_by_side(a, b, guide))  # fmt: skip
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
    # first the health check's largest gaps and drops: what to talk about before anything
    points = [Point("health", text) for text in health.points(c.health, guide, a, b)]
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
        "health": health.as_json(c.health),
    }
