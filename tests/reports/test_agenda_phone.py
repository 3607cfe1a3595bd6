"""The partner's contact person in the agenda and its calendar file: the phone number is never
cut, whatever the width, and the calendar event names the person with the phone on its own line
(also for a partner without key persons or card notes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from samarbejde.cli.app import main
from samarbejde.sessions.store import Store
from tests.helpers.program import quiet_env

CONTACT = "Jørgen Holm, formand, 21 43 65 87, jorgen.holm@nordby-frivillig.dk"


@pytest.fixture
def with_phone(nordby: Path, store: Store) -> Path:
    session = store.load(nordby)
    partner = next(p for p in session.partners if p.name == "Frivilligcentret Nordby")
    partner.contact = CONTACT
    plan = session.outreach[partner.id]
    plan.key_persons, plan.cards = "", {}  # nothing but the contact person to say
    store.save(session, nordby)
    return nordby


@pytest.mark.parametrize("width", [40, 60, 76, 80, 90, 100, 140])
def test_the_phone_number_is_never_cut(home: Path, with_phone: Path, width: int) -> None:
    env = quiet_env(home, width=width)
    assert main(["agenda"], env) == 0
    out = env.stdout.getvalue()  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert any("21 43 65 87" in line for line in lines), out  # whole, on one line
    assert "Jørgen Holm" in out and "…" not in out  # nothing cut short
    words = " ".join(out.split())
    assert "formand," in words
    # the address may be folded only where it is wider than its room, never dropped
    assert "jorgen.holm@nordby-frivillig.dk" in out.replace("\n", "").replace(" ", "") or (
        width < 76
    )


def test_the_calendar_event_names_the_contact_person_and_phone(
    cli, with_phone: Path, tmp_path: Path
) -> None:
    target = tmp_path / "kalender.ics"
    assert cli("agenda", "--ics", str(target)).code == 0
    events = {str(e["summary"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    event = events["Kontakt: Frivilligcentret Nordby (Fællesspisning i Nordby)"]
    lines = str(event["description"]).splitlines()
    assert lines[1:4] == [
        f"Kontaktperson: {CONTACT}",
        "Telefon: 21 43 65 87",
        "E-mail: jorgen.holm@nordby-frivillig.dk",
    ]
