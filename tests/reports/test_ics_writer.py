"""The calendar file is written line by line (issue 35: icalendar's objects took half of
`export --format ics` near 1 MB). It must stay the file icalendar writes: the writer before
the change, kept here as the reference, makes the same bytes from random sessions and from
hostile text; and every line keeps RFC 5545's folding."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event

from samarbejde.base.terminal import clean
from samarbejde.guide.content import Guide, load_guide
from samarbejde.reports import agenda
from samarbejde.reports.formats import EVERY_DAY
from samarbejde.sessions.model import Agreement, Session
from samarbejde.sessions.store import Store
from tests.helpers.fuzz import examples
from tests.helpers.program import FIXTURES, NOW
from tests.helpers.random_sessions import sessions

GUIDE = load_guide()
UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e]")


def icalendar_bytes(
    found: Sequence[agenda.Item], guide: Guide, now: dt.datetime, name: str | None = None
) -> bytes:
    """`agenda.ics_bytes` as it was before issue 35: icalendar's Calendar, Event and Alarm."""

    def t(key: str, **params: object) -> str:
        return clean(guide.texts(key, **params))

    calendar = Calendar()
    calendar.add("prodid", "-//samarbejde//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean(name) if name else t("ics_calendar"))
    for item in found:
        event = Event()
        event.add("uid", agenda.uid(item))
        event.add("dtstamp", now)
        event.add("dtstart", item.date)
        if item.date < dt.date.max:
            event.add("dtend", item.date + dt.timedelta(days=1))
        summary, lines = agenda._event_text(item, t)
        event.add("summary", summary)
        event.add("description", clean("\n".join(line for line in lines if line)))
        when = (
            agenda.reminder(item.date, now) if item.date > dt.date.min + dt.timedelta(7) else None
        )
        if when is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event["summary"])
            alarm.add("trigger", when)
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def assert_folded(data: bytes) -> None:
    """RFC 5545 3.1: CRLF line breaks only, no line over 75 octets, a continuation begins
    with a space, no character split between lines (each line is UTF-8 on its own)."""
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    for line in data[:-2].split(b"\r\n"):
        assert 0 < len(line) <= 75, line
        line.decode("utf-8")
        assert not line.startswith(b" ") or len(line) > 1, line


def unbroken(name: str) -> str:
    """A calendar name icalendar can write (a line break in one stops it: see below)."""
    return name.replace("\r", "").replace("\n", "")


def assert_same(ours: bytes, theirs: bytes) -> None:
    unfold = lambda data: data.replace(b"\r\n ", b"").split(b"\r\n")  # noqa: E731
    assert unfold(ours) == unfold(theirs)  # the same properties, values and escapes
    assert ours == theirs  # and folded at the same places
    assert_folded(ours)


nows = st.sampled_from(
    [
        NOW,
        dt.datetime(2026, 11, 27, 10, 0, 59, 999_999),  # no zone: taken as UTC
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=-9, minutes=-30))),
        dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC),
    ]
)


@given(session=sessions(), now=nows, days=st.sampled_from([0, 30, EVERY_DAY]))
@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_random_session_makes_the_file_icalendar_makes(
    session: Session, now: dt.datetime, days: int
) -> None:
    session.agreement = session.agreement and Agreement(
        partner="p1", end=dt.date(2027, 6, 30), notice=dt.date(2027, 3, 31)
    )
    path = Path("/tmp") / "samarbejde ; , \\ æøå.yaml"
    found = agenda.items([session], GUIDE, now.date(), days, [path])
    name = unbroken(session.name)
    ours = agenda.ics_bytes(found, GUIDE, now, name)
    assert_same(ours, icalendar_bytes(found, GUIDE, now, name))
    events = list(Calendar.from_ical(ours).walk("VEVENT"))
    assert len(events) == len(found)


