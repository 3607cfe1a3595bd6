"""The real program in a pseudo-terminal (pexpect): start, Ctrl-C, resume, summary."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
import pytest

from tests.helpers.program import run_program
from tests.helpers.pty import finish, play, spawn, wait_for
from tests.helpers.wizard_script import CTRL_C, DOWN, ENTER, FINISH, NAME, SCRIPT, at


def open_items_in_summary(home: Path) -> list[str]:
    result = run_program("summary", NAME, env={"SAMARBEJDE_HOME": str(home), "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    part = result.stdout.split("Åbne punkter på tjeklisten")[1].split("Næste kontakter")[0]
    return [line.split(". ", 1)[1] for line in part.splitlines() if line.startswith("☐ ")]


UNTICKED = [
    "Vær åben for forskelle",
    "Evaluer og juster løbende",
    "Få ledelsen med",
    "Aftal spillereglerne",
]


def test_full_start_then_summary(tmp_path: Path) -> None:
    child = spawn(tmp_path, "start")
    play(child, SCRIPT)
    child.expect_exact("Godt gået!")
    assert finish(child) == 0
    assert open_items_in_summary(tmp_path) == UNTICKED
    text = (tmp_path / "sessions" / "faellesspisning-i-nordby.yaml").read_text(encoding="utf-8")
    assert "Ældre, der bor alene" in text and "Frivilligcentret Åby" in text


@pytest.mark.parametrize(  # one stop always; the others are the long form (CI, `--slow`)
    "stop_at", [30, *(pytest.param(n, marks=pytest.mark.slow) for n in (5, 17, 44))]
)
def test_ctrl_c_exits_130_and_resume_completes(tmp_path: Path, stop_at: int) -> None:
    child = spawn(tmp_path, "start")
    play(child, SCRIPT[:stop_at])
    marker, keys, _ = SCRIPT[stop_at]
    wait_for(child, marker, keys.endswith(FINISH))
    child.send(CTRL_C)
    child.expect_exact("samarbejde resume")
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")

    child = spawn(tmp_path, "resume", NAME)
    child.expect_exact("hvad vil du?")
    child.send(ENTER)
    play(child, SCRIPT[stop_at:])
    child.expect_exact("Godt gået!")
    assert finish(child) == 0
    assert open_items_in_summary(tmp_path) == UNTICKED


def test_start_without_a_terminal_exits_2(tmp_path: Path) -> None:
    with open(os.devnull) as devnull:
        result = run_program("start", env={"SAMARBEJDE_HOME": str(tmp_path)}, stdin=devnull)
    assert result.returncode == 2
    assert "interaktiv terminal" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "sessions").exists()


def test_resume_without_a_terminal_exits_2(tmp_path: Path) -> None:
    with open(os.devnull) as devnull:
        result = run_program("resume", env={"SAMARBEJDE_HOME": str(tmp_path)}, stdin=devnull)
    assert result.returncode == 2
    assert "samarbejde summary" in " ".join(result.stderr.split())


def test_delete_asks_in_the_terminal(tmp_path: Path) -> None:
    import shutil

    from tests.helpers.program import FIXTURES

    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "faellesspisning-i-nordby.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    for answer in ("j", ENTER, CTRL_C):  # a yes/no question whose default is no
        child = spawn(tmp_path, "delete", NAME)
        child.expect_exact('Vil du slette sessionen "Fællesspisning i Nordby" med alle dens svar?')
        child.expect_exact("Nej, behold den")
        child.send(answer + (ENTER if answer == "j" else ""))
        child.expect_exact("Sessionen er ikke slettet.")
        assert finish(child) == (130 if answer == CTRL_C else 0) and path.exists()
    child = spawn(tmp_path, "delete", NAME)
    child.expect_exact("Ja, slet den")
    child.send(DOWN + ENTER)
    child.expect_exact('Sessionen "Fællesspisning i Nordby" er slettet.')
    assert finish(child) == 0 and not path.exists()


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_closing_the_window_keeps_the_half_typed_answer(tmp_path: Path, signal_name: str) -> None:
    import signal

    from samarbejde.sessions.lock import SessionLock
    from samarbejde.sessions.store import Store
    from tests.helpers.program import NOW

    child = spawn(tmp_path, "start")
    play(child, SCRIPT[: at("Hvem er de borgere")])
    child.expect_exact("Hvem er de borgere")
    child.expect_exact("›")
    child.send("Ældre, der bor ale")
    child.expect_exact("bor ale")
    child.kill(getattr(signal, signal_name))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and child.signalstatus is None
    store = Store(tmp_path, lambda: NOW)
    path = store.path_for(NAME)
    session = store.load(path)
    assert session.cursor.question == "maalgruppe"
    assert session.drafts == {"dagligdag.maalgruppe": "Ældre, der bor ale"}
    with SessionLock(path, lambda: NOW) as lock:  # let go: the next wizard can open it
        assert lock.held


def test_ctrl_d_at_a_prompt_is_a_stop(tmp_path: Path) -> None:
    child = spawn(tmp_path, "start")
    play(child, SCRIPT[:2])
    child.expect_exact("Hvad hedder jeres organisation")
    child.send("\x04")  # Ctrl-D on an empty line: the end of input
    child.expect_exact("samarbejde resume")
    rest = child.read()
    assert finish(child) == 130
    assert "interaktiv terminal" not in child.before + rest
