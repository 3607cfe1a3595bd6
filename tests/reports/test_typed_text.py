"""Text as the user typed it, in HTML and Markdown: one line break stays inside the paragraph,
an empty line starts a new one (in tables too), and Markdown escapes only what Markdown would
read, so an e-mail address shows no backslash."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samarbejde.guide.content import load_guide
from samarbejde.reports.render import html_report, html_text, markdown, md_cell, md_text
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES

TYPED = "Mange ser ikke et andet menneske\nresten af dagen.\n\nSkriv til mkj@nordby.dk"
TODAY = dt.date(2026, 11, 28)


def test_markdown_keeps_lines_and_paragraphs_and_clean_addresses() -> None:
    text = md_text(TYPED)
    assert "mkj@nordby.dk" in text and "\\@" not in text
    rendered = MarkdownIt("commonmark").render(text)
    assert rendered == (
        "<p>Mange ser ikke et andet menneske<br />\nresten af dagen.</p>\n"
        "<p>Skriv til mkj@nordby.dk</p>\n"
    )
    # in a table cell: the line joined, the paragraph a <br>
    cell = md_cell(TYPED)
    assert cell == ("Mange ser ikke et andet menneske resten af dagen.<br>Skriv til mkj@nordby.dk")
    # what Markdown would read is still escaped: a mention, emphasis at a word's edge
    assert md_cell("@bruger _vigtigt_ a_b *x*") == "\\@bruger \\_vigtigt\\_ a_b \\*x\\*"


@given(st.text(alphabet="ab _@*\n.-#<>", max_size=40))
def test_markdown_shows_exactly_the_typed_characters(text: str) -> None:
    """Whatever is typed, CommonMark shows its characters (without the line structure)."""
    rendered = MarkdownIt("commonmark").render(md_text(text))
    shown = _text_of(rendered)
    assert shown.split() == " ".join(text.split()).split()


def test_html_keeps_lines_and_paragraphs() -> None:
    assert str(html_text(TYPED)) == (
        "<p>Mange ser ikke et andet menneske<br>resten af dagen.</p><p>Skriv til mkj@nordby.dk</p>"
    )
    assert str(html_text("en\nto", inline=True)) == "en<br>to"
    assert str(html_text("<b>", inline=True)) == "&lt;b&gt;"


def test_the_report_keeps_typed_lines_in_answers_and_tables(store: Store) -> None:
    session = store.load(FIXTURES / "report_9.yaml")
    session.answers["dagligdag"]["en_dag"] = TYPED
    partner = session.partners[0]
    partner.brings = "Frivillige\nom aftenen"  # a table cell
    guide = load_guide()
    page = html_report(session, guide, TODAY)
    assert "<p>Mange ser ikke et andet menneske<br>resten af dagen.</p>" in page
    assert "<td>Frivillige<br>om aftenen</td>" in page
    text = markdown(session, guide, TODAY)
    assert "Mange ser ikke et andet menneske\\\nresten af dagen.\n\nSkriv til mkj@nordby.dk" in text
    assert "| Frivillige om aftenen |" in text


def _text_of(html: str) -> str:
    parts: list[str] = []

    class Reader(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(html)
    return " ".join(parts)


def test_an_email_in_the_markdown_export_has_no_backslash(cli, home: Path, store: Store) -> None:
    session = store.load(FIXTURES / "report_9.yaml")
    session.partners[0].contact = "Birthe Sørensen, mkj@nordby.dk"
    store.save(session, store.folder / "nordby.yaml")
    result = cli("export", session.name, "-o", "-")
    assert result.code == 0
    assert "mkj@nordby.dk" in result.stdout and "mkj\\@" not in result.stdout