# Text that escaping and folding must get right: the escaped characters and line breaks of
# every kind, `\N`, escapes and multi-byte characters where a line is folded, escape codes.
hostile = st.text(
    alphabet=st.sampled_from(list('ab ,;\\:^"N\n\r\t\x1b\x9b\u202eæ€😀'))
    | st.characters(codec="utf-8"),
    max_size=200,
) | st.sampled_from(["x" * 60 + "\\" * 20, "æ" * 80, "😀" * 40, "a,b;c\\N\r\nd\\\\n" * 9])
KINDS = (
    agenda.CONTACT,
    agenda.EVALUATION,
    agenda.AGREEMENT_END,
    agenda.AGREEMENT_NOTICE,
    agenda.HEALTH,
)
items = st.builds(
    agenda.Item,
    date=st.dates() | st.sampled_from([dt.date.min, dt.date.max, dt.date(2026, 11, 30)]),
    kind=st.sampled_from(KINDS),
    session=hostile,
    partner=st.none() | hostile,
    partner_id=st.none() | hostile,
    about=hostile,
    key_persons=hostile,
    overdue=st.booleans(),
    source=hostile,
    contact=hostile,
)


@given(found=st.lists(items, max_size=6), now=nows, name=st.none() | hostile.map(unbroken))
@settings(max_examples=examples(300), deadline=None)
def test_hostile_text_is_escaped_folded_and_cleaned_as_icalendar_does(
    found: list[agenda.Item], now: dt.datetime, name: str | None
) -> None:
    ours = agenda.ics_bytes(found, GUIDE, now, name)
    assert_same(ours, icalendar_bytes(found, GUIDE, now, name))
    shown = ours.decode().replace("\r\n", "").replace("\t", "")
    assert not UNCLEAN.search(shown)  # escape codes and overrides are made visible, as before


def test_the_report_fixture_with_an_agreement_makes_the_same_bytes(store: Store) -> None:
    session = store.load(FIXTURES / "report_60.yaml")
    session.agreement = Agreement(
        partner=session.partners[0].id, end=dt.date(2027, 12, 31), notice=dt.date(2027, 10, 1)
    )
    path = FIXTURES / "report_60.yaml"
    found = agenda.items([session], GUIDE, NOW.date(), EVERY_DAY, [path])
    assert len(found) > 10 and any(i.kind == agenda.AGREEMENT_END for i in found)
    ours = agenda.ics_bytes(found, GUIDE, NOW, session.name)
    assert_same(ours, icalendar_bytes(found, GUIDE, NOW, session.name))
    assert b"BEGIN:VALARM" in ours and b"\r\n " in ours  # reminders; folded lines


def test_fold_cuts_before_a_character_and_before_an_escape() -> None:
    assert agenda.fold("a" * 74) == b"a" * 74
    assert agenda.fold("a" * 75) == b"a" * 74 + b"\r\n a"
    assert agenda.fold("a" * 73 + "æ") == b"a" * 73 + b"\r\n \xc3\xa6"  # 75 octets: cut before æ
    assert agenda.fold("a" * 73 + "\\n" + "b") == b"a" * 73 + b"\r\n \\nb"
    assert agenda.fold("a" * 72 + "\\n" + "b") == b"a" * 72 + b"\\n\r\n b"


def test_the_calendar_name_is_written_as_it_is_and_a_line_break_as_text_writes_it() -> None:
    name = "Nordby, Sørby; \\ \x1b[31m\r\nanden linje"
    with pytest.raises(AssertionError):  # icalendar 7.2+ writes X- properties verbatim
        icalendar_bytes([], GUIDE, NOW, name)
    ours = agenda.ics_bytes([], GUIDE, NOW, name)
    written = "Nordby, Sørby; \\ \u241b[31m\\nanden linje"
    assert f"X-WR-CALNAME:{written}\r\n" in ours.decode()
    assert str(Calendar.from_ical(ours)["x-wr-calname"]) == written
    assert_folded(ours)
