"""`samarbejde evaluate`: a dated evaluation round beside the earlier ones, asked through the
real prompts (in-process, fed by a pipe, and in a pseudo-terminal), stopped and resumed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.sessions.model import Round, RoundScore, Session
from tests.helpers.program import FIXTURES, run_inside, run_program
from tests.helpers.prompts import drive, errors, make_env, screen
from tests.helpers.pty import finish, play, spawn
from tests.helpers.wizard_script import CLEAR, CTRL_C, DOWN, ENTER, FINISH, SPACE

NAME = "Fællesspisning i Nordby"
FILE = "faellesspisning-i-nordby.yaml"
NOTE = "Mere tid til frivillige – også i weekenden"


def round_script(next_date: str) -> list:
    """One round on the fixture session (ticked: items 1 and 3; four partners rated;
    Ældresagen Nordby 4/2, *Gå sammen*), as (marker, keys, check of the saved session)."""
    return [
        (
            "Sæt kryds ved det, der er på plads nu",
            DOWN + SPACE + DOWN * 2 + SPACE + ENTER,  # also 2 and 4
            lambda s: s.rounds[-1].ticked == ["faelles_grund", "forskelle", "snak_ofte", "evaluer"],
        ),
        ("Fælles interesse", ENTER, lambda s: s.rounds[-1].scores["p1"].interest == 5),
        ("Indflydelse og ressourcer", ENTER, lambda s: s.rounds[-1].scores["p1"].influence == 4),
        ("Fælles interesse", ENTER, lambda s: s.rounds[-1].scores["p2"].interest == 4),
        ("Indflydelse og ressourcer", "5", lambda s: s.partners[1].influence == 5),  # a digit
        ("Fælles interesse", ENTER, lambda s: s.rounds[-1].scores["p3"].interest == 2),
        ("Indflydelse og ressourcer", ENTER, lambda s: s.rounds[-1].scores["p3"].influence == 3),
        ("Fælles interesse", ENTER, lambda s: s.rounds[-1].scores["p4"].interest == 1),
        ("Indflydelse og ressourcer", ENTER, lambda s: s.rounds[-1].scores["p4"].influence == 1),
        # the overdue contact (Frivilligcentret, 01-11-2026) is moved ("Flyt datoen")…
        ("Kontakten med Frivilligcentret Nordby", DOWN + ENTER, None),
        (
            "Hvornår tager I kontakt næste gang",
            "om 2 uger" + ENTER,  # typed over the overdue date that stands there: replaced
            lambda s: s.outreach["p1"].next_contact == s.rounds[-1].date + dt.timedelta(14),
        ),
        # …and Ældresagen Nordby, now in "Ræk ud først", gets a plan and a next contact
        ("Hvem skal med i kontaktplanen", ENTER, lambda s: s.is_planned("p2")),
        (
            "Hvornår tager I kontakt næste gang",
            "om 3 uger" + ENTER,
            lambda s: s.outreach["p2"].next_contact == s.rounds[-1].date + dt.timedelta(21),
        ),
        *HEALTH,
        ("Hvad justerer I", NOTE + FINISH, lambda s: s.rounds[-1].note == NOTE),
        ("Hvornår evaluerer I", CLEAR + next_date + ENTER, lambda s: s.rounds[-1].finished),
    ]


# The health check in a round: the partner (none named), each item rated by a digit (0: not
# rated), no comments.
HEALTH_RATINGS = {"faelles_grund": 4, "forskelle": 3, "snak_ofte": 2, "evaluer": 0,
                  "ledelsen": 5, "spilleregler": 3}  # fmt: skip
HEALTH = [
    ("Hvilket samarbejde vurderer I", ENTER, lambda s: s.rounds[-1].partner == ""),
    *(
        (f"{title}: Hvor godt", str(value),
         lambda s, i=item, v=value: s.rounds[-1].ratings.get(i, 0) == v)
        for item, title, value in zip(
            HEALTH_RATINGS,
            ["Find fælles grund", "Vær åben for forskelle", "Snak sammen ofte",
             "Evaluer og juster løbende", "Få ledelsen med", "Aftal spillereglerne"],
            HEALTH_RATINGS.values(),
            strict=True,
        )
    ),
    ("kommentar til nogle af punkterne", ENTER, lambda s: s.rounds[-1].comments == {}),
]  # fmt: skip


ROUND = round_script("01-03-2027")  # in-process, today is 27-11-2026
# The cursor's key while each question of ROUND is asked.
KEYS = ["ticks", *(f"p{n}.{a}" for n in range(1, 5) for a in ("interest", "influence"))]
KEYS += ["contacts", "contacts", "plans", "plans", "partner"]
KEYS += [f"{item}.rating" for item in HEALTH_RATINGS] + ["comments"]
KEYS += ["note", "next_evaluation"]
assert len(KEYS) == len(ROUND)
# A stop inside "contacts" asks again about the contacts still overdue; one at the new plan's
# date leaves the plan started, and the round carries on with the note.
RESUME_AT = {10: 9, 12: 13}


def keys_of(entries) -> str:
    return "".join(keys for _, keys, _ in entries)


@pytest.fixture
def session_file(home: Path) -> Path:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    path = folder / FILE
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    return path


def evaluate(home: Path, keys: str, *args: str, choose: bool = False):
    """`evaluate` with `keys` typed; the session by its name unless given or `choose`n."""
    env = make_env(home)
    argv = ["evaluate", *(args or ([] if choose else [NAME]))]
    code = drive(keys, lambda: main(argv, env))
    return code, env


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


def test_a_round_is_dated_and_kept_beside_round_zero(home: Path, session_file: Path) -> None:
    code, env = evaluate(home, keys_of(ROUND), "nordby")  # a part of the name will do
    assert code == 0, errors(env)
    s = load(session_file)
    for question, _keys, check in ROUND:
        assert check is None or check(s), question
    zero, first = s.rounds
    assert zero == Round(
        date=dt.date(2026, 11, 20),  # when the wizard last saved the session
        ticked=["faelles_grund", "snak_ofte"],
        scores={
            "p1": RoundScore(interest=5, influence=4),
            "p2": RoundScore(interest=4, influence=2),
            "p3": RoundScore(interest=2, influence=3),
            "p4": RoundScore(interest=1, influence=1),
        },
        next_evaluation=dt.date(2027, 2, 1),
        finished=True,
    )
    assert first.date == dt.date(2026, 11, 27) and first.finished
    assert first.next_evaluation == dt.date(2027, 3, 1)
    # the session's current state follows the round: summary, agenda and reports show it
    assert s.checklist["evaluer"].date == dt.date(2027, 3, 1)
    assert s.is_ticked("forskelle") and s.is_ticked("evaluer")
    assert s.checklist["faelles_grund"].note == "Aftalt på første møde."  # notes untouched
    assert s.cursor.step == "raek_ud" and s.left_at == {"raek_ud": "faelles_maal"}  # the wizard's
    out = " ".join(screen(env).split())
    assert "Tjekliste: fra 2 til 4 af 6" in out
    assert "Ældresagen Nordby: fra Gå sammen til Ræk ud først" in out
    assert "Vær parat til at justere roller, mål og arbejdsgange" in out  # the guide's words


def test_a_second_round_overwrites_nothing(home: Path, session_file: Path, cli) -> None:
    assert evaluate(home, ENTER + keys_of(ROUND), choose=True)[0] == 0  # chosen from a list
    before = load(session_file).rounds
    keys = ENTER  # the ticks of the last round stay
    keys += ENTER * 2 + "2" + ENTER + ENTER * 4  # Ældresagen Nordby: interest 2 (Tal ind)
    keys += ENTER * 8  # the health check: Enter keeps the last round's partner and ratings
    keys += "Færre møder" + FINISH + ENTER  # the next date stays 01-03-2027
    code, env = evaluate(home, keys, NAME)
    assert code == 0, errors(env)
    assert "I har allerede evalueret i dag (27-11-2026)" in " ".join(screen(env).split())
    s = load(session_file)
    assert s.rounds[:2] == before and len(s.rounds) == 3
    last = s.rounds[2]
    assert last.ticked == before[1].ticked and last.note == "Færre møder"
    assert last.scores["p2"] == RoundScore(interest=2, influence=5)
    assert last.ratings == before[1].ratings == {k: v for k, v in HEALTH_RATINGS.items() if v}
    assert last.next_evaluation == dt.date(2027, 3, 1)
    summary = " ".join(cli("summary", NAME).stdout.split())
    assert "Evalueringsrunder: 20-11-2026 (udgangspunkt), 27-11-2026, 27-11-2026" in summary
    assert "Tjekliste: fra 4 til 4 af 6" in summary
    assert "Ældresagen Nordby: fra Ræk ud først til Tal ind i deres dagsorden" in summary
    assert "I justerer: Færre møder" in summary


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> list:
    """The rounds one uninterrupted evaluation leaves (the clock is pinned: the same for
    every stop below)."""
    other = tmp_path_factory.mktemp("uninterrupted")
    (other / "sessions").mkdir(parents=True)
    shutil.copy(FIXTURES / "session_v1.yaml", other / "sessions" / FILE)
    assert evaluate(other, keys_of(ROUND))[0] == 0
    return load(other / "sessions" / FILE).rounds


# A stop at the first question, in the contacts (asked again), at the plan's date (resumed
# one on) and in the note always; the other stops are the long form (CI, `--slow`).
QUICK_STOPS = (0, 10, 12, 22)


@pytest.mark.parametrize(
    "stop_at",
    [
        n if n in QUICK_STOPS else pytest.param(n, marks=pytest.mark.slow)
        for n in (0, 4, 9, 10, 11, 12, 13, 16, 20, 21, 22)
    ],
)
def test_a_stop_anywhere_then_evaluate_again_gives_the_same_round(
    home: Path, session_file: Path, uninterrupted: list, stop_at: int
) -> None:
    expected = uninterrupted

    typed = "Mere tid" if ROUND[stop_at][0] == "Hvad justerer I" else ""
    code, env = evaluate(home, keys_of(ROUND[:stop_at]) + typed + CTRL_C)
    assert code == 130
    assert "Fortsæt med: samarbejde evaluate 'Fællesspisning i Nordby'" in screen(env)
    s = load(session_file)
    assert len(s.rounds) == 2 and not s.rounds[1].finished  # round zero, and this one open
    assert s.cursor.question == KEYS[stop_at] and s.left_at["evaluate"] == KEYS[stop_at]
    for question, _keys, check in ROUND[:stop_at]:  # every answer so far is kept
        assert check is None or check(s), question
    assert s.drafts.get("evaluate.note", "") == typed
    assert "ikke færdig" in " ".join(main_summary(home).split())

    rest = keys_of(ROUND[RESUME_AT.get(stop_at, stop_at) :])
    if typed:  # the half-typed note waits in the prompt: type the rest of it
        rest = rest.replace(NOTE, NOTE.removeprefix(typed), 1)
    code, env = evaluate(home, rest)
    assert code == 0, errors(env)
    s = load(session_file)
    assert s.rounds == expected and s.drafts == {}
    assert "evaluate" not in s.left_at


def main_summary(home: Path) -> str:
    from tests.helpers.program import quiet_env

    env = quiet_env(home)
    assert main(["summary"], env) == 0
    return env.stdout.getvalue()  # type: ignore[attr-defined]


def test_summary_json_has_the_rounds(home: Path, session_file: Path, cli) -> None:
    assert json.loads(cli("summary", "--json").stdout)["rounds"] == []
    assert evaluate(home, keys_of(ROUND))[0] == 0
    rounds = json.loads(cli("summary", "--json").stdout)["rounds"]
    assert [r["date"] for r in rounds] == ["2026-11-20", "2026-11-27"]
    assert [r["checklist_done"] for r in rounds] == [2, 4]
    assert rounds[1]["ticked"] == ["faelles_grund", "forskelle", "snak_ofte", "evaluer"]
    assert rounds[1]["scores"]["p2"] == {
        "partner": "Ældresagen Nordby",
        "interest": 4,
        "influence": 5,
    }
    assert rounds[1]["note"] == NOTE and rounds[1]["next_evaluation"] == "2027-03-01"
    assert rounds[0]["next_evaluation"] == "2027-02-01"
    assert all(r["finished"] for r in rounds)
    assert set(rounds[0]) == {
        "date",
        "checklist_done",
        "ticked",
        "scores",
        "note",
        "next_evaluation",
        "finished",
        "ratings",
    }
    assert rounds[0]["ratings"] == {}  # round zero, like a round from before, rated nothing
    assert rounds[1]["ratings"] == {k: v for k, v in HEALTH_RATINGS.items() if v}


def test_evaluate_needs_a_terminal_and_an_existing_session(cli, session_file: Path) -> None:
    result = cli("evaluate", NAME)
    assert result.code == 2 and "interaktiv terminal" in result.stderr
    assert load(session_file).rounds == []
    code, env = evaluate(session_file.parent.parent, "", "Sørby")
    assert code == 1 and 'Ingen session ved navn "Sørby"' in errors(env)


def test_the_menu_offers_an_evaluation_when_it_is_due(home: Path, session_file: Path) -> None:
    text = session_file.read_text(encoding="utf-8")
    session_file.write_text(text.replace("'2027-02-01'", "'2026-11-27'"), encoding="utf-8")
    env = make_env(home)  # "Evaluer …" comes right after "Fortsæt med …"
    assert drive(DOWN + ENTER + keys_of(ROUND), lambda: main([], env)) == 0, errors(env)
    assert [r.finished for r in load(session_file).rounds] == [True, True]
    assert evaluate(home, ENTER + CTRL_C)[0] == 130  # a round left after its ticks
    env = make_env(home)  # not due any more, but unfinished: "Fortsæt evalueringen …"
    assert drive(DOWN + ENTER + keys_of(ROUND[1:]), lambda: main([], env)) == 0, errors(env)
    assert [r.finished for r in load(session_file).rounds] == [True, True, True]
    assert "Du fortsætter evalueringen" in screen(env)


# -- the session's questions about its rounds ------------------------------------------------


def test_moves_and_the_checklist_compare_the_last_two_finished_rounds() -> None:
    guide = load_guide()
    s = make_env(Path("/nonexistent")).store.load(FIXTURES / "session_v1.yaml")
    assert s.moves(guide) == [] and s.checklist_travelled(guide) is None
    s.rounds.append(s.snapshot(dt.date(2026, 11, 20), guide))
    assert s.moves(guide) == [] and s.open_round() is None
    moved = Round(
        date=dt.date(2026, 12, 1),
        ticked=["faelles_grund", "snak_ofte", "evaluer", "no_such_item", "evaluer"],
        scores={
            "p1": RoundScore(interest=2, influence=2),
            "p99": RoundScore(interest=5, influence=5),  # a partner the session does not have
        },
        finished=True,
    )
    s.rounds.append(moved)
    assert [(m.partner, m.before, m.after) for m in s.moves(guide)] == [
        ("Frivilligcentret Nordby", "raek_ud_foerst", "hold_oeje")
    ]
    assert s.checklist_travelled(guide) == (2, 3)  # unknown and repeated ids do not count
    s.rounds.append(
        Round(date=dt.date(2026, 12, 2), scores={"p1": RoundScore(interest=5, influence=5)})
    )
    assert s.open_round() is s.rounds[-1]
    assert len(s.moves(guide)) == 1  # the open round is not compared


# -- hostile files -------------------------------------------------------------------------


def with_rounds(path: Path, rounds: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "rounds:\n" + rounds, encoding="utf-8")


def test_a_round_score_off_the_scale_is_refused_with_its_place(
    home: Path, session_file: Path
) -> None:
    with_rounds(
        session_file,
        "- {date: 2026-11-20, scores: {p1: {interest: 5, influence: 4}}, finished: true}\n"
        "- {date: 2026-11-27, scores: {p1: {interest: 9, influence: 4}}, finished: true}\n",
    )
    setting = {"SAMARBEJDE_HOME": str(home)}
    result = run_program("summary", str(session_file), env=setting)
    assert result.returncode == 1
    assert "rounds[1].scores.p1.interest" in result.stderr and "skalaen 1–5" in result.stderr
    assert "Traceback" not in result.stderr
    code, env = evaluate(home, "", str(session_file))
    assert code == 1 and "skalaen 1–5" in errors(env)


@pytest.mark.parametrize(
    "rounds",
    [
        "- {date: 2026-11-20, scores: {p1: {interest: 5}}}\n",
        "- {date: 2026-11-20, scores: {p1: {interest: '5', influence: 4}}}\n",
        "- {date: i går}\n",
        "- {ticked: [a]}\n",
        "- {date: 2026-11-20, ticked: ja}\n",
        "- {date: 2026-11-20, finished: 1}\n",
        "- 7\n",
        "  7\n",
    ],
)
def test_a_broken_round_is_a_danish_error(home: Path, session_file: Path, rounds: str) -> None:
    """In-process; the test before runs the real program on a round it refuses."""
    with_rounds(session_file, rounds)
    result = run_inside("summary", str(session_file), env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 1, result.stdout
    assert "kan ikke læses: rounds" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_an_unknown_partner_in_a_round_is_left_out(home: Path, session_file: Path, cli) -> None:
    with_rounds(
        session_file,
        "- {date: 2026-11-20, ticked: [faelles_grund, ukendt], finished: true,\n"
        "   scores: {p2: {interest: 4, influence: 2}, p77: {interest: 1, influence: 1}}}\n"
        "- {date: 2026-11-25, ticked: [], finished: true, unknown_key: kept,\n"
        "   scores: {p2: {interest: 4, influence: 4}, p77: {interest: 5, influence: 5}}}\n",
    )
    out = " ".join(cli("summary", NAME).stdout.split())
    assert "Tjekliste: fra 1 til 0 af 6" in out
    assert "Ældresagen Nordby: fra Gå sammen til Ræk ud først" in out and "p77" not in out
    rounds = json.loads(cli("summary", NAME, "--json").stdout)["rounds"]
    assert [list(r["scores"]) for r in rounds] == [["p2"], ["p2"]]
    code, env = evaluate(home, keys_of(ROUND[:1]) + CTRL_C)  # and a round can follow
    assert code == 130, errors(env)
    s = load(session_file)
    assert len(s.rounds) == 3 and s.rounds[1].model_extra == {"unknown_key": "kept"}
    assert "p77" in s.rounds[1].scores  # shown nowhere, but kept in the file


# -- the real program in a pseudo-terminal ---------------------------------------------------


def test_evaluate_in_a_terminal_stop_and_carry_on(home: Path, session_file: Path) -> None:
    today = dt.date.today()  # a real process runs on the real clock
    later = today + dt.timedelta(days=30)  # within the agenda's 60 days
    script = round_script(later.strftime("%d-%m-%Y"))
    child = spawn(home, "evaluate", "nordby")
    play(child, script[:-2])  # all but the note and the next date
    child.expect_exact("Hvad justerer I")
    child.expect_exact("›")
    child.send("Mere tid")
    child.expect_exact("Mere tid")
    child.send(CTRL_C)
    child.expect_exact("samarbejde evaluate")
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")

    s = load(session_file)
    assert len(s.rounds) == 2 and not s.rounds[1].finished
    assert s.rounds[1].date == today
    assert s.rounds[1].ticked == ["faelles_grund", "forskelle", "snak_ofte", "evaluer"]
    assert s.rounds[1].scores["p2"] == RoundScore(interest=4, influence=5)
    assert s.drafts == {"evaluate.note": "Mere tid"} and s.cursor.question == "note"

    child = spawn(home, "evaluate", NAME)
    child.expect_exact("Du fortsætter evalueringen")
    child.expect_exact("Mere tid")  # the draft, back in the prompt
    child.send(" til frivillige" + FINISH)
    play(child, script[-1:])
    child.expect_exact("Evalueringen er gemt")
    assert finish(child) == 0

    setting = {"SAMARBEJDE_HOME": str(home), "COLUMNS": "80"}
    result = run_program("summary", "nordby", env=setting)
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Tjekliste: fra 2 til 4 af 6" in out
    assert "Ældresagen Nordby: fra Gå sammen til Ræk ud først" in out
    assert f"Evalueringsrunder: 20-11-2026 (udgangspunkt), {today:%d-%m-%Y}" in out
    assert "I justerer: Mere tid til frivillige" in out
    rounds = json.loads(run_program("summary", "nordby", "--json", env=setting).stdout)["rounds"]
    assert [(r["date"], r["checklist_done"], r["finished"]) for r in rounds] == [
        ("2026-11-20", 2, True),
        (today.isoformat(), 4, True),
    ]
    assert rounds[1]["note"] == "Mere tid til frivillige"
    assert rounds[1]["next_evaluation"] == later.isoformat()
    assert rounds[1]["scores"]["p2"]["influence"] == 5
    agenda = run_program("agenda", "--json", env=setting)
    evaluations = [i for i in json.loads(agenda.stdout)["items"] if i["kind"] == "evaluation"]
    assert [i["date"] for i in evaluations] == [later.isoformat()]


def test_evaluate_without_a_terminal_in_a_real_process(home: Path, session_file: Path) -> None:
    import os

    with open(os.devnull) as devnull:
        result = run_program("evaluate", env={"SAMARBEJDE_HOME": str(home)}, stdin=devnull)
    assert result.returncode == 2 and "interaktiv terminal" in result.stderr


def test_with_many_partners_a_round_asks_which_to_rate_again(home: Path, cli) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    path = folder / FILE
    shutil.copy(FIXTURES / "report_9.yaml", path)  # 9 rated partners, two rounds already
    keys = ENTER  # the ticks stay
    keys += SPACE + ENTER  # only the first partner, Frivilligcentret Nordby, again
    keys += "3" + ENTER  # its interest 3, its influence kept
    keys += DOWN * 2 + ENTER  # the overdue contact left for now ("Spring over")
    keys += "i" + ENTER  # the partners without a plan: none planned now (all unticked)
    keys += ENTER * 8  # the health check: no partner named, nothing rated, no comments
    keys += FINISH + ENTER  # no note; the next date stays
    code, env = evaluate(home, keys, NAME)
    assert code == 0, errors(env)
    assert "Hvilke af de 9 partnere vil I vurdere igen?" in screen(env)
    assert "Partner 1 af 1: Frivilligcentret Nordby" in screen(env)  # of those chosen
    s = load(path)
    last = s.rounds[-1]
    assert len(s.rounds) == 3 and last.finished and last.reviewed == ["p1"]
    assert len(last.scores) == 9  # every rated partner is in the round
    assert last.scores["p1"] == RoundScore(interest=3, influence=4)
    assert last.scores["p5"] == s.rounds[1].scores["p5"]  # not chosen: kept
    assert s.partners[0].interest == 3
    assert not s.without_plan(load_guide())  # each was asked about: none falls between steps
    from samarbejde.reports.render import markdown

    report = markdown(s, load_guide(), dt.date(2026, 11, 27))
    assert "| 27-11-2026 | 3 af 6 | 1 af 9 |" in report  # rated again: 1 of the 9
    # with no partner chosen, the round asks no score at all
    keys = ENTER + ENTER + DOWN * 2 + ENTER + ENTER * 8 + FINISH + ENTER
    code, env = evaluate(home, keys, NAME)
    assert code == 0, errors(env)
    s = load(path)
    assert s.rounds[-1].reviewed == [] and s.rounds[-1].scores == last.scores
