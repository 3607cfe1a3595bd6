"""A report of a large session stays a document to read: at most PLANS_SHOWN outreach plans,
each a section, then how many more and the command that shows them."""

from __future__ import annotations

import datetime as dt

import pytest

from samarbejde.guide.content import Guide
from samarbejde.reports import report_model
from samarbejde.sessions.model import Outreach, Partner, Session, new_session
from samarbejde.steps.blocks import Para, Plan
from samarbejde.steps.raek_ud import PLANS_SHOWN
from tests.helpers.program import NOW


def planned(count: int) -> Session:
    s = new_session("Mange partnere", "kommune", NOW, organisation="Storby Kommune")
    for i in range(1, count + 1):
        s.partners.append(
            Partner(id=f"p{i}", name=f"Partner {i}", kind="forening", interest=5, influence=5)
        )
        s.outreach[f"p{i}"] = Outreach(next_contact=dt.date(2026, 12, 1))
    return s


def outreach_blocks(session: Session, guide: Guide) -> list[object]:
    report = report_model.build(session, guide, NOW.date())
    [section] = [s for s in report.sections if s.id == "raek_ud"]
    return list(section.blocks)


@pytest.mark.parametrize("count", [PLANS_SHOWN, PLANS_SHOWN + 3])
def test_at_most_the_first_plans_and_how_many_more(guide: Guide, count: int) -> None:
    blocks = outreach_blocks(planned(count), guide)
    plans = [b for b in blocks if isinstance(b, Plan)]
    assert len(plans) == PLANS_SHOWN
    assert plans[0].title.startswith("1. ") and plans[-1].title.startswith(f"{PLANS_SHOWN}. ")
    notes = [b.text for b in blocks if isinstance(b, Para) and "partnere mere" in b.text]
    if count == PLANS_SHOWN:
        assert notes == []
    else:
        assert len(notes) == 1 and "3 partnere mere" in notes[0]
        assert "samarbejde resume 'Mange partnere'" in notes[0]
        after = blocks[blocks.index(plans[-1]) + 1]
        assert isinstance(after, Para) and after.text == notes[0]  # right after the last shown
