"""`samarbejde agenda`: next contacts and evaluations across sessions, as text, JSON and an
iCalendar file; `export --format ics` for one session."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from icalendar import Calendar

from samarbejde.sessions.model import Outreach, Partner
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES, NOW


def second_session(store: Store) -> None:
    s = store.load(FIXTURES / "session_v1.yaml")
    s.name = "Lektiecafé i Sørby"
    s.partners = [Partner(id="p1", name="Biblioteket", interest=4, influence=4)]
    s.outreach = {
        "p1": Outreach(
            cards={"faelles_maal": "Lektiehjælp om tirsdagen\nog mere"},
            key_persons="Ole (leder)",
            next_contact=dt.date(2026, 12, 3),
        )
    }
    s.checklist["evaluer"].date = dt.date(2026, 11, 20)  # past: overdue
    store.save(s, store.folder / "lektiecafe.yaml")


def test_agenda_across_sessions_overdue_first(cli, nordby: Path, store: Store) -> None:
    second_session(store)
    (nordby.parent / "oedelagt.yaml").write_text("name: [\n", encoding="utf-8")
    result = cli("agenda")
    assert result.code == 0
    out = result.stdout
    assert "oedelagt.yaml kan ikke læses og springes over." in out
    # the weekday first, whom and their contact person, one line per item
    days = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
    lines = [line for line in out.splitlines() if line.startswith(days)]
    assert lines[0].split()[:4] == ["søndag", "01-11-2026", "!", "Frivilligcentret"]
    assert "Birthe Sørensen" in lines[0]  # the contact person
    assert lines[1].split()[:4] == ["fredag", "20-11-2026", "!", "Evaluering"]  # Sørby's
    assert lines[2].split()[:3] == ["torsdag", "03-12-2026", "Biblioteket"]
    assert "Lektiehjælp" not in out  # not the start of a card cut mid-word
    assert "10-01-2027" in out  # within the default 60 days
    near = cli("agenda", "--days", "30").stdout
    assert "10-01-2027" not in near and "01-11-2026" in near  # overdue ones always


def test_agenda_json_is_the_documented_shape(cli, nordby: Path, store: Store) -> None:
    second_session(store)
    data = json.loads(cli("agenda", "--json").stdout)
    assert data["today"] == NOW.date().isoformat()
    assert data["items"][0] == {
        "date": "2026-11-01",
        "kind": "contact",
        "session": "Fællesspisning i Nordby",
        "partner": "Frivilligcentret Nordby",
        "contact": "Birthe Sørensen",  # the partner's contact person
        "overdue": True,
    }
    assert {"date": "2026-11-20", "kind": "evaluation", "session": "Lektiecafé i Sørby",
            "partner": None, "contact": None, "overdue": True} in data["items"]  # fmt: skip
    brugsen = next(i for i in data["items"] if i["partner"] == "Brugsen")
    assert brugsen["contact"] is None  # no contact person written down
    assert [i["overdue"] for i in data["items"]] == sorted(
        (i["overdue"] for i in data["items"]), reverse=True
    )


def test_agenda_ics_reads_back_with_stable_uids(cli, nordby: Path, store: Store, tmp_path) -> None:
    second_session(store)
    target = tmp_path / "kalender.ics"
    assert cli("agenda", "--ics", str(target)).code == 0
    first = Calendar.from_ical(target.read_bytes())
    events = {str(e["summary"]): e for e in first.walk("VEVENT")}
    contact = events["Kontakt: Biblioteket (Lektiecafé i Sørby)"]
    assert contact.decoded("dtstart") == dt.date(2026, 12, 3)
    assert "Nøglepersoner: Ole (leder)" in str(contact["description"])
    alarm = next(iter(contact.walk("VALARM")))
    # the working day before (Wednesday 2 December) at 9 o'clock
    assert alarm.decoded("trigger") == dt.timedelta(hours=-15)
    assert "Evaluering: Lektiecafé i Sørby" in events
    again = tmp_path / "igen.ics"
    assert cli("agenda", "--ics", str(again)).code == 0
    uids = sorted(str(e["uid"]) for e in first.walk("VEVENT"))
    assert uids == sorted(
        str(e["uid"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")
    )
    assert len(set(uids)) == len(uids)


def test_a_second_reader_agrees_on_the_calendar(cli, nordby: Path, store: Store, tmp_path) -> None:
    """The `ics` package (its own parser, not icalendar's) reads the same events: dates,
    UIDs, the Danish text and the reminders."""
    import ics

    second_session(store)
    target = tmp_path / "kalender.ics"
    assert cli("agenda", "--days", "3650", "--ics", str(target)).code == 0
    data = target.read_bytes()
    theirs = {e.uid: e for e in ics.Calendar(data.decode("utf-8")).events}
    ours = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert len(ours) == 5 and set(theirs) == set(ours)
    for uid, event in ours.items():
        other = theirs[uid]
        assert other.name == str(event["summary"])
        assert other.all_day and other.begin.date() == event.decoded("dtstart")
        assert other.end.date() == event.decoded("dtend")
        assert (other.description or "") == str(event.get("description", ""))
        # (an overdue item has no reminder: see test_the_calendar_is_named_and_never_late)
        assert [a.trigger for a in other.alarms] == [
            a.decoded("trigger") for a in event.walk("VALARM")
        ]
    names = sorted(e.name for e in theirs.values())
    assert "Kontakt: Biblioteket (Lektiecafé i Sørby)" in names
    assert "Evaluering: Fællesspisning i Nordby" in names
    lektiecafe = next(e for e in theirs.values() if e.name.startswith("Kontakt: Biblioteket"))
    assert lektiecafe.description.splitlines()[1:4] == [
        "Kontaktperson hos Biblioteket: ikke skrevet endnu",
        "Nøglepersoner: Ole (leder)",
        "Lektiehjælp om tirsdagen",
    ]
    assert lektiecafe.begin.date() == dt.date(2026, 12, 3)


def test_export_ics_for_one_session(cli, nordby: Path, tmp_path) -> None:
    target = tmp_path / "nordby.ics"
    assert cli("export", "-f", "ics", "-o", str(target)).code == 0
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == [
        "Evaluering: Fællesspisning i Nordby",
        "Kontakt: Brugsen (Fællesspisning i Nordby)",
        "Kontakt: Frivilligcentret Nordby (Fællesspisning i Nordby)",
    ]


def test_the_calendar_is_named_and_never_late(cli, nordby: Path, store: Store, tmp_path) -> None:
    """A calendar to subscribe to or import: its name, METHOD:PUBLISH, an evaluation that
    says what to do, and no reminder that is already past when the file is made (the tests
    run on Friday 27-11-2026 at 10:00)."""
    second_session(store)
    agenda_file, export_file = tmp_path / "agenda.ics", tmp_path / "nordby.ics"
    assert cli("agenda", "--days", "3650", "--ics", str(agenda_file)).code == 0
    assert cli("export", "nordby", "-f", "ics", "-o", str(export_file)).code == 0
    agenda_cal = Calendar.from_ical(agenda_file.read_bytes())
    export_cal = Calendar.from_ical(export_file.read_bytes())
    assert str(agenda_cal["x-wr-calname"]) == "samarbejde"
    assert str(export_cal["x-wr-calname"]) == "Fællesspisning i Nordby"
    assert str(agenda_cal["method"]) == str(export_cal["method"]) == "PUBLISH"
    events = {str(e["summary"]): e for e in export_cal.walk("VEVENT")}
    evaluation = str(events["Evaluering: Fællesspisning i Nordby"]["description"])
    assert "tjeklisten" in evaluation
    assert evaluation.endswith("samarbejde evaluate 'Fællesspisning i Nordby'")
    now = dt.datetime(2026, 11, 27, 10, 0)
    reminders = 0
    for event in agenda_cal.walk("VEVENT"):
        start = dt.datetime.combine(event.decoded("dtstart"), dt.time())
        for alarm in event.walk("VALARM"):
            assert start + alarm.decoded("trigger") > now, event["summary"]
            reminders += 1
    assert reminders >= 2  # the future ones keep theirs
    # overdue (01-11-2026): no reminder at all
    overdue = events["Kontakt: Frivilligcentret Nordby (Fællesspisning i Nordby)"]
    assert not list(overdue.walk("VALARM"))


def test_a_reminder_moves_to_the_day_itself_when_the_day_before_has_passed() -> None:
    from samarbejde.reports.agenda import reminder

    monday = dt.date(2026, 11, 30)
    friday_noon = dt.datetime(2026, 11, 27, 12, 0)
    assert reminder(monday, dt.datetime(2026, 11, 27, 8, 0)) == dt.timedelta(days=-3, hours=9)
    assert reminder(monday, friday_noon) == dt.timedelta(hours=9)
    assert reminder(monday, dt.datetime(2026, 11, 30, 9, 30)) is None


def test_summary_and_list_point_to_the_agenda_when_something_is_overdue(cli, nordby: Path) -> None:
    assert "samarbejde agenda" in cli("summary").stdout
    assert "samarbejde agenda" in cli("list").stdout
    text = nordby.read_text(encoding="utf-8").replace(
        "next_contact: '2026-11-01'", "next_contact: null"
    )
    nordby.write_text(text, encoding="utf-8")
    assert "samarbejde agenda" not in cli("summary").stdout


def test_agenda_at_40_columns_keeps_names_whole(home: Path, nordby: Path) -> None:
    from tests.helpers.program import run_program

    out = run_program("agenda", env={"SAMARBEJDE_HOME": str(home), "COLUMNS": "40"}).stdout
    lines = [line.rstrip() for line in out.splitlines()]
    at = lines.index("søndag 01-11-2026 !")  # the weekday first, the contact on its own line
    assert lines[at + 1 : at + 3] == ["  Frivilligcentret Nordby", "  Birthe Sørensen"]
    assert lines[at + 3] == "søndag 10-01-2027"
    assert all(len(line) <= 40 for line in out.splitlines())


def test_agenda_says_whom_to_call_with_headings_one_line_each(
    cli, nordby: Path, store: Store
) -> None:
    result = cli("agenda")
    lines = result.stdout.splitlines()
    assert lines[1] == "Session: Fællesspisning i Nordby"  # one session: said once
    assert lines[2].split() == ["Dato", "Hvem", "Kontaktperson"]
    rows = lines[3 : lines.index("! = overskredet")]
    assert [r.split()[2] for r in rows] == ["!", "Brugsen"]  # one line each
    assert rows[0].split() == ["søndag", "01-11-2026", "!", "Frivilligcentret", "Nordby",
                               "Birthe", "Sørensen"]  # fmt: skip
    assert all(len(line) <= 80 for line in lines)
    said = " ".join(result.stdout.split())
    command = "samarbejde contact 'Fællesspisning i Nordby' 'Frivilligcentret Nordby'"
    assert f"Følg op på den første overskredne kontakt: {command}" in said
    second_session(store)  # two sessions: a column for the session
    lines = cli("agenda").stdout.splitlines()
    assert lines[1].split() == ["Dato", "Hvem", "Kontaktperson", "Session"]
    assert all(len(line) <= 80 for line in lines)


def test_the_menu_offers_to_follow_up_a_contact(home: Path, nordby: Path) -> None:
    from samarbejde.cli.app import main
    from tests.helpers.prompts import drive, make_env, screen
    from tests.helpers.wizard_script import CTRL_C, DOWN, ENTER

    env = make_env(home)  # "Fortsæt med …", then "Følg op på en kontakt"; its partners
    keys = DOWN + ENTER + ENTER + "Ringede" + "\x1b\r" + CTRL_C
    assert drive(keys, lambda: main([], env)) == 130
    assert "Frivilligcentret Nordby" in screen(env).split("Hvad skete der?")[0]
    text = nordby.read_text(encoding="utf-8")
    assert "Ringede" in text
    text = text.replace("next_contact: 2026-11-01", "next_contact: '2026-11-01'")  # as saved
    nordby.write_text(text.replace("next_contact: '2026-11-01'", "next_contact: null")
                      .replace("2027-01-10", "2027-03-10"), encoding="utf-8")  # fmt: skip
    env = make_env(home)  # nothing due within a week: "Følg op" is not offered
    keys = DOWN * 3 + ENTER  # "Læs guiden" is the fourth choice again
    assert drive(keys, lambda: main([], env)) == 0
    assert "Tjekliste til godt samarbejde" in screen(env)
