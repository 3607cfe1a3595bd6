"""The fast session writer and reader agree with PyYAML on everything they write."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from samarbejde import fastyaml, yamlio

from .conftest import FIXTURES

texts = st.text(max_size=120) | st.sampled_from(
    [
        "yes",
        "No",
        "ON",
        "null",
        "~",
        "0x1F",
        "0o17",
        "1_000",
        "1e5",
        "2026-11-27",
        ".inf",
        "- a",
        "a: b",
        "#x",
        "x #y",
        " lead",
        "trail ",
        "æøå ÆØÅ",
        "🎉",
        "'",
        '"',
        "\\",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x7f",
        "(parentes)",
        "Foreningen's",
        "a/b",
        "<<",
        "=",
        "!tag",
        "&a",
        "*a",
        "%",
        "@",
        "`",
        "|",
        ">",
        "{x}",
        "[x]",
        ",",
        "?",
        "",
        "\t",
        "\r\n",
    ]
)
scalars = st.none() | st.booleans() | st.integers() | texts | st.dates()
keys = texts.filter(lambda k: k != "<<")
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


def pyyaml(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_emit_then_read_agrees_with_pyyaml(data) -> None:
    try:
        text = fastyaml.emit(data)
    except fastyaml.Unsupported:
        return
    assert pyyaml(text) == data
    fast = fastyaml.parse(text)
    assert fast is None or fast == data
    assert yamlio.loads(text) == data
    # what the fast writer writes, the fast reader reads (bar nested lists and empty keys)
    emitter = fastyaml.Emitter()
    assert emitter.emit(data) == text
    assert emitter.emit(data) == text  # from memory the second time


def test_session_files_take_the_fast_path() -> None:
    data = yaml.safe_load((FIXTURES / "session_v1.yaml").read_text(encoding="utf-8"))
    data["created"] = data["created"]  # strings as sessions store them
    text = fastyaml.emit(data)
    assert fastyaml.parse(text) == data == pyyaml(text)
    assert '- {"id": "p1", "name": "Frivilligcentret Nordby"' in text


def test_hand_written_yaml_falls_back_to_pyyaml() -> None:
    text = "name: Nordby # kommentar\nliste:\n  - a\n  - b\nflyd: [1, 2.5]\ndato: 2026-01-02\n"
    assert fastyaml.parse(text) is None
    assert yamlio.loads(text) == {
        "name": "Nordby",
        "liste": ["a", "b"],
        "flyd": [1, 2.5],
        "dato": dt.date(2026, 1, 2),
    }


def test_floats_are_left_to_pyyaml() -> None:
    data = {"a": 1.5, "b": [{"x": 1e16}]}
    try:
        fastyaml.emit(data)
    except fastyaml.Unsupported:
        pass
    else:
        raise AssertionError("floats must be left to PyYAML")
    assert yamlio.loads(yamlio.dumps(data)) == data
