"""Two sides of the same table: a kommune's and a forening's sides laid side by side.

A side is a session or a share file (`share`). The comparison says who sits at the table,
step 1 side by side and the words both use, the actors both know (names read as a person
reads them, `reports.matching`: the sure pairs made, the likely ones proposed to be asked,
pairs by hand and the user's answers first), those only one knows, where each places the
other (its organisation, or a department of it, on the other's map), the checklist, and
talking points in the guide's words. Pure data and logic; a side is read by
`sessions.sides`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from samarbejde.base.errors import UsageError
from samarbejde.base.ids import QUADRANT_ORDER
from samarbejde.base.names import fold
from samarbejde.guide.content import Guide
from samarbejde.reports import health, matching
from samarbejde.sessions.sides import Actor, Side

_WORD = re.compile(r"\w+")
SHOWN_NAMES = 10  # names in one talking point before "og N flere"


# -- the comparison ------------------------------------------------------------------------


class Pair(NamedTuple):
    a: Actor
    b: Actor
    by_hand: bool = False

    @property
    def differ(self) -> bool:
        qa, qb = self.a.quadrant, self.b.quadrant
        return qa is not None and qb is not None and qa != qb


class Placed(NamedTuple):
    """Where one side placed the other's organisation: `actor` is None when it is not on
    that side's map; `shared` is False when that side left its actors out."""

    shared: bool
    actor: Actor | None
    by_hand: bool = False  # paired by the user (`--match`, or a "yes")
    maybe: Actor | None = None  # not answered yet: likely the organisation, to be asked

    @property
    def quadrant(self) -> str | None:
        return self.actor.quadrant if self.actor is not None else None

    def holds(self, actor: Actor) -> bool:
        """`actor` is the organisation, or likely it: no actor of its own on the map."""
        return actor is self.actor or actor is self.maybe


class Point(NamedTuple):
    kind: str  # "health", "common", "differ", "brings"
    text: str


class Comparison(NamedTuple):
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
    proposed: list[Proposal]  # likely the same: to be asked
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


class Proposal(NamedTuple):
    """Two names that are likely one, to be asked: `kind` "pair" (an actor on each map),
    "them" (A's actor `a` is B's organisation `b`) or "us" (B's actor `b` is A's
    organisation `a`)."""

    kind: str
    a: str
    b: str

    @property
    def key(self) -> str:
        return answer_key(self.a, self.b)


def answer_key(a: str, b: str) -> str:
    """How an answer is remembered: the two names folded, A's first ("=" folds away)."""
    return f"{fold(a)}={fold(b)}"


def own_side(a: Side, b: Side) -> tuple[Side | None, bool]:
    """The side whose session keeps the user's answers (A when it is a session, else B),
    and whether it is B."""
    if a.path is not None:
        return a, False
    if b.path is not None:
        return b, True
    return None, False


def remembered(same_names: Mapping[str, bool], turned: bool) -> dict[str, bool]:
    """A session's answers (`Session.same_names`) as the comparison reads them (A's name
    first)."""
    if not turned:
        return dict(same_names)
    out = {}
    for key, yes in same_names.items():
        ours, _, theirs = key.partition("=")
        out[f"{theirs}={ours}"] = yes
    return out


_READERS: dict[int, tuple[Guide, matching.Reader]] = {}


def reader(guide: Guide) -> matching.Reader:
    """The guide's name reader, made once per guide."""
    kept = _READERS.get(id(guide))
    if kept is None or kept[0] is not guide:
        kept = _READERS[id(guide)] = (guide, matching.Reader(guide.names))
    return kept[1]


