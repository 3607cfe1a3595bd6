"""The printed report: the HTML in headless Chromium, printed to A4 and read back from the PDF
(pdfplumber), for a realistic session (9 partners) and a large one (60 partners, 80-character
names, 2,000-character answers, 150-character links in every kind of field)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from collections import Counter
from pathlib import Path

import pytest
from filelock import FileLock

from samarbejde.guide.content import load_guide
from samarbejde.reports.render import html_report
from samarbejde.sessions.store import Store
from tests.helpers.browser import chromium, run_chromium
from tests.helpers.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, SLACK, body
from tests.helpers.program import FIXTURES

pdfplumber = pytest.importorskip("pdfplumber")

TODAY = dt.date(2026, 11, 28)

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="no Chromium here (.ci/run installs Debian's)"
)


def printed(store: Store, tmp_path: Path, fixture: str) -> list:
    """The fixture session's report as Chromium prints it: per page, its characters."""
    session = store.load(FIXTURES / fixture)
    page = tmp_path / "rapport.html"
    page.write_text(html_report(session, load_guide(), TODAY), encoding="utf-8")
    pdf = tmp_path / "rapport.pdf"
    run_chromium(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    with pdfplumber.open(pdf) as doc:
        return [(p.width, p.height, p.chars, p.extract_text_lines()) for p in doc.pages]


_PRINTED: dict[str, list] = {}  # each fixture printed once per test process ...


def printed_once(fixture: str, tmp_path_factory) -> list:
    """... and once per run: under pytest-xdist the first worker to need a fixture prints it
    and leaves what it read in the run's own temporary folder (each run has its own), where
    the other worker reads it instead of printing it again."""
    if fixture not in _PRINTED:
        if os.environ.get("PYTEST_XDIST_WORKER") is None:
            _PRINTED[fixture] = _print(fixture, tmp_path_factory)
        else:
            shared = tmp_path_factory.getbasetemp().parent / f"printed-{fixture}.pickle"
            with FileLock(f"{shared}.lock"):
                if not shared.exists():
                    shared.write_bytes(pickle.dumps(_print(fixture, tmp_path_factory)))
                _PRINTED[fixture] = pickle.loads(shared.read_bytes())
    return _PRINTED[fixture]


def _print(fixture: str, tmp_path_factory) -> list:
    tmp = tmp_path_factory.mktemp("print")
    store = Store(tmp / "home", lambda: dt.datetime(2026, 11, 28, 10, 0).astimezone())
    return printed(store, tmp, fixture)


# the 60-partner session is the long form (CI, `--slow`); the typical 9 always
@pytest.fixture(params=["report_9.yaml", pytest.param("report_60.yaml", marks=pytest.mark.slow)])
def pages(request, tmp_path_factory) -> tuple[str, list]:
    return request.param, printed_once(request.param, tmp_path_factory)


@pytest.fixture
def nine(tmp_path_factory) -> list:
    """The 9-partner session as printed: its tables have rows a test can find."""
    return printed_once("report_9.yaml", tmp_path_factory)


def test_the_page_is_a4_and_the_text_keeps_its_size(pages) -> None:
    _fixture, doc = pages
    sizes: Counter[float] = Counter()
    for width, height, chars, _ in doc:
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
        sizes.update(round(c["size"], 1) for c in body(chars, height))
    # The body text is printed at 10 pt on every page: no long word shrinks the page.
    most_common = sizes.most_common(1)[0][0]
    assert most_common >= 9.5, sizes.most_common(5)
    assert min(sizes) >= 7.5, sorted(sizes)  # the smallest print: post-its and the axes


def test_answers_print_at_body_size(pages) -> None:
    fixture, doc = pages
    word = "ensomhed" if fixture == "report_60.yaml" else "Ensomhed"
    found = 0
    for _, height, _chars, lines in doc:
        for line in lines:
            if word in line["text"] and line["top"] < height - MARGIN_BOTTOM:
                found += 1
                assert all(c["size"] >= 9.5 for c in line["chars"]), line["text"]
    assert found


def test_no_text_outside_the_margins(pages) -> None:
    _fixture, doc = pages
    for number, (width, height, chars, _) in enumerate(doc, 1):
        for c in chars:
            where = f"page {number}: {c['text']!r} at x {c['x0']:.0f}–{c['x1']:.0f}"
            assert c["x0"] >= MARGIN_X - SLACK, where
            assert c["x1"] <= width - MARGIN_X + SLACK, where
            assert c["top"] >= MARGIN_TOP - SLACK, where
            assert c["bottom"] <= height, where


def test_every_page_has_its_number_and_the_session_name(pages) -> None:
    fixture, doc = pages
    for number, (_, height, _chars, lines) in enumerate(doc, 1):
        footer = " ".join(line["text"] for line in lines if line["top"] > height - MARGIN_BOTTOM)
        assert f"Side {number} af {len(doc)}" in footer
        name = "Fællesspisning i Nordby" if fixture == "report_9.yaml" else "Et meget stort"
        assert name in footer


def test_the_board_is_whole_on_one_page(pages) -> None:
    _fixture, doc = pages
    texts = ["\n".join(line["text"] for line in lines) for *_, lines in doc]
    board_pages = [i for i, text in enumerate(texts) if "Tal ind i deres dagsorden" in text]
    first = board_pages[0]
    assert first == 0  # up front
    page = texts[first]
    # both axes' names, the four quadrants and the legend under it, on that page
    for part in ("Fælles interesse →", "Ræk ud først", "Hold øje med", "Gå sammen",
                 "Fælles interesse: 1 = lidt til fælles"):  # fmt: skip
        assert part in page, part
    turned = "".join(c["text"] for c in doc[first][2] if not c["upright"]).replace(" ", "")
    assert set("Indydelsogrc") <= set(turned) and len(turned) >= 20  # "Indflydelse og ressourcer"


def test_no_page_ends_with_a_heading(pages) -> None:
    _fixture, doc = pages
    for number, (_, height, _chars, lines) in enumerate(doc[:-1], 1):
        inside = [
            line
            for line in lines
            if line["top"] < height - MARGIN_BOTTOM and all(c["upright"] for c in line["chars"])
        ]
        last = inside[-1]
        # a heading is bold and black; the red "(overskredet …)" that may wrap is no heading
        bold = all("Bold" in c["fontname"] and not red(c) for c in last["chars"]
                   if c["text"].strip())  # fmt: skip
        assert not bold, f"page {number} ends with {last['text']!r}"


def red(char: dict) -> bool:
    colour = char.get("non_stroking_color") or (0,)
    return len(colour) == 3 and colour[0] > 0.5 and colour[1] < 0.2


def test_a_crowded_board_has_a_numbered_key(pages) -> None:
    """The list by quadrant after the board (the drawing's text for a screen reader) is the
    key to the numbers of a crowded board; it was a key of its own after the lists."""
    fixture, doc = pages
    text = "\n".join(line["text"] for *_, lines in doc for line in lines)
    assert "Diagrammet som liste, kvadrant for kvadrant" in text
    if fixture == "report_60.yaml":
        assert re.search(r"^60 Partner 45 Langtnavns", text, flags=re.M)
    else:
        assert re.search(r"^1 Biblioteket", text, flags=re.M)  # the post-it, named


def page_texts(doc: list) -> list[str]:
    return ["\n".join(line["text"] for line in lines) for *_, lines in doc]


def test_the_overview_fits_two_pages_with_the_key_right_after_the_board(pages) -> None:
    fixture, doc = pages
    texts = page_texts(doc)
    first_step = next(i for i, text in enumerate(texts) if "Før I går i gang" in text)
    # at most 2 pages for 60 partners; ONE for the typical session of 9 (README: "én side for
    # en typisk session"), its open checklist items included, and no near-empty page 2
    assert first_step == (1 if fixture == "report_9.yaml" else 2)
    assert "Åbne punkter på tjeklisten" in texts[first_step - 1]
    assert "Diagrammet som liste, kvadrant for kvadrant" in texts[0]  # on the board's page
    assert texts[0].index("Fælles interesse →") < texts[0].index("Diagrammet som liste")


def test_no_page_is_mostly_empty(pages) -> None:
    """Partners' sections break between their parts, not each before a new page: every page
    is at least half full but the overview's last and the report's last."""
    _fixture, doc = pages
    texts = page_texts(doc)
    overview_end = next(i for i, text in enumerate(texts) if "Før I går i gang" in text) - 1
    for number, (_, height, _chars, lines) in enumerate(doc):
        inside = [line for line in lines if line["top"] < height - MARGIN_BOTTOM]
        assert inside, f"page {number + 1} is blank"
        if number in (overview_end, len(doc) - 1):
            continue
        lowest = max(line["bottom"] for line in inside)
        assert lowest / height > 0.5, f"page {number + 1}: {texts[number][-200:]!r}"


def test_partner_headings_are_as_large_as_the_text_under_them(nine) -> None:
    lines = [line for *_, page in nine for line in page]
    # (the last: the overview's list has the same line, smaller)
    heading = [line for line in lines if line["text"] == "1. Biblioteket (Ræk ud først)"][-1]
    question = next(line for line in lines if line["text"].startswith("Hvad interesserer I jer"))
    label = next(line for line in lines if line["text"] == "FÆLLES MÅL OG INTERESSER")
    size = min(c["size"] for c in heading["chars"] if c["text"].strip())
    assert size >= max(c["size"] for c in question["chars"] + label["chars"])


def test_the_partner_tables_print_names_plain_in_fixed_columns(nine) -> None:
    doc = nine
    rows = [
        line
        for *_, lines in doc
        for line in lines
        if re.match(r"\d Biblioteket Ræk ud først 4 5$", line["text"])
    ]
    assert rows, "the priority table's row for Biblioteket"
    name = [c for c in rows[0]["chars"] if c["text"] in "Biblioteket"][:11]
    assert not any("Bold" in c["fontname"] for c in name)
    # fixed columns: the last score of every row of the priority table ends at one place
    quadrants = "(Ræk ud først|Tal ind i deres dagsorden|Gå sammen|Hold øje med dem)"
    ranks = re.compile(rf"\d .* {quadrants} [1-5] [1-5]$")
    table = [line for *_, lines in doc for line in lines if ranks.match(line["text"])]
    assert len(table) >= 8  # a row whose quadrant name wraps may read differently
    right_edges = {round(line["chars"][-1]["x1"]) for line in table}
    assert len(right_edges) == 1, [line["text"] for line in table]


def test_the_footer_keeps_the_name_as_it_is(store: Store, tmp_path: Path) -> None:
    """The name goes into a CSS string (the page footer): escaped, and with its spaces."""
    session = store.load(FIXTURES / "report_9.yaml")
    session.name = 'Café Nord – fase 2, Sørby & Co. (2027) "</style><b>'
    page = tmp_path / "rapport.html"
    page.write_text(html_report(session, load_guide(), TODAY), encoding="utf-8")
    style = page.read_text(encoding="utf-8").split("<style>")[1].split("</style>")[0]
    assert "<" not in style and '"</' not in style
    pdf = tmp_path / "rapport.pdf"
    run_chromium(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        lines = [line["text"] for line in first.extract_text_lines()
                 if line["top"] > first.height - MARGIN_BOTTOM]  # fmt: skip
    assert any(
        line.startswith('Café Nord – fase 2, Sørby & Co. (2027) "</style><b>') for line in lines
    ), lines


def test_the_footer_is_page_decoration_outside_the_tagged_text(pages) -> None:
    """Chromium's PDF is tagged; the footer (an @page margin box) is drawn outside the tag
    tree, so that a reader of the tagged text does not hear the name and page number on every
    page. (Chromium offers no way to mark it /Artifact itself.)"""
    _fixture, doc = pages
    for _, height, chars, _ in doc:
        footer = [c for c in chars if c["top"] > height - MARGIN_BOTTOM]
        text = [c for c in body(chars, height) if c["text"].strip()]
        assert footer and all(c.get("mcid") is None for c in footer)
        # (the board's drawing is aria-hidden: untagged too; its list by quadrant is tagged)
        assert sum(c.get("mcid") is not None for c in text) > 0.5 * len(text)
