"""A large session is read from its validated JSON copy while the file is the one it was made
from; a copy that is not this user's, is for other bytes, or is not a session is ignored."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from samarbejde.base import yamlio
from samarbejde.base.errors import SessionError
from samarbejde.sessions import store as store_mod
from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session, new_session
from samarbejde.sessions.serial import Dumper, copy_of, from_copy
from samarbejde.sessions.store import COPY_FROM, Store
from tests.helpers.fuzz import examples
from tests.helpers.program import NOW
from tests.helpers.random_sessions import plain, sessions


def large(name: str = "Stor") -> Session:
    s = new_session(name, "kommune", NOW, organisation="Storby Kommune")
    for i in range(1, 200):
        s.partners.append(Partner(id=f"p{i}", name=f"Partner {i} æøå", interest=i % 5 + 1,
                                  influence=3, contact="Birthe, 12 34 56 78"))  # fmt: skip
        s.outreach[f"p{i}"] = Outreach(log=[LogEntry(date=dt.date(2026, 1, 1), note="Møde")])
    return s


@pytest.fixture
def saved(store: Store) -> Path:
    path = store.save(large())
    assert path.stat().st_size >= COPY_FROM
    return path


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: object) -> object:
        raise AssertionError("parsed the YAML")

    monkeypatch.setattr(yamlio, "loads", refuse)


def test_a_large_session_is_read_from_its_copy_the_second_time(
    store: Store, saved: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store(home, lambda: NOW).load(saved)
    copies = list(store.copies.iterdir())
    assert len(copies) == 1
    if os.name != "nt":
        assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
        assert stat.S_IMODE(store.copies.stat().st_mode) == 0o700
    no_yaml(monkeypatch)
    again = Store(home, lambda: NOW)
    assert again.load(saved) == first
    first.name = "Ændret"  # the copy's session is saved as the file's own would be
    assert again.save(first, saved).read_text(encoding="utf-8") == plain(first)


def test_a_changed_file_is_read_again(store: Store, saved: Path, home: Path) -> None:
    Store(home, lambda: NOW).load(saved)
    text = saved.read_text(encoding="utf-8").replace("name: Stor\n", "name: Anden\n")
    saved.write_text(text, encoding="utf-8")
    assert Store(home, lambda: NOW).load(saved).name == "Anden"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw.replace(b"Storby Kommune", b"Falsk Kommune")[:-40],  # not JSON
        lambda raw: raw.replace(b'"interest":1', b'"interest":"x"'),  # not a session
        lambda raw: raw.replace(b'"interest":1', b'"interest":99'),  # off the guide's scale
        lambda raw: raw.replace(b"samarbejde-copy 1", b"samarbejde-copy 2"),  # another format
        lambda raw: raw[: raw.index(b"\n") - 1] + b"0" + raw[raw.index(b"\n") :],  # other file
    ],
)
def test_a_spoilt_copy_is_ignored(home: Path, saved: Path, spoil, monkeypatch) -> None:
    reader = Store(home, lambda: NOW, scale=range(1, 6))
    reader.load(saved)
    (copy,) = reader.copies.iterdir()
    copy.write_bytes(spoil(copy.read_bytes()))
    parsed: list[bytes] = []
    real = yamlio.loads

    def loads(raw: bytes) -> object:
        parsed.append(raw)
        return real(raw)

    monkeypatch.setattr(yamlio, "loads", loads)
    loaded = Store(home, lambda: NOW, scale=range(1, 6)).load(saved)
    assert len(parsed) == 1 and loaded.organisation == "Storby Kommune"
    assert loaded.partners[0].interest == 2


@pytest.mark.skipif(os.name == "nt", reason="Windows has no group-writable mode bits")
def test_a_copy_others_may_write_or_a_link_is_ignored(
    home: Path, saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(home, lambda: NOW).load(saved)
    (copy,) = (home / "cache" / "sessions").iterdir()
    lie = copy.read_bytes().replace(b"Storby Kommune", b"Falsk Kommune")
    copy.write_bytes(lie)
    os.chmod(copy, 0o620)  # a colleague could have written it
    assert Store(home, lambda: NOW).load(saved).organisation == "Storby Kommune"
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(lie)
    os.chmod(elsewhere, 0o600)
    copy.unlink()
    copy.symlink_to(elsewhere)
    assert Store(home, lambda: NOW).load(saved).organisation == "Storby Kommune"


def test_a_broken_file_is_refused_whatever_its_old_copy_says(store: Store, saved: Path) -> None:
    Store(store.folder.parent, lambda: NOW).load(saved)
    saved.write_text(saved.read_text(encoding="utf-8") + "name: to gange\n", encoding="utf-8")
    with pytest.raises(SessionError):
        Store(store.folder.parent, lambda: NOW).load(saved)


def test_a_session_json_cannot_give_back_gets_no_copy() -> None:
    s = large()
    s.partners[0].extra = dt.date(2026, 1, 1)  # type: ignore[attr-defined]  # JSON: a text
    assert copy_of(s, b"\0" * 32) is None


def test_old_copies_are_pruned(store: Store, home: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "COPY_KEPT", 2)
    for name in ("A", "B", "C"):
        path = store.save(large(name))
        Store(home, lambda: NOW).load(path)
    assert len(list(store.copies.iterdir())) == 2


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=sessions())
def test_any_session_from_its_copy_is_saved_as_it_was(session: Session) -> None:
    raw = copy_of(session, b"\1" * 32)
    if raw is None:  # JSON cannot hold it: the file is parsed each time instead
        return
    again = from_copy(raw, b"\1" * 32)
    assert again == session
    assert Dumper().dumps(again) == plain(session)
    assert from_copy(raw, b"\2" * 32) is None


def test_delete_takes_the_copy_with_the_session(cli, saved: Path, home: Path) -> None:
    assert cli("summary", "Stor").code == 0  # the command's load keeps a copy
    assert len(list((home / "cache" / "sessions").iterdir())) == 1
    assert cli("delete", "Stor", "--yes").code == 0
    assert list((home / "cache" / "sessions").iterdir()) == []


def test_a_cache_folder_that_is_a_link_is_not_used_and_nothing_there_is_removed(
    store: Store, saved: Path, home: Path, tmp_path: Path
) -> None:
    """A planted link (a teammate's, in a shared data folder) in place of the copies' folder:
    no copy is written through it and its files are never pruned."""
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    for i in range(130):
        (elsewhere / f"doc{i}.txt").write_text("vigtigt")
    store.copies.parent.mkdir(parents=True, exist_ok=True)
    store.copies.symlink_to(elsewhere, target_is_directory=True)
    Store(home, lambda: NOW).load(saved)
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(f"doc{i}.txt" for i in range(130))


def test_pruning_removes_only_the_program_s_own_copies(
    store: Store, saved: Path, home: Path
) -> None:
    store.copies.mkdir(parents=True, exist_ok=True)
    old = NOW.timestamp() - 10**6
    for i in range(store_mod.COPY_KEPT + 5):
        fake = store.copies / f"{i:032x}.json"
        fake.write_text("{}")
        os.utime(fake, (old, old))
    mine = store.copies / "noter.txt"  # not the program's: never pruned, however old
    mine.write_text("behold")
    os.utime(mine, (old - 1, old - 1))
    Store(home, lambda: NOW).load(saved)
    assert mine.exists()
    assert len([p for p in store.copies.iterdir() if p.suffix == ".json"]) == store_mod.COPY_KEPT


def test_a_session_saved_small_again_leaves_no_copy(store: Store, saved: Path, home: Path):
    reader = Store(home, lambda: NOW)
    session = reader.load(saved)
    assert len(list(store.copies.iterdir())) == 1
    session.partners = session.partners[:2]
    session.outreach = {p.id: session.outreach[p.id] for p in session.partners}
    reader.save(session, saved)
    assert saved.stat().st_size < COPY_FROM
    assert list(store.copies.iterdir()) == []  # the names it held before are gone with it
