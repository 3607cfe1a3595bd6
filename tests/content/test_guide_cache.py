"""The bundled guide kept as JSON in the user's cache (issue 35): read instead of the YAML
while the file is the same, and only from a cache that is this user's alone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from samarbejde.base import cache as kept
from samarbejde.base import yamlio
from samarbejde.guide import content, texts
from samarbejde.guide.content import Guide
from tests.helpers.planted import WAYS, plant


def read_guide() -> object:
    return texts.bundled_data.__wrapped__()  # type: ignore[attr-defined]  # past the @cache


@pytest.fixture
def data(home: Path) -> Path:
    """The user's data folder, there already (a first run has made it)."""
    home.mkdir(mode=0o700, exist_ok=True)
    return home


def cached(data: Path) -> list[Path]:
    return sorted((data / "cache" / "guide").glob("*.json"))


def test_the_kept_guide_is_the_guide(data: Path) -> None:
    parsed = yamlio.load_file(texts.bundled_guide_path())
    assert read_guide() == parsed  # the first read parses and keeps it
    [copy] = cached(data)
    assert json.loads(copy.read_text(encoding="utf-8")) == parsed
    assert read_guide() == parsed  # the second reads the copy
    if os.name != "nt":
        assert copy.stat().st_mode & 0o777 == 0o600
        assert (data / "cache" / "guide").stat().st_mode & 0o777 == 0o700


def test_the_copy_is_what_is_read(data: Path) -> None:
    read_guide()
    [copy] = cached(data)
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["ui"]["app_help"] = "Fra kopien"
    copy.write_text(json.dumps(data), encoding="utf-8")
    assert read_guide()["ui"]["app_help"] == "Fra kopien"  # type: ignore[index]


@pytest.mark.skipif(os.name == "nt", reason="owners and modes: Unix")
@pytest.mark.parametrize("spoil", ["group_writable", "link", "folder_open", "not_json", "a_list"])
def test_a_copy_not_to_trust_is_not_read(data: Path, tmp_path: Path, spoil: str) -> None:
    """Planted texts (a teammate's, in a shared data folder) never reach the screen: the
    guide is parsed from its file again."""
    read_guide()
    [copy] = cached(data)
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["ui"]["app_help"] = "\x1b]0;plantet\x07"
    planted = json.dumps(data)
    if spoil in WAYS:
        plant(copy, planted, spoil, tmp_path / "elsewhere.json")
    elif spoil == "not_json":
        copy.write_text('{"ui": {"app_help": "halv', encoding="utf-8")
    else:
        copy.write_text(json.dumps(["ui"]), encoding="utf-8")
    assert read_guide() == yamlio.load_file(texts.bundled_guide_path())


@pytest.mark.skipif(os.name == "nt", reason="links: Unix")
def test_nothing_is_written_through_a_linked_cache_folder(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "cache").symlink_to(elsewhere)
    read_guide()
    assert list(elsewhere.iterdir()) == []


def test_a_first_run_creates_no_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "ny"
    monkeypatch.setenv("SAMARBEJDE_HOME", str(fresh))
    assert read_guide() == yamlio.load_file(texts.bundled_guide_path())
    assert not fresh.exists()


def test_the_copy_of_an_older_guide_goes(data: Path) -> None:
    (data / "cache" / "guide").mkdir(parents=True, mode=0o700)
    (data / "cache").chmod(0o700)
    older = data / "cache" / "guide" / ("0" * 32 + ".json")
    older.write_text("{}", encoding="utf-8")
    mine = data / "cache" / "guide" / "noter.txt"  # not a name the cache gives: left alone
    mine.write_text("x", encoding="utf-8")
    read_guide()
    assert not older.exists() and mine.exists()
    assert len(cached(data)) == 1


def test_json_that_would_change_the_data_is_not_kept(data: Path) -> None:
    kept.write_json(data, "guide", "1" * 32, {1: "en"})  # JSON makes the key "1"
    kept.write_json(data, "guide", "2" * 32, {"dato": object()})  # no JSON at all
    assert cached(data) == []


def validated_guide() -> Guide:
    texts.kept_valid.cache_clear()  # as a new process
    return content._bundled.__wrapped__()  # type: ignore[attr-defined, no-any-return]


