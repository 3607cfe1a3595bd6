"""The samarbejdsaftale's sections and legal lines against README: the section table names each
section's sources, every line on law and rules carries its source, and the sources' table says
when each was checked (or that it was not)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samarbejde.base import yamlio
from samarbejde.base.errors import ContentError
from samarbejde.flows.agreement import suggestion
from samarbejde.guide.content import load_guide, parse_guide
from samarbejde.guide.texts import bundled_guide_path
from tests.helpers.program import FIXTURES
from tests.helpers.prompts import make_env

README = Path(__file__).resolve().parents[2] / "README.md"
# Words that make a sentence a statement about law: it must come from a `legal:` line.
LEGAL_WORDS = re.compile(r"§|\blov\b|loven|pligt|attest|dataansvarlig|databehandler|forsikr")


def readme_rows(heading: str) -> list[list[str]]:
    text = README.read_text(encoding="utf-8").split(f"### {heading}\n", 1)[1]
    table = text.split("\n\n|", 1)[1].split("\n\n", 1)[0]
    rows = [line.strip("|").split(" | ") for line in ("|" + table).splitlines()]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_table_names_every_section_and_its_sources() -> None:
    agreement = load_guide().agreement
    assert agreement is not None
    rows = readme_rows("Afsnittene og hvor de kommer fra")
    wanted = [[f"`{s.id}`", s.title, s.sources] for s in agreement.sections]
    assert rows == wanted
    named = {"Guiden", "CFSA", "Glostrup", "Frivillighedsbrev", "Favrskov"}
    for s in agreement.sections:  # each source is one README explains
        assert set(s.sources.split("; ")) <= named, s.id
    for needed in ("samarbejdsform", "myndighed", "videndeling", "rettigheder", "kommunikation"):
        assert needed in [s.id for s in agreement.sections]


def test_the_readme_lists_every_legal_source_with_the_date_checked() -> None:
    agreement = load_guide().agreement
    assert agreement is not None
    rows = {row[0]: row for row in readme_rows("Kilder til linjerne om lov og regler")}
    lines = [line for s in agreement.sections for line in s.legal]
    assert lines and {flat(line.source) for line in lines} == set(rows)
    for line in lines:
        checked = rows[flat(line.source)][2]
        assert checked == agreement.checked if line.checked else checked.startswith("ikke tjekket")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", agreement.checked)


def test_a_legal_line_without_its_source_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    section = next(s for s in data["agreement"]["sections"] if s.get("legal"))
    del section["legal"][0]["source"]
    with pytest.raises(ContentError):
        parse_guide(data, tmp_path / "guide.yaml")


def nordby(home: Path, children: bool, adults: bool):
    data = yamlio.load_file(FIXTURES / "session_v1.yaml")
    data["agreement"] = {"partner": "p1", "children": children, "adults": adults}
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "nordby.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return make_env(home).store.load(path)


@pytest.mark.parametrize(("children", "adults"), [(True, True), (False, False)])
def test_what_the_agreement_prewrites_on_law_is_a_sourced_legal_line(
    tmp_path: Path, children: bool, adults: bool
) -> None:
    guide = load_guide()
    session = nordby(tmp_path, children, adults)
    sections = session.agreement_sections(guide)
    assert ("attester" in [s.id for s in sections]) == (children or adults)
    for section in sections:
        for paragraph in suggestion(session, guide, section.id).split("\n\n"):
            if LEGAL_WORDS.search(paragraph.casefold()):
                assert re.search(r" \(Kilde: .+\.\)$", flat(paragraph)), paragraph
    certificates = suggestion(session, guide, "attester")
    assert ("børneattest" in certificates) == children
    assert ("straffeattest" in certificates) == adults


def test_the_legal_lines_say_what_the_issue_asked(tmp_path: Path) -> None:
    """Everyone has the general duty to report, public employees a sharpened one; the data
    roles; the børneattest stays with who engages the volunteer; a fixed term runs out."""
    guide = load_guide()
    session = nordby(tmp_path, True, True)
    secrecy = flat(suggestion(session, guide, "tavshedspligt"))
    assert "Alle, også frivillige, har pligt til at underrette kommunen" in secrecy
    assert "skærpet underretningspligt" in secrecy
    assert "dataansvarlig" in secrecy and "databehandleraftale" in secrecy
    certificates = flat(suggestion(session, guide, "attester"))
    assert "gives ikke videre til kommunen" in certificates
    assert "den part, der knytter den frivillige til aktiviteten" in certificates
    term = flat(suggestion(session, guide, "varighed"))
    assert "udløber" in term and "opsige aftalen skriftligt med 3 måneders varsel" in term
    texts = bundled_guide_path().read_text(encoding="utf-8")
    assert "forlænges eller opsiges" not in texts and "børneattestloven" not in texts
    assert "ikke juridisk rådgivning" in texts  # and it keeps saying so
