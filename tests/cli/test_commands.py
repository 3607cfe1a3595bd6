"""The read-only commands: guide, list, summary (text and --json), delete; and their errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from samarbejde.cli.app import main
from tests.helpers.program import FIXTURES, quiet_env, run_inside, run_program


def test_guide_shows_the_whole_guide(cli, guide) -> None:
    result = cli("guide")
    assert result.code == 0
    out = " ".join(result.stdout.split())
    assert guide.title in out
    for role in guide.roles:
        assert role.heading in out
        for point in role.points:
            assert point.title in out
    for step in guide.steps:
        assert step.heading in out
    for card in guide.outreach_cards:
        assert card.title in out
    for item in guide.checklist:
        assert item.title in out
        for point in item.points:
            assert " ".join(point.split()) in out
    assert "Teksten er programmets bud." in out  # step 2 is marked as the program's


def test_list_empty_says_how_to_start(cli) -> None:
    result = cli("list")
    assert result.code == 0
    assert "samarbejde start" in result.stdout


def test_list_shows_sessions_and_broken_files(cli, nordby: Path) -> None:
    (nordby.parent / "oedelagt.yaml").write_text("name: [\n", encoding="utf-8")
    result = cli("list")
    assert result.code == 0
    assert "Fællesspisning i Nordby" in result.stdout
    assert "Kommune" in result.stdout
    # the guide's numbered steps done, 1 and 2 (step 3 has a partner not rated yet; "Før I går
    # i gang" has no number and is not counted)
    assert "2/5" in result.stdout
    assert "2/6" in result.stdout  # checklist ticked
    assert "oedelagt.yaml" in result.stdout and "ulæselig" in result.stdout


def test_a_step_is_done_only_when_its_data_says_so(cli, nordby: Path) -> None:
    out = " ".join(cli("summary", "Fællesspisning i Nordby").stdout.split())
    assert "3. Prioriter partnerne i gang 1 partner er ikke vurderet" in out
    text = nordby.read_text(encoding="utf-8").replace("  interest: null", "  interest: 3")
    nordby.write_text(text.replace("  influence: null", "  influence: 3"), encoding="utf-8")
    out = " ".join(cli("summary", "Fællesspisning i Nordby").stdout.split())
    assert "3. Prioriter partnerne færdig" in out


def test_list_is_newest_first(cli, nordby: Path) -> None:
    newer = (
        nordby.read_text(encoding="utf-8")
        .replace("name: Fællesspisning i Nordby", "name: Nyere session")
        .replace("updated: '2026-11-20T14:05:00+01:00'", "updated: '2026-11-26T09:00:00+01:00'")
    )
    (nordby.parent / "nyere-session.yaml").write_text(newer, encoding="utf-8")
    out = cli("list").stdout
    assert out.index("Nyere session") < out.index("Fællesspisning i Nordby")


def test_summary_at_80_columns(cli, nordby: Path) -> None:
    result = cli("summary", "Fællesspisning i Nordby")
    assert result.code == 0
    out = result.stdout
    for line in out.splitlines():
        assert cell_len(line) <= 80
    assert "Fællesspisning i Nordby" in out and "Nordby Kommune" in out
    assert "Ræk ud først" in out and "Indflydelse og ressourcer" in out
    open_part = out.split("Åbne punkter på tjeklisten")[1].split("Næste kontakter")[0]
    titles = re.findall(r"☐ \d\. (.+)", open_part)
    assert titles == [
        "Vær åben for forskelle",
        "Evaluer og juster løbende",
        "Få ledelsen med",
        "Aftal spillereglerne",
    ]
    assert "Forstå, at ikke alle arbejder på samme måde" in open_part  # sub-points shown
    assert "2 af 6 punkter" in open_part
    assert "01-11-2026  Frivilligcentret Nordby  (overskredet)" in out
    assert "Næste evaluering: 01-02-2027" in out
    assert "samarbejde resume 'Fællesspisning i Nordby'" in out
    assert "Ikke vurderet endnu: Madskolen" in out


def test_summary_without_argument_takes_the_newest(cli, nordby: Path) -> None:
    assert "Fællesspisning i Nordby" in cli("summary").stdout


def test_summary_json_is_stable(cli, nordby: Path) -> None:
    result = cli("summary", str(nordby), "--json")
    assert result.code == 0
    data = json.loads(result.stdout)
    assert list(data)[:8] == [
        "name",
        "role",
        "organisation",
        "updated",
        "steps",
        "partners",
        "checklist",
        "next_contacts",
    ]
    assert data["name"] == "Fællesspisning i Nordby"
    assert data["role"] == "kommune"
    # step 3 was gone through, but Madskolen is not rated yet: it is not done
    assert [s["status"] for s in data["steps"]] == ["done"] * 3 + ["started"] * 3
    assert data["partners"][0] == {
        "id": "p1",
        "name": "Frivilligcentret Nordby",
        "interest": 5,
        "influence": 4,
        "quadrant": "raek_ud_foerst",
        "priority": 1,
    }
    assert [p["quadrant"] for p in data["partners"]] == [
        "raek_ud_foerst",
        "tal_ind",
        "gaa_sammen",
        "hold_oeje",
        None,
    ]
    open_ids = [c["id"] for c in data["checklist"] if not c["done"]]
    assert open_ids == ["forskelle", "evaluer", "ledelsen", "spilleregler"]
    assert data["next_contacts"][0]["partner"] == "Frivilligcentret Nordby"
    assert data["next_contacts"][0]["overdue"] is True


def test_summary_json_of_a_hand_written_session(cli, home: Path) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    (folder / "haand.yaml").write_text(
        "schema_version: 1\nname: Håndskrevet\nrole: civilsamfund\n"
        "created: 2026-11-01T10:00:00+01:00\nupdated: 2026-11-02T10:00:00+01:00\n"
        "checklist:\n  ledelsen: {done: true}\n  forskelle: {done: false, note: snart}\n",
        encoding="utf-8",
    )
    data = json.loads(cli("summary", "Håndskrevet", "--json").stdout)
    assert [c["id"] for c in data["checklist"] if not c["done"]] == [
        "faelles_grund",
        "forskelle",
        "snak_ofte",
        "evaluer",
        "spilleregler",
    ]
    assert data["checklist"][1]["note"] == "snart"
    assert data["partners"] == [] and data["next_contacts"] == []


def test_unknown_session_names_the_ones_that_exist(cli, nordby: Path) -> None:
    result = cli("summary", "Sørby")
    assert result.code == 1
    assert 'Ingen session ved navn "Sørby".' in result.stderr
    assert "Fællesspisning i Nordby" in result.stderr


def test_no_sessions_at_all(cli) -> None:
    result = cli("summary")
    assert result.code == 1
    assert "samarbejde start" in result.stderr


def test_corrupt_session_exit_1_and_untouched(home: Path, nordby: Path) -> None:
    nordby.write_bytes(b"schema_version: 1\nname: [oops\n")
    before = nordby.read_bytes()
    result = run_program("summary", str(nordby), env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kan ikke læses" in result.stderr and "ikke gyldig YAML" in result.stderr
    assert nordby.read_bytes() == before


def test_delete_asks_first_and_removes(cli, nordby: Path) -> None:
    no_terminal = cli("delete", "Fællesspisning i Nordby")
    assert no_terminal.code == 2 and "Brug --yes" in " ".join(no_terminal.stderr.split())
    assert nordby.exists()
    result = cli("delete", "Fællesspisning i Nordby", "--yes")
    assert result.code == 0 and not nordby.exists()


@pytest.mark.parametrize("name", ["noter.txt", "config.yml", "andet.yaml"])
def test_delete_removes_only_sessions(cli, nordby: Path, tmp_path: Path, name: str) -> None:
    other = tmp_path / name
    other.write_text("name: ikke en session\nvigtigt: ja\n", encoding="utf-8")
    result = cli("delete", str(other), "--yes")
    assert result.code == 1
    assert "Kun sessioner kan slettes" in " ".join(result.stderr.split())
    assert other.read_text(encoding="utf-8").startswith("name: ikke en session")


def test_delete_by_name_deletes_only_that_name(cli, store) -> None:
    from samarbejde.sessions.model import new_session
    from tests.helpers.program import NOW

    for name in ("Фонд", "التعاون", "Faelles", "Fælles"):
        store.save(new_session(name, "civilsamfund", NOW), store.path_for(name))
    assert cli("delete", "Фонд", "--yes").code == 0
    assert cli("delete", "Fælles", "--yes").code == 0
    left = sorted(e.session.name for e in store.readable())
    assert left == sorted(["التعاون", "Faelles"])
    assert cli("delete", "Фонд", "--yes").code == 1  # gone, and nothing else goes instead


def test_delete_by_a_part_of_a_name_says_the_whole_name_is_needed(cli, nordby: Path) -> None:
    result = cli("delete", "nordby", "--yes")
    assert result.code == 1 and nordby.exists()
    said = " ".join(result.stderr.split())
    assert (
        'Skriv hele navnet, når du sletter, fx: samarbejde delete "Fællesspisning i Nordby"' in said
    )


def test_summary_at_40_columns_keeps_the_names(home: Path, nordby: Path) -> None:
    out = run_inside("summary", env={"SAMARBEJDE_HOME": str(home), "COLUMNS": "40"}).stdout
    table = out.split("Partnere i prioriteret rækkefølge")[1].split("Diagrammet")[0]
    assert "Frivilligcentret" in table and "Fælles interesse" not in table  # no score columns


@pytest.mark.parametrize("width", ["40", "80"])
def test_a_title_too_long_for_its_border_is_the_panel_s_first_line(
    home: Path, nordby: Path, width: str
) -> None:
    """Rich cuts a title that does not fit in a panel's border mid-word ("Fællesspisning i
    No─"); such a title is the panel's first line instead, whole (wrapped where needed)."""
    out = run_inside("summary", env={"SAMARBEJDE_HOME": str(home), "COLUMNS": width}).stdout
    top = out.splitlines()[0]
    name = "Fællesspisning i Nordby"
    if width == "40":  # 23 characters and the border's 6 fit; a longer title would not
        assert name in top
    long = "Fællesspisning i Nordby for hele bydelen og dens foreninger"
    text = nordby.read_text(encoding="utf-8").replace(f"name: {name}\n", f"name: {long}\n", 1)
    nordby.write_text(text, encoding="utf-8")
    out = run_inside("summary", long, env={"SAMARBEJDE_HOME": str(home), "COLUMNS": width}).stdout
    lines = out.splitlines()
    if width == "40":
        assert set(lines[0]) <= {"╭", "─", "╮"}  # the border says nothing
        words = " ".join(line.strip("│ ") for line in lines[1:3])
        assert long in words  # whole, over two lines
    else:
        assert long in lines[0] and f" {long} " in lines[0]


