"""`export --partner`, the page to send one partner, in md, html and docx:
what they should read before a first meeting, and none of the internal fields (each holds a
marker string here, and no marker may reach the page)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samarbejde.base import yamlio
from tests.helpers.program import FIXTURES


def marked_session(home: Path) -> Path:
    """The fixture session with a marker in every field the partner must never see."""
    data = yamlio.load_file(FIXTURES / "session_v1.yaml")
    for point in data["readiness"].values():
        point["note"] = "MARK-readiness"
    data["answers"]["dagligdag"]["en_dag"] = "MARK-en-dag"
    data["answers"]["dagligdag"]["moeder"] = "MARK-moeder"
    data["answers"]["dagligdag"]["problem"] = "Ensomhed ved måltiderne.\nOgså om aftenen."
    data["answers"]["prioriter"]["noter"] = "Jeg har 6 timer om ugen MARK-noter"
    for p in data["partners"]:
        p["brings"] = f"MARK-brings-{p['id']}"
        if p["id"] != "p1":
            p["name"] = f"MARK-other-{p['id']}"
            p["contact"] = f"MARK-other-contact-{p['id']} 12345678"
    data["partners"][0]["interest"], data["partners"][0]["influence"] = 5, 4
    data["outreach"]["p1"] = {
        "cards": {
            "faelles_maal": "Vi vil begge bryde ensomheden.",
            "forbered": "MARK-forbered",
            "dagsorden": "Vi foreslår et fælles spisested om torsdagen.",
            "vedligehold": "MARK-vedligehold",
        },
        "key_persons": "MARK-key-persons",
        "next_contact": "2026-12-10",
        "log": [{"date": "2026-10-15", "note": "MARK-log"}],
    }
    data["outreach"]["p3"]["cards"] = {"faelles_maal": "MARK-other-plan"}
    data["outreach"]["p3"]["key_persons"] = "MARK-other-key"
    for item in data["checklist"].values():
        item["note"] = "MARK-checklist"
    data["drafts"] = {"raek_ud.p1.forbered": "MARK-draft"}
    data["rounds"] = [{"date": "2026-11-01", "note": "MARK-round", "finished": True}]
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "faellesspisning-i-nordby.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        self.parts.append(data)
        if self._in:
            self.headings.append(data.strip())


def page_text(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(data))
        texts = [p.text for p in doc.paragraphs]
        texts += [doc.core_properties.title or "", doc.core_properties.subject or ""]
        return "\n".join(texts)
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        return "".join(parser.parts)
    return data.decode("utf-8")


QUADRANTS = ["Ræk ud først", "Tal ind i deres dagsorden", "Gå sammen", "Hold øje med"]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_partner_page_holds_nothing_internal(cli, home: Path, tmp_path: Path, fmt) -> None:
    marked_session(home)
    target = tmp_path / f"side.{fmt}"
    result = cli("export", "nordby", "--partner", "Frivilligcentret", "-o", str(target))
    assert result.code == 0, result.stderr
    assert "Siden til Frivilligcentret Nordby er gemt" in result.stdout
    data = target.read_bytes()
    if fmt == "docx":  # the raw XML too: nothing hidden in a property or a comment
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            raw = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        assert "MARK" not in raw
    else:
        assert b"MARK" not in data
    text = page_text(fmt, data)
    assert "MARK" not in text
    for word in [*QUADRANTS, "Prioritet", "Kontaktlog", "Nøglepersoner", "6 timer"]:
        assert word not in text, word
    # what they should read: who we are, the citizens and the problem, why them, when, agenda
    flat = " ".join(text.replace("\\", "").split())  # Markdown's escapes ("10\\.") aside
    for shown in ["Til Frivilligcentret Nordby", "Vi har lavet denne side til jer",
                  "Nordby Kommune, Ældreområdet", "Birthe Sørensen", "10. december 2026",
                  "Ældre, der bor alene i Nordby.", "Ensomhed ved måltiderne.",
                  "Også om aftenen.", "Vi vil begge bryde ensomheden.",
                  "Vi foreslår et fælles spisested om torsdagen.", "Find fælles grund",
                  "Aftal spillereglerne"]:  # fmt: skip
        assert shown in flat, shown


def test_the_html_page_is_danish_with_real_headings(cli, home: Path, tmp_path: Path) -> None:
    marked_session(home)
    assert (
        cli("export", "nordby", "--partner", "frivillig", "-o", str(tmp_path / "a.html")).code == 0
    )
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="da">', html)
    parser = _Text()
    parser.feed(html)
    assert parser.headings[:2] == ["Til Frivilligcentret Nordby: et forslag til samarbejde",
                                   "Hvem vi er"]  # fmt: skip
    assert "Forslag til en fælles dagsorden" in parser.headings


def test_user_text_is_escaped_in_the_page(cli, home: Path) -> None:
    path = marked_session(home)
    data = yamlio.load_file(path)
    data["outreach"]["p1"]["cards"]["faelles_maal"] = "<script>x</script> # *ikke fed*"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    result = cli("export", "nordby", "--partner", "frivillig", "-f", "html", "-o", "-")
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
    result = cli("export", "nordby", "--partner", "frivillig", "-o", "-")
    assert r"\<script\>" in result.stdout and r"\*ikke fed\*" in result.stdout


def test_partner_page_refusals(cli, home: Path, tmp_path: Path) -> None:
    marked_session(home)
    result = cli("export", "nordby", "--partner", "frivillig", "-f", "csv")
    assert result.code == 2 and 'ikke som "csv"' in result.stderr
    result = cli("export", "nordby", "--partner", "nogen", "-o", "-")
    assert result.code == 1 and 'Ingen partner ved navn "nogen"' in result.stderr
    result = cli("export", "nordby", "--partner=", "-o", "-")
    assert result.code == 2


def test_a_partner_without_a_plan_still_gets_a_page(cli, home: Path) -> None:
    marked_session(home)
    result = cli("export", "nordby", "--partner", "MARK-other-p2", "-o", "-")
    assert result.code == 0
    assert "Næste kontakt" not in result.stdout  # none planned: nothing proposed
    assert "Hvorfor vi kommer til jer" not in result.stdout  # nothing written for them yet
    assert "MARK-brings" not in result.stdout and "MARK-other-plan" not in result.stdout


def test_the_report_lists_the_contact_log_by_date(cli, home: Path, tmp_path: Path) -> None:
    """A call logged afterwards with --date stands where it happened, not last."""
    from tests.helpers.program import FIXTURES

    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "r.yaml").write_bytes((FIXTURES / "report_9.yaml").read_bytes())
    assert (
        cli("contact", "Nordby", "Frivilligcentret", "--log", "Senere", "--date", "26/11").code == 0
    )
    assert (
        cli("contact", "Nordby", "Frivilligcentret", "--log", "Tidligere", "--date", "2/11").code
        == 0
    )
    target = tmp_path / "r.md"
    assert cli("export", "Nordby", "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert text.index("Tidligere") < text.index("Senere")


def test_the_page_speaks_in_our_voice_to_them(cli, home: Path, tmp_path: Path, guide) -> None:
    """Statements in our voice, never step 1's questions to the user, no "?:", the
    organisation without its role, their contact as the addressee and ours as the sender."""
    marked_session(home)
    questions = [q.label for q in guide.step("dagligdag").questions]
    assert len(questions) == 4 and all(q.endswith("?") for q in questions)
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"side.{fmt}"
        assert cli("export", "nordby", "--partner", "frivillig", "-o", str(target)).code == 0
        text = page_text(fmt, target.read_bytes())
        flat = " ".join(text.replace("\\", "").replace("**", "").split())  # Markdown aside
        for question in questions:
            assert question not in flat, (fmt, question)
        assert "?:" not in flat and "? :" not in flat, fmt
        for statement in ("De borgere, vi vil gøre en forskel for",
                          "Det problem, vi gerne vil løse sammen med jer",
                          "Til: Birthe Sørensen", "Vores kontaktperson",
                          "– Nordby Kommune, Ældreområdet, 27. november 2026"):  # fmt: skip
            assert statement in flat.replace("Til:Birthe", "Til: Birthe"), (fmt, statement)
        assert "(Kommune)" not in flat and "Jeres kontaktperson" not in flat, fmt
        assert "Næste møde" not in flat and "Denne side er lavet" not in flat, fmt


@pytest.mark.parametrize(("day", "shown"), [("2026-11-26", False), ("2026-11-27", True),
                                            ("2026-12-20", True)])  # fmt: skip
def test_the_next_contact_is_proposed_only_while_it_is_ahead(cli, home: Path, day, shown) -> None:
    path = marked_session(home)  # the tests' today is 27-11-2026
    data = yamlio.load_file(path)
    data["outreach"]["p1"]["next_contact"] = day
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    result = cli("export", "nordby", "--partner", "frivillig", "-o", "-")
    assert result.code == 0
    written = {"2026-11-26": "26. november 2026", "2026-11-27": "27. november 2026",
               "2026-12-20": "20. december 2026"}[day]  # fmt: skip
    assert ("**Næste kontakt**\n\n" + written in result.stdout.replace("\\", "")) is shown
    assert ("Næste kontakt" in result.stdout) is shown
