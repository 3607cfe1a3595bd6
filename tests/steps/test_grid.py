"""The prioritisation rules of PRODUCT.md, pinned at the borders."""

from __future__ import annotations

import datetime as dt

import pytest

from samarbejde.base.quadrants import prioritise, quadrant


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


# -- dates as Danes write them (dates.py, also pure) ------------------------------------------

TODAY = dt.date(2026, 11, 27)  # a Friday


def words(key: str) -> str:
    from samarbejde.guide.content import load_guide

    return load_guide().texts(key)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27-11-2026", dt.date(2026, 11, 27)),
        ("1.12.2026", dt.date(2026, 12, 1)),
        ("1/12/2026", dt.date(2026, 12, 1)),
        ("2027-02-01", dt.date(2027, 2, 1)),
        ("15-12", dt.date(2026, 12, 15)),
        ("15/12", dt.date(2026, 12, 15)),
        ("3.1.", dt.date(2027, 1, 3)),  # already past this year: the next one
        ("27/11", dt.date(2026, 11, 27)),  # today is not past
        ("29-02", dt.date(2028, 2, 29)),  # the next leap day
        ("i dag", TODAY),
        ("I  Morgen", dt.date(2026, 11, 28)),
        ("om 2 uger", dt.date(2026, 12, 11)),
        ("om 3 dage", dt.date(2026, 11, 30)),
        ("om 1 måned", dt.date(2026, 12, 27)),
        ("mandag", dt.date(2026, 11, 30)),
        ("fredag", dt.date(2026, 12, 4)),  # today is Friday: the next one
        ("næste onsdag", dt.date(2026, 12, 2)),
    ],
)
def test_dates_as_danes_write_them(text: str, expected: dt.date) -> None:
    from samarbejde.base.dates import parse_date

    assert parse_date(text, TODAY, words) == expected


@pytest.mark.parametrize("text", ["31-02-2026", "30.02.2027", "32-13-2026", "31/04", "0-0"])
def test_a_day_that_does_not_exist_is_named_so(text: str) -> None:
    from samarbejde.base.dates import NoSuchDate, parse_date

    with pytest.raises(NoSuchDate):
        parse_date(text, TODAY, words)


@pytest.mark.parametrize("text", ["snart", "om lidt", "2026", "mandag om 2", "om x uger"])
def test_what_is_no_date_is_refused(text: str) -> None:
    from samarbejde.base.dates import NoSuchDate, parse_date

    with pytest.raises(ValueError) as info:
        parse_date(text, TODAY, words)
    assert not isinstance(info.value, NoSuchDate)
