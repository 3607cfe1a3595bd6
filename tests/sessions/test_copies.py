"""Sync-client copies in the sessions folder (OneDrive, Dropbox, Nextcloud, the program's own
conflict copies): listed with their file names and times, never as identical rows; a lookup
by name names the competing files; the agenda lists each contact once; a session file that
disappears under an open wizard is never recreated."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from samarbejde.base.dates import fmt_time
from samarbejde.base.errors import SessionError
from samarbejde.cli.app import main
from samarbejde.sessions.store import Store, is_copy
from tests.helpers.program import NOW, quiet_env

NAME = "Fællesspisning i Nordby"
ONEDRIVE = "faellesspisning-i-nordby-DESKTOP-AB12.yaml"
DROPBOX = "faellesspisning-i-nordby (Mettes konflikt 2026-12-01).yaml"


@pytest.fixture
def copies(nordby: Path) -> list[Path]:
    """The session and two sync-client copies of it, each changed at another time."""
    made = [nordby]
    for name in (ONEDRIVE, DROPBOX):
        shutil.copy(nordby, nordby.with_name(name))
        made.append(nordby.with_name(name))
    for hours, path in enumerate(made):  # 10.00, 11.00, 12.00 on the pinned day
        moment = NOW.timestamp() + 3600 * hours
        os.utime(path, (moment, moment))
    return made


@pytest.mark.parametrize("width", [200, 60])  # the table, and the lines of a narrow terminal
def test_list_shows_three_rows_with_distinct_file_names(copies, width) -> None:
    env = quiet_env(copies[0].parent.parent, width=width)
    assert main(["list"], env) == 0
    out = " ".join(env.stdout.getvalue().split())  # type: ignore[attr-defined]
    assert out.count(NAME) == 3
    for path in copies:  # each with its file's name and its file's time
        assert f"fil: {path.name}" in out
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        assert fmt_time(changed, env.texts) in out
    assert "Vælg én med filens navn" in out


def test_lookups_by_name_name_the_competing_files(cli, copies) -> None:
    for args in (["summary", "nordby"], ["summary", NAME], ["export", NAME, "-o", "-"],
                 ["contact", "nordby", "Frivilligcentret", "--log", "x"],
                 ["delete", NAME, "--yes"]):  # fmt: skip
        result = cli(*args)
        said = " ".join(result.stderr.split())
        assert result.code != 0, args
        assert f'Sessionen "{NAME}" findes i flere filer' in said, args
        assert all(path.name in said for path in copies), args
        assert said.count(NAME) == 1, args  # the files, not the same name three times
    assert all(path.exists() for path in copies)  # nothing deleted, nothing written
    chosen = cli("summary", DROPBOX)  # a file's own name chooses it
    assert chosen.code == 0 and NAME in chosen.stdout


def test_agenda_lists_each_contact_once_and_says_a_copy_exists(cli, copies) -> None:
    result = cli("agenda", "--days", "400")
    assert result.code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert out.count("01-11-2026") == 1  # Frivilligcentret Nordby's next contact
    assert out.count("Brugsen") == 1
    assert f'Sessionen "{NAME}" findes i flere filer' in out
    assert all(path.name in out for path in copies)
    data = cli("agenda", "--days", "400", "--json")
    assert data.stdout.count('"Frivilligcentret Nordby"') == 1


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("nordby-DESKTOP-AB12.yaml", True),
        ("nordby-HOSTNAME.yaml", True),
        ("nordby (Mettes konflikt 2026-12-01).yaml", True),
        ("nordby (conflicted copy).yaml", True),
        ("nordby (Bo's conflicted copy 2026-12-01).yaml", True),
        ("nordby (conflicted copy 2026-12-01 101010).yaml", True),
        ("nordby.konflikt-20261201-101010.yaml", True),
        ("nordby.yaml", False),
        ("nordby-2026.yaml", False),
        ("faellesspisning-i-nordby-3f2a1c.yaml", False),  # the program's own hashed name
        ("nordby (2).yaml", False),
    ],
)
def test_copy_patterns(name: str, copy: bool) -> None:
    assert is_copy(Path(name), "konflikt") is copy


def test_a_file_gone_under_an_open_wizard_is_never_recreated(nordby: Path) -> None:
    store = Store(nordby.parent.parent, lambda: NOW, "konflikt")
    session = store.load(nordby)
    nordby.unlink()  # deleted by hand (or moved by a sync client) while the wizard is open
    session.organisation = "Svaret lige nu"
    with pytest.raises(SessionError) as info:
        store.save(session, nordby)
    assert info.value.msg.key == "error_session_gone"
    assert not nordby.exists()
    kept = info.value.msg.params["copy"]
    assert isinstance(kept, Path) and kept.parent == nordby.parent
    assert "Svaret lige nu" in kept.read_text(encoding="utf-8")


def test_delete_takes_the_brief_out_of_the_index_at_once(cli, nordby: Path) -> None:
    index = nordby.parent / ".samarbejde-index.json"
    old = NOW.timestamp() - 3600  # settled: list keeps its brief
    os.utime(nordby, (old, old))
    assert cli("agenda", "--days", "400").code == 0
    assert "Birthe" in index.read_text(encoding="utf-8")
    assert cli("delete", NAME, "--yes").code == 0
    assert "Birthe" not in index.read_text(encoding="utf-8") if index.exists() else True
    assert [p.name for p in nordby.parent.iterdir() if ".lock" in p.name] == []
