"""Where to go from here, once the whole guide is done: the report goes to a kommune's leader,
and to a forening's board — never "jeres leder" for a forening."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.sessions.model import Outreach
from tests.helpers.program import FIXTURES
from tests.helpers.prompts import make_env


@pytest.mark.parametrize(
    ("role", "tip", "not_said"),
    [
        ("kommune", "Rapporten til jeres leder eller kolleger", "bestyrelse"),
        ("civilsamfund", "Rapporten til jeres bestyrelse eller de andre frivillige", "leder"),
    ],
)
def test_the_closing_tips_fit_the_role(cli, home: Path, role: str, tip: str, not_said: str) -> None:
    env = make_env(home)
    session = env.store.load(FIXTURES / "report_9.yaml")
    session.role = role
    guide = load_guide()
    session.completed = [s.id for s in guide.steps]
    for ranked in session.ranked(guide):  # every partner to reach out to has a plan: all done
        plan = session.outreach.setdefault(ranked.partner_id, Outreach())
        plan.cards.setdefault("faelles_maal", "Ensomhed")
    env.store.save(session, home / "sessions" / "nordby.yaml")
    result = cli("summary", "nordby")
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert tip in said
    after = said.split("Fra måned til måned:")[1]
    assert not_said not in after
