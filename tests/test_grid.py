"""The prioritisation rules of PRODUCT.md, pinned at the borders."""

from __future__ import annotations

import pytest

from samarbejde.grid import prioritise, quadrant


@pytest.mark.parametrize(
    ("interest", "influence", "expected"),
    [
        ((3), 3, "raek_ud_foerst"),
        (2, 3, "tal_ind"),
        (3, 2, "gaa_sammen"),
        (2, 2, "hold_oeje"),
        (5, 1, "gaa_sammen"),
        (1, 5, "tal_ind"),
        (5, 5, "raek_ud_foerst"),
        (1, 1, "hold_oeje"),
    ],
)
def test_quadrant_borders(interest: int, influence: int, expected: str) -> None:
    assert quadrant(interest, influence) == expected


def test_priority_order_is_quadrant_then_sum_then_name() -> None:
    partners = [
        ("p1", "Øst", 1, 1),  # hold øje
        ("p2", "Bager", 5, 1),  # gå sammen
        ("p3", "Alfa", 1, 5),  # tal ind
        ("p4", "Zeta", 3, 3),  # ræk ud, sum 6
        ("p5", "Beta", 5, 5),  # ræk ud, sum 10
        ("p6", "Alfa2", 3, 3),  # ræk ud, sum 6, name before Zeta
        ("p7", "Uden", None, 4),  # not rated: left out
    ]
    ranked = prioritise(partners)
    assert [r.name for r in ranked] == ["Beta", "Alfa2", "Zeta", "Alfa", "Bager", "Øst"]
    assert [r.priority for r in ranked] == [1, 2, 3, 4, 5, 6]
    assert ranked[0].quadrant == "raek_ud_foerst"
    assert ranked[-1].quadrant == "hold_oeje"


def test_custom_high_border() -> None:
    assert quadrant(3, 3, high_from=4) == "hold_oeje"
    assert quadrant(4, 4, high_from=4) == "raek_ud_foerst"
