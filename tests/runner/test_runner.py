"""The runner: one write per answer, with the cursor travelling in it."""

from __future__ import annotations

from pathlib import Path

from samarbejde.cli.app import main
from samarbejde.sessions.store import Store
from tests.helpers.prompts import all_keys, drive, make_env
from tests.helpers.wizard_script import SCRIPT


def test_each_answer_is_one_write_with_the_next_question_in_it(home: Path, monkeypatch) -> None:
    saves: list[tuple[str, str, dict[str, str]]] = []
    real = Store.save

    def counted(self: Store, session, path=None):  # type: ignore[no-untyped-def]
        cursor = session.cursor
        saves.append((cursor.step, cursor.question, dict(session.answers.get("dagligdag", {}))))
        return real(self, session, path)

    monkeypatch.setattr(Store, "save", counted)
    env = make_env(home)
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    daily = [s for s in saves if s[0] == "dagligdag"]
    # the step before ends (the cursor moves on to this one); then one save per answer, each
    # already pointing at the next question; the last stays at its question
    assert [(step, key) for step, key, _ in daily] == [
        ("dagligdag", ""),
        ("dagligdag", "en_dag"),
        ("dagligdag", "moeder"),
        ("dagligdag", "problem"),
        ("dagligdag", "problem"),
    ]
    assert list(daily[1][2]) == ["maalgruppe"]
    assert list(daily[-1][2]) == ["maalgruppe", "en_dag", "moeder", "problem"]
    # the whole run: at most one write per prompt (menus that change nothing write nothing),
    # and one as each step ends (it was two per answer, and one more per menu, before)
    assert len(saves) <= len(SCRIPT) + len(env.guide.steps)
