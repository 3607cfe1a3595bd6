"""Actor names as a person reads them: is "Madklubben i Nordby" the same as "Nordby Madklub"?

A name is read into words (`read`): case and accents folded (`base.names.fold`), an
apostrophe's genitive joined ("KFUM's" = "KFUMs"), filler words left out ("i", "afdeling"),
what kind of organisation it is split off ("Madklubben" = "mad" + klub), words that mean the
same made one ("Sogn" = "Kirke"), endings bent ("Biblioteket" = "Bibliotek"), and the part
after a comma kept apart. The Danish words are language data in the content file's `names`
section. Two words are one when they are equal or close in spelling (rapidfuzz's ratio at or
above `WORD_RATIO`), numbers only when equal.

Two names are then `SURE` (the same words, in any order; or one has only a town both sides
share, or only a part after a comma, beyond the other's words), `LIKELY` (one has a word
more, or they are two departments of one organisation: the same words before the comma),
or nothing. A word both sides share in their organisations' names ("Nordby") is a town: it
alone never makes a pair, and each name must have a shared word of its own beside it; when
both names have a word the other lacks ("Nordby Bibliotek", "Sydby Bibliotek") they are two.
`assign` pairs each actor with at most one on the other side, sure pairs first, best first.
Pure: no files, no terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from samarbejde.base.names import fold
from samarbejde.guide.content import NameWords

SURE, LIKELY, NONE = "sure", "likely", "none"
WORD_RATIO = 85  # two words of five letters or more this close are one ("Norby", "Nordby")
COMMON = 30  # names that share a key before it is a common word, not worth looking up by
WORDS_KEPT = 65_536  # words read and kept by one reader, at most (a hostile file has many)
SPELLING_RATIO = 92  # two names whose letters, spaces aside, are this close are one
_DIGITS = re.compile(r"\d+")
_APOSTROPHE = re.compile(r"['’´`]s\b", re.IGNORECASE)  # "KFUM's" -> "KFUMs"


class Name(NamedTuple):
    """A name read: its words before the comma (`head`) and after it (`tail`), and what
    kind of organisation it says it is. (Tuples, not dataclasses: a thousand actors a side
    are read and judged, and a tuple is made and read in a fraction of the time.)"""

    head: tuple[str, ...]
    tail: tuple[str, ...]
    kinds: frozenset[str]
    letters: str  # its words unbent, without spaces: for names split otherwise
    words: tuple[str, ...]  # head + tail


class Verdict(NamedTuple):
    outcome: str  # SURE, LIKELY or NONE
    score: float  # 0-100, to choose the best of several


class Reader:
    """Reads names with one content file's words; a name read once is kept."""

    def __init__(self, words: NameWords) -> None:
        self.filler = frozenset(words.filler)
        self.forms = sorted(
            ((form, kind) for kind, forms in words.kinds.items() for form in (kind, *forms)),
            key=lambda item: -len(item[0]),
        )
        self.same = dict(words.same)
        self.form_ends = tuple(form for form, _ in self.forms)
        self.endings = tuple(sorted(words.endings, key=len, reverse=True))
        self.read = lru_cache(maxsize=8192)(self._read)
        self._word: dict[str, tuple[bool, str | None, str | None]] = {}  # each word read once

    def stem(self, word: str) -> str:
        """The word without its ending, at least four letters left."""
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
        return word

    def _words(self, text: str, kinds: set[str], letters: list[str]) -> tuple[str, ...]:
        if not text:  # no part after a comma
            return ()
        out: list[str] = []
        for word in fold(text).split():
            read = self._word.get(word)
            if read is None:
                read = self._word_read(word)
                if len(self._word) < WORDS_KEPT:
                    self._word[word] = read
            kept, kind, bare = read
            if kept:
                letters.append(word)
            if kind is not None:
                kinds.add(kind)
            if bare is not None:
                out.append(bare)
        return tuple(out)

    def _word_read(self, word: str) -> tuple[bool, str | None, str | None]:
        """One word read: whether it counts (a filler word or a lone letter does not), the
        kind of organisation it names, and the word as compared (None if nothing is left of
        it once the kind is off)."""
        if word in self.filler or (len(word) == 1 and not word.isdigit()):
            return False, None, None
        found = None
        if word.endswith(self.form_ends):  # most words name no kind: one test, not one each
            for form, kind in self.forms:
                if word.endswith(form):
                    found = kind
                    word = word[: -len(form)]
                    if len(word) > 4 and word.endswith("s"):  # "idrætsforening": "idræt"
                        word = word[:-1]
                    break
        if len(word) < 2 and not word.isdigit():  # the kind alone, or a stub
            return True, found, None
        return True, found, self.stem(self.same.get(word, word))

    def _read(self, name: str) -> Name:
        text = _APOSTROPHE.sub("s", name)
        head, _, tail = text.partition(",")
        kinds: set[str] = set()
        letters: list[str] = []
        words_head = self._words(head, kinds, letters)
        words_tail = self._words(tail, kinds, letters)
        if not words_head:  # ", Nordby" or a name of filler alone: the words it has
            words_head, words_tail = words_tail, ()
        return Name(words_head, words_tail, frozenset(kinds), "".join(letters),
                    words_head + words_tail)  # fmt: skip


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 5:
        return False
    return fuzz.ratio(a, b) >= WORD_RATIO


