"""`list` and `agenda` laid out as lines by `views/lines.py` (issue 35: a Rich table per row
cost 1,000 sessions seconds): the same look, every line within the terminal, long names
wrapped at their spaces and never cut, hostile text never reaching the terminal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from samarbejde.base.terminal import _ANY_DROPPED, _DROPPED
from samarbejde.cli.app import main
from samarbejde.sessions.store import Store
from samarbejde.views.lines import wrap
from tests.helpers.program import NOW, quiet_env, run_program

LONG = "Samarbejdet mellem Nordby Kommune og de frivillige foreninger i hele Sydbyområdet"
HOSTILE = "Ond\x1b]0;titel\x07 session\x9b31m med\u202etxt.exe\tfane"
PARTNER = "Frivilligcentret Nordby og Omegns Forening for Alle Borgere"
CONTACT = "Jørgen Holm, formand, 21 43 65 87, jorgen.holm@nordby-frivillig.dk"


@pytest.fixture
def folder(home: Path, nordby: Path) -> Path:
    """The fixture session, one with a long name, one with control characters in its name,
    its partners' names and contact persons, and a sync client's copy."""
    store = Store(home, lambda: NOW)
    for file, name in (("lang.yaml", LONG), ("ond.yaml", HOSTILE)):
        session = store.load(nordby)
        session.name = name
        for p in session.partners:
            p.name = f"{PARTNER} \x1b[2J{p.name}"
            p.contact = CONTACT
        store.save(session, nordby.with_name(file))
    shutil.copy(nordby, nordby.with_name("faellesspisning-i-nordby (Mettes konflikt).yaml"))
    return nordby.parent


def shown_words(out: str) -> str:
    return " ".join(out.split())


@pytest.mark.parametrize("width", [40, 60, 76, 80, 82, 100, 160])
@pytest.mark.parametrize("command", ["list", "agenda"])
def test_long_names_wrap_whole_within_the_width(folder: Path, command: str, width: int) -> None:
    env = quiet_env(folder.parent, width)
    assert main([command], env) == 0
    out = env.stdout.getvalue()  # type: ignore[attr-defined]
    listing = out.split("Nogle sessioner")[0].split("Sessionerne ligger")[0]
    body = [line for line in listing.splitlines() if "findes i flere filer" not in line]
    assert all(cell_len(line) <= width for line in body), max(body, key=cell_len)
    assert "…" not in out  # nothing cut short
    tokens = out.split()
    assert all(word in tokens for word in LONG.split())  # wrapped at spaces: words whole
    narrow = width < (82 if command == "list" else 76)
    if narrow:  # the name on lines of its own: every word, in order
        assert LONG in shown_words(out)
    if command == "agenda":
        assert "21 43 65 87" in out  # the phone number on one line
        assert all(word in tokens for word in PARTNER.split())
    for line in body:  # the framed table keeps its right border on every line
        if line[:1] in ("┏", "┃", "┡", "│", "└"):
            assert line[-1] in "┓┃┩│┘", line


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [40, 100])
def test_control_characters_never_reach_the_terminal(
    folder: Path, colour: bool, width: int
) -> None:
    env = {"SAMARBEJDE_HOME": str(folder.parent), "COLUMNS": str(width)}
    if colour:
        env["FORCE_COLOR"] = "1"
    for command in ("list", "agenda"):
        out = run_program(command, env=env).stdout
        assert "Ond]0;titel" in out and "\u202e" not in out and "\x9b" not in out
        text = re.sub(r"\x1b\[[0-9;]*m", "", out) if colour else out  # our own colours
        assert not any(ord(c) < 32 and c != "\n" for c in text), command
        assert "fane" in text and "\t" not in text


def test_the_wide_agenda_is_columns_two_spaces_apart(folder: Path) -> None:
    env = quiet_env(folder.parent, 160)
    assert main(["agenda"], env) == 0
    lines = env.stdout.getvalue().splitlines()  # type: ignore[attr-defined]
    header = next(line for line in lines if line.startswith("Dato"))
    assert header.split() == ["Dato", "Hvem", "Kontaktperson", "Session"]
    assert all(line == line.rstrip() for line in lines)  # no spaces at the ends
    row = next(line for line in lines if "Birthe Sørensen" in line)  # room: a row on a line
    assert row.split("  ")[:1] == ["søndag 01-11-2026 !"] and "Fællesspisning i Nordby" in row
    at = header.index("Session")  # the session's column where its heading is
    assert row[at:].startswith("Fællesspisning i Nordby")


@given(
    st.lists(st.text(alphabet="abcæøå中-.@", min_size=0, max_size=14), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=30),
)
def test_wrap_keeps_every_word_and_the_room(words: list[str], room: int) -> None:
    text = " ".join(words)
    lines = wrap(text, room)
    assert all(cell_len(line) <= max(room, 1) or len(line) == 1 for line in lines)
    if all(cell_len(w) <= room for w in words):  # broken only at spaces
        assert " ".join(lines).split() == text.split()
    else:  # a word wider than the room folded: nothing lost
        assert "".join("".join(lines).split()) == "".join(text.split())


def test_the_search_finds_exactly_what_the_console_drops() -> None:
    """Text the search passes is printed untranslated: it must find every character the
    console drops, and only those."""
    found = {
        code
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and _ANY_DROPPED.search(chr(code))
    }
    assert found == set(_DROPPED)
