"""Every calendar event says whom to call and what to do: `agenda --ics` over the report
fixtures (9 and 60 partners) and the version-1 session, one of them with an agreement whose
end and notice dates are in the calendar too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from samarbejde.base.contact_text import contact_parts
from samarbejde.base.terminal import command_line
from samarbejde.sessions.model import Agreement
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES


def test_every_event_names_whom_to_call(cli, home: Path, store: Store, tmp_path: Path) -> None:
    nine = store.load(FIXTURES / "report_9.yaml")
    partner = next(p for p in nine.partners if p.name == "Frivilligcentret Nordby")
    partner.contact = "Birthe Sørensen, tlf. 21 43 65 87"
    nine.agreement = Agreement(
        partner=partner.id, end=dt.date(2027, 12, 31), notice=dt.date(2027, 10, 1)
    )
    store.save(nine, store.folder / "nordby.yaml")
    store.save(store.load(FIXTURES / "report_60.yaml"), store.folder / "stor.yaml")
    v1 = store.load(FIXTURES / "session_v1.yaml")
    v1.name = "Lektiecafé i Sørby"  # (its own name is the 9 partners' session's)
    store.save(v1, store.folder / "v1.yaml")
    sessions = {s.name: s for s in (store.load(p) for p in store.folder.glob("*.yaml"))}

    target = tmp_path / "kalender.ics"
    assert cli("agenda", "--days", "3650", "--ics", str(target)).code == 0
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) > 20
    named = 0
    for event in events:
        summary, text = str(event["summary"]), str(event.get("description", ""))
        assert text.strip(), f"{summary}: no DESCRIPTION"
        owner = next(s for name, s in sessions.items() if name in summary or name in text)
        for p in owner.partners:
            if summary.startswith("Kontakt: ") and f"Kontakt: {p.name} (" in summary:
                who = p
                break
            if p.name in summary and not summary.startswith("Kontakt: "):
                who = p
                break
        else:
            assert summary.startswith("Evaluering: "), summary
            continue
        if who.contact:
            assert f"Kontaktperson: {who.contact}" in text, summary
            named += 1
            phone, _email = contact_parts(who.contact)
            if phone:
                assert f"Telefon: {phone}" in text.splitlines(), summary
        else:
            assert f"Kontaktperson hos {who.name}: ikke skrevet endnu" in text, summary
    assert named >= 3

    by_summary = {str(e["summary"]): str(e["description"]) for e in events}
    end = by_summary["Aftalen med Frivilligcentret Nordby udløber"]
    notice = by_summary["Aftalen med Frivilligcentret Nordby: frist for forlængelse"]
    assert "I dag udløber samarbejdsaftalen" in end
    assert "sidste frist for at beslutte" in notice
    for text in (end, notice):
        assert "Telefon: 21 43 65 87" in text.splitlines()
        command = command_line("samarbejde", "export", "Fællesspisning i Nordby", "--agreement")
        assert text.splitlines()[-1] == f"Se samarbejdsaftalen med: {command}"
