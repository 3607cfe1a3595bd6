"""Issue 34 #1: a session whose name only looks like the user's own (a zero-width space, a
Cyrillic "о", a soft hyphen) never passes for it: `import` refuses it as `start` asks about it,
`list`, the picker and `delete`'s question show the file that tells them apart, and an
`updated` in the future never puts a session first."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samarbejde.cli.app import main
from tests.helpers.program import FIXTURES, quiet_env
from tests.helpers.prompts import errors, make_env, screen

NAME = "Fællesspisning i Nordby"
FILE = "faellesspisning-i-nordby.yaml"
LOOKALIKES = [
    "Fælles\u200bspisning i Nordby",  # zero-width space
    "Fællesspisning i N\u043erdby",  # Cyrillic о
    "Fælles\u00adspisning i Nordby",  # soft hyphen
    "Fællesspisning i Nordby\u200f",  # right-to-left mark
    "Fællesspisning \u0456 Nordby",  # Cyrillic і
    "Fællesspisning i Νordby",  # Greek Ν
    "Fæ\ufe00llesspisning i Nordby",  # a variation selector
]


def with_name(
    tmp_path: Path, name: str, updated: str | None = None, file: str = "ond.yaml"
) -> Path:
    data = yaml.safe_load((FIXTURES / "session_v1.yaml").read_text(encoding="utf-8"))
    data["name"] = name
    if updated is not None:
        data["updated"] = updated
    path = tmp_path / file
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", LOOKALIKES)
def test_import_refuses_a_name_that_looks_like_a_session_here(
    cli, home: Path, nordby: Path, tmp_path: Path, name: str
) -> None:
    before = sorted(p.name for p in nordby.parent.iterdir())
    result = cli("import", str(with_name(tmp_path, name)))
    said = " ".join(result.stderr.split())
    assert result.code != 0, result.stdout
    assert "ligner" in said and f"(filen {FILE})" in said and "Traceback" not in said
    assert sorted(p.name for p in nordby.parent.iterdir()) == before


HIDDEN = "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff\u2066\u2069\u034f\ufe0f"
INVISIBLE = st.sampled_from(list(HIDDEN))
SWAPS = {"a": "а", "e": "е", "o": "о", "p": "р", "i": "і", "N": "Ν", "s": "ѕ", "l": "ӏ"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_import_refuses_any_lookalike_of_a_name_here(tmp_path_factory, data) -> None:
    """The fuzzer for look-alike names: invisible characters put anywhere, letters swapped
    for their Cyrillic or Greek twins, compatibility forms; each is refused."""
    home = tmp_path_factory.mktemp("home")
    (home / "sessions").mkdir()
    shutil.copy(FIXTURES / "session_v1.yaml", home / "sessions" / FILE)
    name = list(NAME)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(name)))
        if data.draw(st.booleans()):
            name.insert(at, data.draw(INVISIBLE))
        else:
            places = [i for i, c in enumerate(name) if c in SWAPS]
            i = data.draw(st.sampled_from(places))
            name[i] = SWAPS[name[i]]
    lookalike = "".join(name)
    if lookalike == NAME:
        return
    source = with_name(tmp_path_factory.mktemp("in"), lookalike)
    env = quiet_env(home)
    code = main(["import", str(source)], env)
    assert code != 0, (lookalike, env.stdout.getvalue())
    assert len(list((home / "sessions").iterdir())) == 1


def test_start_asks_about_a_lookalike_name(home: Path, nordby: Path) -> None:
    env = make_env(home)
    env.enkel = True
    env.stdin = io.StringIO("Fællesspisning i N\u043erdby\n")
    main(["--enkel", "start"], env)
    assert "hedder næsten det samme" in " ".join(screen(env).split())


@pytest.mark.parametrize("file_time", ["now", "2099"])
def test_a_future_updated_never_tops_the_list_or_becomes_the_default(
    cli, home: Path, nordby: Path, tmp_path: Path, file_time: str
) -> None:
    """Another session saying `updated: 2099-…`, its file just written (imported now,
    after the user's own was last saved) or with its file's time in 2099 too (an archive or a
    sync client keeps the sender's): the user's own is first in `list` and the one `summary`
    shows."""
    other = with_name(tmp_path, "Lektiecafé Sydby", updated="2099-01-01T10:00:00+01:00")
    planted = nordby.parent / "lektiecafe-sydby.yaml"
    old = dt.datetime(2026, 1, 1).timestamp()
    os.utime(nordby, (old, old))  # the user's own file is older than the planted one
    shutil.copy(other, planted)
    if file_time == "2099":
        ahead = dt.datetime(2099, 1, 1).timestamp()
        os.utime(planted, (ahead, ahead))
    listed = cli("list")
    assert listed.code == 0, listed.stderr
    assert listed.stdout.index(NAME) < listed.stdout.index("Lektiecafé Sydby")
    shown = cli("summary")
    assert shown.code == 0, shown.stderr
    assert NAME in shown.stdout.splitlines()[0] or NAME in shown.stdout[:400]


def test_list_picker_and_delete_show_the_file_of_lookalikes(
    cli, home: Path, nordby: Path, tmp_path: Path
) -> None:
    twin = nordby.parent / "ond.yaml"
    shutil.copy(with_name(tmp_path, LOOKALIKES[1]), twin)
    listed = cli("list")
    assert "fil: ond.yaml" in listed.stdout and f"fil: {FILE}" in listed.stdout
    # delete's question says which file, and that another looks like it; Enter keeps it
    env = make_env(home)
    env.enkel = True
    env.stdin = io.StringIO("\n")
    code = main(["--enkel", "delete", NAME], env)
    said = " ".join(screen(env).split())
    assert code == 0, errors(env)
    assert f'sessionen "{NAME}" i filen {FILE}' in said and "ond.yaml ligner den" in said
    assert nordby.exists() and twin.exists()
    # the picker: each with its file
    from samarbejde.runner.lifecycle import choose_session
    from samarbejde.runner.line_prompts import LinePrompts

    env = make_env(home)
    lines = LinePrompts(env.texts, env.console, io.StringIO("\n"))
    choose_session(env, lines)
    said = screen(env)
    assert f"(fil: {FILE}," in said and "(fil: ond.yaml," in said


def test_a_name_not_found_lists_lookalikes_with_their_files(
    cli, home: Path, nordby: Path, tmp_path: Path
) -> None:
    """The list after "not found" names the files of two names that look alike: typing more
    of the name could never tell them apart."""
    twin = nordby.parent / "ond.yaml"
    shutil.copy(with_name(tmp_path, LOOKALIKES[1]), twin)
    result = cli("summary", "findes-ikke")
    said = " ".join((result.stdout + result.stderr).split())
    assert result.code != 0
    assert f"({FILE})" in said and "(ond.yaml)" in said


def test_the_agenda_lists_a_lookalike_copy_s_dates_once(
    cli, home: Path, nordby: Path, tmp_path: Path
) -> None:
    """A look-alike copy is named as a copy by the agenda's notice, which says each date is
    shown once: so it is."""
    alone = cli("agenda", "--days", "3650").stdout
    shutil.copy(with_name(tmp_path, LOOKALIKES[1]), nordby.parent / "ond.yaml")
    both = cli("agenda", "--days", "3650")
    assert both.code == 0, both.stderr
    assert "ond.yaml" in both.stdout + both.stderr
    assert both.stdout.count("Frivilligcentret") == alone.count("Frivilligcentret") > 0
