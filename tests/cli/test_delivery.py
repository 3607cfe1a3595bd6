"""One export pipeline: every format of every kind in the table (`reports.formats`) is reachable
from the command line and lands as its kind, and the one delivery (`cli.commands.delivery`)
refuses once per rule: a binary format on a terminal, a file that exists, a session, the
sessions folder, a link, a folder that does not exist. Driven as users run it: `main(argv,
env)` in-process, the file on disk, the text on screen, the exit code."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
import yaml

from samarbejde.cli.app import main
from samarbejde.reports import formats
from samarbejde.sessions.model import Agreement
from samarbejde.sessions.store import Store
from tests.helpers.compare_fixtures import NOW, forening, kommune
from tests.helpers.program import quiet_env

A, B = "Fællesspisning i Nordby", "Bevægelse for ældre"
PARTNER = "Frivilligcentret Nordby"
SESSION = "faellesspisning-i-nordby"


@pytest.fixture
def sessions(home: Path) -> Path:
    """Two sides of a table; A has a drafted agreement with its second partner."""
    store = Store(home, lambda: NOW)
    ours = kommune()
    ours.agreement = Agreement(partner="p2")
    store.save(ours)
    store.save(forening())
    return home


class Run:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    @property
    def said(self) -> str:
        return " ".join((self.stdout + self.stderr).split())


class TerminalOut(io.StringIO):
    """Standard output that is a terminal."""

    def isatty(self) -> bool:
        return True


def run(home: Path, *args: str, terminal: bool = False) -> Run:
    env = quiet_env(home, width=1000)  # a long path said on one line
    if terminal:
        env.stdout = TerminalOut()
    screen = env.console.file
    code = main(list(args), env)
    err = env.err.file.getvalue()  # type: ignore[attr-defined]
    out = env.stdout.getvalue()  # type: ignore[attr-defined]
    if screen is not env.stdout:  # what the console said, after the document
        out += screen.getvalue()  # type: ignore[attr-defined]
    return Run(code, out, err)


# How a user asks for each format of each kind, `-o` left to the caller; and the file name
# the kind gives it in a folder.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "report": (["export", A, "--format", "{fmt}"], SESSION),
    "partner_page": (["export", A, "--partner", PARTNER, "--format", "{fmt}"],
                     f"{SESSION}-frivilligcentret-nordby"),
    "agreement": (["export", A, "--agreement", "--format", "{fmt}"], f"{SESSION}-samarbejdsaftale"),
    "share": (["export", A, "--format", "share", "--no-scores"], f"{SESSION}-delt-fil"),
    "compare": (["compare", A, B, "--format", "{fmt}"], "faelles-grund-forberedelse-til-moedet"),
    "agenda": (["agenda", "--days", "3650", "--ics"], "kalender"),
    "handover": (["handover", A], f"{SESSION}-overdragelse"),
}  # fmt: skip
SPECIAL = {("compare", "json"): ["compare", A, B, "--json"]}  # a flag, not a --format


def command(kind: str, fmt: str, output: str) -> list[str]:
    args = SPECIAL.get((kind, fmt)) or [a.format(fmt=fmt) for a in COMMANDS[kind][0]]
    if kind == "agenda":
        return [*args, output]
    return [*args, "-o", output]


def lands_as(fmt: str, data: bytes) -> None:
    """The file is what its format says it is."""
    if fmt == "docx":
        from docx import Document

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert "word/document.xml" in z.namelist()
        assert Document(io.BytesIO(data)).paragraphs
    elif fmt == "xlsx":
        import openpyxl

        assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    elif fmt == "html":
        assert data.lstrip().lower().startswith(b"<!doctype html>")
    elif fmt == "md":
        text = data.decode("utf-8")
        assert text.startswith("# ") and "<html" not in text
    elif fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert len(rows) > 1 and len(rows[0]) > 1
    elif fmt == "ics":
        from icalendar import Calendar

        assert data.startswith(b"BEGIN:VCALENDAR")
        assert Calendar.from_ical(data).name == "VCALENDAR"
    elif fmt == "share":
        loaded = yaml.safe_load(data.decode("utf-8"))
        assert loaded["kind"] == "samarbejde-share" and loaded["name"] == A
    elif fmt == "json":
        assert json.loads(data)["a"]["name"] == A
    elif fmt == "pdf":  # (what is in it: tests/reports/test_pdf.py)
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    else:
        raise AssertionError(f"no check for the format {fmt}")


EVERY_FORMAT = [(k.name, f) for k in formats.KINDS for f in k.formats]


@pytest.mark.parametrize(("kind", "fmt"), EVERY_FORMAT)
def test_every_format_of_every_kind_lands_as_its_kind(
    sessions: Path, tmp_path: Path, kind: str, fmt: str
) -> None:
    """Into a folder `-o` names: the file gets the kind's name and the format's extension,
    the message names it, and the file opens as what it says it is."""
    folder = tmp_path / "ud"
    folder.mkdir()
    result = run(sessions, *command(kind, fmt, str(folder)))
    assert result.code == 0, result.said
    extension = formats.KINDS[[k.name for k in formats.KINDS].index(kind)].formats[fmt].suffix
    target = folder / (COMMANDS[kind][1] + extension)
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left
    assert str(target) in result.said and "gemt" in result.said
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    lands_as(fmt, target.read_bytes())


@pytest.mark.parametrize(("kind", "fmt"), EVERY_FORMAT)
def test_every_format_goes_to_standard_output_with_a_dash(
    sessions: Path, tmp_path: Path, kind: str, fmt: str
) -> None:
    """`-o -` (a text format, or a binary one when standard output is no terminal): the
    document on standard output, nothing said, no file."""
    if fmt in ("docx", "xlsx", "pdf"):
        env = quiet_env(sessions)
        buffer = io.BytesIO()
        env.stdout = io.TextIOWrapper(buffer)
        assert main(command(kind, fmt, "-"), env) == 0
        env.stdout.flush()
        lands_as(fmt, buffer.getvalue())
        return
    result = run(sessions, *command(kind, fmt, "-"))
    assert result.code == 0, result.said
    lands_as(fmt, result.stdout.encode("utf-8"))
    assert "gemt" not in result.stdout


def test_the_table_names_each_format_once_and_a_default_first() -> None:
    names = [k.name for k in formats.KINDS]
    assert len(set(names)) == len(names) == len(COMMANDS)
    assert formats.REPORT.default.name == "md" and formats.COMPARE.default.name == "md"
    assert formats.SHARE.default.suffix == ".yaml" and formats.AGENDA.default.suffix == ".ics"
    binary = {(k.name, f.name) for k in formats.KINDS for f in k.formats.values() if f.binary}
    assert binary == {("report", "docx"), ("report", "xlsx"), ("partner_page", "docx"),
                      ("agreement", "docx"), ("compare", "docx"), ("report", "pdf"),
                      ("partner_page", "pdf"), ("agreement", "pdf"),
                      ("compare", "pdf")}  # fmt: skip


# -- the delivery's rules, once each ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export", A, "-f", "docx"], "Et Word-dokument kan ikke vises i terminalen"),
        (["export", A, "-f", "xlsx"], "Et regneark kan ikke vises i terminalen"),
        (["export", A, "-f", "pdf"], "En PDF kan ikke vises i terminalen"),
        (["export", A, "--partner", PARTNER, "-f", "docx"], "Word-dokument"),
        (["export", A, "--agreement", "-f", "docx"], "Word-dokument"),
        (["compare", A, B, "-f", "docx"], "Word-dokument"),
    ],
)
def test_a_binary_format_is_not_shown_in_a_terminal(sessions: Path, args, said) -> None:
    result = run(sessions, *args, "-o", "-", terminal=True)
    assert result.code == 2 and said in result.said
    assert result.stdout == ""


def test_a_text_format_is_shown_in_a_terminal(sessions: Path) -> None:
    result = run(sessions, "export", A, "-f", "html", "-o", "-", terminal=True)
    assert result.code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_a_file_that_exists_is_replaced_only_with_force(sessions: Path, tmp_path: Path) -> None:
    target = tmp_path / "moede.md"
    target.write_text("mine noter", encoding="utf-8")
    result = run(sessions, "compare", A, B, "-o", str(target))
    assert result.code == 1 and "findes allerede" in result.said and "--force" in result.said
    assert target.read_text(encoding="utf-8") == "mine noter"
    result = run(sessions, "compare", A, B, "-o", str(target), "--force")
    assert result.code == 0 and f"Sammenligningen er gemt: {target}" in result.said
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_the_refusal_names_the_option_that_names_the_file(sessions: Path, tmp_path: Path) -> None:
    """`agenda` names its file with --ics, not -o: "choose another file" says which option."""
    target = tmp_path / "kalender.ics"
    target.write_text("min kalender", encoding="utf-8")
    result = run(sessions, "agenda", "--ics", str(target))
    said = " ".join(result.said.split())
    assert result.code == 1 and "vælg en anden fil med --ics." in said and "med -o" not in said
    target.with_suffix(".md").write_text("mine noter", encoding="utf-8")
    result = run(sessions, "compare", A, B, "-o", str(target.with_suffix(".md")))
    assert result.code == 1 and "vælg en anden fil med -o." in " ".join(result.said.split())
    assert target.read_text(encoding="utf-8") == "min kalender"


def test_a_session_is_never_replaced_even_with_force(sessions: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "kollega.yaml"
    colleague.write_text("schema_version: 99\nname: En kollegas\n", encoding="utf-8")
    result = run(sessions, "export", A, "--format", "share", "--no-scores", "-o",
                 str(colleague), "--force")  # fmt: skip
    assert result.code == 1 and "den ville erstatte en session" in result.said
    assert colleague.read_text(encoding="utf-8").startswith("schema_version: 99")


def test_nothing_is_written_in_the_sessions_folder(sessions: Path) -> None:
    folder = sessions / "sessions"
    before = sorted(p.name for p in folder.iterdir())
    result = run(sessions, "agenda", "--ics", str(folder / "kalender.ics"))
    assert result.code == 1 and "den ville erstatte en session" in result.said
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.skipif(os.name != "posix", reason="a symbolic link needs no privilege here")
def test_a_link_is_not_followed_even_with_force(sessions: Path, tmp_path: Path) -> None:
    real = tmp_path / "rigtig.txt"
    real.write_text("urørt", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = run(sessions, "export", A, "--partner", PARTNER, "-o", str(link), "--force")
    assert result.code == 1 and "ikke en almindelig fil" in result.said
    assert real.read_text(encoding="utf-8") == "urørt" and link.is_symlink()


def test_a_folder_that_does_not_exist_is_named(sessions: Path, tmp_path: Path) -> None:
    target = tmp_path / "findes-ikke" / "aftale.docx"
    result = run(sessions, "export", A, "--agreement", "-o", str(target))
    assert result.code == 1 and f"mappen {target.parent} findes ikke" in result.said
    assert not target.parent.exists()


def test_the_file_name_decides_the_format_and_the_message_says_so(
    sessions: Path, tmp_path: Path
) -> None:
    """One choice for every kind: the extension picks the format, a format the program does
    not write is refused, one the kind does not have is refused in the kind's words, and an
    unknown extension is Markdown, said where the kind has words for it."""
    page = tmp_path / "side.docx"
    assert run(sessions, "export", A, "--partner", PARTNER, "-o", str(page)).code == 0
    lands_as("docx", page.read_bytes())
    result = run(sessions, "compare", A, B, "-o", str(tmp_path / "moede.odt"))
    assert result.code == 2 and "kan ikke skrive .odt-filer" in result.said
    result = run(sessions, "compare", A, B, "-o", str(tmp_path / "moede.csv"))
    assert result.code == 2 and 'Ukendt format "csv". Vælg md, html, docx eller pdf.' in result.said
    result = run(sessions, "export", A, "--agreement", "-o", str(tmp_path / "a.xlsx"))
    assert result.code == 2 and 'ikke som "xlsx"' in result.said
    result = run(sessions, "export", A, "--partner", PARTNER, "-o", str(tmp_path / "p.csv"))
    assert result.code == 2 and "Partnerens side findes som md, html, docx eller pdf" in result.said
    result = run(sessions, "export", A, "--partner", PARTNER, "-o", str(tmp_path / "p.txt"))
    assert result.code == 0 and "gemt som Markdown" in result.said
    assert not list(tmp_path.glob("*.odt")) and not list(tmp_path.glob("*.csv"))
