"""A large share file someone sent is read from its validated JSON copy (in the user's own
cache, like a session's) while its bytes are the ones the copy was made from; a file that
changed is read again, refused as any file is (a key given twice, an alias), and a copy
that is not this user's, is for other bytes, or does not pass a share file's checks with
this content file is ignored."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings

from samarbejde.base import yamlio
from samarbejde.base.errors import SessionError
from samarbejde.guide.content import load_guide
from samarbejde.sessions import share, sides
from samarbejde.sessions.model import Partner, new_session
from samarbejde.sessions.store import COPY_FROM, Store
from tests.helpers.fuzz import examples
from tests.helpers.program import NOW
from tests.helpers.random_sessions import sessions

GUIDE = load_guide()
ALL = {"dagligdag", "aktoerer", "tjekliste", "runder", "kommentarer", "kontakt"}


def share_file(folder: Path, actors: int = 400, name: str = "delt.yaml") -> Path:
    s = new_session("Bevægelse for ældre", "civilsamfund", NOW, "Nordby Idrætsforening")
    s.partners = [Partner(id=f"p{i}", name=f"Forening {i} æøå", kind="forening",
                          brings="Frivillige", interest=i % 5 + 1, influence=3)
                  for i in range(actors)]  # fmt: skip
    data = share.build(s, GUIDE, NOW.date(), ALL)
    path = folder / name
    path.write_text(share.dumps(data, GUIDE, share.ordered(ALL)), encoding="utf-8")
    return path


def copies(home: Path) -> list[Path]:
    folder = home / sides.SHARE_COPIES
    return sorted(folder.iterdir()) if folder.exists() else []


def read(home: Path, path: Path) -> sides.Side:
    return sides.load_side(Store(home, lambda: NOW), home, GUIDE, str(path))


@pytest.fixture(autouse=True)
def used(home: Path) -> None:
    """A machine where the program has been used: its data folder is there (on a fresh one
    no copy is kept: `test_a_first_compare_on_a_fresh_machine_makes_no_data_folder`)."""
    home.mkdir(mode=0o700)


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    path = share_file(tmp_path)
    assert path.stat().st_size >= COPY_FROM
    return path


def parsed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The YAML texts parsed from now on."""
    texts: list[bytes] = []
    real = yamlio.loads
    monkeypatch.setattr(yamlio, "loads", lambda raw: texts.append(raw) or real(raw))
    return texts


