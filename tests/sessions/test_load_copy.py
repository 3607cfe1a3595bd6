"""A large session is read from its validated JSON copy while the file is the one it was made
from; a copy that is not this user's, is for other bytes, or is not a session is ignored."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings

from samarbejde.base import yamlio
from samarbejde.base.errors import SessionError
from samarbejde.sessions import serial
from samarbejde.sessions import store as store_mod
from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session, new_session
from samarbejde.sessions.serial import Dumper, copy_of, copy_parts, from_copy
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
        lambda raw: raw.replace(b"samarbejde-copy 2", b"samarbejde-copy 3"),  # another format
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
    store: Store, home: Path, tmp_path: Path
) -> None:
    """A planted link (a teammate's, in a shared data folder) in place of the copies' folder:
    no copy is written through it, by a save or a load, and its files are never pruned."""
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    for i in range(130):
        (elsewhere / f"doc{i}.txt").write_text("vigtigt")
    store.copies.parent.mkdir(parents=True, exist_ok=True)
    store.copies.symlink_to(elsewhere, target_is_directory=True)
    saved = store.save(large())
    Store(home, lambda: NOW).load(saved)
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(f"doc{i}.txt" for i in range(130))


def test_pruning_removes_only_the_program_s_own_copies(
    store: Store, saved: Path, home: Path
) -> None:
    for made in store.copies.iterdir():  # the save's own: the load below makes one again
        made.unlink()
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


# -- a save keeps the copy, and where each part stands: the next process's save starts there ---


def count_parts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fields of the parts dumped anew from here on (the others' text was kept)."""
    dumped: list[str] = []
    real = serial._part

    def part(field: str, name: object, item: dict) -> str | None:
        dumped.append(field)
        return real(field, name, item)

    monkeypatch.setattr(serial, "_part", part)
    return dumped


def test_a_save_keeps_the_copy_and_the_next_process_dumps_only_what_changed(
    store: Store, saved: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (copy,) = store.copies.iterdir()  # kept by the save itself: the next load reads no YAML
    assert copy.read_bytes().split(b"\n")[1].startswith(b'{"partners":[')
    no_yaml(monkeypatch)
    dumped = count_parts(monkeypatch)
    later = Store(home, lambda: NOW)  # another process, the next day
    session = later.load(saved)
    session.outreach["p7"].log.append(LogEntry(date=dt.date(2026, 2, 2), note="Ringede"))
    later.save(session, saved)
    assert dumped == ["outreach"]  # one plan of 199 partners and 199 plans
    assert saved.read_text(encoding="utf-8") == plain(session)
    assert Store(home, lambda: NOW).load(saved) == session  # from the copy that save kept


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=sessions())
def test_any_session_primed_from_its_copy_is_dumped_as_before(session: Session) -> None:
    dumper = Dumper()
    text = dumper.dumps(session)
    raw = copy_of(session, b"\1" * 32, dumper.spans)
    found = None if raw is None else copy_parts(raw, b"\1" * 32)
    if found is None:  # JSON cannot hold it: no copy
        return
    again, spans = found
    assert spans == dumper.spans
    primed = Dumper()
    if spans is not None:
        primed.prime(again, text, spans)
    with mock.patch.object(serial, "_part", wraps=serial._part) as dumped:
        assert primed.dumps(again) == text == plain(session)
    names = [p.id for p in session.partners] + list(session.outreach)
    # every part's text taken from the file, except where an id or key is written quoted
    # (`''`, `'1'`): there the parts are dumped anew
    if spans is not None and all(re.fullmatch(r"p[0-9]+", name) for name in names):
        assert dumped.call_count == 0


def spans_of(copy: Path) -> dict:
    return json.loads(copy.read_bytes().split(b"\n")[1])


def with_spans(copy: Path, spans: object) -> None:
    head, _, rest = copy.read_bytes().partition(b"\n")
    body = rest.partition(b"\n")[2]
    copy.write_bytes(head + b"\n" + json.dumps(spans).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda s: {**s, "partners": s["partners"][:-1]},  # one part too few
        lambda s: {**s, "partners": [s["partners"][0] + 1, *s["partners"][1:]]},  # shifted
        lambda s: {**s, "outreach": [s["outreach"][0] - 2, *s["outreach"][1:]]},  # shifted back
        lambda s: {**s, "partners": [s["partners"][0], *s["partners"][1:][::-1]]},  # reordered
        lambda s: {**s, "partners": [s["outreach"][0], *s["partners"][1:]]},  # another field's
        lambda s: {**s, "partners": [-1, *s["partners"][1:]]},
        lambda s: {**s, "partners": ["16", *s["partners"][1:]]},
        lambda s: {**s, "partners": [10**12, *s["partners"][1:]]},
        lambda s: {**s, "answers": [0, 10]},  # not a field whose parts are kept
        lambda s: {**s, "rounds": [0, 10]},  # none in the session
        lambda s: [1, 2, 3],
        lambda s: {"partners": {"a": 1}},
    ],
)
def test_spans_that_do_not_fit_the_file_are_not_used(
    store: Store, saved: Path, home: Path, spoil, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy is this user's own file, but a copy that says a part stands where it does not
    must never put one partner's text in another's place: the part is dumped anew."""
    (copy,) = store.copies.iterdir()
    with_spans(copy, spoil(spans_of(copy)))
    dumped = count_parts(monkeypatch)
    later = Store(home, lambda: NOW)
    session = later.load(saved)
    session.partners[3].name = "Omdøbt"
    later.save(session, saved)
    assert len(dumped) > 1  # nothing taken from the spoilt spans
    assert saved.read_text(encoding="utf-8") == plain(session)


def test_a_session_json_cannot_give_back_keeps_no_copy_when_saved(store: Store, home: Path) -> None:
    s = large()
    s.partners[0].extra = dt.date(2026, 1, 1)  # type: ignore[attr-defined]  # JSON: a text
    path = store.save(s)
    assert path.stat().st_size >= COPY_FROM
    assert not store.copies.exists() or list(store.copies.iterdir()) == []
    assert Store(home, lambda: NOW).load(path).partners[0].extra == dt.date(2026, 1, 1)  # type: ignore[attr-defined]
