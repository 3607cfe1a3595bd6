"""A step whose questions are plain text is content only: a content file adds one (or leaves
out a step it does not want) without a line of Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from docx import Document

from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.guide.texts import bundled_guide_path
from tests.helpers.program import quiet_env
from tests.helpers.prompts import all_keys, drive, load, make_env, screen
from tests.helpers.wizard_script import CTRL_C, ENTER, FINISH, NAME

SEVENTH = {
    "id": "opfoelgning",
    "number": 6,
    "title": "Følg op med borgerne",
    "text": ["Spørg borgerne, hvad samarbejdet har betydet for dem."],
    "questions": [
        {"id": "hvem", "label": "Hvem spørger I?", "help": "Fx tre deltagere."},
        {"id": "hvordan", "label": "Hvordan spørger I dem?", "multiline": True},
    ],
}


def content_with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "vores-guide.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def seventh(tmp_path: Path) -> Path:
    return content_with(tmp_path, lambda data: data["steps"].append(SEVENTH))


def with_content(env, path: Path):
    env.content = path
    return env


def test_a_seventh_step_runs_through_the_wizard_summary_guide_and_reports(
    home: Path, seventh: Path, tmp_path: Path
) -> None:
    env = make_env(home)
    keys = all_keys() + "Tre deltagere" + ENTER + "Over kaffe" + ENTER + "efter mødet" + FINISH
    assert drive(keys, lambda: main(["--content", str(seventh), "start"], env)) == 0
    session = load(env)
    assert session.answers["opfoelgning"] == {
        "hvem": "Tre deltagere",
        "hvordan": "Over kaffe\nefter mødet",
    }
    assert "opfoelgning" in session.completed
    shown = screen(env)
    # one numbering, the guide's: the sixth numbered step of six
    assert "Trin 6 af 6: Følg op med borgerne" in shown and "Hvordan spørger I dem?" in shown

    out = quiet_env(home)
    assert main(["--content", str(seventh), "summary", "--json"], out) == 0
    steps = json.loads(out.stdout.getvalue())["steps"]
    assert steps[-1] == {
        "id": "opfoelgning",
        "title": "Følg op med borgerne",
        "status": "done",
        "from_guide": True,  # the organisation's own guide: no mark unless its file sets one
        "program_note": "",
    }
    assert len(steps) == 7

    out = quiet_env(home)
    assert main(["--content", str(seventh), "guide"], out) == 0
    shown = out.stdout.getvalue()
    assert "6. Følg op med borgerne" in shown and "Hvordan spørger I dem?" in shown

    for fmt in ("md", "html"):
        target = tmp_path / f"rapport.{fmt}"
        args = ["--content", str(seventh), "export", "-o", str(target), "--format", fmt]
        assert main(args, quiet_env(home)) == 0
        text = target.read_text(encoding="utf-8")
        assert "Følg op med borgerne" in text and "Tre deltagere" in text, fmt
        assert "Over kaffe" in text, fmt
    target = tmp_path / "rapport.docx"
    args = ["--content", str(seventh), "export", "-o", str(target), "--format", "docx"]
    assert main(args, quiet_env(home)) == 0
    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    assert any("Følg op med borgerne" in p for p in paragraphs)
    assert any("Tre deltagere" in p for p in paragraphs)


def test_a_stop_in_the_added_step_resumes_at_its_question(home: Path, seventh: Path) -> None:
    env = make_env(home)
    keys = all_keys() + "Tre deltagere" + ENTER + "Over kaf" + CTRL_C
    assert drive(keys, lambda: main(["--content", str(seventh), "start"], env)) == 130
    session = load(env)
    assert (session.cursor.step, session.cursor.question) == ("opfoelgning", "hvordan")
    assert session.drafts == {"opfoelgning.hvordan": "Over kaf"}
    assert session.answers["opfoelgning"] == {"hvem": "Tre deltagere"}

    env = make_env(home)
    # the resume menu: carry on (Enter), then the draft is there; finish it
    args = ["--content", str(seventh), "resume", NAME]
    assert drive(ENTER + "fe" + FINISH, lambda: main(args, env)) == 0
    session = load(env)
    assert session.answers["opfoelgning"]["hvordan"] == "Over kaffe"
    assert "opfoelgning" in session.completed and session.drafts == {}


def test_the_bundled_guide_has_no_seventh_step_and_sessions_of_it_load(home: Path) -> None:
    assert [s.id for s in load_guide().steps][-1] == "tjekliste"


def test_a_content_file_may_leave_out_steps_the_program_does_not_need(
    home: Path, tmp_path: Path
) -> None:
    def drop(data) -> None:
        data["steps"] = [s for s in data["steps"] if s["id"] not in ("foer", "dagligdag")]

    path = content_with(tmp_path, drop)
    assert [s.id for s in load_guide(path).steps] == ["aktoerer", "prioriter", "raek_ud",
                                                       "tjekliste"]  # fmt: skip


@pytest.mark.parametrize("dropped", ["aktoerer", "prioriter", "raek_ud", "tjekliste"])
def test_a_step_the_program_builds_on_must_stay_and_the_message_names_it(
    home: Path, tmp_path: Path, dropped: str
) -> None:
    def drop(data) -> None:
        data["steps"] = [s for s in data["steps"] if s["id"] != dropped]

    path = content_with(tmp_path, drop)
    result = quiet_env(home)
    assert main(["--content", str(path), "list"], result) == 1
    said = " ".join(result.err.file.getvalue().split())
    assert dropped in said and "programmet bygger selv på dem" in said


@pytest.mark.parametrize("step_id", ["start", "evaluate", "med.punktum", "Store"])
def test_an_added_step_may_not_take_the_cursors_own_places(
    home: Path, tmp_path: Path, step_id: str
) -> None:
    path = content_with(tmp_path, lambda data: data["steps"].append({**SEVENTH, "id": step_id}))
    result = quiet_env(home)
    assert main(["--content", str(path), "list"], result) == 1
    assert "steps[6].id" in result.err.file.getvalue()