def _places(actors: Sequence[Actor]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, x in enumerate(actors):
        out.setdefault(fold(x.name), []).append(i)
    return out


def _find(actors: Sequence[Actor], name: str) -> int | None:
    key = fold(name)
    return next((i for i, x in enumerate(actors) if fold(x.name) == key), None)


def _own_name(side: Side) -> str:
    """The name a side's organisation goes by: its organisation, else its session's name."""
    return side.organisation if side.organisation.strip() else side.name


def pair_actors(
    a: list[Actor],
    b: list[Actor],
    by_hand: list[tuple[str, str]],
    guide: Guide,
    answers: Mapping[str, bool] = MappingProxyType({}),
    towns: frozenset[str] = frozenset(),
) -> tuple[list[Pair], list[Actor], list[Actor], list[Proposal]]:
    """The actors on both maps (in A's order), those only on A's and only on B's, and the
    likely pairs not answered yet. Pairs by hand (`--match`, a "yes" remembered) first, then
    the sure pairs; a pair answered "no" is never made."""
    taken_a: dict[int, Pair] = {}
    taken_b: set[int] = set()
    places_a, places_b = (_places(a), _places(b)) if answers else ({}, {})
    said = {True: [], False: []}  # type: dict[bool, list[tuple[int, int]]]
    for key, yes in answers.items():
        left, _, right = key.partition("=")
        said[yes] += [(i, j) for i in places_a.get(left, ()) for j in places_b.get(right, ())]
    fixed = [(_find(a, left), _find(b, right)) for left, right in by_hand] + said[True]
    for ia, ib in fixed:
        if ia is not None and ib is not None and ia not in taken_a and ib not in taken_b:
            taken_a[ia] = Pair(a[ia], b[ib], by_hand=True)
            taken_b.add(ib)
    refused = frozenset(said[False])
    found = matching.assign(
        reader(guide), [x.name for x in a], [y.name for y in b], towns, taken_a, taken_b, refused
    )
    proposed = []
    for f in found:
        if f.outcome == matching.SURE:
            taken_a[f.i] = Pair(a[f.i], b[f.j])
            taken_b.add(f.j)
        else:
            proposed.append(Proposal("pair", a[f.i].name, b[f.j].name))
    shared = [taken_a[i] for i in range(len(a)) if i in taken_a]
    only_a = [x for i, x in enumerate(a) if i not in taken_a]
    only_b = [x for j, x in enumerate(b) if j not in taken_b]
    return shared, only_a, only_b, proposed


def placed(
    side: Side,
    other: Side,
    guide: Guide,
    chosen: str | None = None,
    answers: Callable[[str], bool | None] = lambda name: None,
    towns: frozenset[str] = frozenset(),
    paired: frozenset[str] = frozenset(),
) -> tuple[Placed, str | None]:
    """Where `side` placed `other`'s organisation, and the name of an actor that is likely
    it, to be asked. Found among `side`'s actors: the actor `chosen` by hand, one answered
    "yes" (`answers(name)`), or one whose name is surely the organisation's or one of its
    departments' ("Nordby Kommune" for "Nordby Kommune, Ældreområdet"). The actors
    `paired` by hand with another actor (folded names) are not it."""
    if side.actors is None:
        return Placed(False, None), None
    found = _find(side.actors, chosen) if chosen is not None else None
    if found is not None:
        return Placed(True, side.actors[found], by_hand=True), None
    yes = next((x for x in side.actors if answers(x.name)), None)
    if yes is not None:
        return Placed(True, yes, by_hand=True), None
    read = reader(guide).read
    own = read(_own_name(other))
    may_be = matching.may_pair(own, towns)
    best: tuple[bool, float, Actor] | None = None
    for actor in side.actors:
        name = read(actor.name)
        if not may_be(name) or answers(actor.name) is False or fold(actor.name) in paired:
            continue
        v = matching.judge(name, own, towns)
        if v.outcome != matching.NONE:
            candidate = (v.outcome == matching.SURE, v.score, actor)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return Placed(True, None), None
    if best[0]:
        return Placed(True, best[2]), None
    return Placed(True, None, maybe=best[2]), best[2].name


def find_organisation(actors: Sequence[Actor], organisation: str, guide: Guide) -> Actor | None:
    """The actor that is surely `organisation` or a department of it, the best if several."""
    read = reader(guide).read
    own = read(organisation)
    may_be = matching.may_pair(own)
    best: tuple[float, Actor] | None = None
    for actor in actors:
        name = read(actor.name)
        if not may_be(name):
            continue
        v = matching.judge(name, own)
        if v.outcome == matching.SURE and (best is None or v.score > best[0]):
            best = (v.score, actor)
    return best[1] if best else None


def shared_words(a: dict[str, str], b: dict[str, str], guide: Guide) -> list[str]:
    """Words of four letters or more that both sides use in step 1, as A wrote them (a word
    with another ending is the same word: "måltiderne", "måltider")."""
    stem = reader(guide).stem
    stop = set(fold(guide.names.stopwords).split())
    b_stems = {stem(w) for w in _WORD.findall(fold(" ".join(b.values())))}
    out: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(fold(" ".join(a.values()))):
        s = stem(word)
        if len(word) >= 4 and word not in stop and s in b_stems and s not in seen:
            seen.add(s)
            out.append(word)
    return out


def _by_hand(a: Side, b: Side, by_hand: Sequence[tuple[str, str]]) -> tuple[
    list[tuple[str, str]], str | None, str | None
]:  # fmt: skip
    """`--match` split: pairs of actors, A's actor that is B's organisation, B's actor that
    is A's organisation. A name on neither side is a UsageError."""
    if (a.actors is None or b.actors is None) and by_hand:
        raise UsageError("error_compare_match_no_actors")
    pairs: list[tuple[str, str]] = []
    them = us = None
    own_a, own_b = fold(_own_name(a)), fold(_own_name(b))
    for left, right in by_hand:
        ia, ib = _find(a.actors or [], left), _find(b.actors or [], right)
        if ia is not None and ib is not None:
            pairs.append((left, right))
        elif ia is not None and fold(right) == own_b:
            them = left
        elif ib is not None and fold(left) == own_a:
            us = right
        else:
            missing, side = (left, a) if ia is None and fold(left) not in own_a else (right, b)
            raise UsageError("error_compare_match_unknown", name=missing, who=side.who)
    return pairs, them, us


def compare(
    a: Side,
    b: Side,
    guide: Guide,
    by_hand: Sequence[tuple[str, str]] = (),
    answers: Mapping[str, bool] = MappingProxyType({}),
) -> Comparison:
    """The two sides compared. `by_hand`: pairs named by `--match`; `answers`: the user's
    answers to earlier proposals (`answer_key` -> yes or no)."""
    pairs, them, us = _by_hand(a, b, by_hand)
    own_a, own_b = _own_name(a), _own_name(b)
    towns = matching.towns(reader(guide), [own_a], [own_b])
    proposed: list[Proposal] = []
    paired_a = frozenset(fold(left) for left, _ in pairs)
    paired_b = frozenset(fold(right) for _, right in pairs)
    a_places_b, ask_them = placed(  # (no answers, no names folded to look one up)
        a, b, guide, them, lambda n: answers.get(answer_key(n, own_b)) if answers else None,
        towns, paired_a
    )  # fmt: skip
    b_places_a, ask_us = placed(
        b, a, guide, us, lambda n: answers.get(answer_key(own_a, n)) if answers else None,
        towns, paired_b
    )  # fmt: skip
    if ask_them:
        proposed.append(Proposal("them", ask_them, own_b))
    if ask_us:
        proposed.append(Proposal("us", own_a, ask_us))
    shared = only_a = only_b = None
    if a.actors is not None and b.actors is not None:
        # the other side's own organisation is no shared actor, nor one to ask "Kender I …?"
        mine = [x for x in a.actors if not a_places_b.holds(x)]
        theirs = [x for x in b.actors if not b_places_a.holds(x)]
        shared, only_a, only_b, pairs_asked = pair_actors(
            mine, theirs, pairs, guide, answers, towns
        )
        proposed += pairs_asked
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
        words = shared_words(a.step1, b.step1, guide)
    c = Comparison(
        a,
        b,
        shared,
        only_a,
        only_b,
        a_places_b,
        b_places_a,
        checklist,
        words,
        [],
        proposed,
        health=health.side_by_side(a, b, guide),
    )
    return c._replace(points=talking_points(c, guide))


def same_session(c: Comparison) -> bool:
    """A session compared with its own share file (or itself): the same name and
    organisation on both sides."""
    return fold(c.a.name) == fold(c.b.name) and fold(c.a.organisation) == fold(c.b.organisation)


def name_list(names: Sequence[str], guide: Guide, shown: int = SHOWN_NAMES) -> str:
    """Names as one Danish list, each in quotation marks ("Røde Kors, Nordby afdeling",
    "Brugsen" og "Madskolen"); past `shown`, the rest counted ("… og 3 flere")."""
    quoted = [guide.texts("compare_name", name=n) for n in names[:shown]]
    if len(names) > shown:
        return ", ".join(quoted) + " " + guide.texts("compare_more", count=len(names) - shown)
    return words_list(quoted, guide)


def words_list(words: Sequence[str], guide: Guide) -> str:
    """Words as one Danish list: "ældre, alene og ensomhed"."""
    return guide.texts.listed(words)


# -- talking points, in the guide's words ---------------------------------------------------


def talking_points(c: Comparison, guide: Guide) -> list[Point]:
    t = guide.texts
    q = guide.quadrant_label
    a, b = c.a.who, c.b.who
    # first the health check's largest gaps and drops: what to talk about before anything
    points = [Point("health", text) for text in health.points(c.health, guide, a, b)]
    if c.words:
        points.append(Point("common", t("compare_point_words", words=words_list(c.words, guide))))
    for where in QUADRANT_ORDER:
        same = [p.a.name for p in c.shared or () if p.a.quadrant == where == p.b.quadrant]
        if same:
            points.append(Point("common", t("compare_point_same", quadrant=q(where),
                                            names=name_list(same, guide))))  # fmt: skip
    both = [guide.item_number(i) for i, x, y in c.checklist if x and y]
    if both:
        titles = [f'"{n}. {guide.checklist[n - 1].title}"' for n in both]
        points.append(
            Point("common", t("compare_point_both_ticked", items=words_list(titles, guide)))
        )
    differ = [p for p in c.shared or () if p.differ]
    for p in differ[:SHOWN_NAMES]:
        text = t("compare_point_differ", name=p.a.name, a=a, b=b,
                 qa=q(p.a.quadrant), qb=q(p.b.quadrant))  # fmt: skip
        points.append(Point("differ", text))
    if len(differ) > SHOWN_NAMES:  # the rest in one point: the table has each of them
        rest = [p.a.name for p in differ[SHOWN_NAMES:]]
        text = t("compare_point_differ_more", count=len(rest), names=name_list(rest, guide))
        points.append(Point("differ", text))
    for who, other, index in ((a, b, 1), (b, a, 2)):
        ticked = [
            f'"{guide.item_number(row[0])}. {guide.checklist[guide.item_number(row[0]) - 1].title}"'
            for row in c.checklist
            if row[index] and row[3 - index] is False
        ]
        if ticked:
            points.append(Point("differ", t("compare_point_one_ticked", who=who, other=other,
                                            items=words_list(ticked, guide))))  # fmt: skip
    for who, other, seen in ((a, b, c.a_places_b), (b, a, c.b_places_a)):
        if seen.shared and seen.actor is None and seen.maybe is None:
            points.append(Point("differ", t("compare_point_missing", who=who, other=other)))
    for who, other, seen in ((a, b, c.a_places_b), (b, a, c.b_places_a)):
        if seen.actor is not None and seen.actor.brings.strip():
            text = t(
                "compare_point_brings",
                who=who,
                other=other,
                brings=seen.actor.brings.strip().rstrip("."),
            )
            points.append(Point("brings", " ".join(text.split())))
    for who, other, only in ((a, b, c.only_a), (b, a, c.only_b)):
        if only:
            names = name_list([x.name for x in only], guide)
            key = "compare_point_knows_one" if len(only) == 1 else "compare_point_knows"
            points.append(Point("brings", t(key, who=who, other=other,
                                            count=len(only), names=names)))  # fmt: skip
    return points


# -- --json ----------------------------------------------------------------------------------


def _who(side: Side) -> dict[str, Any]:
    return {"name": side.name, "organisation": side.organisation, "role": side.role or None}


def _place(actor: Actor) -> dict[str, Any]:
    return {"quadrant": actor.quadrant, "interest": actor.interest, "influence": actor.influence}


def json_text(c: Comparison) -> bytes:
    """`compare --json`'s bytes: `as_json` indented (as `json.dumps` with `indent=2`), with
    `JSON_SAFE`'s characters escaped (found by one search: `str.translate` looks up each
    character of a long text)."""
    from samarbejde.base.terminal import JSON_SAFE

    unsafe = re.compile("[" + "".join(re.escape(chr(code)) for code in JSON_SAFE) + "]")
    text = indented(as_json(c))
    return (unsafe.sub(lambda m: JSON_SAFE[ord(m.group())], text) + "\n").encode("utf-8")


def indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`'s text, written by pydantic-core's
    serializer (in Rust): with an indent, Python's `json` leaves its C encoder for one in
    Python that yields each piece through a generator, most of the time of writing `compare
    --json` of 1,000 actors a side (42 ms against 8 ms for 3,000 actors). The same text for
    what `as_json` holds: texts, whole numbers, true, false, null, lists and maps with text
    keys (`test_json_text_is_json_dumps_indented`); a float, which the two write otherwise
    (`1e-07`, `1e-7`), is never in it. A text UTF-8 cannot hold (a lone surrogate): `json`."""
    from pydantic_core import PydanticSerializationError, to_json

    try:
        return to_json(value, indent=2).decode("utf-8")
    except (PydanticSerializationError, ValueError):
        return json.dumps(value, ensure_ascii=False, indent=2)


def as_json(c: Comparison) -> dict[str, Any]:
    """The fixed shape documented in the README."""
    shared = None
    if c.shared is not None:
        shared = [
            {"name_a": p.a.name, "name_b": p.b.name, "a": _place(p.a), "b": _place(p.b),
             "differ": p.differ, "by_hand": p.by_hand}
            for p in c.shared
        ]  # fmt: skip
    return {
        "a": _who(c.a),
        "b": _who(c.b),
        "shared": shared,
        "only_a": None if c.only_a is None else [x.name for x in c.only_a],
        "only_b": None if c.only_b is None else [x.name for x in c.only_b],
        "each_other": {
            "a_places_b": c.a_places_b.quadrant,
            "b_places_a": c.b_places_a.quadrant,
            "a_names_b": c.a_places_b.actor.name if c.a_places_b.actor else None,
            "b_names_a": c.b_places_a.actor.name if c.b_places_a.actor else None,
        },
        "proposed": [{"kind": p.kind, "name_a": p.a, "name_b": p.b} for p in c.proposed],
        "checklist": [{"id": i, "a": x, "b": y} for i, x, y in c.checklist],
        "talking_points": [{"kind": p.kind, "text": p.text} for p in c.points],
        "health": health.as_json(c.health),
    }
