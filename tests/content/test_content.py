"""The guide as content: complete, true to the seed, and refused clearly when broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samarbejde.base.errors import ContentError
from samarbejde.guide.content import load_guide
from samarbejde.guide.texts import bundled_guide_path, fallback_texts
from tests.helpers.program import FIXTURES, run_inside, run_program
from tests.helpers.seed import CORRECTIONS, DU_TO_I, normalise


def all_strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in all_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in all_strings(v)]
    return []


def seed_sentences() -> list[str]:
    text = (FIXTURES / "seed_guide.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\d+\.\s+", "", line.strip())
        # "**Prioritering:** For at ..." -> the title and the text are separate fields
        label = re.match(r"^\*\*([^*]+):\*\*\s*", line)
        if label:
            out.append(label.group(1))
            line = line[label.end() :]
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            if normalise(sentence):
                out.append(sentence)
    return out


def test_every_sentence_of_the_seed_is_in_the_content() -> None:
    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    haystack = " | ".join(normalise(s) for s in all_strings(data))
    missing = []
    for sentence in seed_sentences():
        wanted = normalise(sentence)
        for wrong, right in (CORRECTIONS | DU_TO_I).items():
            wanted = wanted.replace(wrong, right)
        if wanted not in haystack:
            missing.append(sentence)
    assert missing == []
    assert len(seed_sentences()) > 50


def test_bundled_guide_has_the_whole_journey(guide) -> None:
    assert [s.id for s in guide.steps] == [
        "foer",
        "dagligdag",
        "aktoerer",
        "prioriter",
        "raek_ud",
        "tjekliste",
    ]
    assert [s.number for s in guide.steps] == [0, 1, 2, 3, 4, 5]
    assert not guide.step("aktoerer").from_guide  # the program's own step, marked
    assert guide.step("dagligdag").from_guide
    assert [len(r.points) for r in guide.roles] == [3, 3]
    assert [c.title for c in guide.outreach_cards] == [
        "Fælles mål og interesser",
        "Forbered jer godt",
        "Tal ind i hinandens dagsorden",
        "Vedligehold kontakten",
    ]
    assert len(guide.checklist) == 6
    assert all(len(item.points) == 2 for item in guide.checklist)
    assert [f.label for f in guide.forms] == [
        "Samskabelse af aktiviteter",
        "Brobygning",
        "Langsigtede partnerskaber",
        "Deling af ressourcer",
    ]
    assert guide.diagram.x.name == "Fælles interesse"
    assert guide.diagram.y.name == "Indflydelse og ressourcer"


def test_texts_fill_in_fields(guide) -> None:
    assert (
        guide.texts("error_session_not_found", name="Nordby") == 'Ingen session ved navn "Nordby".'
    )


# -- broken content files -----------------------------------------------------------------


def write_variant(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def message_of(exc: ContentError) -> str:
    return fallback_texts().render(exc.msg)


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["steps"][3]["questions"][0].pop("label"))
    with pytest.raises(ContentError) as info:
        load_guide(path)
    text = message_of(info.value)
    assert str(path) in text
    assert "steps[3].questions[0].label" in text
    assert "feltet mangler" in text


def test_unknown_field_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["checklist"][2].update(colour="red"))
    with pytest.raises(ContentError) as info:
        load_guide(path)
    text = message_of(info.value)
    assert "checklist[2].colour" in text and "ukendt felt" in text


def test_duplicate_id_is_named(tmp_path: Path) -> None:
    def dup(d):
        d["steps"][1]["questions"][1]["id"] = d["steps"][1]["questions"][0]["id"]

    path = write_variant(tmp_path, dup)
    with pytest.raises(ContentError) as info:
        load_guide(path)
    text = message_of(info.value)
    assert "steps[1].questions[1].id" in text
    assert 'id\'et "maalgruppe" findes allerede' in text


def test_wrong_type_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["diagram"].update(high_from="tre"))
    with pytest.raises(ContentError) as info:
        load_guide(path)
    text = message_of(info.value)
    assert "diagram.high_from" in text
    assert "forventede heltal, fik tekst" in text


def test_missing_required_step_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["steps"].pop(4))
    with pytest.raises(ContentError) as info:
        load_guide(path)
    said = message_of(info.value)
    assert "raek_ud" in said and "programmet bygger selv på dem" in said


def test_cli_refuses_a_broken_content_file_without_traceback(tmp_path: Path, home: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["roles"][0].pop("points"))
    result = run_program("--content", str(path), "guide")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "roles[0].points: feltet mangler" in result.stderr
    not_yaml = tmp_path / "not.yaml"
    not_yaml.write_text("steps: [unclosed\n", encoding="utf-8")
    result = run_inside("--content", str(not_yaml), "guide")  # the same door, in-process
    assert result.returncode == 1
    assert "ikke gyldig YAML" in result.stderr and "Traceback" not in result.stderr


def test_the_health_check_is_the_content_s_and_checked(tmp_path: Path) -> None:
    """An organisation's guide sets the health check's items and scale; a scale the wrong way
    round or an item twice is refused by place, an item its checklist lacks is left out."""

    def own(d):
        d["health"].update(scale_min=1, scale_max=4, low="nej", high="ja")
        d["health"]["items"] = ["spilleregler", "snak_ofte", "findes_ikke"]

    guide = load_guide(write_variant(tmp_path, own))
    assert guide.health is not None and list(guide.health.scale) == [1, 2, 3, 4]
    assert [i.id for i in guide.health_items()] == ["spilleregler", "snak_ofte"]
    for change, place in (
        (lambda d: d["health"].update(scale_min=5, scale_max=3), "health.scale_max"),
        (lambda d: d["health"].update(scale_min=0), "health.scale_min"),
        (lambda d: d["health"].update(scale_max=10), "health.scale_max"),
        (lambda d: d["health"]["items"].append("snak_ofte"), "health.items[6]"),
        (lambda d: d["health"].update(items=["findes_ikke"]), "health.items"),
    ):
        with pytest.raises(ContentError) as info:
            load_guide(write_variant(tmp_path, change))
        assert place in message_of(info.value)
    # a guide without one has no health check
    assert load_guide(write_variant(tmp_path, lambda d: d.pop("health"))).health_items() == []
