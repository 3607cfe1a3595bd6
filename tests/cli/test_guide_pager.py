"""`samarbejde guide` in a terminal too short for it: the pager says in Danish how to go on
and how to leave (less's own prompt is a bare ":"), and q leaves it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samarbejde.cli.commands.overview import less_command
from tests.helpers.pty import finish, spawn


def test_less_prompt_signs_are_escaped() -> None:
    assert less_command("Tryk q: afslut. 100% ?") == r'less -R -Ps"Tryk q\: afslut\. 100\% \?"'
    assert '"' not in less_command('Sig "$HOME"')[len('less -R -Ps"') : -1]


@pytest.mark.skipif(shutil.which("less") is None, reason="no less on this machine")
def test_the_pager_says_how_to_leave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGER", raising=False)  # the user's own pager is left as it is
    child = spawn(tmp_path, "guide", setting={"LESS": ""}, dimensions=(24, 80))
    child.expect_exact("Mellemrum: mere, b: tilbage, q: afslut")
    child.send("q")
    assert finish(child) == 0
