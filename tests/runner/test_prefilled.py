"""A question with an answer already there: Enter keeps it, the first key typed replaces it
(as in a spreadsheet's cell), an arrow key first edits it, Ctrl-U empties it; a draft kept
from a stop is typed on, never replaced. Driven through the real prompts (pipe input) and,
for `contact`, the real program in a pseudo-terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from samarbejde.runner.prompts import Prompts
from tests.helpers.program import run_program
from tests.helpers.prompts import drive, make_env
from tests.helpers.pty import finish, spawn
from tests.helpers.wizard_script import CLEAR, ENTER, FINISH

LEFT = "\x1b[D"
OLD = "07-12-2026"


def ask(tmp_path: Path, keys: str, default: str = OLD, **options: Any) -> str:
    env = make_env(tmp_path)
    prompts = Prompts(env.texts, env.console)
    answer: list[str] = []
    drive(keys, lambda: answer.append(prompts.text("Hvornår var kontakten?", default, **options)))
    return answer[0]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (ENTER, OLD),  # kept
        ("2. december" + ENTER, "2. december"),  # replaced, not "07-12-20262. december"
        (LEFT * 4 + "X" + ENTER, "07-12-X2026"),  # an arrow first: edited where the cursor is
        ("\x7f" * 4 + "2027" + ENTER, "07-12-2027"),  # Backspace first: edited too
        (CLEAR + ENTER, ""),  # emptied in one key
        (CLEAR + "i går" + ENTER, "i går"),  # the way it was done before still works
        ("\x1b[200~15/12\x1b[201~" + ENTER, "15/12"),  # pasted: replaced
    ],
)
def test_a_one_line_answer_already_there(tmp_path: Path, keys: str, expected: str) -> None:
    answer = ask(tmp_path, keys)
    assert answer == expected


def test_a_draft_is_typed_on(tmp_path: Path) -> None:
    answer = ask(tmp_path, "-2026" + ENTER, default="27-12", draft=True)
    assert answer == "27-12-2026"


def test_a_longer_text_is_added_to_and_emptied_with_ctrl_u(tmp_path: Path) -> None:
    answer = ask(tmp_path, " og mere" + FINISH, default="Noget", multiline=True)
    assert answer == "Noget og mere"
    answer = ask(tmp_path, CLEAR + "Nyt" + FINISH, default="Linje 1\nLinje 2", multiline=True)
    assert answer == "Nyt"


def test_contact_in_a_terminal_types_over_the_dates_that_stand(home: Path, nordby: Path) -> None:
    today = dt.date.today()  # a real process runs on the real clock
    child = spawn(home, "contact", "Fællesspisning i Nordby", "Frivilligcentret")
    child.expect_exact("Hvad skete der?")
    child.expect_exact("›")
    child.send("Ringede" + FINISH)
    child.expect_exact("Hvornår var kontakten?")
    child.expect_exact("Ctrl-U tømmer)")  # the hint says how (broken at spaces to fit)
    child.expect_exact(today.strftime("%d-%m-%Y"))  # today's date stands in the field
    child.send("i går" + ENTER)
    child.expect_exact("Hvornår tager I kontakt")  # the overdue 01-11-2026 stands there
    child.send("om 2 uger" + ENTER)
    child.expect_exact("Nej")  # nothing more to change
    child.send(ENTER)
    assert finish(child) == 0
    plan = make_env(home).store.load(nordby).outreach["p1"]
    assert plan.log[-1].date == today - dt.timedelta(days=1)
    assert plan.next_contact == today + dt.timedelta(days=14)


def test_enkel_after_a_bad_date_enter_keeps_the_good_one(home: Path, nordby: Path) -> None:
    """Asked again after a date that cannot be read, the field holds the date that stood there
    (not the bad text), so Enter goes on instead of asking the same again."""
    answers = "Ringede\n\nxyz\n\nom 2 uger\n\n"  # note; a bad date, then Enter; next; "Nej"
    done = run_program(
        "--enkel", "contact", "Fællesspisning i Nordby", "Frivilligcentret", input=answers
    )
    said = " ".join(done.stdout.split())
    assert done.returncode == 0, done.stderr
    assert 'Det kan ikke læses som en dato: "xyz". Skriv fx i går,' in said  # the past's examples
    plan = make_env(home).store.load(nordby).outreach["p1"]
    assert plan.log[-1].date == dt.date.today() and plan.log[-1].note == "Ringede"


def test_enkel_lists_read_as_words_once(tmp_path: Path) -> None:
    """A label that carries its number is not numbered twice; one choice is not "1 til 1"."""
    import io

    from samarbejde.runner.line_prompts import LinePrompts

    env = make_env(tmp_path)
    lines = LinePrompts(env.texts, env.console, io.StringIO("\n1\n"))
    ticked = lines.checkbox("Hvad er på plads?", [("a", "1. Find fælles grund", True)])
    chosen = lines.select("Hvem?", [("p1", "Frivilligcentret")])
    said = env.console.file.getvalue()  # type: ignore[attr-defined]
    assert ticked == ["a"] and chosen == "p1"
    assert "1. Find fælles grund (har kryds)" in said and "1. 1." not in said
    assert "fra 1 til 1" not in said and "Skriv 1, eller tryk Enter, for at vælge det:" in said