def test_delete_of_a_session_given_as_a_path(cli, nordby: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "delt" / "nordby.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(nordby, elsewhere)
    result = cli("delete", str(elsewhere), "--yes")
    assert result.code == 0 and not elsewhere.exists()
    assert nordby.exists()  # the one in the sessions folder is another file


def test_delete_refuses_a_session_open_in_a_wizard(cli, nordby: Path) -> None:
    from samarbejde.sessions.lock import SessionLock
    from tests.helpers.program import NOW, held_elsewhere

    with held_elsewhere(nordby):
        result = cli("delete", "Fællesspisning i Nordby", "--yes")
        assert result.code == 1
        assert "er åben et andet sted" in " ".join(result.stderr.split())
        assert nordby.exists()
    with SessionLock(nordby, lambda: NOW):
        pass  # free again
    assert cli("delete", "Fællesspisning i Nordby", "--yes").code == 0


def test_delete_that_fails_says_deleted_not_saved(cli, nordby: Path, monkeypatch) -> None:
    import errno

    real_unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self == nordby:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)  # e.g. a read-only shared folder
    result = cli("delete", "Fællesspisning i Nordby", "--yes")
    assert result.code == 1
    assert "kunne ikke slettes" in result.stderr and "adgang nægtet" in result.stderr
    assert "gemmes" not in result.stderr
    assert nordby.exists()