def test_the_validated_guide_is_made_again_from_its_copy(data: Path) -> None:
    """The second start makes the guide from the validated guide's copy without validating:
    the same guide, field for field, with the same fields set (the tuples tuples again)."""
    first = validated_guide()
    [copy] = sorted((data / "cache" / "valid").glob("*.json"))
    again = validated_guide()
    assert again == first
    assert again.model_dump(exclude_unset=True) == first.model_dump(exclude_unset=True)
    assert isinstance(again.steps, tuple) and isinstance(again.steps[0].questions, tuple)
    dumped = json.loads(copy.read_text(encoding="utf-8"))
    dumped["title"] = "Fra kopien"
    copy.write_text(json.dumps(dumped), encoding="utf-8")
    assert validated_guide().title == "Fra kopien"  # it is the copy that is read


SPOILS = [
    {"steps": "ikke en liste"},
    {"diagram": ["a"]},
    {"intro": None},
    {"ukendt": 1},
    {"steps": None},  # a required field gone (None: deleted below)
    {"title": 7},  # a number for a text
    {"ui": {"app_help": 7}},
    {"language": ["da"]},
]


@pytest.mark.parametrize("spoil", SPOILS)
def test_a_copy_that_does_not_fit_the_models_is_validated_anew(
    data: Path, spoil: dict[str, object]
) -> None:
    first = validated_guide()
    [copy] = sorted((data / "cache" / "valid").glob("*.json"))
    dumped = json.loads(copy.read_text(encoding="utf-8"))
    dumped.update(spoil)
    if spoil == {"steps": None}:
        del dumped["steps"]
    copy.write_text(json.dumps(dumped), encoding="utf-8")
    try:
        again = validated_guide()
    except (TypeError, ValueError, KeyError, AttributeError):
        pytest.fail("a broken copy must be left for the guide's own file")
    assert again == first


def test_a_change_of_the_models_is_a_new_copy(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts.valid_key.cache_clear()
    key = texts.valid_key()
    assert key is not None
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        raw = real(path)
        return raw + b"\n# edited" if path.name == "validation.py" else raw

    monkeypatch.setattr(Path, "read_bytes", edited)
    texts.valid_key.cache_clear()
    assert texts.valid_key() not in (None, key)
    texts.valid_key.cache_clear()


def test_a_number_of_a_step_that_is_text_is_validated_anew(data: Path) -> None:
    first = validated_guide()
    [copy] = sorted((data / "cache" / "valid").glob("*.json"))
    dumped = json.loads(copy.read_text(encoding="utf-8"))
    dumped["steps"][0]["number"] = "1"
    copy.write_text(json.dumps(dumped), encoding="utf-8")
    assert validated_guide() == first


def test_a_text_with_a_control_character_in_a_copy_is_not_shown(data: Path) -> None:
    """`--help` prints the texts as they are (click, no console): a planted escape code in the
    cache (a data folder others can write, on Windows) never reaches the terminal."""
    validated_guide()
    [copy] = sorted((data / "cache" / "valid").glob("*.json"))
    dumped = json.loads(copy.read_text(encoding="utf-8"))
    dumped["ui"]["app_help"] = "\x1b]0;plantet\x07Hjælp"
    copy.write_text(json.dumps(dumped), encoding="utf-8")
    texts.kept_valid.cache_clear()
    shown = texts.fallback_texts.__wrapped__()  # type: ignore[attr-defined]
    assert "\x1b" not in shown("app_help")
    texts.kept_valid.cache_clear()


def test_a_kept_guide_that_does_not_validate_is_read_from_its_file(data: Path) -> None:
    """The data kept in `cache/guide/` is only a shortcut: wrong, the guide's file is read
    (the error would otherwise name the bundled file, which is fine)."""
    texts.bundled_data.cache_clear()  # as a new process: the data read and kept here
    first = validated_guide()
    for copy in (data / "cache" / "valid").glob("*.json"):
        copy.unlink()
    [kept_data] = sorted((data / "cache" / "guide").glob("*.json"))
    broken = json.loads(kept_data.read_text(encoding="utf-8"))
    del broken["steps"]
    kept_data.write_text(json.dumps(broken), encoding="utf-8")
    texts.bundled_data.cache_clear()
    try:
        assert validated_guide() == first
    finally:
        texts.bundled_data.cache_clear()