def _shared(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    """The words both have (as `a` writes them) and the places of those only `a` has and
    only `b` has; each word of one matches one word of the other."""
    if a == b:  # each word is the first free one of the other (most pairs of a long list)
        return list(a), [], []
    free = list(range(len(b)))
    shared, only_a = [], []
    for i, word in enumerate(a):
        for j in free:
            if _same_word(word, b[j]):
                free.remove(j)
                shared.append(word)
                break
        else:
            only_a.append(i)
    return shared, only_a, free


def _split_otherwise(a: Name, b: Name) -> bool:
    """The same letters split into words otherwise ("Ældre Sagen", "Ældresagen"): close in
    spelling, spaces aside, with the same numbers and another count of words."""
    if len(a.words) == len(b.words):
        return False
    short, total = min(len(a.letters), len(b.letters)), len(a.letters) + len(b.letters)
    if 100 * 2 * short < SPELLING_RATIO * total:  # too unlike in length for the ratio to reach
        return False
    if fuzz.ratio(a.letters, b.letters) < SPELLING_RATIO:
        return False
    return _DIGITS.findall(a.letters) == _DIGITS.findall(b.letters)


def _same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    _, only_a, only_b = _shared(a, b)
    return not only_a and not only_b


def may_pair(b: Name, towns: frozenset[str] = frozenset()) -> Callable[[Name], bool]:
    """A quick test of names against `b`: False only where `judge(a, b, towns)` is surely
    NONE, so that only the rest need judging. A pair needs one of: the letters split
    otherwise, every word of `a` a word of `b`, or a word of `a` beside a town or a number
    that is a word of `b` (each word is tested against `b`'s once)."""
    tested: dict[str, bool] = {}
    exact = frozenset(b.words)
    spelled = [w for w in exact if not w.isdigit() and len(w) >= 5]  # (see `_same_word`)

    def same(word: str) -> bool:
        found = tested.get(word)
        if found is None:
            found = word in exact or (
                not word.isdigit()
                and len(word) >= 5
                and any(fuzz.ratio(word, other) >= WORD_RATIO for other in spelled)
            )
            tested[word] = found
        return found

    def test(a: Name) -> bool:
        if not a.words or not b.words:
            return False
        every = True
        for word in a.words:
            if not same(word):
                every = False
            elif word not in towns and not word.isdigit():
                return True  # a word of its own both have
        return every or _split_otherwise(a, b)

    return test


def judge(a: Name, b: Name, towns: frozenset[str] = frozenset()) -> Verdict:
    """Are `a` and `b` one actor? `towns`: the words both sides share in their names."""
    if not a.words or not b.words:
        return Verdict(NONE, 0.0)
    score = float(fuzz.token_sort_ratio(" ".join(a.words), " ".join(b.words)))
    kinds_differ = bool(a.kinds and b.kinds and a.kinds.isdisjoint(b.kinds))
    if _split_otherwise(a, b) and not kinds_differ:
        return Verdict(SURE, score)  # "Ældre Sagen" and "Ældresagen"
    shared, only_a, only_b = _shared(a.words, b.words)
    if not only_a and not only_b and a.kinds == b.kinds:
        return Verdict(SURE, score)  # the same name: "Forening 17", "foreningen 17"
    own = [w for w in shared if w not in towns and not w.isdigit()]
    if not own:  # a town or a number alone never makes a pair
        return Verdict(NONE, score)
    sure = SURE if not kinds_differ else LIKELY
    if not only_a and not only_b:  # the same words, one without its kind: "Sydby Lions"
        return Verdict(sure, score)
    if only_a and only_b:  # each has a word the other lacks
        if a.tail and b.tail and _same_words(a.head, b.head):
            return Verdict(LIKELY, score)  # two departments of one organisation
        return Verdict(NONE, score)
    longer, places = (a, only_a) if only_a else (b, only_b)
    shorter = b if only_a else a
    extra = [longer.words[i] for i in places]
    after_comma = all(i >= len(longer.head) for i in places) and not shorter.tail
    if all(w in towns for w in extra) or after_comma:
        return Verdict(sure, score)
    return Verdict(LIKELY, score)


def towns(reader: Reader, names_a: Iterable[str], names_b: Iterable[str]) -> frozenset[str]:
    """The words both sides write in their own names (their organisations and sessions):
    "Nordby" in "Nordby Kommune" and "Ældresagen Nordby"."""
    a = {w for n in names_a for w in reader.read(n).words}
    b = {w for n in names_b for w in reader.read(n).words}
    return frozenset(a & b)


class Found(NamedTuple):
    i: int  # the place on A's list
    j: int  # the place on B's list
    outcome: str
    score: float


def assign(
    reader: Reader,
    a: Sequence[str],
    b: Sequence[str],
    towns: frozenset[str] = frozenset(),
    taken_a: Iterable[int] = (),
    taken_b: Iterable[int] = (),
    refused: frozenset[tuple[int, int]] = frozenset(),
) -> list[Found]:
    """The pairs of `a` and `b` that are sure or likely, each name in one pair at most: the
    sure first, then the best score, then the order of A's list. The names at `taken_a` and
    `taken_b` are paired already; `refused` pairs were answered "no"."""
    index: dict[str, set[int]] = {}
    read_b = [reader.read(name) for name in b]
    for j, name_b in enumerate(read_b):
        for key in _keys(name_b):
            names = index.get(key)
            if names is None:
                index[key] = {j}
            else:
                names.add(j)
    common = max(COMMON, len(b) // 20)  # a key of more names than this is a common word
    found: list[Found] = []
    none: frozenset[int] = frozenset()
    for i, name in enumerate(a):
        read = reader.read(name)
        lists = [index.get(key, none) for key in _keys(read)]
        rare = [names for names in lists if len(names) <= common]
        if not rare:  # only common words: the fewest names that share one
            rare = [min(lists, key=len)]
        for j in set().union(*rare):
            if (i, j) in refused:
                continue
            verdict = judge(read, read_b[j], towns)
            if verdict.outcome != NONE:
                found.append(Found(i, j, verdict.outcome, verdict.score))
    found.sort(key=lambda f: (f.outcome != SURE, -f.score, f.i, f.j))
    used_a, used_b = set(taken_a), set(taken_b)
    chosen = []
    for f in found:
        if f.i not in used_a and f.j not in used_b:
            used_a.add(f.i)
            used_b.add(f.j)
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.i)


def _keys(name: Name) -> set[str]:
    """What a name is looked up by: each word's first four letters, the first four of its
    letters (for names split otherwise), and all its words."""
    return {w[:4] for w in name.words} | {"=" + name.letters[:4], " ".join(sorted(name.words))}
