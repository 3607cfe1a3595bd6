"""`--enkel` without dead ends: pressing only Enter ends every flow in a bounded number of
prompts (an empty answer where a value is required goes back, a menu's Enter goes on), and
the output holds no colour code but bold and italic, and no box, tick or arrow."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers.program import FIXTURES, run_inside, run_program

ENTERS = 400  # far more than any flow asks pressing Enter alone
BOUND = 60  # prompts: a flow that asks more is walking in circles


@pytest.mark.parametrize(
    "command",
    [
        ["resume", "nordby"],
        ["resume", "nordby", "at the partners"],
        ["contact", "nordby"],
        ["evaluate", "nordby"],
        ["agreement", "nordby"],
        ["add-partner", "nordby"],
        ["start"],  # the required name left empty: nothing started, a word on why
        ["summary", "nordby"],
        ["guide"],
    ],
)
def test_enter_alone_ends_every_flow(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "faellesspisning-i-nordby.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    if command[-1] == "at the partners":  # stopped at step 2's menu: Enter there is "add"
        command = command[:-1]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["cursor"] = {"step": "aktoerer", "question": "menu"}
        data["left_at"] = {"aktoerer": "menu"}
        data["completed"] = [s for s in data["completed"] if s != "aktoerer"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = run_program if command[0] == "resume" else run_inside  # resume: the real program
    done = run("--enkel", *command, input="\n" * ENTERS, env={"SAMARBEJDE_HOME": str(tmp_path)})
    prompts = len(re.findall(r"^(?:Svar|Næste linje|Skriv [^\n]*?): ", done.stdout, re.M))
    assert done.returncode in (0, 1), (done.returncode, done.stdout[-2000:], done.stderr)
    assert prompts <= BOUND, done.stdout[-3000:]
    assert "Traceback" not in done.stderr
    if command == ["start"]:
        assert "Intet navn" in done.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["faellesspisning-i-nordby.yaml"]
    # marks and arrows are words a screen reader reads: "(på plads)", "fra 2 til 4"
    assert not re.findall("[☐☑→•·]", done.stdout), re.findall(".*[☐☑→•·].*", done.stdout)
    assert "Esc" not in done.stdout  # keys of the other prompts, not of lines
    if command[0] in ("resume", "evaluate"):  # the checklist shown, a ticked item in words
        assert "1. Find fælles grund (på plads)" in done.stdout
    codes = set(re.findall(r"\x1b\[([0-9;]*)m", done.stdout + done.stderr))
    assert codes <= {"", "0", "1", "3", "22", "23"}, codes  # bold and italic, and their ends
