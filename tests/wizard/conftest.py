"""The wizard's fixtures: one whole run, made once per test process, and its session copied
into a test's home."""

from __future__ import annotations

from pathlib import Path

import pytest
import questionary

from samarbejde.cli.app import main
from samarbejde.runner.env import Env
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW
from tests.helpers.prompts import Replay, all_keys, copy_into, drive, load, make_env
from tests.helpers.wizard_script import SCRIPT


@pytest.fixture(scope="session")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Replay:
    env = make_env(tmp_path_factory.mktemp("replay"))
    scratch = Store(tmp_path_factory.mktemp("snapshots"), lambda: NOW)
    before: list[bytes | None] = []
    held: list[Session] = []  # the session the run saves: what it holds in memory
    ask, save = questionary.Question.unsafe_ask, Store.save

    def save_and_hold(store: Store, session: Session, path: Path | None = None) -> Path:
        held[:] = [session]
        return save(store, session, path)

    def ask_and_keep(question: questionary.Question, *args, **kwargs):
        # The session as it stands now, written by the store as a stop here would write it.
        # Not the file on disk: the runner saves the cursor with the next answer, so where a
        # step or a menu begins the file still points at the question answered last, while
        # a stop saves the cursor of the question on screen.
        snapshot = None
        if held:
            path = scratch.folder / f"{len(before)}.yaml"
            save(scratch, held[0].model_copy(deep=True), path)
            snapshot = path.read_bytes()
        before.append(snapshot)
        return ask(question, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "save", save_and_hold)
        patch.setattr(questionary.Question, "unsafe_ask", ask_and_keep)  # every prompt's way
        assert drive(all_keys(), lambda: main(["start"], env)) == 0
    assert len(before) == len(SCRIPT)  # one prompt for each entry of the script
    return Replay(env, load(env), before)


@pytest.fixture
def full_run(home: Path, replay: Replay) -> tuple[Env, Session]:
    """The session an uninterrupted run leaves, in this test's home."""
    env = copy_into(home, replay.path.read_bytes())
    return env, load(env)