def test_a_large_share_file_is_read_from_its_copy_the_second_time(
    home: Path, sent: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read(home, sent)
    (copy,) = copies(home)
    if os.name != "nt":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    texts = parsed(monkeypatch)
    assert read(home, sent) == first
    assert texts == []
    assert sides.load_share(home, GUIDE, sent) == share.load(sent, GUIDE)  # as read from YAML
    assert texts == [sent.read_bytes()]  # share.load itself parses; load_share did not


def test_a_small_share_file_gets_no_copy(home: Path, tmp_path: Path) -> None:
    small = share_file(tmp_path, actors=3)
    assert small.stat().st_size < COPY_FROM
    read(home, small)
    assert copies(home) == []


def key_twice(text: str) -> str:
    return text.replace("scores: true\n", "scores: true\nscores: true\n")


def alias_of_a_text(text: str) -> str:
    text = text.replace("name: Bevægelse for ældre", "name: &a Bevægelse for ældre")
    return text.replace("- {name: Forening 0 æøå,", "- {name: *a,")


def alias_of_a_section(text: str) -> str:
    text = text.replace("dagligdag:\n", "dagligdag: &d\n")
    return text.replace("checklist:\n", "ekstra: *d\nchecklist:\n")


def off_the_scale(text: str) -> str:
    return text.replace("interest: 1,", "interest: 9,")


@pytest.mark.parametrize(
    ("change", "refused"),
    [(key_twice, True), (alias_of_a_text, False), (alias_of_a_section, True),
     (off_the_scale, True)],
)  # fmt: skip
def test_a_changed_file_is_read_again_and_refused_as_any_file(
    home: Path, sent: Path, change, refused: bool
) -> None:
    """A key given twice or an alias of a section is refused for a file that had a copy,
    even with its old modification time; an alias of a text is allowed as always."""
    before = sent.stat()
    read(home, sent)
    text = change(sent.read_text(encoding="utf-8"))
    assert text != sent.read_text(encoding="utf-8")
    sent.write_text(text, encoding="utf-8")
    os.utime(sent, ns=(before.st_atime_ns, before.st_mtime_ns))
    if not refused:
        assert read(home, sent).actors[0].name == "Bevægelse for ældre"  # type: ignore[index]
        return
    with pytest.raises(SessionError) as caught:
        read(home, sent)
    assert caught.value.msg.key == "error_share_unreadable"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw[:-40],  # not JSON
        lambda raw: raw.replace(b'"interest":1', b'"interest":"x"'),  # not a share
        lambda raw: raw.replace(b'"interest":1', b'"interest":99'),  # off the guide's scale
        lambda raw: raw.replace(b'"quadrant":"', b'"quadrant":"x'),  # no quadrant of the guide
        lambda raw: raw.replace(b'"version":1', b'"version":7'),  # a version never read
        lambda raw: raw.replace(b'"date":"2026-11-27"', b'"date":"0001-01-01"'),  # no year read
        lambda raw: raw.replace(b"samarbejde-share-copy 1", b"samarbejde-share-copy 2"),
        lambda raw: raw[: raw.index(b"\n") - 1] + b"0" + raw[raw.index(b"\n") :],  # other bytes
    ],
)
def test_a_spoilt_copy_is_ignored(
    home: Path, sent: Path, spoil, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read(home, sent)
    (copy,) = copies(home)
    spoilt = spoil(copy.read_bytes())
    assert spoilt != copy.read_bytes()
    copy.write_bytes(spoilt)
    texts = parsed(monkeypatch)
    assert read(home, sent) == first
    assert len(texts) == 1  # the file decides


def test_a_copy_s_text_is_cleaned_as_the_file_s_is(home: Path, sent: Path) -> None:
    """The copy is read as hostile too: an escape code written into it never reaches a
    side (the validation of a share file's text runs on the copy)."""
    read(home, sent)
    (copy,) = copies(home)
    copy.write_bytes(copy.read_bytes().replace(b"Forening 0 \xc3\xa6", b"Forening 0 \\u001b[2J"))
    actors = read(home, sent).actors
    assert actors is not None and actors[0].name == "Forening 0 [2Jøå"  # from the copy, cleaned


@pytest.mark.skipif(os.name == "nt", reason="Windows has no group-writable mode bits")
def test_a_copy_others_may_write_or_a_link_is_ignored(
    home: Path, sent: Path, tmp_path: Path
) -> None:
    read(home, sent)
    (copy,) = copies(home)
    lie = copy.read_bytes().replace(b"Nordby Idr", b"Falsk Idr")
    copy.write_bytes(lie)
    os.chmod(copy, 0o620)  # a colleague could have written it
    assert read(home, sent).organisation == "Nordby Idrætsforening"
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(lie)
    os.chmod(elsewhere, 0o600)
    copy.unlink()
    copy.symlink_to(elsewhere)
    assert read(home, sent).organisation == "Nordby Idrætsforening"


def test_a_copy_is_checked_with_the_content_file_in_use(home: Path, sent: Path) -> None:
    """A copy made with one content file is checked again with another's scale."""
    read(home, sent)
    narrow = GUIDE.model_copy(update={"diagram": GUIDE.diagram.model_copy(update={"scale_max": 3})})
    assert narrow.diagram.scale == range(1, 4)
    with pytest.raises(SessionError):
        sides.load_side(Store(home, lambda: NOW), home, narrow, str(sent))


def test_imported_share_files_are_found_through_their_copies(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = home / sides.SHARES_FOLDER
    folder.mkdir(parents=True)
    share_file(folder, name="bevaegelse.yaml")
    store = Store(home, lambda: NOW)
    first = sides.load_side(store, home, GUIDE, "Nordby Idrætsforening")
    texts = parsed(monkeypatch)
    assert sides.load_side(store, home, GUIDE, "Bevægelse") == first
    assert texts == []


@settings(max_examples=examples(60), deadline=None)
@given(session=sessions())
def test_any_share_from_its_copy_is_the_share(session) -> None:
    data = share.build(session, GUIDE, dt.date(2026, 11, 27), ALL)
    received = share.from_data(yamlio.loads(yamlio.dumps(data)), Path("x.yaml"), GUIDE)
    raw = share.copy_of(received, b"\1" * 32)
    if raw is None:  # JSON cannot hold it: the file is parsed each time instead
        return
    assert share.from_copy(raw, b"\1" * 32, Path("x.yaml"), GUIDE) == received
    assert share.from_copy(raw, b"\2" * 32, Path("x.yaml"), GUIDE) is None


def test_a_first_compare_on_a_fresh_machine_makes_no_data_folder(
    sent: Path, tmp_path: Path
) -> None:
    """No copy is kept before the data folder is there (it would be made with the umask's
    permissions, and hold the other organisation's contact person): as the other caches."""
    fresh = tmp_path / "ny-maskine" / "samarbejde"
    first = read(fresh, sent)
    assert not fresh.parent.exists()
    assert read(fresh, sent) == first
