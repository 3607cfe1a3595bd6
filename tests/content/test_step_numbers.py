"""A step's number comes from the guide: the texts that name a step say `{step}`, so a step a
content file inserts renumbers them; and two steps cannot have the same number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samarbejde.base.errors import ContentError
from samarbejde.guide.content import Guide, load_guide
from samarbejde.guide.texts import bundled_data, bundled_guide_path, fallback_texts
from samarbejde.sessions.model import Partner, new_session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW

# The texts that name a step, the step, and how they read with the shipped guide.
NAMED_STEPS = {
    "actors_from_dagligdag": (
        "dagligdag",
        "Fra trin 1 – hvor de møder kommunen og civilsamfundet i dag: x",
    ),
    "rate_no_partners": ("aktoerer", "Der er ingen partnere at vurdere. Tilføj dem i trin 2."),
    "outreach_no_partners": ("aktoerer", "Der er ingen partnere endnu. Tilføj dem i trin 2."),
    "error_contact_no_partners": (
        "aktoerer",
        'Sessionen "x" har ingen partnere endnu. Tilføj dem i trin 2.',
    ),
    "list_no_plan": ("raek_ud", "x: x er ikke med i kontaktplanen (trin 4)"),
    "contact_plan_started": ("raek_ud", "x er nu med i jeres kontaktplan (trin 4)."),
    "share_section_dagligdag": ("dagligdag", "borgerens dagligdag (trin 1)"),
    "agreement_no_partners": (
        "aktoerer",
        '"x" har ingen partnere endnu. Aftalen er med en partner fra trin 2.',
    ),
}


def test_no_text_names_a_step_by_a_number_of_its_own() -> None:
    ui = bundled_data()["ui"]
    assert [k for k, text in ui.items() if re.search(r"(?i)\btrin \d", text)] == []
    named = sorted(k for k, text in ui.items() if "trin {step}" in text.lower())
    assert named == sorted(NAMED_STEPS)


def test_the_texts_read_as_before_with_the_shipped_guide(guide: Guide) -> None:
    fields = {"answer": "x", "session": "x", "names": "x", "name": "x", "partner": "x"}
    for key, (step_id, said) in NAMED_STEPS.items():
        assert guide.texts(key, step=guide.step_number(step_id), **fields) == said


def write_variant(tmp_path: Path, change) -> Path:
    """The shipped guide, changed, as a content file."""
    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def insert_step(data: dict) -> None:
    """A step of the organisation's own before the daily life: every later step moves on."""
    new = {"id": "forberedelse", "number": 1, "title": "Forbered jer", "text": ["Tal sammen."],
           "questions": []}  # fmt: skip
    for step in data["steps"][1:]:
        step["number"] += 1
    data["steps"].insert(1, new)


@pytest.fixture
def inserted(tmp_path: Path) -> Path:
    return write_variant(tmp_path, insert_step)


def test_an_inserted_step_renumbers_the_texts(inserted: Path, home: Path, cli) -> None:
    guide = load_guide(inserted)
    assert [guide.step_number(s) for s in ("dagligdag", "aktoerer", "raek_ud")] == [2, 3, 5]
    session = new_session("Nordby", "kommune", NOW, "Kulturhuset")
    session.partners = [Partner(id="p1", name="Biblioteket", interest=5, influence=5)]
    session.set_answer("dagligdag", "moeder", "i hallen")
    Store(home, lambda: NOW).save(session)
    listed = " ".join(cli("--content", str(inserted), "list").stdout.split())
    assert "Nordby: Biblioteket er ikke med i kontaktplanen (trin 5)" in listed
    shared = cli("--content", str(inserted), "export", "Nordby", "--format", "share",
                 "--include", "dagligdag", "-o", str(home / "delt.yaml"))  # fmt: skip
    assert shared.code == 0, shared.stderr
    assert "Den indeholder: borgerens dagligdag (trin 2)." in " ".join(shared.stdout.split())
    header = (home / "delt.yaml").read_text(encoding="utf-8")
    assert "Indeholder: borgerens dagligdag (trin 2)." in header
    # with the shipped guide, as before
    listed = " ".join(cli("list").stdout.split())
    assert "Nordby: Biblioteket er ikke med i kontaktplanen (trin 4)" in listed


def test_two_steps_with_the_same_number_are_refused(tmp_path: Path) -> None:
    def same(data: dict) -> None:
        data["steps"][3]["number"] = 2

    with pytest.raises(ContentError) as info:
        load_guide(write_variant(tmp_path, same))
    said = fallback_texts().render(info.value.msg)
    assert "steps[3].number" in said
    assert 'trinnummeret 2 er allerede brugt af trinnet "aktoerer"' in said
