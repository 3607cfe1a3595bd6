"""`samarbejde --enkel`: every question as plain lines, read from a terminal or a file.

The line run of the wizard (`wizard_lines`) must leave the same session as the questionary
run of the same answers (`wizard_script`): in-process from piped text, and as the real
program in a pseudo-terminal whose raw output has no cursor movement.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from samarbejde.cli.app import main
from samarbejde.runner.env import Env, local_now
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW, ROOT, run_program
from tests.helpers.prompts import all_keys, comparable, drive, line_env, make_env
from tests.helpers.wizard_lines import LINES, all_lines
from tests.helpers.wizard_script import NAME, SCRIPT, at

DAY = at("almindelig dag")  # step 1's second question, "a day in their life"


def screen(env: Env) -> str:
    return env.console.file.getvalue()  # type: ignore[attr-defined]


def load(env: Env) -> Session:
    return env.store.load(env.store.path_for(NAME))


def questionary_run(home: Path, now=lambda: NOW) -> Session:
    env = make_env(home)
    env.now = now
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    return load(env)


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> Session:
    return questionary_run(tmp_path_factory.mktemp("questionary"))


def test_whole_wizard_from_piped_text(home: Path, expected: Session) -> None:
    env = line_env(home, all_lines())
    assert main(["--enkel", "start"], env) == 0
    session = load(env)
    for question, _answer, check in LINES:
        assert check is None or check(session), question
    assert comparable(session) == comparable(expected)
    out = screen(env)
    assert "Godt gået!" in out
    # what was read is written after its prompt: the output reads as the conversation
    assert "Skriv et tal fra 1 til 2 (Enter vælger 1): 1\nValgt: Kommune" in out
    assert "Svar: Ældre, der bor alene\nNæste linje: \n" in out


def test_the_environment_variable_is_the_same_as_the_flag(
    home: Path, expected: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMARBEJDE_ENKEL", "1")
    env = line_env(home, all_lines())
    assert main(["start"], env) == 0
    assert comparable(load(env)) == comparable(expected)


def test_without_enkel_a_file_is_still_refused(home: Path) -> None:
    env = line_env(home, all_lines())
    assert main(["start"], env) == 2
    assert "interaktiv terminal" in env.err.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("stop_at", [1, 11, 24, 29, 40])
def test_end_of_input_is_a_stop_and_resume_carries_on(
    home: Path, expected: Session, stop_at: int
) -> None:
    """The file ends before the wizard does: saved, exit 130, as Ctrl-D; `resume` answered
    from the rest gives the same session."""
    env = line_env(home, all_lines(LINES[:stop_at]))
    assert main(["--enkel", "start"], env) == 130
    out = " ".join(screen(env).split())
    assert "Fortsæt med: samarbejde --enkel resume 'Fællesspisning i Nordby'" in out
    saved = load(env)
    for question, _answer, check in LINES[:stop_at]:
        assert check is None or check(saved), f"lost: {question}"
    env = line_env(home, "1\n" + all_lines(LINES[stop_at:]))  # 1: carry on where I left
    assert main(["--enkel", "resume", NAME], env) == 0
    assert comparable(load(env)) == comparable(expected)


def test_a_half_written_answer_is_kept_as_the_draft(home: Path) -> None:
    """The file ends inside a multi-line answer (its lines so far), or on a line without its
    line break (as Ctrl-D in the middle of a line): what was written is the draft."""
    env = line_env(home, all_lines(LINES[:DAY]) + "Radio om morgenen\nSpiser ale")
    assert main(["--enkel", "start"], env) == 130
    assert load(env).drafts == {"dagligdag.en_dag": "Radio om morgenen\nSpiser ale"}
    env = line_env(home, "1\n\n" + all_lines(LINES[DAY + 1 :]))  # 1: carry on; Enter keeps it
    assert main(["--enkel", "resume", NAME], env) == 0
    session = load(env)
    assert session.answer("dagligdag", "en_dag") == "Radio om morgenen\nSpiser ale"
    assert session.drafts == {}


def test_a_wrong_answer_is_asked_again_with_the_reason(home: Path, expected: Session) -> None:
    wrong = {
        1: "3\nKommune\n",  # only 1 and 2
        3: "1 5\n",  # no 5th form
        at("Fælles interesse"): "6\n0\n",  # the scale is 1-5
    }
    lines = [("", wrong.get(i, "") + answer, None) for i, (_, answer, _) in enumerate(LINES)]
    env = line_env(home, all_lines(lines))
    assert main(["--enkel", "start"], env) == 0
    out = screen(env)
    # (an empty name ends `start` as lines: tests/cli/test_enter_only.py)
    assert out.count("Skriv et af tallene fra 1 til 2.") == 2
    assert "Skriv tal fra 1 til 4, adskilt af mellemrum, eller 0 for ingen." in out
    assert out.count("Skriv et af tallene fra 1 til 5.") == 2
    assert comparable(load(env)) == comparable(expected)


def test_a_default_is_kept_with_enter_and_removed_with_a_dash(home: Path) -> None:
    env = line_env(home, all_lines())
    assert main(["--enkel", "start"], env) == 0
    # step 2 again (4), edit (2) the first partner (1): keep the name and kind, clear the
    # contact, keep what they bring; done (4); quit (8)
    answers = "4\n" + "2\n1\n" + "\n\n-\n\n" + "4\n8\n"
    env = line_env(home, answers)
    assert main(["--enkel", "resume", NAME], env) == 0
    partner = load(env).partners[0]
    assert (partner.name, partner.kind, partner.contact) == ("Frivilligcentret Åby", "forening", "")
    assert partner.brings == "Frivillige og lokaler"
    assert "Nu står der:\n  Birthe Sørensen\nTryk Enter for at beholde det" in screen(env)


def test_the_line_prompts_do_not_import_questionary() -> None:
    code = (
        "import sys, samarbejde.runner.line_prompts; "
        "print([m for m in ('questionary', 'prompt_toolkit') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_a_whole_session_from_a_text_file(tmp_path: Path) -> None:
    """The real program, its stdin a file: `samarbejde --enkel start < svar.txt`."""
    answers = tmp_path / "svar.txt"
    answers.write_text(all_lines(), encoding="utf-8-sig")  # as Notepad saves it, with a BOM
    with answers.open(encoding="utf-8") as stdin:
        result = run_program("--enkel", "start", env={"SAMARBEJDE_HOME": str(tmp_path)},
                             stdin=stdin)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Godt gået!" in result.stdout
    assert "\x1b" not in result.stdout  # not a terminal: no escape sequence at all
    store = Store(tmp_path, local_now)
    assert store.load(store.path_for(NAME)).name == NAME  # read as UTF-8, without the BOM


def test_prompts_are_made_in_one_place() -> None:
    """Every flow asks through `env.prompts()`, so `--enkel` reaches each of them."""
    package = ROOT / "samarbejde"
    made = [p.name for p in package.rglob("*.py") if re.search(r"\bPrompts\(", p.read_text())]
    assert made == ["env.py"]


# -- the real program in a pseudo-terminal -------------------------------------------------

# Any control sequence but colour and weight (SGR, ending in "m"): cursor moves, erasing,
# scrolling regions, hiding the cursor, cursor-position requests, the alternate screen.
NOT_SGR = re.compile(r"\x1b\[[0-?]*[ -/]*[@-ln-~]|\x1b[^\[]")


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "SAMARBEJDE_HOME": str(home), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    env.pop("SAMARBEJDE_ENKEL", None)
    child = pexpect.spawn(sys.executable, ["-m", "samarbejde", *args], env=env,
                          dimensions=(24, 80), encoding="utf-8", timeout=20)  # fmt: skip
    child.logfile_read = io.StringIO()
    return child


def play(child: pexpect.spawn, entries) -> None:
    """Wait for each question, then type its lines (only printable text and Enter)."""
    for marker, answer, _check in entries:
        child.expect_exact(marker)
        for line in answer.splitlines(keepends=True):
            child.expect_exact(("Svar: ", "Næste linje: ", "): ", ": "))
            child.send(line.replace("\n", "\r"))


def test_pty_run_typing_only_lines_gives_the_questionary_session(tmp_path: Path) -> None:
    child = spawn(tmp_path / "lines", "--enkel", "start")
    play(child, LINES)
    child.expect_exact("Godt gået!")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    raw = child.logfile_read.getvalue()
    assert NOT_SGR.findall(raw) == []
    assert re.findall("[\u2500-\u259f]", raw) == []  # no rules or frames drawn as characters
    assert "\r\n1. Kommune\r\n2. Forening eller frivillig organisation\r\n" in raw
    typed = "".join(answer for _, answer, _ in LINES)
    assert all(ord(c) >= 32 or c == "\n" for c in typed)  # no arrow key, no Esc

    store = Store(tmp_path / "lines", local_now)
    session = store.load(store.path_for(NAME))
    # the same answers through questionary, on the same day as the pty run
    assert comparable(session) == comparable(questionary_run(tmp_path / "qy", local_now))


def test_pty_ctrl_c_in_a_multi_line_answer_keeps_its_lines(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--enkel", "start")
    play(child, LINES[:DAY])
    child.expect_exact("almindelig dag")
    child.expect_exact("Svar: ")
    child.send("Radio om morgenen\r")
    child.expect_exact("Næste linje: ")
    child.send("Spiser\x03")
    child.expect_exact("--enkel resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    store = Store(tmp_path, local_now)
    saved = store.load(store.path_for(NAME))
    assert saved.drafts == {"dagligdag.en_dag": "Radio om morgenen"}
    assert saved.answer("dagligdag", "maalgruppe") == "Ældre, der bor alene"
    assert len(SCRIPT) == len(LINES)  # the line run is the questionary run's twin


def test_evaluate_and_the_menu_in_lines(home: Path) -> None:
    """The other flows ask through the same line prompts: an evaluation round, and the
    menu of a bare `samarbejde --enkel` (which needs no terminal then either)."""
    assert main(["--enkel", "start"], line_env(home, all_lines())) == 0
    # ticks kept (Enter), 2 partners × 2 scores: the first's interest 3, the rest kept
    answers = "\n" + "3\n\n\n\n"
    # the health check: no partner named; item 1 rated 4 (its number), 2 not rated (the last
    # choice, 6), the rest kept unrated; a comment to item 1
    answers += "\n" + "4\n6\n\n\n\n\n" + "1\n" + "Vi ses for sjældent\n"
    answers += "Flere frivillige\nom aftenen\n\n" + "2027-03-01\n"
    env = line_env(home, answers)
    assert main(["--enkel", "evaluate", NAME], env) == 0
    session = load(env)
    latest = session.rounds[-1]
    assert latest.finished and latest.note == "Flere frivillige\nom aftenen"
    assert latest.ratings == {"faelles_grund": 4}
    assert latest.comments == {"faelles_grund": "Vi ses for sjældent"}
    assert latest.next_evaluation == dt.date(2027, 3, 1)
    assert session.partners[0].interest == 3 and session.partners[1].influence == 3
    assert "Evalueringen er gemt" in screen(env)
    env = line_env(home, "")  # the menu, and the file ends at once: a stop
    assert main(["--enkel"], env) == 130
    assert "1. Fortsæt med" in screen(env)


def test_the_summary_gives_the_board_as_lines(home: Path) -> None:
    """With --enkel, the summary's board is the quadrants line by line (a screen reader reads
    a drawn board cell by cell, names cut): every partner, whole, in its quadrant."""
    from tests.helpers.program import FIXTURES, quiet_env

    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "r.yaml").write_bytes((FIXTURES / "report_9.yaml").read_bytes())
    plain, drawn = quiet_env(home), quiet_env(home)
    assert main(["--enkel", "summary"], plain) == 0
    assert main(["summary"], drawn) == 0
    shown = plain.stdout.getvalue()
    assert "Diagrammet som liste, kvadrant for kvadrant" in shown and "│" not in shown
    assert "Ræk ud først: 1 Biblioteket, 2 Frivilligcentret Nordby" in shown
    assert "Hold øje med dem: 8 Nordby Kirke, 9 Idrætsforeningen NIF" in shown
    assert "Diagrammet som liste" not in drawn.stdout.getvalue()  # the drawing without it
