"""A Ctrl-C that comes between two questions (not at a prompt) is a stop like one at a prompt:
what was answered is saved and the stop says how to carry on; one that comes while a session
is being saved waits until the save is written and noted whole."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from samarbejde.base import signals
from samarbejde.cli.app import main
from samarbejde.runner.flow import Flow
from tests.helpers.prompts import drive, make_env, screen
from tests.helpers.wizard_script import ENTER


def test_a_stop_inside_held_waits_for_the_end_of_the_block() -> None:
    old = signal.getsignal(signal.SIGINT)
    try:
        signals.listen()
        reached = []
        with pytest.raises(KeyboardInterrupt), signals.held():
            os.kill(os.getpid(), signal.SIGINT)
            reached.append("the rest of the block ran")
        assert reached == ["the rest of the block ran"]
    finally:
        signal.signal(signal.SIGINT, old)
        signals.early.clear()


def test_a_stop_between_two_questions_saves_and_says_how_to_go_on(
    home: Path, nordby: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Flow.save
    calls = []

    def save_then_stop(self: Flow) -> None:
        real_save(self)
        named = self.session.partners[-1].name == "Nordby Skakklub"
        if named and not calls:  # right after the name is saved: as if Ctrl-C came now
            calls.append(1)
            raise KeyboardInterrupt

    monkeypatch.setattr(Flow, "save", save_then_stop)
    env = make_env(home)
    code = drive("Nordby Skakklub" + ENTER, lambda: main(["add-partner", "nordby"], env))
    assert code == 130
    assert "add-partner" in " ".join(screen(env).split())  # how to carry on
    session = env.store.load(nordby)
    assert session.partners[-1].name == "Nordby Skakklub"  # the answer is kept
    assert session.left_at["partner"].endswith(".kind")  # and where to go on
