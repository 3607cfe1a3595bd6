"""Faithful to the guide: what the program added is marked as its own, everywhere it shows.

The marks are lines in the content (`program_note` on a step and on the diagram,
`from_guide: false` on a step the guide does not have); checked here against the seed, and
in the wizard, `guide`, `summary`, `summary --json` and the three report formats. An
organisation's own guide that drops the lines shows no mark.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from docx import Document

from samarbejde.base.yamlio import dumps, load_file
from samarbejde.cli.app import main
from samarbejde.guide.content import Guide, load_guide
from samarbejde.guide.texts import bundled_guide_path
from samarbejde.reports.render import html_report, markdown
from samarbejde.reports.word import docx_bytes
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES
from tests.helpers.prompts import line_env
from tests.helpers.seed import CORRECTIONS, DU_TO_I, normalise
from tests.helpers.wizard_lines import all_lines

TODAY = dt.date(2026, 11, 27)


def _seed() -> str:
    text = normalise((FIXTURES / "seed_guide.txt").read_text(encoding="utf-8"))
    for wrong, right in {**CORRECTIONS, **DU_TO_I}.items():  # the content's proofreading
        text = text.replace(wrong, right)
    return text


SEED = _seed()


def in_seed(text: str) -> bool:
    """Is every sentence of `text` the guide's (as the content has proofread it)?"""
    sentences = [normalise(s) for s in re.split(r"(?<=[.!?])\s+", text)]
    return all(s in SEED for s in sentences if s)


def notes(guide: Guide) -> list[str]:
    lines = [s.program_note for s in guide.steps if s.program_note]
    return [*lines, guide.diagram.program_note]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_what_the_guide_does_not_have_is_marked(guide: Guide) -> None:
    for step in guide.steps:
        if not in_seed(step.title):
            assert not step.from_guide and step.program_note, step.id
        own = [t for t in (*step.text, *(q.label for q in step.questions)) if not in_seed(t)]
        assert not own or step.program_note, (step.id, own)
    assert [s.id for s in guide.steps if not s.from_guide] == ["foer", "aktoerer"]
    # step 4's questions to the cards are the program's; the cards are the guide's
    assert all(in_seed(c.text) for c in guide.outreach_cards)
    assert not any(in_seed(c.question) for c in guide.outreach_cards)
    assert guide.step("raek_ud").program_note
    d = guide.diagram
    assert not any(in_seed(name) for name in (d.x.name, d.y.name, *(q.name for q in d.quadrants)))
    assert "programmets bud" in d.program_note
    assert guide.step("aktoerer").program_note == (
        "Trin 2 mangler i den udgave af guiden, programmet bygger på. Teksten er programmets bud."
    )
    assert "genskabt" not in bundled_guide_path().read_text(encoding="utf-8")


def test_the_wizard_shows_every_mark(home: Path, guide: Guide) -> None:
    env = line_env(home, all_lines())
    assert main(["--enkel", "start"], env) == 0
    out = flat(env.console.file.getvalue())  # type: ignore[attr-defined]
    for line in notes(guide):
        assert flat(line) in out


def test_guide_and_summary_show_the_marks(cli, nordby: Path, guide: Guide) -> None:
    out = flat(cli("guide").stdout)
    for line in notes(guide):
        assert flat(line) in out
    out = flat(cli("summary", "nordby").stdout)
    assert 'Ikke fra guiden: "Før I går i gang" og "2. Aktørerne omkring borgeren" er' in out
    assert flat(guide.diagram.program_note) in out
    data = json.loads(cli("summary", "nordby", "--json").stdout)
    assert [(s["id"], s["from_guide"]) for s in data["steps"]] == [
        ("foer", False),
        ("dagligdag", True),
        ("aktoerer", False),
        ("prioriter", True),
        ("raek_ud", True),
        ("tjekliste", True),
    ]
    assert [s["program_note"] for s in data["steps"]] == [s.program_note for s in guide.steps]


@pytest.fixture
def session(store: Store) -> Session:
    return store.load(FIXTURES / "session_v1.yaml")


def test_the_reports_mark_each_section_and_the_board(
    session: Session, guide: Guide, tmp_path: Path
) -> None:
    md = markdown(session, guide, TODAY)
    for line in notes(guide):
        assert f"> *{flat(line)}*" in md  # a quoted line in italics
    assert md.index(guide.diagram.program_note) < md.index("| Tal ind i deres dagsorden")
    for step in guide.steps:
        if step.program_note:  # right under its heading
            assert step.title in md.split(f"> *{step.program_note}*")[0][-200:]

    page = html_report(session, guide, TODAY)
    marked = re.findall(r'<(?:p|span) class="program-note">([^<]*)</', page)
    assert [flat(html.unescape(m)) for m in marked] == [
        flat(line) for line in [notes(guide)[-1], *notes(guide)[:-1]]
    ]

    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(session, guide, TODAY))
    paragraphs = Document(str(path)).paragraphs
    italic = [p.text for p in paragraphs if p.runs and all(r.italic for r in p.runs)]
    for line in notes(guide):
        assert flat(line) in italic
    after = [paragraphs[i + 1].text for i, p in enumerate(paragraphs[:-1])
             if p.style.name == "Heading 1"]  # fmt: skip
    assert flat(guide.step("aktoerer").program_note) in after


def test_an_own_guide_without_the_lines_marks_nothing(cli, nordby: Path, tmp_path: Path) -> None:
    data = load_file(bundled_guide_path())
    for step in data["steps"]:
        step.pop("program_note", None)
        step.pop("from_guide", None)
    del data["diagram"]["program_note"]
    own = tmp_path / "vores-guide.yaml"
    own.write_text(dumps(data), encoding="utf-8")
    summary = cli("--content", str(own), "summary", "nordby")
    assert summary.code == 0 and "programmets bud" not in summary.stdout
    assert "Ikke fra guiden" not in summary.stdout
    steps = json.loads(cli("--content", str(own), "summary", "nordby", "--json").stdout)["steps"]
    assert all(s["from_guide"] and s["program_note"] == "" for s in steps)
    report = markdown(Store(tmp_path, lambda: None).load(nordby), load_guide(own), TODAY)
    assert "programmets bud" not in report and "> *" not in report
