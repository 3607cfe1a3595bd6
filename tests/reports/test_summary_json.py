"""`summary --json` is one model's JSON form, and the README's example of it is held to that
model's schema: the two cannot drift apart."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from samarbejde.guide.content import Guide
from samarbejde.reports.summary import Summary, build
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES, NOW, ROOT

README = ROOT / "README.md"


def readme_example() -> Any:
    text = README.read_text(encoding="utf-8")
    part = text.split("## `summary --json`", 1)[1]
    block = re.search(r"```json\n(.*?)```", part, re.S)
    assert block is not None
    return json.loads(block.group(1))


def conforms(value: Any, schema: dict[str, Any], defs: dict[str, Any], place: str) -> None:
    """Every object has exactly the schema's keys, and every value the schema's type."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if value is None:
            assert any(s.get("type") == "null" for s in schema["anyOf"]), place
            return
        return conforms(value, options[0], defs, place)
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        assert isinstance(value, dict), place
        assert sorted(value) == sorted(schema["properties"]), place
        for key, sub in schema["properties"].items():
            conforms(value[key], sub, defs, f"{place}.{key}")
    elif kind == "object":
        assert isinstance(value, dict), place
        for key, item in value.items():
            conforms(item, schema["additionalProperties"], defs, f"{place}.{key}")
    elif kind == "array":
        assert isinstance(value, list), place
        for index, item in enumerate(value):
            conforms(item, schema["items"], defs, f"{place}[{index}]")
    else:
        python = {"string": str, "integer": int, "boolean": bool}[kind]
        assert isinstance(value, python), (place, value)


SCHEMA = Summary.model_json_schema(mode="serialization")


def test_the_readme_example_is_the_model_s_form() -> None:
    example = readme_example()
    conforms(example, SCHEMA, SCHEMA["$defs"], "summary")
    # the example shows every list's items, so each part of the form is documented
    for key in ("steps", "partners", "checklist", "next_contacts", "rounds"):
        assert example[key], key


def test_the_program_s_output_is_the_model_s_form(cli, nordby: Path) -> None:
    result = cli("summary", "--json")
    assert result.code == 0
    data = json.loads(result.stdout)
    conforms(data, SCHEMA, SCHEMA["$defs"], "summary")
    assert data["name"] == "Fællesspisning i Nordby"
    assert data["updated"].endswith(("+01:00", "+00:00")) and "Z" not in data["updated"]


def test_the_check_can_fail() -> None:
    example = readme_example()
    example["steps"][0]["from_somewhere"] = True
    try:
        conforms(example, SCHEMA, SCHEMA["$defs"], "summary")
    except AssertionError:
        return
    raise AssertionError("an undocumented key passed")


def fields_of(model: BaseModel) -> dict[str, Any]:
    """A model's fields as given, nested models too (the excluded ones as well)."""
    return {
        name: fields_of(value) if isinstance(value, BaseModel) else
        [fields_of(v) if isinstance(v, BaseModel) else v for v in value] if isinstance(value, list)
        else {k: fields_of(v) if isinstance(v, BaseModel) else v for k, v in value.items()}
        if isinstance(value, dict) else value
        for name, value in model.__dict__.items()
    }  # fmt: skip


@pytest.mark.parametrize("fixture", ["report_9.yaml", "session_v1.yaml", "report_60.yaml"])
def test_the_summary_built_without_validation_is_valid(fixture: str, guide: Guide) -> None:
    """`build` makes its models with `model_construct` (no schema is built for `summary`):
    what it makes must still be exactly what validation would accept and give back, every
    field named and of its type."""
    session = Store(FIXTURES.parent, lambda: NOW).load(FIXTURES / fixture)
    built = build(session, guide, NOW.date())
    given = fields_of(built)
    assert sorted(given) == sorted(Summary.model_fields)  # no field left out, none made up
    validated = Summary.model_validate(given, strict=False)
    assert validated == built
    assert validated.model_dump(mode="json") == built.json_data()


def test_the_check_of_the_built_summary_can_fail(guide: Guide) -> None:
    session = Store(FIXTURES.parent, lambda: NOW).load(FIXTURES / "report_9.yaml")
    given = fields_of(build(session, guide, NOW.date()))
    given["partners"][0]["interest"] = "fire"  # a wrong type, as a typo in `build` could give
    with pytest.raises(ValidationError):
        Summary.model_validate(given)
