"""Issue 34 #3: a session file (an imported one is someone else's) names the file its
agreement was written with (`agreement.with_ref`); that file is never read unless the user
names it (`--with`) or says yes to it in this run."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.sessions.model import Agreement
from tests.helpers.prompts import errors, line_env, screen

SESSION = "Fællesspisning i Nordby"


def planted(home: Path, nordby: Path, tmp_path: Path) -> Path:
    """Their share file (a stand-in for /etc/hostname or the user's own other session), named
    by the session's agreement as if a `--with` had named it."""
    secret = tmp_path / "hemmelig.yaml"
    secret.write_text(
        "kind: samarbejde-share\nversion: 1\nname: Hemmelig\nrole: civilsamfund\n"
        "date: 2026-11-27\norganisation: Hemmelig Forening\n",
        encoding="utf-8",
    )
    env = line_env(home, "")
    session = env.store.load(nordby)
    session.agreement = Agreement(partner="p1", with_ref=str(secret))
    env.store.save(session, nordby)
    return secret


@pytest.mark.parametrize(("first_answer", "read"), [("\n", False), ("2\n", False), ("1\n", True)])
def test_a_remembered_with_is_read_only_when_the_user_says_yes(
    home: Path, nordby: Path, tmp_path: Path, first_answer: str, read: bool
) -> None:
    secret = planted(home, nordby, tmp_path)
    env = line_env(home, first_answer + "\n" * 300)
    code = main(["--enkel", "agreement", SESSION], env)
    said = screen(env)
    assert code in (0, 130), errors(env) + said
    assert f'Aftalen blev sidst skrevet med partnerens fil: "{secret}"' in " ".join(said.split())
    agreement = env.store.load(nordby).agreement
    assert agreement is not None
    assert (agreement.other == "Hemmelig Forening") is read
    assert ("Hemmelig Forening" in said) is read


def test_with_on_the_command_line_is_read_without_a_question(
    home: Path, nordby: Path, tmp_path: Path
) -> None:
    secret = planted(home, nordby, tmp_path)
    env = line_env(home, "\n" * 300)
    code = main(["--enkel", "agreement", SESSION, "--with", str(secret)], env)
    assert code in (0, 130), errors(env)
    assert "Aftalen blev sidst skrevet med" not in screen(env)
    agreement = env.store.load(nordby).agreement
    assert agreement is not None and agreement.other == "Hemmelig Forening"
