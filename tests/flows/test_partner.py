"""`samarbejde add-partner`: one more partner after the first evening in six answers at most,
or none with the command line; resumable; a name already on the map is never added twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.sessions.model import Partner, Session
from tests.helpers.prompts import drive, make_env
from tests.helpers.wizard_script import CTRL_C, DOWN, ENTER

NAME = "Fællesspisning i Nordby"
ANSWERS = [  # one key string an answer: exactly what a person types
    "Boligselskabet Nordby" + ENTER,  # 1 name
    DOWN * 7 + ENTER,  # 2 kind: Boligforening eller boligselskab
    "Jonas, 11 22 33 44" + ENTER,  # 3 contact person
    "Lokaler" + ENTER,  # 4 what they bring
    "4",  # 5 interest: a digit is enough
    "2",  # 6 influence
]


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


def added(path: Path) -> Partner:
    return load(path).partners[-1]


def add(home: Path, keys: str, *args: str) -> int:
    return drive(keys, lambda: main(["add-partner", *args], make_env(home)))


def test_a_partner_in_six_answers(home: Path, nordby: Path) -> None:
    before = len(load(nordby).partners)
    assert len(ANSWERS) <= 6
    assert add(home, "".join(ANSWERS), "nordby") == 0  # a seventh question would end in 130
    session = load(nordby)
    assert len(session.partners) == before + 1
    p = session.partners[-1]
    assert (p.name, p.kind, p.contact, p.brings) == (
        "Boligselskabet Nordby",
        "boligorganisation",
        "Jonas, 11 22 33 44",
        "Lokaler",
    )
    assert (p.interest, p.influence) == (4, 2)
    assert "partner" not in session.left_at and not session.drafts


def test_a_name_on_the_command_line_is_not_asked(home: Path, nordby: Path) -> None:
    assert add(home, "".join(ANSWERS[1:]), "nordby", "Boligselskabet Nordby") == 0
    assert added(nordby).name == "Boligselskabet Nordby" and added(nordby).influence == 2


@pytest.mark.parametrize("stop_after", [1, 2, 4, 5])
def test_a_stop_carries_on_at_the_question(home: Path, nordby: Path, stop_after: int) -> None:
    before = len(load(nordby).partners)
    assert add(home, "".join(ANSWERS[:stop_after]) + CTRL_C, "nordby") == 130
    assert add(home, "".join(ANSWERS[stop_after:]), "nordby") == 0
    session = load(nordby)
    assert len(session.partners) == before + 1  # never twice
    assert added(nordby).influence == 2 and added(nordby).contact == "Jonas, 11 22 33 44"


def test_the_command_line_alone_asks_nothing(cli, nordby: Path) -> None:
    result = cli(
        "add-partner", "nordby", "Nordby Kirke", "--kind", "kirke eller trossamfund",
        "--contact", "Anne", "--interest", "4", "--influence", "5",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    p = added(nordby)
    assert (p.name, p.kind, p.contact, p.interest, p.influence) == (
        "Nordby Kirke", "trossamfund", "Anne", 4, 5,
    )  # fmt: skip
    said = " ".join(result.stdout.split())
    assert "Nordby Kirke er tilføjet til Fællesspisning i Nordby (Ræk ud først)." in said
    assert "contact 'Fællesspisning i Nordby' 'Nordby Kirke'" in said  # reach out: how


def test_without_a_terminal_a_name_alone_is_saved(cli, nordby: Path) -> None:
    assert cli("add-partner", "nordby", "Nordby Skole").code == 0
    p = added(nordby)
    assert (p.name, p.kind, p.interest) == ("Nordby Skole", "andet", None)


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["FRIVILLIGCENTRET  nordby", "--kind", "forening"], 1, "Der er allerede en partner"),
        (["X", "--kind", "klub"], 2, 'Partnertypen "klub" findes ikke'),
        (["X", "--interest", "9"], 2, "--interest skal være et tal fra 1 til 5"),
        (["X", "--influence", "to"], 2, 'skal være et helt tal, fx --influence 4, ikke "to"'),
        (["--kind", "forening"], 2, "Skriv den nye partners navn"),
    ],
)
def test_what_cannot_be_added(cli, nordby: Path, args: list[str], code: int, said: str) -> None:
    before = nordby.read_bytes()
    result = cli("add-partner", "nordby", *args)
    assert result.code == code and said in " ".join(result.stderr.split())
    assert nordby.read_bytes() == before  # nothing written