def imported_by(home: Path, args: list[str]) -> list[str]:
    """The modules the real program imports for `args` beside the fixture session."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "session_v1.yaml", folder / "nordby.yaml")
    result = run_program(*args, env={"SAMARBEJDE_HOME": str(home), "PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    imported = re.findall(r"\|\s+([\w.]+)$", result.stderr, flags=re.M)
    assert "samarbejde.cli" in imported  # the check itself works
    return imported


@pytest.mark.parametrize("args", [["--help"], ["list"], ["summary"], ["summary", "--json"]])
def test_fast_commands_do_not_import_questionary(home: Path, args: list[str]) -> None:
    imported = imported_by(home, args)
    assert not [m for m in imported if m.startswith(("questionary", "prompt_toolkit"))]


@pytest.mark.parametrize("args", [["--help"], ["list"], ["summary"], ["agenda"]])
def test_fast_commands_do_not_load_the_name_matching(home: Path, args: list[str]) -> None:
    """rapidfuzz (compare's name matching) and openpyxl (spreadsheets) cost start-up time that
    the everyday overviews never use."""
    imported = imported_by(home, args)
    assert not [m for m in imported if m.startswith(("rapidfuzz", "openpyxl"))]


def test_compare_json_loads_nothing_it_does_not_draw_or_write(home: Path, tmp_path: Path) -> None:
    """`compare A B --json` reads two share files and writes JSON: Rich, the report's blocks,
    the views, the flows, the templates and the document libraries are start-up time it
    never uses (issue 35)."""
    from samarbejde.guide.content import load_guide
    from samarbejde.sessions import share
    from tests.helpers.compare_fixtures import NOW, forening, kommune

    guide, sections = load_guide(), set(share.DEFAULT)
    files = []
    for session, name in ((kommune(), "a.yaml"), (forening(), "b.yaml")):
        path = tmp_path / name
        data = share.build(session, guide, NOW.date(), sections)
        path.write_text(share.dumps(data, guide, share.ordered(sections)), encoding="utf-8")
        files.append(str(path))
    imported = imported_by(home, ["compare", *files, "--json"])
    assert "rapidfuzz" in imported  # the names were matched
    unused = ("rich", "samarbejde.views", "samarbejde.flows", "samarbejde.steps", "jinja2",
              "docx", "openpyxl", "questionary", "prompt_toolkit")  # fmt: skip
    assert not [m for m in imported if m.startswith(unused)]


def test_help_is_danish(home: Path) -> None:
    result = run_program("--help", env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("Brug: samarbejde [TILVALG] KOMMANDO")
    assert "Kommandoer:" in out and "Tilvalg:" in out and "Vis denne hjælp og stop." in out
    assert "Usage" not in out and "Options" not in out and "Show this message" not in out
    export_help = run_program("export", "--help", env={"SAMARBEJDE_HOME": str(home)}).stdout
    assert "Argumenter:" in export_help and "--csv-delimiter TEGN" in export_help


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["foo"], 'Ukendt kommando "foo".'),
        (["summary", "--bad"], 'Ukendt tilvalg "--bad".'),
        (["delete"], "Skriv navnet på den session, der skal slettes"),
        (["summary", "a", "b"], "For mange argumenter: b"),
        (["start", "--role", "borgmester"], 'Ukendt rolle "borgmester"'),
        (
            ["export", "--format", "odt"],
            'Ukendt format "odt". Vælg md, html, docx, pdf, csv, xlsx, ics eller share.',
        ),
        (["export", "-f"], 'Tilvalget "-f" mangler en værdi.'),
        (["start", "--name"], 'Tilvalget "--name" mangler en værdi.'),
        (["summary", "--json=ja"], 'Tilvalget "--json" tager ingen værdi.'),
        (["--bogus", "list"], 'Ukendt tilvalg "--bogus".'),
        (["list", "extra"], "For mange argumenter: extra"),
        (["--help=1"], 'Tilvalget "--help" tager ingen værdi.'),
        (["start", "--name", "   "], "Skriv et navn."),
    ],
)
def test_wrong_usage_exits_2_in_danish(home: Path, args: list[str], message: str) -> None:
    run = run_program if args == ["foo"] else run_inside  # the real program's exit code once
    result = run(*args, env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 2
    assert message in result.stderr
    lines = result.stderr.splitlines()
    assert lines[1].startswith("Brug: samarbejde")  # the usage line of that command
    assert lines[-1].startswith('Se "samarbejde') and lines[-1].endswith('--help" for hjælp.')
    assert "Traceback" not in result.stderr
    assert not re.search(r"\b(Error|Usage|Option|Got|requires|argument)\b", result.stderr)


def test_no_command_without_a_terminal_shows_the_danish_help(cli) -> None:
    result = cli()
    assert result.code == 0
    assert result.stdout.startswith("Brug: samarbejde [TILVALG] KOMMANDO")
    assert "Kommandoer:" in result.stdout


def test_summary_of_many_partners_shows_the_first_thirty(cli, home: Path, store) -> None:
    from samarbejde.sessions.model import Partner

    s = store.load(FIXTURES / "session_v1.yaml")
    s.partners = [
        Partner(id=f"p{i}", name=f"Partner {i:02d}", interest=5 - i % 3, influence=5 - i % 4)
        for i in range(1, 41)
    ] + [Partner(id=f"u{i}", name=f"Uvurderet {i:02d}") for i in range(1, 13)]
    store.save(s, home / "sessions" / "mange.yaml")
    out = cli("summary", "Fællesspisning i Nordby").stdout
    assert "Her vises de første 30 af 40 partnere" in " ".join(out.split())
    table = out.split("Partnere i prioriteret rækkefølge")[1].split("Her vises")[0]
    assert len(re.findall(r"^\s*\d+\s+Partner \d\d", table, flags=re.M)) == 30
    assert "Uvurderet 10 og 2 flere" in " ".join(out.split())
    assert "Diagrammet viser de første 30 af 40 vurderede partnere." in " ".join(out.split())
    data = json.loads(cli("summary", "Fællesspisning i Nordby", "--json").stdout)
    assert len(data["partners"]) == 52  # the JSON form has them all


def test_summary_shows_the_ten_soonest_contacts(cli, home: Path, store) -> None:
    import datetime as dt

    from samarbejde.sessions.model import Outreach, Partner

    s = store.load(FIXTURES / "session_v1.yaml")
    s.partners = [Partner(id=f"p{i}", name=f"Partner {i:02d}") for i in range(1, 16)]
    s.outreach = {
        f"p{i}": Outreach(next_contact=dt.date(2026, 12, 31) - dt.timedelta(days=i))
        for i in range(1, 16)
    }
    store.save(s, home / "sessions" / "kontakter.yaml")
    out = cli("summary", "Fællesspisning i Nordby").stdout
    part = out.split("Næste kontakter")[1].split("Næste evaluering")[0]
    dates = re.findall(r"^(\d\d-\d\d-2026)", part, flags=re.M)
    assert dates == [f"{d:02d}-12-2026" for d in range(16, 26)]  # the soonest ten, in order
    assert "og 5 kontakter mere" in part


def test_a_name_that_is_no_text_is_no_traceback(home: Path, nordby: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "samarbejde",
            "summary",
            b"\xff\xfe".decode("utf-8", "surrogateescape"),
        ],
        capture_output=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home)},
        timeout=60,
    )
    assert result.returncode == 1
    assert "Ingen session ved navn" in result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr


def test_export_to_a_folder_that_does_not_exist_says_so(cli, nordby: Path, tmp_path) -> None:
    result = cli("export", "-o", str(tmp_path / "ingen" / "mappe" / "x.md"))
    assert result.code == 1
    said = " ".join(result.stderr.split())  # the path's length decides where the line wraps
    assert "mappen" in said and "findes ikke. Opret mappen, eller vælg en anden fil med -o." in said
    assert "filen findes ikke" not in said


def test_list_at_40_columns_shows_the_names(home: Path, nordby: Path) -> None:
    for width in ("40", "60"):
        out = run_inside("list", env={"SAMARBEJDE_HOME": str(home), "COLUMNS": width}).stdout
        assert "Fællesspisning i Nordby" in out  # whole, on a line of its own
        assert "Kommune · trin 2/5 · tjekliste 2/6" in out
        listing = out.split("Sessionerne ligger i")[0]  # the folder's path may be long
        assert all(cell_len(line) <= int(width) for line in listing.splitlines())


@pytest.mark.parametrize("width", [60, 76, 80, 82, 100, 160])
def test_list_and_agenda_fit_the_terminal_with_long_texts(home: Path, width: int) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    for fixture in ("report_9.yaml", "report_60.yaml"):  # an 80-character name, long answers
        shutil.copy(FIXTURES / fixture, folder / fixture)
    for command in ("list", "agenda"):
        env = quiet_env(home, width)
        assert main([command], env) == 0
        # (the folder's path is one line, to copy whole)
        lines = [x for x in env.stdout.getvalue().splitlines() if str(folder) not in x]
        assert all(len(line.rstrip()) <= width for line in lines), command
        table = [line for line in lines if line and line[0] in "┏┃┡│└"]  # ("" is in any string)
        assert all(line.rstrip()[-1] in "┓┃┩│┘" for line in table), (command, table[:3])
    assert len(lines) < 200  # the agenda says what a contact is about in a line or two


@pytest.mark.parametrize("width", [40, 60, 160])
def test_help_fits_the_terminal(home: Path, width: int) -> None:
    """The width from COLUMNS, as the program's consoles read it at start-up (in-process: the
    real help, `test_help_is_danish`, is a child process)."""
    for args in (["--help"], ["evaluate", "--help"], ["export", "--help"]):
        result = run_inside(*args, env={"SAMARBEJDE_HOME": str(home), "COLUMNS": str(width)})
        assert result.returncode == 0
        lines = result.stdout.splitlines()
        assert all(len(line) <= min(width, 80) for line in lines), (args, max(lines, key=len))


def test_help_loads_neither_rich_nor_pyyaml_once_the_guide_is_kept(home: Path) -> None:
    """`--help` prints click's plain layout: no console is made, and the bundled guide's texts
    come from the cache's JSON once a first run has kept it (issue 35)."""
    first = imported_by(home, ["--help"])  # parses the guide and keeps it
    assert "yaml" in first
    assert len(list((home / "cache" / "guide").glob("*.json"))) == 1
    again = imported_by(home, ["--help"])
    assert not [m for m in again if m.split(".")[0] in ("rich", "yaml", "pydantic")]


@pytest.mark.skipif(os.name == "nt", reason="`~user` names a Unix user")
def test_a_data_folder_of_a_user_this_system_does_not_know_is_said_in_danish() -> None:
    """`SAMARBEJDE_HOME=~nobody-here/x`: pathlib cannot expand it. What needs no data folder
    runs as ever (the caches go without); what needs it says why, in Danish; no traceback."""
    env = {"SAMARBEJDE_HOME": "~ingen-bruger-her-xyz/samarbejde"}
    for args in (("--version",), ("--help",), ("guide", "--help")):
        result = run_program(*args, env=env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    result = run_program("list", env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    said = " ".join(result.stderr.split())
    assert 'SAMARBEJDE_HOME er sat til "~ingen-bruger-her-xyz/samarbejde"' in said
    assert not Path("~ingen-bruger-her-xyz").exists()
