"""A question resumed shows what was given before it: the partner's first score when the
wizard resumes at the second, and an evaluation round resumed at its overdue contacts does not
ask again about a contact it was told to skip."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from samarbejde.base.ids import EVALUATE
from samarbejde.cli.app import main
from samarbejde.flows.evaluate import begin
from samarbejde.guide.content import load_guide
from samarbejde.sessions.model import Cursor
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES, NOW
from tests.helpers.prompts import line_env, screen

NAME = "Fællesspisning i Nordby"


def _copy(home: Path) -> tuple[Store, Path]:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    path = folder / "faellesspisning-i-nordby.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    return Store(home, lambda: NOW), path


def test_resumed_at_the_second_score_the_first_is_shown(tmp_path: Path) -> None:
    store, path = _copy(tmp_path)
    s = store.load(path)
    madskolen = next(p for p in s.partners if p.name == "Madskolen")
    madskolen.interest = 3  # given, then the program stopped
    s.completed.remove("prioriter")
    s.cursor = Cursor(step="prioriter", question=f"{madskolen.id}.influence")
    s.left_at["prioriter"] = f"{madskolen.id}.influence"
    store.save(s, path)
    env = line_env(tmp_path, "\n")  # the menu: carry on; then a stop at the question
    assert main(["--enkel", "resume", NAME], env) == 130
    shown = screen(env)
    assert "Partner 5 af 5: Madskolen" in shown
    after = shown.split("Partner 5 af 5: Madskolen")[1]
    assert "Fælles interesse: 3 (dit svar)" in after.split("Indflydelse")[0]
    assert store.load(path).partner(madskolen.id).interest == 3  # type: ignore[union-attr]


def test_a_skipped_overdue_contact_is_not_asked_again_on_resume(tmp_path: Path) -> None:
    store, path = _copy(tmp_path)
    s = store.load(path)
    s.outreach["p3"].next_contact = dt.date(2026, 11, 2)  # two overdue: p1 on 01-11, p3
    begin(s, load_guide(), NOW.date())
    s.left_at[EVALUATE] = "contacts"  # stopped at the overdue contacts
    store.save(s, path)
    first = line_env(tmp_path, "3\n")  # "Spring over" Frivilligcentret; a stop at Brugsen
    assert main(["--enkel", "evaluate", NAME], first) == 130
    assert "Kontakten med Brugsen" in screen(first)
    assert store.load(path).rounds[-1].skipped == ["p1"]
    again = line_env(tmp_path, "")
    assert main(["--enkel", "evaluate", NAME], again) == 130
    assert "Kontakten med Brugsen" in screen(again)
    assert "Kontakten med Frivilligcentret" not in screen(again)
