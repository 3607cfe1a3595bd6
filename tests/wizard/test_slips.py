"""The things that tripped a new user up, one test (or more) per bullet.
Each of them fails on the main of before the issue. (The dates: `test_dates_past.py`,
`test_contact.py`; the closed window: `test_closed_window.py`.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.sessions.model import Session, new_session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW
from tests.helpers.prompts import all_keys, drive, errors, load, make_env, screen
from tests.helpers.wizard_script import DOWN, ENTER, FINISH, NAME, UP

# -- export: the extension chooses the format ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("rapport.docx", b"PK\x03\x04"),
        ("rapport.DOCX", b"PK\x03\x04"),
        ("rapport.html", b"<!DOCTYPE html>"),
        ("rapport.htm", b"<!DOCTYPE html>"),
        ("rapport.md", b"# "),
        ("partnere.csv", b"\xef\xbb\xbf"),
        ("datoer.ics", b"BEGIN:VCALENDAR"),
        ("partnere.xlsx", b"PK\x03\x04"),  # a spreadsheet: a zip, as Word
    ],
)
def test_the_extension_chooses_the_format(cli, nordby, tmp_path: Path, name, starts) -> None:
    result = cli("export", NAME, "-o", str(tmp_path / name))
    assert result.code == 0, result.stderr
    assert (tmp_path / name).read_bytes().startswith(starts)
    assert "er gemt:" in result.stdout  # (a calendar file says "Kalenderfilen er gemt")


def test_an_extension_that_disagrees_with_format_is_a_usage_error(cli, nordby, tmp_path) -> None:
    result = cli("export", NAME, "-o", str(tmp_path / "rapport.docx"), "--format", "md")
    said = " ".join(result.stderr.split())
    assert result.code == 2 and "ender på .docx, men formatet er md" in said
    assert not (tmp_path / "rapport.docx").exists()
    result = cli("export", NAME, "-o", str(tmp_path / "r.xlsx"), "-f", "csv")
    assert result.code == 2 and "ender på .xlsx, men formatet er csv" in " ".join(
        result.stderr.split()
    )
    assert cli("export", NAME, "-o", str(tmp_path / "r.html"), "-f", "html").code == 0


def test_an_unknown_extension_is_markdown_and_said(cli, nordby, tmp_path: Path) -> None:
    result = cli("export", NAME, "-o", str(tmp_path / "rapport.txt"))
    assert result.code == 0
    assert "gemt som Markdown" in result.stdout
    assert (tmp_path / "rapport.txt").read_text(encoding="utf-8").startswith("# ")


# -- every typed option's bad value: a Danish usage error, exit 2 -----------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "--days", "abc"],
        ["agenda", "--days", "2.5"],
        ["agenda", "--days="],
        ["agenda", "--days", "-1"],
        ["agenda", "--ics="],
        ["export", NAME, "--format", "odt"],
        ["export", NAME, "--output="],
        ["export", NAME, "--csv-delimiter", "ab"],
        ["export", NAME, "--partner="],
        ["export", NAME, "--partner", "Brugsen", "--format", "ics"],
        ["--content=", "guide"],
        ["start", "--name="],
        ["start", "--role", "borger"],
        ["contact", NAME, "Brugsen", "--next", "snart"],
        ["contact", NAME, "Brugsen", "--log", "x", "--date", "i overmorgen"],
        ["contact", NAME, "Brugsen", "--log="],
        ["summary", NAME, "--json=ja"],
    ],
)
def test_a_bad_option_value_is_a_danish_usage_error(cli, nordby, args) -> None:
    result = cli(*args)
    assert result.code == 2, (args, result.stderr)
    assert result.stderr.startswith("Fejl:")
    for english in ("Traceback", "Input should", "Error", "Usage"):
        assert english not in result.stderr


# -- "Enter beholder det, der står" is not true in a multi-line field -------------------------


def test_a_prefilled_multi_line_answer_says_how_to_keep_it(home: Path) -> None:
    from samarbejde.runner.prompts import Prompts

    env = make_env(home)
    prompts = Prompts(env.texts, env.console)
    assert drive(FINISH, lambda: prompts.text("Spørgsmål", "Som før", multiline=True)) == "Som før"
    assert "Esc og derefter Enter beholder det, der står" in screen(env)
    drive("Nyt" + FINISH, lambda: prompts.text("Tomt", "", multiline=True))
    assert screen(env).count("beholder") == 1  # an empty field: how to finish, as before
    texts = " ".join(env.texts("evaluate_intro").split())
    assert "Esc og derefter Enter" in texts


# -- near-duplicate session names; an empty session is never the default ----------------------

SOLBJERG = "Fællesskab mod ensomhed – ældre i Solbjerg"
NEAR = "fællesskab mod ensomhed - ældre i solbjerg"


def solbjerg(home: Path) -> Path:
    store = Store(home, lambda: NOW)
    session = new_session(SOLBJERG, "kommune", NOW, "Solbjerg Kommune")
    return store.save(session, store.path_for(SOLBJERG))


def load_any(path: Path) -> Session:
    return Store(path.parent.parent, lambda: NOW).load(path)


def test_a_near_duplicate_name_asks_to_continue_the_existing_session(home: Path) -> None:
    path = solbjerg(home)
    env = make_env(home)
    keys = NEAR + ENTER + ENTER + UP + ENTER  # "Ja, fortsæt …"; then the menu: "Afslut"
    assert drive(keys, lambda: main(["start"], env)) == 0
    assert [p.name for p in (home / "sessions").glob("*.yaml")] == [path.name]
    assert load_any(path).name == SOLBJERG
    env = make_env(home)  # or a new session all the same, when that is what is wanted
    keys = NEAR + ENTER + DOWN + DOWN + ENTER + "\x03"
    assert drive(keys, lambda: main(["start"], env)) == 130
    assert len(list((home / "sessions").glob("*.yaml"))) == 2


def test_continuing_a_near_name_opens_the_file_it_is_in(home: Path) -> None:
    """The session in a file its name would not give (renamed, a colleague's copy): "Ja,
    fortsæt" opens that file, not the one the name would get."""
    store = Store(home, lambda: NOW)
    path = store.save(new_session(SOLBJERG, "kommune", NOW, "Solbjerg Kommune"),
                      store.folder / "r9.yaml")  # fmt: skip
    env = make_env(home)
    keys = NEAR + ENTER + ENTER + UP + ENTER  # "Ja, fortsæt …"; then the menu: "Afslut"
    assert drive(keys, lambda: main(["start"], env)) == 0, errors(env)
    assert [p.name for p in (home / "sessions").glob("*.yaml")] == [path.name]


def test_an_empty_session_never_becomes_the_default(cli, home: Path, nordby: Path) -> None:
    store = Store(home, lambda: NOW + dt.timedelta(days=3))
    empty = new_session("Fællesspisning i Nordby 2", "", NOW + dt.timedelta(days=3))
    store.save(empty, store.path_for(empty.name))  # newer, but only a name
    result = cli("summary", "--json")
    assert '"name": "Fællesspisning i Nordby"' in result.stdout
    result = cli("summary", "nordby")  # not ambiguous: the empty namesake is no choice
    assert result.code == 0 and "Nordby Kommune" in result.stdout


# -- the partner-type list starts at this partner's own type, or at the top -------------------


def test_the_partner_type_starts_at_the_top_or_at_its_own(home: Path) -> None:
    env = make_env(home)
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    keys = DOWN * 3 + ENTER  # "Gå til 2"
    keys += ENTER + "Biblioteket" + ENTER + ENTER + ENTER + ENTER  # add: Enter at the kind
    keys += DOWN + ENTER + DOWN + ENTER  # "Ret en partner": the second one, Brugsen Åby…
    keys += ENTER + ENTER + ENTER + ENTER  # …Enter at every field, its kind too
    keys += UP + ENTER + "4" + "5" + FINISH + UP + ENTER
    env2 = make_env(home)
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    session = load(env2)
    assert session.partners[-1].name == "Biblioteket"
    assert session.partners[-1].kind == "kommunal_enhed"  # the top, not the last one's kind
    assert session.partners[1].kind == "virksomhed"  # its own


# -- delete: a yes/no question whose default is no --------------------------------------------


@pytest.mark.parametrize("keys", ["j" + ENTER, ENTER, "ja" + ENTER])
def test_delete_asks_yes_or_no_and_keeps_by_default(home: Path, nordby: Path, keys) -> None:
    env = make_env(home)
    assert drive(keys, lambda: main(["delete", NAME], env)) == 0
    assert nordby.exists() and "Sessionen er ikke slettet." in screen(env)
    env = make_env(home)
    assert drive(DOWN + ENTER, lambda: main(["delete", NAME], env)) == 0
    assert not nordby.exists()


# -- after the whole guide: point to export and contact, not to resume -----------------------


def test_the_closing_words_point_to_contact_and_export(home: Path) -> None:
    env = make_env(home)
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    out = screen(env)
    closing = " ".join(out.split("Godt gået! I har været hele guiden igennem.")[1].split())
    assert "samarbejde contact 'Fællesspisning i Nordby'" in closing
    assert "samarbejde export 'Fællesspisning i Nordby' -o rapport.docx" in closing
    assert "--partner" in closing
    assert "samarbejde resume" not in closing


def test_an_unfinished_session_still_points_to_resume(cli, nordby: Path) -> None:
    assert "Fortsæt med: samarbejde resume" in cli("summary", NAME).stdout


@pytest.mark.parametrize("name", ["rapport.rtf", "rapport.odt", "rapport.doc"])
def test_an_extension_of_a_format_the_program_does_not_write_is_refused(
    cli, nordby: Path, tmp_path: Path, name: str
) -> None:
    """Markdown in a .odt would be mailed on as a file nobody can open."""
    target = tmp_path / name
    result = cli("export", "-o", str(target))
    assert result.code == 2 and not target.exists()
    said = " ".join(result.stderr.split())
    assert "kan ikke skrive" in said and ".docx" in said
