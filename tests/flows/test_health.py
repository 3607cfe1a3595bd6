"""The health check both sides fill in: a kommune and a forening each rate two rounds a month
apart (`evaluate`, the kommune through questionary's prompts fed by a pipe, the forening with
`--enkel` lines), exchange share files, and `compare` lays the ratings side by side with the
gap and each side's change; the trend in `summary`, `health`, the reports and the agenda."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document

from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.reports.render import markdown
from samarbejde.sessions.store import Store
from tests.helpers.compare_fixtures import NOW, TZ, forening, kommune
from tests.helpers.program import FIXTURES, quiet_env
from tests.helpers.prompts import copy_home, drive, errors, line_env, make_env, screen
from tests.helpers.wizard_script import CLEAR, DOWN, ENTER, FINISH, SPACE, UP

A, B = "Fællesspisning i Nordby", "Bevægelse for ældre"
LATER = dt.datetime(2026, 12, 28, 10, 0, tzinfo=TZ)  # a month after NOW (a Monday)
ITEMS = ["faelles_grund", "forskelle", "snak_ofte", "evaluer", "ledelsen", "spilleregler"]
KOMMUNE = ([4, 3, 4, 3, 4, 3], [2, 3, 5, 3, 4, 3])  # the two rounds' ratings, item by item
FORENING = ([2, 3, 2, 3, 4, 3], [3, 3, 1, 3, 4, 3])
COMMENT = "MARKER-KOMMENTAR vi mødes for sjældent"


def kommune_round(ratings: list[int], first: bool) -> str:
    """The kommune's round through questionary's prompts: 5 rated partners."""
    keys = ENTER  # the ticks stay
    keys += ENTER * 10  # every score kept
    if first:  # Biblioteket and Brugsen now without a plan: none planned ("i" inverts)
        keys += "i" + ENTER
    else:  # the next contact with the Idrætsforening (01-12-2026) is overdue: left for now
        keys += DOWN * 2 + ENTER
    # the health check: the collaboration with Nordby Idrætsforeningen (the list: the planned
    # partners, then "Ingen bestemt partner"), kept the second time
    keys += UP + ENTER if first else ENTER
    keys += "".join(str(r) for r in ratings)  # a digit is a rating
    if first:  # a comment to item 1
        keys += SPACE + ENTER + COMMENT + ENTER
    else:
        keys += ENTER
    keys += FINISH  # no note
    when = "28-12-2026" if first else "28-01-2027"
    return keys + (CLEAR if first else "") + when + ENTER


def forening_round(ratings: list[int], first: bool) -> str:
    """The forening's round as `--enkel` lines: 6 rated partners, no plan, no partner."""
    lines = [""] + [""] * 12  # the ticks stay, every score kept
    if first:
        lines.append("0")  # the partners without a plan: none planned
    lines += [str(r) for r in ratings]  # a rating's number in the list is the rating
    lines += ["", ""]  # no comment, no note
    lines.append("28-12-2026" if first else "28-01-2027")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def rated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sessions, each with two rounds a month apart: rated once for the module (the
    clocks are pinned, so every test would make the same files)."""
    home = tmp_path_factory.mktemp("rated")
    store = Store(home, lambda: NOW)
    store.save(kommune())
    store.save(forening())
    for first, now in ((True, NOW), (False, LATER)):
        index = 0 if first else 1
        env = make_env(home, lambda now=now: now)
        code = drive(
            kommune_round(KOMMUNE[index], first), lambda env=env: main(["evaluate", A], env)
        )
        assert code == 0, errors(env) + screen(env)[-2000:]
        env = line_env(home, forening_round(FORENING[index], first), lambda now=now: now)
        assert main(["--enkel", "evaluate", B], env) == 0, errors(env) + screen(env)[-2000:]
    return home


@pytest.fixture
def rated(home: Path, rated_once: Path) -> Path:
    return copy_home(rated_once, home)


def run(home: Path, *args: str, now: dt.datetime = LATER) -> tuple[int, str, str]:
    env = quiet_env(home)
    env.now = lambda: now  # type: ignore[method-assign]
    code = main(list(args), env)
    return code, env.stdout.getvalue(), env.err.file.getvalue()  # type: ignore[attr-defined]


def share(home: Path, name: str, target: Path, include: str) -> bytes:
    code, _, err = run(home, "export", name, "--format", "share", "-o", str(target),
                       "--include", include)  # fmt: skip
    assert code == 0, err
    return target.read_bytes()


def test_the_rounds_are_rated_and_saved(rated: Path) -> None:
    store = Store(rated, lambda: NOW)
    a = store.load(store.resolve(A))
    b = store.load(store.resolve(B))
    for session, expected in ((a, KOMMUNE), (b, FORENING)):
        done = [r for r in session.rounds if r.ratings]
        assert [r.date for r in done] == [NOW.date(), LATER.date()]
        assert [[r.ratings[i] for i in ITEMS] for r in done] == list(expected)
    assert a.rounds[-2].comments == {"faelles_grund": COMMENT}
    assert a.rounds[-1].partner == "p6" and b.rounds[-1].partner == ""


def test_compare_json_has_each_item_side_by_side(rated: Path, tmp_path: Path) -> None:
    everything = "dagligdag,aktoerer,tjekliste,runder"
    share(rated, A, tmp_path / "a.yaml", everything)
    share(rated, B, tmp_path / "b.yaml", everything)
    expected = [
        {"id": i, "a": a2, "b": b2, "gap": abs(a2 - b2), "a_change": a2 - a1, "b_change": b2 - b1}
        for i, a1, a2, b1, b2 in zip(ITEMS, *KOMMUNE, *FORENING, strict=True)
    ]
    assert expected[2] == {"id": "snak_ofte", "a": 5, "b": 1, "gap": 4, "a_change": 1,
                           "b_change": -1}  # fmt: skip
    for refs in ((A, B), (str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))):
        code, out, err = run(rated, "compare", *refs, "--json")
        assert code == 0, err
        data = json.loads(out)
        assert data["health"] == expected
        first = data["talking_points"][0]
        assert first["kind"] == "health"
        assert first["text"] == ('Nordby Kommune, Ældreområdet vurderer "Snak sammen ofte" 5, '
                                 "Nordby Idrætsforening vurderer 1 – tal om hvorfor.")  # fmt: skip
        drops = [p["text"] for p in data["talking_points"] if p["kind"] == "health"][1:]
        assert drops[0].startswith('Nordby Kommune, Ældreområdet vurderer "Find fælles grund" 2')
    # the view, at 80 columns and as lines (--enkel): the same numbers
    for args in (("compare", A, B), ("--enkel", "compare", A, B)):
        code, out, err = run(rated, *args)
        text = " ".join(out.split())
        assert code == 0, err
        assert "Sundhedstjekket side om side" in text
        dot = ", " if "--enkel" in args else " · "  # as lines, a comma (read as a pause)
        assert f"3. Snak sammen ofte A 5 (+1){dot}B 1 (−1){dot}forskel 4" in text


def test_the_comparison_s_documents_have_the_table(rated: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        code, out, err = run(rated, "compare", A, B, "--format", fmt, "-o", "-")
        assert code == 0, err
        assert "Sundhedstjekket side om side" in out and "Snak sammen ofte" in out
    target = tmp_path / "sammenligning.docx"
    code, _, err = run(rated, "compare", A, B, "-o", str(target))
    assert code == 0, err
    doc = Document(str(target))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Punkt")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows[2] == ["3. Snak sammen ofte", "5", "1", "4", "+1", "−1"]


def test_a_share_file_without_the_rounds_holds_no_rating_nor_comment(
    rated: Path, tmp_path: Path
) -> None:
    raw = share(rated, A, tmp_path / "uden.yaml", "dagligdag,aktoerer,tjekliste")
    assert b"rounds" not in raw and b"ratings" not in raw and b"comments" not in raw
    assert COMMENT.encode() not in raw and b"MARKER-KOMMENTAR" not in raw
    # with the rounds, the comments stay out unless chosen
    raw = share(rated, A, tmp_path / "runder.yaml", "runder")
    assert b"ratings" in raw and b"comments" not in raw and b"MARKER-KOMMENTAR" not in raw
    raw = share(rated, A, tmp_path / "alt.yaml", "runder,kommentarer")
    assert COMMENT.encode() in raw
    # every section by default (no --include, no terminal): the rounds, never the comments
    target = tmp_path / "std.yaml"
    code, _, err = run(rated, "export", A, "--format", "share", "-o", str(target), "--no-scores")
    assert code == 0, err
    assert b"ratings" in target.read_bytes() and b"MARKER-KOMMENTAR" not in target.read_bytes()


HOSTILE = b"kind: samarbejde-share\nversion: 1\nname: X\nrole: civilsamfund\ndate: 2026-11-27\n"


@pytest.mark.parametrize(
    ("rounds", "shown"),
    [
        (b"rounds: [{date: 2026-11-27, ratings: {snak_ofte: 9}}]\n", "uden for skalaen"),
        (b"rounds: [{date: 2026-11-27, ratings: {snak_ofte: '3'}}]\n", "rounds"),
        (b"rounds: [{date: 2026-11-27, comments: {snak_ofte: " + b"x" * 3000 + b"}}]\n", "rounds"),
        (b"rounds: {date: 2026-11-27}\n", "rounds"),
    ],
)
def test_hostile_rounds_are_refused_in_danish(
    rated: Path, tmp_path: Path, rounds: bytes, shown: str
) -> None:
    path = tmp_path / "ond.yaml"
    path.write_bytes(HOSTILE + rounds)
    code, _, err = run(rated, "compare", A, str(path))
    said = " ".join(err.split())
    assert code == 1 and "Traceback" not in said
    assert "kan ikke læses" in said and shown in said


def test_unknown_items_are_left_out_and_escapes_never_reach_the_terminal(
    rated: Path, tmp_path: Path
) -> None:
    path = tmp_path / "fremmed.yaml"
    path.write_bytes(HOSTILE + b'rounds: [{date: 2026-11-27, ratings: {snak_ofte: 2, '
                     b'eget_punkt: 5}, comments: {snak_ofte: "Ond\\e]0;titel\\a"}}]\n')  # fmt: skip
    code, out, err = run(rated, "compare", A, str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [r["id"] for r in data["health"]] == ITEMS  # the guide's items only
    assert data["health"][2]["b"] == 2 and "\x1b" not in out
    code, out, err = run(rated, "compare", A, str(path))
    assert code == 0 and "\x1b" not in out and "Ond" in out
    for fmt in ("md", "html"):  # filtered as the file was read: the control characters gone
        code, out, err = run(rated, "compare", A, str(path), "--format", fmt, "-o", "-")
        plain = out.replace("\\", "")  # Markdown's escapes
        assert code == 0 and "\x1b" not in out and "Ond]0;titel" in plain and "␛" not in out, err


def test_summary_health_and_the_reports_show_the_trend(rated: Path, tmp_path: Path) -> None:
    code, out, err = run(rated, "health", A)
    text = " ".join(out.split())
    assert code == 0, err
    assert "Samarbejdet med Nordby Idrætsforeningen" in text
    assert "3. Snak sammen ofte 4 5" in text and "Næste sundhedstjek: 28-01-2027" in text
    code, out, err = run(rated, "--enkel", "health", A)  # lines for a screen reader
    assert code == 0 and "3. Snak sammen ofte: 4, så 5" in out, err
    code, out, err = run(rated, "summary", A)
    assert code == 0 and "Sundhedstjekket over tid" in out
    # the Markdown report's table holds every rating
    store = Store(rated, lambda: NOW)
    session = store.load(store.resolve(A))
    report = markdown(session, load_guide(), LATER.date())
    assert "| 3. Snak sammen ofte | 4 | 5 |" in report
    assert "| 1. Find fælles grund | 4 | 2 |" in report
    # the Word report has the same table
    target = tmp_path / "rapport.docx"
    code, _, err = run(rated, "export", A, "-o", str(target))
    assert code == 0, err
    doc = Document(str(target))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Punkt")
    assert [c.text for c in table.rows[0].cells] == ["Punkt", "27-11-2026", "28-12-2026"]
    got = [[c.text for c in row.cells][1:] for row in table.rows[1:]]
    assert got == [[str(a), str(b)] for a, b in zip(*KOMMUNE, strict=True)]


def test_the_next_health_check_is_in_the_agenda_with_the_partner(rated: Path) -> None:
    code, out, err = run(rated, "agenda", "--json", "--days", "60")
    assert code == 0, err
    items = json.loads(out)["items"]
    health = [i for i in items if i["kind"] == "health"]
    assert health == [{"date": "2027-01-28", "kind": "health", "session": A,
                       "partner": "Nordby Idrætsforeningen", "contact": None,
                       "overdue": False}]  # fmt: skip
    code, out, _ = run(rated, "agenda")
    assert code == 0 and "Sundhedstjek med Nordby" in out, out  # cut to fit 80 columns


def test_a_session_from_before_opens_evaluates_and_compares(home: Path) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    (folder / "gammel.yaml").write_bytes((FIXTURES / "session_v1.yaml").read_bytes())
    Store(home, lambda: NOW).save(forening())
    code, out, err = run(home, "compare", "Fællesspisning", B, "--json", now=NOW)
    assert code == 0, err
    assert json.loads(out)["health"] is None  # neither has rated a round
    code, out, err = run(home, "health", "Fællesspisning", now=NOW)
    assert code == 0 and "ingen vurderinger endnu" in out
    answers = "\n" * 9  # the ticks and the four partners' scores kept
    answers += "3\n"  # the overdue contact with Frivilligcentret: left for now
    answers += "\n" + "4\n" + "\n" * 5 + "\n"  # no partner named, only item 1 rated, no comment
    answers += "\n\n"  # no note, the next date kept
    env = line_env(home, answers)
    code = main(["--enkel", "evaluate", "Fællesspisning"], env)
    assert code == 0, errors(env) + screen(env)[-1500:]
    code, out, err = run(home, "compare", "Fællesspisning", B, "--json", now=NOW)
    assert code == 0, err
    health = json.loads(out)["health"]
    assert health[0] == {"id": "faelles_grund", "a": 4, "b": None, "gap": None,
                         "a_change": None, "b_change": None}  # fmt: skip


def test_ctrl_c_in_the_health_check_resumes_at_the_item(home: Path) -> None:
    Store(home, lambda: NOW).save(kommune())
    env = make_env(home)
    stop = ENTER + ENTER * 10 + "i" + ENTER + UP + ENTER + "43" + "\x03"
    assert drive(stop, lambda: main(["evaluate", A], env)) == 130
    store = Store(home, lambda: NOW)
    s = store.load(store.resolve(A))
    assert s.rounds[-1].ratings == {"faelles_grund": 4, "forskelle": 3}
    assert s.cursor.question == "snak_ofte.rating" and not s.rounds[-1].finished
    env = make_env(home)
    rest = "2222" + ENTER + FINISH + CLEAR + "28-12-2026" + ENTER
    assert drive(rest, lambda: main(["evaluate", A], env)) == 0, errors(env)
    s = store.load(store.resolve(A))
    assert s.rounds[-1].finished and [s.rounds[-1].ratings[i] for i in ITEMS] == [4, 3, 2, 2, 2, 2]


def test_the_rounds_are_shown_then_asked_and_comments_default_to_no(
    rated: Path, tmp_path: Path
) -> None:
    """In a terminal, the health section is shown as it goes in, then asked; its comments are
    asked apart, and Enter leaves them out."""
    from samarbejde.sessions.model import ContactPerson

    env = make_env(rated, lambda: LATER)
    path = env.store.resolve(A)
    session = env.store.load(path)
    session.our_contact = ContactPerson(name="Hanne Lund")  # known: not asked first
    env.store.save(session, path)
    # the sections, the health check's comments apart, then our contact person's name
    for keys, with_comments in ((ENTER * 8, False), (ENTER * 6 + UP + ENTER + ENTER, True)):
        target = tmp_path / f"deling-{with_comments}.yaml"
        env = make_env(rated, lambda: LATER)
        argv = ["export", A, "--format", "share", "-o", str(target)]
        assert drive(keys, lambda env=env, argv=argv: main(argv, env)) == 0, errors(env)
        shown = " ".join(screen(env).split())
        assert "sundhedstjekkets vurderinger fra de seneste runder" in shown
        assert "27-11-2026 · 1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3" in shown
        assert f"27-11-2026 · 1: {COMMENT}" in shown  # the comment shown before it is asked
        raw = target.read_bytes()
        assert b"ratings: {faelles_grund: 2" in raw
        assert (COMMENT.encode() in raw) is with_comments
