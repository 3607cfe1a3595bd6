"""A long question and its hint under prompt_toolkit are broken at spaces, never mid-word, at
40 to 80 columns (prompt_toolkit itself breaks a line anywhere)."""

from __future__ import annotations

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.runner.prompts import _wrapped

HINTS = ("prompt_select_hint", "prompt_select_digits_hint", "prompt_checkbox_hint",
         "prompt_keep_or_replace_hint")  # fmt: skip
QUESTION = "Hvem skal med i kontaktplanen nu? (partnere uden kryds kommer ikke med)"


@pytest.mark.parametrize("width", range(40, 81, 4))
@pytest.mark.parametrize("key", HINTS)
def test_no_word_is_broken(width: int, key: str) -> None:
    hint = load_guide().texts(key)
    message, shown_hint = _wrapped(QUESTION, hint, width)
    first, *rest = (f"? {message} {shown_hint}").split("\n")
    lines = [first, *rest]
    assert all(len(line.rstrip()) <= width for line in lines), lines
    assert " ".join(" ".join(lines).split()) == f"? {QUESTION} {hint}"  # every word whole
    words = set(QUESTION.split()) | set(hint.split())
    assert all(w in words for line in lines for w in line.split() if w != "?"), lines


def test_a_short_question_keeps_its_hint_on_its_line() -> None:
    assert _wrapped("Hvad vil du?", "(vælg med piletasterne og Enter)", 80) == (
        "Hvad vil du?",
        "(vælg med piletasterne og Enter)",
    )
