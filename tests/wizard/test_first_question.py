"""`start`'s first question comes before the wizard's modules (issue 35): the bundled guide's
texts, read without validating it, are the validated guide's; a content file given with
`--content` is still checked before anything is asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from samarbejde.guide import content, texts
from tests.helpers.program import ROOT, run_inside, run_program

# What the first question does not need: the models, the store, the wizard, the YAML reader
# (with the guide kept), the validated guide's models.
NOT_YET = (
    "samarbejde.guide.content",
    "samarbejde.sessions.model",
    "samarbejde.sessions.store",
    "samarbejde.flows.wizard",
    "samarbejde.steps",
    "yaml",  # with the guide kept (a first run ever parses it for its texts)
)

FIRST_QUESTION = """
import sys
from samarbejde.runner.env import Env
from samarbejde.flows import start

class Prompts:
    def text(self, message, **kwargs):
        print(message)
        print(" ".join(m for m in {not_yet!r} if m in sys.modules))
        raise SystemExit(0)

env = Env(stdin_isatty=lambda: True)
env.prompts = lambda: Prompts()
start.run_start(env)
"""


def test_the_bundled_texts_are_the_validated_guides() -> None:
    guide = content.load_guide(None)
    assert texts.fallback_texts()._strings == guide.texts._strings
    assert texts.fallback_title() == guide.title != ""


def test_the_first_question_loads_no_model(home: Path) -> None:
    home.mkdir()
    assert run_program("list", env={"SAMARBEJDE_HOME": str(home)}).returncode == 0
    script = FIRST_QUESTION.format(not_yet=NOT_YET)
    for _ in range(2):  # the guide kept by `list`, and by this run
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"SAMARBEJDE_HOME": str(home), "PATH": "", "COLUMNS": "80"},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        *welcome, question, loaded = done.stdout.splitlines()
        assert texts.fallback_title() in welcome[0]  # the welcome's frame and title
        assert question == texts.fallback_texts()("wizard_ask_name")
        assert loaded == ""


def test_a_broken_content_file_is_said_before_any_question(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "guide.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    result = run_inside(
        "--enkel", "--content", str(broken), "start", env={"SAMARBEJDE_HOME": str(home)},
        input="Fællesspisning\n",
    )  # fmt: skip
    assert result.returncode != 0
    assert texts.fallback_texts()("wizard_ask_name") not in result.stdout  # nothing asked
    assert "guide.yaml" in "".join(result.stderr.split())  # named (a long path wraps)
    assert not (home / "sessions").exists()


def test_the_programs_path_is_found_when_a_hint_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """`shutil.which` reads the whole PATH: not for a command that prints no hint."""
    import shutil

    from samarbejde.runner.env import Env

    looked: list[str] = []
    monkeypatch.setattr(shutil, "which", lambda name: looked.append(name))
    env = Env(started_as="/nowhere/samarbejde")
    assert looked == []
    assert env.program.endswith("-m samarbejde")  # not there: run as a module
    assert looked == ["samarbejde"]
    assert Env().program == "samarbejde"
