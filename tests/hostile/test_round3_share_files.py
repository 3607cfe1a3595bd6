"""Issue 34 #9, #10: what the other side's share file brings is filtered as it is read (no
control character reaches a suggestion or our session), and a share file's version and date
are checked: version 0 or -1 is no version 1, `date: 0` is no day of 1970."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarbejde.cli.app import main
from tests.helpers.prompts import errors, line_env, screen

SESSION = "Fællesspisning i Nordby"
HEAD = "kind: samarbejde-share\nname: Ond\nrole: civilsamfund\n"


def share_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "deres.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("version: 0\ndate: 2026-11-27\n", "ukendt version (0)"),
        ("version: -1\ndate: 2026-11-27\n", "ukendt version (-1)"),
        ("version: 1\ndate: 0\n", 'date: ugyldig værdi "0"'),
        ("version: 1\ndate: '0'\n", "date: ugyldig værdi"),
        ("version: 1\ndate: 0001-01-01\n", "date: ugyldig værdi"),
    ],
)
def test_a_share_file_of_version_0_or_dated_0_is_refused(
    cli, nordby: Path, tmp_path: Path, body: str, said: str
) -> None:
    path = share_file(tmp_path, body + "organisation: Ond\n")
    result = cli("compare", SESSION, str(path))
    text = " ".join(result.stderr.split())
    assert result.code != 0, result.stdout
    assert said in text and "Traceback" not in text


def test_control_characters_from_their_file_never_reach_a_suggestion_or_our_session(
    home: Path, nordby: Path, tmp_path: Path
) -> None:
    """Their organisation, with an escape code and a bell, pre-fills the agreement's
    suggestions: `--enkel` from a file takes each suggestion with Enter (never refused as
    "styretegn" for what the user did not type), and our session keeps their name filtered."""
    path = share_file(
        tmp_path,
        'version: 1\ndate: 2026-11-27\norganisation: "Ond\\e[2J\\aforening"\n'
        'dagligdag: {problem: "Ensomhed\\e]0;x\\a blandt ældre"}\n',
    )
    env = line_env(home, "\n" * 400)
    code = main(["--enkel", "agreement", SESSION, "--with", str(path)], env)
    said = screen(env)
    assert code in (0, 130), errors(env) + said
    assert "styretegn" not in said
    saved = nordby.read_text(encoding="utf-8")
    session = env.store.load(nordby)
    assert session.agreement is not None and session.agreement.other == "Ond[2Jforening"
    assert "\\e" not in saved and "\x1b" not in saved and "\\x07" not in saved


def test_their_health_comments_are_filtered_as_they_are_read() -> None:
    """A health round's comments in their file are their words too: no escape code or
    override is kept from them (a line break is)."""
    from samarbejde.sessions.health import SharedRound

    read = SharedRound.model_validate(
        {"date": "2026-11-27", "comments": {"snak_ofte": "for\x1b]0;x\x07 sjældent\u202e\nmøder"}}
    )
    assert read.comments == {"snak_ofte": "for]0;x sjældent\nmøder"}
