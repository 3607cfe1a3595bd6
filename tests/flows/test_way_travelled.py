"""The way travelled over the evaluation rounds starts where it truly started: round zero is
dated the day the guide was finished (not the day of the last contact note), and the agreement's
sections in place are counted from the first round that had the agreement (never "0 → 11")."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import RenderableType

from samarbejde.base.terminal import make_console
from samarbejde.flows.evaluate import begin
from samarbejde.guide.content import Guide
from samarbejde.reports import summary
from samarbejde.sessions.model import Agreement, AgreementPart, Author, LogEntry, Session
from samarbejde.sessions.store import Store
from samarbejde.views.summary import rounds_parts
from tests.helpers.program import FIXTURES, NOW

FINISHED = dt.datetime(2026, 12, 14, 20, 30, tzinfo=NOW.tzinfo)
LAST_NOTE = dt.datetime(2027, 1, 18, 9, 0, tzinfo=NOW.tzinfo)


def render_text(*parts: RenderableType) -> str:
    console = make_console(width=80, color_system=None, record=True, file=io.StringIO())
    for part in parts:
        console.print(part)
    return console.export_text()


def _session(store: Store) -> Session:
    """The fixture as a file from before `completed_on`: the guide's answers written on 14
    December, a contact-log line on 18 January (the last change)."""
    s = store.load(FIXTURES / "session_v1.yaml")
    s.completed_on = None
    s.written_by = {
        "dagligdag.hverdag": Author(user="mette", at=FINISHED - dt.timedelta(days=2)),
        "tjekliste.ticks": Author(user="mette", at=FINISHED),
        "evaluate.note": Author(user="mette", at=LAST_NOTE),  # not one of the guide's steps
    }
    first = s.partners[0].id
    s.outreach[first].log.append(LogEntry(date=LAST_NOTE.date(), note="Ringede"))
    s.updated = LAST_NOTE
    return s


def _agreement(guide: Guide, in_place: int) -> Agreement:
    ids = [section.id for section in guide.agreement.sections if not section.children]  # type: ignore[union-attr]
    parts = {
        sid: AgreementPart(text="Aftalt.", status="in_place" if n < in_place else "")
        for n, sid in enumerate(ids)
    }
    return Agreement(partner="p1", children=False, sections=parts)


def test_round_zero_is_the_day_the_guide_was_finished(store: Store, guide: Guide) -> None:
    s = _session(store)
    begin(s, guide, LAST_NOTE.date() + dt.timedelta(days=1))
    assert s.rounds[0].date == FINISHED.date()  # not the day of the last note (18-01-2027)
    recorded = _session(store)
    recorded.completed_on = dt.date(2026, 12, 10)  # as the wizard records it now
    begin(recorded, guide, LAST_NOTE.date())
    assert recorded.rounds[0].date == dt.date(2026, 12, 10)
    recorded.rounds[-1].finished = True
    facts = summary.build(recorded, guide, LAST_NOTE.date())
    shown = render_text(*rounds_parts(facts, guide, "samarbejde"))
    assert "10-12-2026 (udgangspunkt)" in shown and "Siden 10-12-2026:" in shown


def test_a_file_from_before_loads_without_the_day(store: Store, tmp_path: Path) -> None:
    s = store.load(FIXTURES / "session_v1.yaml")
    assert s.completed_on is None
    s.completed_on = dt.date(2026, 12, 14)
    path = tmp_path / "s.yaml"
    store.save(s, path)
    assert store.load(path).completed_on == dt.date(2026, 12, 14)


def test_the_agreement_travels_from_where_it_stood(store: Store, guide: Guide) -> None:
    s = _session(store)
    s.agreement = _agreement(guide, 9)
    total = len(s.agreement_sections(guide))
    begin(s, guide, LAST_NOTE.date())  # round zero keeps where the agreement stood: 9
    assert sum(v == "in_place" for v in s.rounds[0].agreement.values()) == 9
    s.agreement = _agreement(guide, 11)
    current = s.rounds[-1]
    current.agreement, current.finished = dict(s.agreement_statuses(guide)), True
    way = s.travelled(guide)
    assert way is not None
    assert f"Samarbejdsaftale: fra 9 til 11 af {total} afsnit på plads" in way[1]


def test_a_round_zero_from_before_has_no_agreement_to_start_from(
    store: Store, guide: Guide
) -> None:
    """A file whose round zero was made before it kept the agreement: the line says where the
    agreement stands, not that it grew from nothing."""
    s = _session(store)
    s.agreement = _agreement(guide, 11)
    begin(s, guide, LAST_NOTE.date())
    s.rounds[0].agreement = {}  # as the earlier version made it
    current = s.rounds[-1]
    current.agreement, current.finished = dict(s.agreement_statuses(guide)), True
    way = s.travelled(guide)
    assert way is not None
    total = len(s.agreement_sections(guide))
    assert f"Samarbejdsaftale: 11 af {total} afsnit på plads" in way[1]
    assert not any("fra 0" in line for line in way[1])
