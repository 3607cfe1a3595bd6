"""Sessions on disk: slugs, the round trip, modes, unknown keys, migration, broken files."""

from __future__ import annotations

import datetime as dt
import os
import stat
import types
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samarbejde.base.errors import SessionError
from samarbejde.guide.texts import fallback_texts
from samarbejde.sessions import store as store_mod
from samarbejde.sessions.model import (
    SCHEMA_VERSION,
    CheckState,
    LogEntry,
    Outreach,
    Partner,
    new_session,
)
from samarbejde.sessions.store import Store, slug
from tests.helpers.fuzz import examples
from tests.helpers.program import FIXTURES, TZ

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)


def message(err: SessionError) -> str:
    return fallback_texts().render(err.msg)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Fællesspisning i Nordby", "faellesspisning-i-nordby"),
        ("Ældre Sørby Å", "aeldre-soerby-aa"),
        ("  Café  Über! ", "cafe-uber"),
        ("///", "session"),
        ("🎉 Fest 2026", "fest-2026"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize(
    "names",
    [
        ("التعاون", "Фонд", "🎉🎉", "..."),  # nothing of these is left in a slug
        ("Faelles", "Fælles", "fælles!"),  # one slug, different names
    ],
)
def test_different_names_never_share_a_file(store: Store, names: tuple[str, ...]) -> None:
    paths = []
    for name in names:
        path = store.path_for(name)
        assert not path.exists()  # a new name never points at another session's file
        store.save(new_session(name, "kommune", NOW), path)
        paths.append(path)
    assert len(set(paths)) == len(names)
    for name, path in zip(names, paths, strict=True):
        assert store.path_for(name) == path
        assert store.resolve(name) == path
        assert store.load(store.resolve(name)).name == name
    assert store.path_for("Nordby") == store.folder / "nordby.yaml"  # readable where it can be


def test_a_unique_part_of_a_name_finds_the_session(store: Store) -> None:
    nordby = store.save(new_session("Fællesspisning i Nordby", "kommune", NOW))
    store.save(new_session("Fællesspisning i Sørby", "kommune", NOW))
    assert store.resolve("nordby", partial=True) == nordby
    assert store.resolve("FÆLLESSPISNING I NORD", partial=True) == nordby
    with pytest.raises(SessionError) as info:
        store.resolve("fællesspisning", partial=True)
    assert "Flere sessioner passer" in message(info.value)
    with pytest.raises(SessionError):
        store.resolve("nordby")  # a part is never enough to delete


def test_same_name_in_another_case_is_the_same_session(store: Store) -> None:
    path = store.save(new_session("Fællesspisning i Nordby", "kommune", NOW))
    assert store.path_for("fællesspisning i nordby") == path
    assert store.resolve("FÆLLESSPISNING I NORDBY") == path


def full_session():
    s = new_session("Fællesspisning i Nordby", "kommune", NOW, organisation="Nordby Kommune")
    s.forms = ["samskabelse"]
    s.set_answer("dagligdag", "maalgruppe", "Ældre\nder bor alene")
    s.partners.append(
        Partner(
            id="p1",
            name="Frivilligcentret",
            kind="forening",
            contact="Birthe",
            brings="Lokaler",
            interest=5,
            influence=4,
        )
    )
    s.outreach["p1"] = Outreach(
        cards={"faelles_maal": "Ensomhed"},
        next_contact=dt.date(2026, 12, 1),
        log=[LogEntry(date=dt.date(2026, 11, 2), note="Første møde")],
    )
    s.checklist["evaluer"] = CheckState(done=True, note="ok", date=dt.date(2027, 1, 5))
    return s


def test_round_trip_keeps_everything(store: Store) -> None:
    s = full_session()
    path = store.save(s)
    assert path == store.folder / "faellesspisning-i-nordby.yaml"
    loaded = store.load(path)
    assert loaded == s
    assert loaded.updated == NOW


def test_a_session_file_that_is_a_link_is_written_through(store: Store, tmp_path: Path) -> None:
    shared = tmp_path / "delt mappe" / "nordby.yaml"
    shared.parent.mkdir()
    shared.write_bytes((FIXTURES / "session_v1.yaml").read_bytes())
    store.folder.mkdir(parents=True)
    link = store.folder / "faellesspisning-i-nordby.yaml"
    link.symlink_to(shared)
    session = store.load(store.resolve("Fællesspisning i Nordby"))
    session.organisation = "Ændret gennem linket"
    store.save(session, link)
    assert link.is_symlink() and link.resolve() == shared.resolve()
    assert store.load(shared).organisation == "Ændret gennem linket"
    assert not list(shared.parent.glob(".*.tmp")) and not list(store.folder.glob(".*.tmp"))


@pytest.mark.real_fsync
def test_a_save_reaches_the_disk_before_and_after_the_rename(store: Store, monkeypatch) -> None:
    """The one test with the real fsync (elsewhere in-process it is stubbed): the new bytes
    are synced in the temporary file, that file renamed over the old one, then the folder
    synced so the rename itself survives a power cut (not on Windows, see store.py)."""
    real_fsync, real_replace = os.fsync, os.replace
    assert isinstance(real_fsync, types.BuiltinFunctionType)  # not the tests' stub
    done: list[tuple[str, object]] = []

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            done.append(("fsync folder", info.st_ino))
        else:
            done.append(("fsync file", os.pread(fd, info.st_size + 1, 0)))
        real_fsync(fd)

    def replace(src, dst) -> None:
        done.append(("replace", Path(dst).name))
        real_replace(src, dst)

    path = store.save(full_session())
    session = store.load(path)
    session.organisation = "Synket til disken"
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.save(session, path)
    assert done == [
        ("fsync file", path.read_bytes()),
        ("replace", path.name),
        ("fsync folder", store.folder.stat().st_ino),
    ]
    assert "Synket til disken" in path.read_text(encoding="utf-8")


def test_files_are_private(store: Store) -> None:
    path = store.save(full_session())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema_version: 1\nname: Fællesspisning i Nordby\n")


def test_unknown_keys_are_kept(store: Store, nordby: Path) -> None:
    text = nordby.read_text(encoding="utf-8")
    text = text.replace("organisation:", "colour: blue\norganisation:")
    text = text.replace("  name: Brugsen\n", "  name: Brugsen\n  website: brugsen.dk\n")
    text = text.replace(
        "    noter:", "    gammelt_spoergsmaal: Svar fra en ældre guide\n    noter:"
    )
    nordby.write_text(text, encoding="utf-8")
    s = store.load(nordby)
    store.save(s, nordby)
    again = yaml.safe_load(nordby.read_text(encoding="utf-8"))
    assert again["colour"] == "blue"
    assert again["partners"][2]["website"] == "brugsen.dk"
    assert again["answers"]["prioriter"]["gammelt_spoergsmaal"] == "Svar fra en ældre guide"


def test_version_1_fixture_loads(store: Store) -> None:
    s = store.load(FIXTURES / "session_v1.yaml")
    assert s.schema_version == SCHEMA_VERSION
    assert s.name == "Fællesspisning i Nordby"
    assert [p.name for p in s.partners][:2] == ["Frivilligcentret Nordby", "Ældresagen Nordby"]
    assert s.outreach["p1"].log[0].date == dt.date(2026, 10, 15)
    assert s.checklist["evaluer"].date == dt.date(2027, 2, 1)
    assert s.updated == dt.datetime(2026, 11, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_older_versions_are_migrated(store: Store, tmp_path: Path, monkeypatch) -> None:
    """The migration chain runs from the file's version up to the current one."""
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(
        store_mod.MIGRATIONS, 1, lambda d: {**d, "organisation": d["organisation"] + " (v2)"}
    )
    s = store.load(FIXTURES / "session_v1.yaml")
    assert s.schema_version == 2
    assert s.organisation == "Nordby Kommune, Ældreområdet (v2)"


def unchanged_after_failed_load(store: Store, path: Path) -> str:
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(SessionError) as info:
        store.load(path)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    return message(info.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name: [unclosed\n", "ikke gyldig YAML"),
        (b"name: \x80\x81 ugyldig utf-8\n", "ikke gemt som UTF-8"),  # the encoding named
        (b"\xff\xfe\x00garbage", "ikke en sessionsfil"),
        (b"- just\n- a list\n", "ikke en sessionsfil"),
        (b"", "ikke en sessionsfil"),
        (b"schema_version: 99\nname: x\n", "nyere udgave"),
        (b"schema_version: 1\nname: x\nrole: kommune\ncreated: nu\nupdated: nu\n", "created"),
        (
            b"schema_version: 1\nname: x\nrole: borgmester\ncreated: 2026-01-01T10:00:00+01:00\n"
            b"updated: 2026-01-01T10:00:00+01:00\n",
            "borgmester",
        ),
        (
            b"schema_version: 1\nname: x\nrole: kommune\ncreated: 2026-01-01T10:00:00+01:00\n"
            b"updated: 2026-01-01T10:00:00+01:00\npartners: [{id: p1, name: A, interest: fem}]\n",
            "partners[0].interest: forkert type: forventede heltal, fik tekst",
        ),
        (b"a: &a [1, 2]\nb: [*a, *a]\n", "aliaser"),
        (b"schema_version: 1\nname: x\nname: y\n", 'nøglen "name" står to gange (linje 3)'),
        (
            b"schema_version: 1\nname: x\nrole: kommune\ncreated: 2026-01-01T10:00:00+01:00\n"
            b"updated: 2026-01-01T10:00:00+01:00\n"
            b"partners: [{id: p1, name: A}, {id: p1, name: B}]\n",
            'partners[1].id: id\'et "p1" findes allerede',
        ),
        (
            b"schema_version: 1\nname: x\nrole: kommune\ncreated: 2026-01-01T10:00:00+01:00\n"
            b"updated: 2026-01-01T10:00:00+01:00\nanswers: {2024-01-01: {}}\n",
            "answers.2024-01-01: ukendt felt",
        ),
        (b"!!python/object/apply:os.system ['echo hi']\n", "ikke gyldig YAML"),
    ],
)
def test_broken_files_are_refused_and_left_alone(
    store: Store, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    text = unchanged_after_failed_load(store, path)
    assert str(path) in text
    assert expected in text


def test_a_folder_is_not_a_session(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(SessionError) as info:
        store.load(folder)
    assert "mappe" in message(info.value)


def test_failed_save_leaves_the_old_file_and_no_temp_files(store: Store, monkeypatch) -> None:
    s = full_session()
    path = store.save(s)
    before = path.read_bytes()
    s.organisation = "Ny organisation"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SessionError) as info:
        store.save(s, path)
    assert "ikke mere plads" in message(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in store.folder.iterdir()) == [path.name]


def test_resolve_by_name_slug_and_path(store: Store, nordby: Path) -> None:
    assert store.resolve("Fællesspisning i Nordby") == nordby
    assert store.resolve("faellesspisning-i-nordby") == nordby
    assert store.resolve(str(nordby)) == nordby
    assert store.resolve(None) == nordby
    with pytest.raises(SessionError) as info:
        store.resolve("Sørby")
    err = info.value
    assert message(err) == 'Ingen session ved navn "Sørby".'
    assert "Fællesspisning i Nordby" in fallback_texts().render(err.details[0])


any_text = st.text(max_size=200) | st.sampled_from(
    [
        "æøå ÆØÅ",
        "🎉🤝",
        "a: b",
        "# ikke en kommentar",
        "  foran",
        "bag  ",
        "\n\nlinjer\n",
        "'\"",
        "- liste",
        "null",
        "ja",
        "no",
        "2026-11-27",
        "1e3",
        "~",
        "{x}",
        "\t",
        "\r\n",
        "",
    ]
)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=any_text, text=any_text, note=any_text, key=st.text(min_size=1, max_size=30))
def test_any_text_survives_save_and_load(
    store: Store, name: str, text: str, note: str, key: str
) -> None:
    s = new_session(name, "civilsamfund", NOW, organisation=text)
    s.set_answer("dagligdag", key, text)
    s.partners.append(Partner(id="p1", name=name, contact=note, brings=text))
    s.outreach["p1"] = Outreach(
        cards={key: note}, key_persons=text, log=[LogEntry(date=dt.date(2026, 1, 1), note=note)]
    )
    s.checklist["faelles_grund"] = CheckState(note=note)
    path = store.save(s, store.folder / "roundtrip.yaml")
    assert store.load(path) == s


def test_a_file_with_one_cursor_and_its_draft_still_resumes(store: Store, nordby: Path) -> None:
    text = nordby.read_text(encoding="utf-8")
    text = text.replace("  question: faelles_maal\n", "  question: faelles_maal\n  draft: Halvt\n")
    nordby.write_text(text, encoding="utf-8")
    session = store.load(nordby)
    assert session.left_at == {"raek_ud": "faelles_maal"}
    assert session.drafts == {"raek_ud.faelles_maal": "Halvt"}
    store.save(session, nordby)
    assert store.load(nordby) == session
