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


def test_a_chosen_answer_is_echoed_whole_and_broken_at_spaces() -> None:
    """The list goes when answered and the answer is echoed by Rich, broken at spaces:
    questionary's own echo broke "Forening eller frivillig organisation" mid-word at 80
    columns, and showed a label cut to fit the list."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from samarbejde.base.terminal import make_console
    from samarbejde.runner.prompts import Prompts

    out = io.StringIO()
    prompts = Prompts(load_guide().texts, make_console(file=out, width=40, color_system=None))
    label = "Forening eller frivillig organisation med et meget langt navn"
    with create_pipe_input() as pipe:
        pipe.send_text("\x1b[B\r")
        with create_app_session(input=pipe, output=DummyOutput()):
            answer = prompts.select(
                "Er I en kommune eller en forening?", [(1, "Kommune"), (2, label)]
            )
    assert answer == 2
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines), lines
    assert " ".join(" ".join(lines).split()) == f"? Er I en kommune eller en forening? {label}"
