"""`--help` kept in the user's cache (issue 35): printed again without loading Typer, byte for
byte the help click prints, and never from a cache the user cannot trust."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from samarbejde.cli import kept_help
from tests.helpers.planted import WAYS, plant
from tests.helpers.program import run_program

KEPT = ["--help"], ["-h"], ["export", "--help"], ["add-partner", "-h"]


def help_of(home: Path, args: list[str], **env: str) -> tuple[bytes, list[str]]:
    """The real program's standard output as bytes, and the modules it imported."""
    result = run_program(
        *args,
        env={"SAMARBEJDE_HOME": str(home), "PYTHONPROFILEIMPORTTIME": "1", **env},
        text=False,
    )
    assert result.returncode == 0, result.stderr
    imported = re.findall(r"\|\s+([\w.]+)$", result.stderr.decode(), flags=re.M)
    assert "samarbejde.cli" in imported  # the check itself works
    return result.stdout, imported


def kept(home: Path) -> list[Path]:
    return sorted((home / "cache" / "help").glob("*.json"))


def typer_in(imported: list[str]) -> bool:
    return any(m.split(".")[0] == "typer" for m in imported)


@pytest.mark.parametrize("width", ["40", "80"])
@pytest.mark.parametrize("args", KEPT)
def test_the_kept_help_is_the_help(home: Path, tmp_path: Path, args: list[str], width: str) -> None:
    """Byte for byte the help click prints (no data folder: nothing kept), at 40 and 80
    columns, the main help and a command's; the second run loads no Typer at all."""
    home.mkdir()
    plain, _ = help_of(tmp_path / "none", args, COLUMNS=width)
    assert not (tmp_path / "none").exists()  # a first `--help` creates no folder
    first, imported = help_of(home, args, COLUMNS=width)
    assert typer_in(imported) and len(kept(home)) == 1
    again, imported = help_of(home, args, COLUMNS=width)
    assert again == first == plain
    assert not typer_in(imported)
    assert not [m for m in imported if m.split(".")[0] in ("rich", "yaml", "pydantic", "click")]
    lines = plain.decode().splitlines()
    assert max(len(line) for line in lines) <= int(width)


@pytest.mark.parametrize(
    "env",
    [
        {"SAMARBEJDE_ENKEL": "1"},
        {"NO_COLOR": "1"},
        {"TERM": "dumb"},
        {"FORCE_COLOR": "1"},
    ],
)
@pytest.mark.parametrize("args", [["--help"], ["start", "--help"]])
def test_what_else_could_change_the_help_does_not(
    home: Path, tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    """The help kept in a plain terminal is the help printed with `--enkel` on, colour off or
    forced, a dumb terminal: click prints plain text in every case."""
    home.mkdir()
    help_of(home, args)
    kept_one, imported = help_of(home, args, **env)
    assert not typer_in(imported)
    plain, imported = help_of(tmp_path / "none", args, **env)
    assert typer_in(imported)
    assert kept_one == plain


@pytest.mark.parametrize(
    "args",
    [
        ["--help", "list"],
        ["--content", "x.yaml", "--help"],
        ["findes-ikke", "--help"],
        ["list", "--help", "-h"],
        ["--enkel", "--help"],
    ],
)
def test_only_a_plain_help_is_kept(home: Path, args: list[str]) -> None:
    home.mkdir()
    run_program(*args, env={"SAMARBEJDE_HOME": str(home)})
    assert kept(home) == []


def test_a_narrower_terminal_is_another_help(home: Path) -> None:
    home.mkdir()
    wide, _ = help_of(home, ["--help"], COLUMNS="80")
    narrow, imported = help_of(home, ["--help"], COLUMNS="40")
    assert typer_in(imported) and narrow != wide
    assert len(kept(home)) == 2


def test_output_click_writes_as_utf8_is_not_kept(home: Path) -> None:
    """Standard output in ASCII: click writes the help as UTF-8 where `print` would write
    "?", so that help is neither kept nor read."""
    home.mkdir()
    ascii_out, _ = help_of(home, ["--help"], PYTHONIOENCODING="ascii")
    assert kept(home) == []
    help_of(home, ["--help"])
    again, imported = help_of(home, ["--help"], PYTHONIOENCODING="ascii")
    assert typer_in(imported) and again == ascii_out


def test_the_kept_text_is_what_is_printed(home: Path) -> None:
    """The check that the spoilt copies below are not read: a copy that is this user's is."""
    home.mkdir()
    help_of(home, ["-h"])
    [copy] = kept(home)
    copy.write_text(json.dumps({"text": "Fra kopien"}), encoding="utf-8")
    out, imported = help_of(home, ["-h"])
    assert out.decode().splitlines() == ["Fra kopien"] and not typer_in(imported)


@pytest.mark.skipif(os.name == "nt", reason="owners, modes and links: Unix")
@pytest.mark.parametrize("spoil", ["escape", "group_writable", "link", "folder_open", "a_list"])
def test_a_kept_help_not_to_trust_is_not_used(home: Path, tmp_path: Path, spoil: str) -> None:
    """A planted help (a teammate's, in a shared data folder) never reaches the screen: the
    help is made again, and the program's own is printed."""
    home.mkdir()
    real, _ = help_of(home, ["--help"])
    [copy] = kept(home)
    assert copy.stat().st_mode & 0o777 == 0o600
    assert copy.parent.stat().st_mode & 0o777 == 0o700
    planted = json.dumps({"text": "Plantet hjælp"})
    if spoil == "escape":
        planted = json.dumps({"text": "Hjælp\x1b]0;plantet\x07"})
        copy.write_text(planted, encoding="utf-8")
    elif spoil in WAYS:
        plant(copy, planted, spoil, tmp_path / "elsewhere.json")
    else:
        copy.write_text(json.dumps(["Plantet hjælp"]), encoding="utf-8")
    out, imported = help_of(home, ["--help"])
    assert out == real and typer_in(imported)


def test_a_new_program_version_is_a_new_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each thing the text depends on is in the name: here the program's version and the
    width, checked in-process."""
    import samarbejde.base.version as version

    monkeypatch.setenv("COLUMNS", "80")
    first = kept_help.key(["--help"])
    assert first is not None
    monkeypatch.setattr(version, "VERSION", "99.0")
    assert kept_help.key(["--help"]) not in (None, first)
    monkeypatch.setenv("COLUMNS", "60")
    assert kept_help.key(["--help"]) not in (None, first)
    assert kept_help.key(["list", "--json"]) is None


def test_the_cache_of_helps_stays_small(home: Path) -> None:
    """Every width and command is a text of its own; past `MOST` the folder starts afresh."""
    from samarbejde.base import cache

    home.mkdir()
    for n in range(kept_help.MOST + 3):
        cache.write_json(home, kept_help.PART, f"{n:032x}", {"text": "x"}, most=kept_help.MOST)
        assert 1 <= len(kept(home)) <= kept_help.MOST
