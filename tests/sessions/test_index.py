"""The index beside the sessions (`.samarbejde-index.json`): `list` and `agenda` read one
small file instead of every session, yet show what the files say now, and a hostile or broken
index changes nothing but the time it takes."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from samarbejde.base import yamlio
from samarbejde.guide.content import load_guide
from samarbejde.sessions import index
from samarbejde.sessions.model import new_session
from samarbejde.sessions.store import Store
from samarbejde.views.sessions import briefs
from tests.helpers.program import FIXTURES, NOW

NORDBY = "Fællesspisning i Nordby"


def settle(*paths: Path) -> None:
    """Make files look written a minute ago (a brief is kept only for a settled file)."""
    for path in paths:
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 60 * 10**9))


@pytest.fixture
def folder(home: Path, nordby: Path) -> Path:
    store = Store(home, lambda: NOW)
    for i in range(3):
        store.save(new_session(f"Samarbejde {i}", "civilsamfund", NOW))
    settle(*(home / "sessions").glob("*.yaml"))
    return home / "sessions"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The session files read (not the index)."""
    seen: list[str] = []
    real = yamlio.read_bytes

    def read_bytes(path: Path, *args) -> bytes:
        if Path(path).suffix == ".yaml":
            seen.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(yamlio, "read_bytes", read_bytes)
    return seen


def names(cli) -> str:
    result = cli("list")
    assert result.code == 0, result.stderr
    return " ".join(result.stdout.split())


def test_second_list_reads_no_session(cli, folder: Path, loads: list[str]) -> None:
    first = names(cli)
    assert len(loads) == 4
    made = folder / index.NAME
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    loads.clear()
    assert names(cli) == first and loads == []
    agenda = cli("agenda", "--json")
    assert agenda.code == 0 and loads == []
    assert {i["session"] for i in json.loads(agenda.stdout)["items"]} == {NORDBY}


def test_agenda_from_the_index_is_the_agenda_from_the_files(cli, folder: Path) -> None:
    without = cli("agenda", "--json", "--days", "3650").stdout
    assert (folder / index.NAME).exists()
    assert cli("agenda", "--json", "--days", "3650").stdout == without
    assert cli("agenda").stdout == cli("agenda").stdout


def test_a_changed_session_is_read_again(cli, folder: Path, nordby: Path, loads) -> None:
    names(cli)
    text = nordby.read_text(encoding="utf-8").replace(f"name: {NORDBY}", "name: Ny titel")
    nordby.write_text(text, encoding="utf-8")
    loads.clear()
    out = names(cli)
    assert "Ny titel" in out and NORDBY not in out
    assert loads == [nordby.name]


def test_a_session_made_invalid_shows_as_unreadable(cli, folder: Path, nordby: Path) -> None:
    names(cli)
    nordby.write_text(nordby.read_text(encoding="utf-8").replace("role: kommune", "role: 7"))
    out = names(cli)
    assert "faellesspisning-i-nordby.yaml" in out and "ulæselig" in out
    assert "faellesspisning-i-nordby.yaml" in cli("agenda").stdout


def test_removed_and_added_sessions(cli, home: Path, folder: Path, nordby: Path) -> None:
    names(cli)
    nordby.unlink()
    Store(home, lambda: NOW).save(new_session("Helt ny", "kommune", NOW))
    out = names(cli)
    assert NORDBY not in out and "Helt ny" in out
    kept = json.loads((folder / index.NAME).read_text(encoding="utf-8"))["files"]
    assert nordby.name not in kept


def test_another_guide_another_index(cli, home: Path, folder: Path, tmp_path: Path) -> None:
    """Progress counts depend on the guide: a content file with one checklist item fewer
    is not shown the counts made with the bundled guide."""
    assert "tjekliste 2/6" in names(cli)
    text = (FIXTURES.parent.parent / "content" / "guide.da.yaml").read_text(encoding="utf-8")
    guide = load_guide()
    last = guide.checklist[-1].id
    data = yamlio.loads(text)
    data["checklist"] = [c for c in data["checklist"] if c["id"] != last]
    own = tmp_path / "egen.yaml"
    own.write_text(yamlio.dumps(data), encoding="utf-8")
    result = cli("--content", str(own), "list")
    assert result.code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert out.count("tjekliste") == 4 and len(re.findall(r"tjekliste \d/5", out)) == 4


HOSTILE = [
    b"",
    b"{",
    b"[]",
    b'{"format": 1, "key": 5, "files": {}}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"format": 1, "key": "x", "files": {}, "extra": 1}',
]


@pytest.mark.parametrize("content", HOSTILE)
def test_a_broken_index_is_made_anew(cli, folder: Path, content: bytes) -> None:
    right = names(cli)
    (folder / index.NAME).write_bytes(content)
    os.chmod(folder / index.NAME, 0o600)
    assert names(cli) == right
    assert json.loads((folder / index.NAME).read_bytes())["format"] == index.FORMAT


def lying(folder: Path) -> None:
    """The index, rewritten to say every session is called "Løgn" with 6/6 ticked."""
    path = folder / index.NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry["brief"]["name"] = "Løgn"
        entry["brief"]["ticked"] = 6
    path.write_text(json.dumps(data), encoding="utf-8")
    os.chmod(path, 0o600)


def test_an_index_others_may_write_is_not_believed(cli, folder: Path) -> None:
    names(cli)
    lying(folder)
    os.chmod(folder / index.NAME, 0o666)  # a colleague could have written it
    out = names(cli)
    assert "Løgn" not in out and NORDBY in out


def test_an_index_that_is_a_link_is_not_believed(cli, folder: Path, tmp_path: Path) -> None:
    names(cli)
    lying(folder)
    target = tmp_path / "andet-sted.json"
    shutil.move(folder / index.NAME, target)
    (folder / index.NAME).symlink_to(target)
    out = names(cli)
    assert "Løgn" not in out and NORDBY in out
    assert (folder / index.NAME).is_symlink()  # and it is not replaced through the link


def test_wrong_types_in_the_index_are_not_believed(cli, folder: Path) -> None:
    names(cli)
    path = folder / index.NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry["brief"]["ticked"] = "6"  # a string where a count belongs
        entry["brief"]["name"] = "Løgn"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = names(cli)
    assert "Løgn" not in out and NORDBY in out


def test_control_characters_from_the_index_never_reach_the_terminal(cli, folder: Path) -> None:
    names(cli)
    path = folder / index.NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry["brief"]["name"] = "Ond\x1b]0;titel\x07"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.chmod(path, 0o600)
    out = cli("list").stdout
    assert "\x1b" not in out and "\x07" not in out


def test_read_only_folder_goes_without(cli, folder: Path, monkeypatch) -> None:
    def refuse(path: Path, data: bytes, private: bool = False) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(index, "atomic_write", refuse)  # as in a folder others own
    assert NORDBY in names(cli) and NORDBY in names(cli)
    assert not (folder / index.NAME).exists()


def test_a_fresh_file_gets_no_brief_until_settled(home: Path, folder: Path) -> None:
    """A file written within the clock's last tick may change again unseen."""
    store = Store(home, lambda: NOW)
    path = store.save(new_session("Lige nu", "kommune", NOW))
    found = briefs(store, load_guide())
    assert "Lige nu" in {e.brief.name for e in found if e.brief}
    kept = json.loads((folder / index.NAME).read_text(encoding="utf-8"))["files"]
    assert path.name not in kept and "faellesspisning-i-nordby.yaml" in kept
