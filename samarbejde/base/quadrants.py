"""Prioritisation: two scores -> a quadrant -> an order. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from samarbejde.base.ids import QUADRANT_ORDER

# The quadrants by (shared interest high?, influence high?).
_BY_HIGHS = {
    (True, True): "raek_ud_foerst",
    (False, True): "tal_ind",
    (True, False): "gaa_sammen",
    (False, False): "hold_oeje",
}


def quadrant(interest: int, influence: int, high_from: int = 3) -> str:
    """The quadrant id for a partner's scores: a score of `high_from` or more is high."""
    return _BY_HIGHS[(interest >= high_from, influence >= high_from)]


class Ranked(NamedTuple):
    priority: int  # 1 is the first to contact
    partner_id: str
    name: str
    interest: int
    influence: int
    quadrant: str


def prioritise(
    partners: Sequence[tuple[str, str, int | None, int | None]], high_from: int = 3
) -> list[Ranked]:
    """Rank (id, name, interest, influence) by quadrant, then interest+influence, then name.

    Partners without both scores are left out: they have no place on the diagram yet. The
    last ranking is kept: a report asks for the same one six times (at 2,107 partners, ~10 ms
    each), and a ranking is a function of the rows alone (its `Ranked` cannot be changed).
    """
    asked = (tuple(partners), high_from)
    if _last and _last[0] == asked:
        return list(_last[1])
    ranked = _ranked(asked[0], high_from)
    _last[:] = [asked, ranked]
    return list(ranked)


_last: list[Any] = []  # [the rows and high_from asked last, their ranking]


def _ranked(
    partners: Sequence[tuple[str, str, int | None, int | None]], high_from: int
) -> list[Ranked]:
    scored: list[tuple[str, str, int, int]] = [
        (pid, name, x, y) for pid, name, x, y in partners if x is not None and y is not None
    ]

    def key(item: tuple[str, str, int, int]) -> tuple[int, int, str, str]:
        pid, name, x, y = item
        return (QUADRANT_ORDER.index(quadrant(x, y, high_from)), -(x + y), name.casefold(), pid)

    ordered = sorted(scored, key=key)
    return [
        Ranked(i, pid, name, x, y, quadrant(x, y, high_from))
        for i, (pid, name, x, y) in enumerate(ordered, start=1)
    ]
