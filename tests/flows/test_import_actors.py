"""`samarbejde import aktører.xlsx --into SESSION`: actors from a spreadsheet become partners;
the names already there (under other spellings) are proposed, never added twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.sessions.model import Session
from tests.helpers.prompts import drive, make_env, screen
from tests.helpers.wizard_script import DOWN, ENTER

NAME = "Fællesspisning i Nordby"
NEW = [
    "Nordby Skakklub", "Spejderne i Nordby", "Nordby Kirkes Børnekor", "Sydby Roklub",
    "Nordby Bibliotek", "Kulturhuset Pavillonen", "Nordby Gymnastikforening", "Lions Club Nordby",
    "Røde Kors Nordby", "Nordby Handelsstandsforening", "Boligselskabet Engparken",
    "Nordby Lokalhistoriske Arkiv", "Strikkecaféen", "Nordby Seniordans", "KFUM Nordby",
    "Nordby Motionsklub", "Dansk Flygtningehjælp Nordby", "Nordby Borgerforening",
    "Nordby Bridgeklub", "Café Ensomhed Nej Tak", "Nordby Vandrelaug", "Nordby Sangkor",
    "Ungdomsskolen", "Nordby Menighedsråd", "Nordby Naturfredningsforening", "Frivillig Fredag",
    "Nordby Pensionistforening", "Nordby Haveselskab", "Besøgsvennerne", "Nordby Rideklub",
    "Nordby Teaterforening", "Blå Kors Nordby", "Nordby Fotoklub", "Nordby Folkeuniversitet",
    "Sundhedshuset Nordby", "Nordby Cykelklub", "Nordby Kunstforening",
]  # fmt: skip
# already in the session under other names, each likely the same: proposed, not added
VARIANTS = [
    "Ældresagen Nordby Besøgstjeneste",
    "Dagli' Brugsen Nordby",
    "Idrætsforeningen Nordby Fodbold",
]
HEADER = ["Foreningens navn", "Type", "Kontaktperson", "Telefon", "E-mail", "Formål"]


def sheet(path: Path, names: list[str], header: list[str] = HEADER) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    rows = book.active
    rows.append(header)
    for number, name in enumerate(names, 1):
        rows.append([name, "Forening", f"Person {number}", f"1234 56{number:02d}", None, None])
    book.save(path)
    return path


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


def run(home: Path, keys: str, *args: str) -> tuple[int, str]:
    env = make_env(home)
    code = drive(keys, lambda: main(["import", *args], env))
    return code, screen(env)


def test_forty_rows_add_thirty_seven_and_propose_three(
    home: Path, nordby: Path, tmp_path: Path
) -> None:
    assert len(NEW) == 37
    source = sheet(tmp_path / "aktører.xlsx", NEW[:20] + VARIANTS + NEW[20:])
    before = len(load(nordby).partners)
    keys = ENTER * 3 + ENTER  # each proposal: "Ja, det er den samme"; then add: "Ja"
    code, out = run(home, keys, str(source), "--into", "nordby")
    assert code == 0, out
    said = " ".join(out.split())
    assert "Nye partnere til Fællesspisning i Nordby (37):" in said
    assert "37 partnere er tilføjet til Fællesspisning i Nordby." in said
    session = load(nordby)
    assert len(session.partners) == before + 37
    names = [p.name for p in session.partners]
    assert names[before:] == NEW and len(set(names)) == len(names)
    first = session.partners[before]
    assert (first.kind, first.contact) == ("forening", "Person 1, 1234 5601")
    assert len(session.same_names) == 3  # the three answers, kept

    code, out = run(home, "", str(source), "--into", "nordby")  # nothing asked this time
    assert code == 0, out
    assert "Der er ingen nye partnere at tilføje." in out
    assert len(load(nordby).partners) == before + 37


def test_a_no_adds_the_row_as_a_new_partner(home: Path, nordby: Path, tmp_path: Path) -> None:
    source = sheet(tmp_path / "a.xlsx", VARIANTS[:1])
    code, out = run(home, DOWN + ENTER + ENTER, str(source), "--into", "nordby")
    assert code == 0, out
    assert load(nordby).partners[-1].name == "Ældresagen Nordby Besøgstjeneste"


def test_without_a_terminal_the_unsure_are_named_not_added(
    cli, nordby: Path, tmp_path: Path
) -> None:
    source = sheet(tmp_path / "a.xlsx", [*VARIANTS, "Nordby Skakklub"])
    before = len(load(nordby).partners)
    result = cli("import", str(source), "--into", "nordby")
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        "Måske de samme, ikke tilføjet (3)" in said
        and '"Dagli\' Brugsen Nordby" = "Brugsen"' in said
    )
    assert [p.name for p in load(nordby).partners[before:]] == ["Nordby Skakklub"]


def test_a_danish_excel_csv_is_read(cli, nordby: Path, tmp_path: Path) -> None:
    source = tmp_path / "foreninger.csv"
    text = "Navn;Kontaktperson;E-mail\r\nÅens Venner;Søren Ørum;s@aa.dk\r\n"
    source.write_bytes(text.encode("cp1252"))  # as Danish Excel saves "CSV (semikolonsepareret)"
    assert cli("import", str(source), "--into", "nordby").code == 0
    p = load(nordby).partners[-1]
    assert (p.name, p.contact) == ("Åens Venner", "Søren Ørum, s@aa.dk")


def test_the_name_column_is_asked_once_and_remembered(
    home: Path, nordby: Path, tmp_path: Path, cli
) -> None:
    header = ["Medlem", "Gruppe", "Telefon"]
    source = sheet(tmp_path / "a.xlsx", ["Nordby Skakklub"], header)
    refused = cli("import", str(source), "--into", "nordby")  # no terminal: it cannot ask
    assert refused.code == 1 and "Der er ingen kolonne med navne" in refused.stderr
    code, out = run(home, ENTER + ENTER, str(source), "--into", "nordby")  # "Medlem"; add
    assert code == 0, out
    assert load(nordby).partners[-1].name == "Nordby Skakklub"
    source = sheet(tmp_path / "b.xlsx", ["Nordby Rideklub"], header)  # the same headings
    assert cli("import", str(source), "--into", "nordby").code == 0  # remembered: not asked
    assert load(nordby).partners[-1].name == "Nordby Rideklub"


@pytest.mark.parametrize(
    ("content", "suffix", "said"),
    [
        (b"PK\x03\x04 not really a workbook", ".xlsx", "kan ikke læses: filen er i stykker"),
        (b"", ".csv", "er tomt"),
        (b"Navn\n", ".pdf", "brug en .xlsx- eller .csv-fil"),
    ],
)
def test_what_is_not_a_spreadsheet(
    cli, nordby: Path, tmp_path: Path, content: bytes, suffix: str, said: str
) -> None:
    source = tmp_path / f"x{suffix}"
    source.write_bytes(content)
    before = nordby.read_bytes()
    result = cli("import", str(source), "--into", "nordby")
    assert result.code == 1 and said in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr and nordby.read_bytes() == before


def test_escape_codes_in_a_cell_never_reach_the_session(cli, nordby: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"  # an .xlsx cannot hold them; a CSV can
    source.write_text("Navn;Kontaktperson\nKlub\x1b[31m Nordby\x07;Bo\n", encoding="utf-8")
    assert cli("import", str(source), "--into", "nordby").code == 0
    raw = nordby.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x07" not in raw and "Klub␛[31m Nordby␇" in raw


def test_a_spreadsheet_without_into_says_how(cli, nordby: Path, tmp_path: Path) -> None:
    source = sheet(tmp_path / "a.xlsx", ["Nordby Skakklub"])
    result = cli("import", str(source))
    assert result.code == 2 and "--into SESSION" in " ".join(result.stderr.split())
