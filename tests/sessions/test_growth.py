"""Work that must not grow faster than the sessions do: one read of the session file per
command, a session too big to read named as such everywhere, and the partner lookups."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from samarbejde.base import yamlio
from samarbejde.sessions.model import Outreach, Partner, new_session
from samarbejde.sessions.store import Store, to_data
from tests.helpers.program import FIXTURES, NOW

NORDBY = "Fællesspisning i Nordby"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file was read (by name)."""
    counted: Counter[str] = Counter()
    real = yamlio.read_bytes

    def read_bytes(path: Path) -> bytes:
        counted[Path(path).name] += 1
        return real(path)

    monkeypatch.setattr(yamlio, "read_bytes", read_bytes)
    return counted


def second_session(home: Path) -> None:
    store = Store(home, lambda: NOW)
    # an organisation: a session with nothing in it is never the default
    store.save(new_session("Lektiecafé i Sydby", "civilsamfund", NOW, "Foreningen Sydby"))


@pytest.mark.parametrize(
    "args",
    [
        ["summary", NORDBY],
        ["summary", "nordby"],  # a part of the name
        ["summary", NORDBY, "--json"],
        ["export", NORDBY, "-o", "-"],
        ["export", "nordby", "--format", "docx", "-o", "OUT"],
    ],
)
def test_a_named_session_is_read_once(
    cli, home: Path, nordby: Path, reads, args, tmp_path: Path
) -> None:
    second_session(home)
    reads.clear()
    result = cli(*[str(tmp_path / "rapport.docx") if a == "OUT" else a for a in args])
    assert result.code == 0, result.stderr
    assert reads[nordby.name] == 1


def test_summary_of_the_newest_reads_each_file_once(cli, home, nordby: Path, reads) -> None:
    second_session(home)
    os.utime(nordby, (0, 0))
    reads.clear()
    result = cli("summary")
    assert result.code == 0 and "Lektiecafé i Sydby" in result.stdout
    assert set(reads.values()) == {1} and len(reads) == 2


def test_a_changed_file_is_read_again(home: Path, nordby: Path, reads) -> None:
    """What was read while finding the session is reused only while the file is unchanged."""
    store = Store(home, lambda: NOW)
    path = store.resolve(NORDBY)
    text = nordby.read_text(encoding="utf-8").replace("Nordby Kommune", "Sydby Kommune")
    nordby.write_text(text, encoding="utf-8")
    assert store.load(path).organisation.startswith("Sydby Kommune")
    assert reads[nordby.name] == 2


# -- a session too big to read -----------------------------------------------------------


def too_big(home: Path, name: str = "Kæmpe samarbejde") -> Path:
    """A real session over the 1 MB limit: 1,100 partners with a plan each."""
    s = new_session(name, "kommune", NOW, organisation="Storby Kommune")
    for i in range(1, 1101):
        s.partners.append(
            Partner(
                id=f"p{i}",
                name=f"Partner {i} med et langt navn",
                brings="Lokaler og frivillige " * 40,
            )
        )
        s.outreach[f"p{i}"] = Outreach(key_persons="Birthe", next_contact=dt.date(2026, 12, 1))
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kaempe-samarbejde.yaml"
    path.write_text(yamlio.dumps(to_data(s)), encoding="utf-8")
    assert path.stat().st_size > yamlio.MAX_BYTES
    return path


def size_of(path: Path) -> str:
    tenths = -(-path.stat().st_size * 10 // (1024 * 1024))
    return f"{tenths // 10},{tenths % 10} MB"


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "Kæmpe samarbejde"],
        ["summary", "kæmpe"],
        ["summary", "kaempe-samarbejde"],
        ["export", "Kæmpe samarbejde", "-o", "-"],
        ["export", "kæmpe", "--format", "docx"],
        ["delete", "Kæmpe samarbejde", "--yes"],
    ],
)
def test_too_big_is_named_with_its_size(cli, home: Path, nordby: Path, args) -> None:
    path = too_big(home)
    result = cli(*args)
    assert result.code == 1
    said = " ".join(result.stderr.split())
    assert "for stor" in said and f"fylder {size_of(path)}" in said
    assert "grænsen er 1 MB" in said
    assert "findes ikke" not in said and "Ingen session" not in said
    assert path.exists()


def test_too_big_in_list_and_agenda(cli, home: Path, nordby: Path) -> None:
    path = too_big(home)
    listed = cli("list")
    assert listed.code == 0 and NORDBY in listed.stdout
    out = " ".join(listed.stdout.split())
    assert "kaempe-samarbejde.yaml" in out and f"for stor: {size_of(path)}" in out
    assert "ulæselig" not in out
    agenda = cli("agenda")
    assert agenda.code == 0
    said = " ".join(agenda.stdout.split())
    assert f"kaempe-samarbejde.yaml er for stor ({size_of(path)}, grænsen er 1 MB)" in said


def test_too_big_by_path(cli, home: Path) -> None:
    path = too_big(home)
    shutil.move(path, home / "elsewhere.yaml")
    result = cli("summary", str(home / "elsewhere.yaml"))
    assert result.code == 1 and "er for stor" in " ".join(result.stderr.split())


def test_start_never_makes_a_second_file_beside_one_too_big(home: Path) -> None:
    from samarbejde.base.errors import SessionError

    path = too_big(home)
    with pytest.raises(SessionError) as info:
        Store(home, lambda: NOW).path_for("Kæmpe samarbejde")
    assert info.value.msg.key == "error_session_too_big"
    assert info.value.msg.params["path"] == path
    assert sorted(p.name for p in (home / "sessions").iterdir()) == [path.name]


def test_the_fixture_is_small(home: Path) -> None:
    assert (FIXTURES / "session_v1.yaml").stat().st_size < yamlio.MAX_BYTES
