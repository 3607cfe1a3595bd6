"""A save that dumps only what changed writes the file a plain dump writes, byte for byte."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from samarbejde.sessions.model import (
    LogEntry,
    Outreach,
    Partner,
    Round,
    Session,
    new_session,
)
from samarbejde.sessions.serial import Dumper
from samarbejde.sessions.store import Store
from tests.helpers.fuzz import examples
from tests.helpers.program import FIXTURES, NOW
from tests.helpers.random_sessions import plain, sessions
from tests.helpers.report_fixtures import nine, sixty


def fixtures() -> list[Session]:
    store = Store(FIXTURES, lambda: NOW)
    return [store.load(FIXTURES / "session_v1.yaml"), nine(), sixty()]


@pytest.mark.parametrize("index", range(3))
def test_the_fixtures_dump_as_a_plain_dump_does(index: int) -> None:
    session = fixtures()[index]
    dumper = Dumper()
    assert dumper.dumps(session) == plain(session)
    session.partners[0].interest = 1  # a second dump reuses the rest: still the same text
    session.partners.append(Partner(id="p99", name="Ny\nmed linjeskift", brings="  foran"))
    assert dumper.dumps(session) == plain(session)


def test_empty_same_names_and_columns_are_not_written(tmp_path: Path) -> None:
    store = Store(tmp_path, lambda: NOW)
    session = new_session("Tom", "kommune", NOW)
    text = store.save(session).read_text(encoding="utf-8")
    assert "same_names" not in text and "table_columns" not in text
    session.same_names["a=b"] = True
    text = store.save(session).read_text(encoding="utf-8")
    assert "same_names:\n  a=b: true\n" in text
    assert store.load(store.path_for("Tom")) == session


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=sessions(), second=sessions())
def test_any_session_dumps_as_a_plain_dump_does(first: Session, second: Session) -> None:
    dumper = Dumper()
    assert dumper.dumps(first) == plain(first)
    assert dumper.dumps(second) == plain(second)  # the text of the first is no help
    assert dumper.dumps(first) == plain(first)  # nor is the second's
    if first.partners:
        first.partners[-1].name += " ændret"
        first.partners[0].interest = 1 if first.partners[0].interest != 1 else 2
    for plan in list(first.outreach.values())[:1]:
        plan.log.append(LogEntry(date=dt.date(2026, 1, 2), note="ny linje\n\nto"))
    assert dumper.dumps(first) == plain(first)


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(session=sessions())
def test_any_session_saved_reads_back_the_same(tmp_path: Path, session: Session) -> None:
    store = Store(tmp_path, lambda: NOW)
    (tmp_path / "s.yaml").unlink(missing_ok=True)  # the example before's
    path = store.save(session, tmp_path / "s.yaml")
    assert Store(tmp_path, lambda: NOW).load(path) == session
    assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None  # any YAML reader


def test_a_value_and_its_text_are_told_apart() -> None:
    """A key of the kept text tells a number from a truth value and a date from its text."""
    dumper = Dumper()
    session = new_session("Typer", "kommune", NOW)
    session.partners.append(Partner(id="p1", name="A"))
    session.partners[0].extra = 1  # type: ignore[attr-defined]  # unknown keys are kept
    assert "extra: 1}" in dumper.dumps(session)
    session.partners[0].extra = True  # type: ignore[attr-defined]
    assert "extra: true}" in dumper.dumps(session)
    session.partners[0].extra = dt.date(2026, 1, 1)  # type: ignore[attr-defined]
    assert "extra: 2026-01-01}" in dumper.dumps(session)
    session.partners[0].extra = "2026-01-01"  # type: ignore[attr-defined]
    assert "extra: '2026-01-01'}" in dumper.dumps(session)


def test_a_text_ending_in_line_breaks_last_in_a_part_still_dumps_whole() -> None:
    """A `|+` text ends the YAML document with `...` when it is last: such a part is not
    put inside the file; the session is dumped whole instead, as before."""
    session = new_session("Slut", "kommune", NOW)
    session.partners.append(Partner(id="p1", name="A"))
    session.outreach["p1"] = Outreach(key_persons="a\n\n")
    session.rounds.append(Round(date=dt.date(2026, 1, 1), note="b\n\n", finished=True))
    assert Dumper().dumps(session) == plain(session)


def test_the_collector_is_off_during_a_save_and_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path, lambda: NOW)
    seen = []
    real = Dumper.dumps

    def spy(self: Dumper, session: Session) -> str:
        seen.append(gc.isenabled())
        return real(self, session)

    monkeypatch.setattr(Dumper, "dumps", spy)
    was = gc.isenabled()
    gc.enable()
    try:
        store.save(new_session("GC", "kommune", NOW))
        assert seen == [False] and gc.isenabled()
    finally:
        if not was:
            gc.disable()
