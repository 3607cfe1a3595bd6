"""`samarbejde contact`, one partner at a time: with flags one command line,
interactively at most four answers to log a call and move its date, resumable at the question.

The in-process clock is Friday 27-11-2026 (conftest.NOW)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.sessions.lock import SessionLock
from samarbejde.sessions.model import Session
from tests.helpers.program import NOW, run_program
from tests.helpers.prompts import drive, make_env, screen
from tests.helpers.wizard_script import CLEAR, CTRL_C, DOWN, ENTER, FINISH

NAME = "Fællesspisning i Nordby"


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


# -- with flags: one command line -------------------------------------------------------------


def test_flags_save_one_line_and_ask_nothing(cli, nordby: Path) -> None:
    result = cli("contact", "nordby", "frivillig", "--log", "Talte med Kaj om lokaler",
                 "--date", "i går", "--next", "15/1")  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        'Gemt for Frivilligcentret Nordby: kontakt 26-11-2026 ("Talte med Kaj om lokaler") og '
        "næste kontakt 15-01-2027."
    ]
    plan = load(nordby).outreach["p1"]
    assert (plan.log[-1].date, plan.log[-1].note) == (
        dt.date(2026, 11, 26),
        "Talte med Kaj om lokaler",
    )
    assert plan.next_contact == dt.date(2027, 1, 15)
    assert len(plan.log) == 2  # the earlier line is kept


def test_each_flag_alone(cli, nordby: Path) -> None:
    assert cli("contact", NAME, "Frivilligcentret Nordby", "--next", "om en uge").code == 0
    assert load(nordby).outreach["p1"].next_contact == dt.date(2026, 12, 4)
    assert cli("contact", NAME, "frivilligcentret-nordby", "--log", "Mail sendt").code == 0
    plan = load(nordby).outreach["p1"]
    assert (plan.log[-1].date, plan.log[-1].note) == (NOW.date(), "Mail sendt")
    assert plan.next_contact == dt.date(2026, 12, 4)  # --log alone leaves the date


def test_a_partner_without_a_plan_gets_one_started(cli, nordby: Path) -> None:
    assert "p2" not in load(nordby).outreach
    result = cli("contact", NAME, "Ældresagen", "--next", "3. december")
    assert result.code == 0
    # said beside, stdout keeps its one line
    assert "er nu med i jeres kontaktplan (trin 4)" in result.stderr
    session = load(nordby)
    assert session.is_planned("p2") and session.outreach["p2"].next_contact == dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--next", "snart"], 2, 'Det kan ikke læses som en dato (--next): "snart"'),
        (["--next", "31/2"], 2, 'Den dato findes ikke (--next): "31/2"'),
        (["--next", "i går"], 2, "allerede passeret"),
        (["--log", "x", "--date", "i morgen"], 2, "ikke kommet endnu"),
        (["--date", "i går"], 2, "--log"),
        (["--log", "  "], 2, "--log er tom"),
        (["--log", "x", "--date", ""], 2, "kan ikke læses"),
    ],
)
def test_bad_flags_are_danish_usage_errors(cli, nordby: Path, args, code: int, said: str) -> None:
    before = nordby.read_bytes()
    result = cli("contact", NAME, "Brugsen", *args)
    assert result.code == code
    assert said in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert nordby.read_bytes() == before


def test_partner_not_found_or_ambiguous(cli, nordby: Path) -> None:
    result = cli("contact", NAME, "Biblioteket", "--log", "x")
    assert result.code == 1 and 'Ingen partner ved navn "Biblioteket"' in result.stderr
    assert "Madskolen" in result.stderr  # the partners there are named
    result = cli("contact", NAME, "nordby", "--log", "x")
    assert result.code == 1 and "Flere partnere passer" in result.stderr
    assert cli("contact", NAME, "--log", "x").code == 2  # which partner?


def test_a_session_open_in_the_wizard_is_not_changed(home: Path, nordby: Path) -> None:
    before = nordby.read_bytes()
    with SessionLock(nordby, lambda: NOW):  # another process has it open
        result = run_program("contact", NAME, "Brugsen", "--log", "x",
                             env={"SAMARBEJDE_HOME": str(home)})  # fmt: skip
    assert result.returncode == 1 and "Fejl:" in result.stderr
    assert nordby.read_bytes() == before


# -- interactively: the page, then four answers -----------------------------------------------


def contact(home: Path, keys: str, *args: str) -> tuple[int, str]:
    env = make_env(home)
    code = drive(keys, lambda: main(["contact", *args], env))
    return code, screen(env)


def test_log_a_call_and_move_its_date_in_four_answers(home: Path, nordby: Path) -> None:
    keys = "Ringede til Birthe." + ENTER + "Hun vender tilbage." + FINISH  # 1: what happened
    keys += "i går" + ENTER  # 2: when (typed over today's date, which stands there)
    keys += "15/1" + ENTER  # 3: the next contact (typed over the overdue one)
    keys += ENTER  # 4: "Nej, det var det"
    code, out = contact(home, keys, NAME, "Frivilligcentret")
    assert code == 0, out
    plan = load(nordby).outreach["p1"]
    assert plan.log[-1].note == "Ringede til Birthe.\nHun vender tilbage."
    assert plan.log[-1].date == dt.date(2026, 11, 26)
    assert plan.next_contact == dt.date(2027, 1, 15)
    page = out.split("Hvad skete der?")[0]
    for shown in ("Frivilligcentret Nordby", "Ræk ud først", "Birthe Sørensen (leder)",
                  "01-11-2026 (overskredet)", "Vi vil begge bryde ensomheden.",
                  "15-10-2026  Første møde på biblioteket."):  # fmt: skip
        assert shown in page
    assert "Næste kontakt med Frivilligcentret Nordby: 15-01-2027" in out
    session = load(nordby)
    assert "contact" not in session.left_at and not session.drafts


def test_enter_at_when_is_today_and_a_past_next_contact_is_moved_or_confirmed(
    home: Path, nordby: Path
) -> None:
    keys = "Mail sendt" + FINISH + ENTER  # today
    keys += ENTER  # the next contact that stood, 01-11-2026, is past: asked
    keys += ENTER  # "Nej, jeg skriver en anden" (the default)
    keys += CLEAR + "3. dec." + ENTER + ENTER
    code, out = contact(home, keys, NAME, "Frivilligcentret")
    assert code == 0, out
    plan = load(nordby).outreach["p1"]
    # without the question about the past date, "3. dec." would have been typed elsewhere
    assert plan.log[-1].date == NOW.date() and plan.next_contact == dt.date(2026, 12, 3)


def test_a_date_still_to_come_for_what_happened_is_confirmed(home: Path, nordby: Path) -> None:
    keys = "Møde" + FINISH + CLEAR + "i morgen" + ENTER + DOWN + ENTER  # no: another date
    keys += CLEAR + "i forgårs" + ENTER + CLEAR + "15/1" + ENTER + ENTER
    code, out = contact(home, keys, NAME, "Brugsen")
    assert code == 0, out
    assert "→ lørdag 28-11-2026 (bemærk: en weekenddag)" in out  # then "is that right?": no
    assert load(nordby).outreach["p3"].log[-1].date == dt.date(2026, 11, 25)


def test_contact_person_and_key_persons_when_asked_for(home: Path, nordby: Path) -> None:
    keys = FINISH + ENTER + DOWN + ENTER  # nothing to log; the next contact kept; "Ja"
    keys += CLEAR + "Kaj, 12 34 56 78" + ENTER + "Kaj (formand)" + ENTER
    code, out = contact(home, keys, NAME, "Brugsen")
    assert code == 0, out
    session = load(nordby)
    assert session.partner("p3").contact == "Kaj, 12 34 56 78"
    assert session.outreach["p3"].key_persons == "Kaj (formand)"
    assert session.outreach["p3"].log == []  # an empty answer logs nothing


@pytest.mark.parametrize("stop_at", [0, 1, 2, 3])
def test_a_stop_at_any_question_keeps_the_draft_and_carries_on(
    home: Path, nordby: Path, stop_at: int
) -> None:
    answers = ["Ringede" + FINISH, CLEAR + "i går" + ENTER, CLEAR + "15/1" + ENTER, ENTER]
    typed = ["Halvt", CLEAR + "26/1", CLEAR + "20/1", ""]
    keys = "".join(answers[:stop_at]) + typed[stop_at] + CTRL_C
    code, out = contact(home, keys, NAME, "Frivilligcentret")
    assert code == 130
    said = " ".join(out.replace("'", '"').split())
    assert (
        'Fortsæt med: samarbejde contact "Fællesspisning i Nordby" "Frivilligcentret Nordby"'
        in said
    )
    session = load(nordby)
    field = ["note", "date", "next", "more"][stop_at]
    assert session.left_at["contact"] == f"p1.{field}"
    if stop_at < 3:
        assert session.drafts[f"contact.p1.{field}"] == typed[stop_at].removeprefix(CLEAR)
    rest = answers[stop_at:]
    rest[0] = CLEAR + rest[0].removeprefix(CLEAR) if stop_at else FINISH  # the draft stands
    code, out = contact(home, "".join(rest), NAME, "Frivilligcentret")
    assert code == 0, out
    assert "Du fortsætter, hvor du slap." in out
    plan = load(nordby).outreach["p1"]
    assert plan.log[-1].note == ("Halvt" if stop_at == 0 else "Ringede")
    assert plan.next_contact == dt.date(2027, 1, 15)
    assert [e.note for e in plan.log].count(plan.log[-1].note) == 1  # logged once


def test_a_stop_before_anything_is_typed_says_nothing_changed(home: Path, nordby: Path) -> None:
    """Ctrl-C at the first question, nothing typed: "Intet er ændret", not "Alt … er gemt"."""
    before = load(nordby).outreach["p1"].log
    code, out = contact(home, CTRL_C, NAME, "Frivilligcentret")
    assert code == 130 and "Afbrudt. Intet er ændret." in out
    assert "Alt, hvad du har svaret, er gemt" not in out
    assert load(nordby).outreach["p1"].log == before


def test_without_arguments_it_asks_overdue_and_soonest_first(home: Path, nordby: Path) -> None:
    from samarbejde.flows.contact import partner_choices

    session = load(nordby)
    labels = [label for _, label in partner_choices(session, make_env(home).guide, NOW.date())]
    assert labels == [
        "Frivilligcentret Nordby (overskredet siden 01-11-2026)",
        "Brugsen (næste kontakt 10-01-2027)",
        "Ældresagen Nordby",  # then the others in priority order
        "Idrætsforeningen",
        "Madskolen",
    ]
    keys = ENTER + ENTER + "Ringede" + FINISH + ENTER + CTRL_C  # the session; the first partner
    code, out = contact(home, keys)
    assert code == 130 and "Frivilligcentret Nordby" in out.split("Hvad skete der?")[0]
    assert load(nordby).outreach["p1"].log[-1].note == "Ringede"


def test_contact_needs_a_terminal_without_flags(cli, nordby: Path) -> None:
    result = cli("contact", NAME, "Brugsen")
    assert result.code == 2 and "terminal" in result.stderr
