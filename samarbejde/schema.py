"""Build typed dataclasses from loaded YAML data, reporting every fault with its place.

A small, dependency-free validator: it reads a dataclass's type hints and checks the data
against them. Faults are collected as `Problem`s naming the place (`steps[3].questions[1].id`)
and a fault key; the Danish wording of each fault lives in the content file.

Conventions:
- a field with a default is optional; one without is required;
- a field named `extra` (a dict) receives unknown keys instead of refusing them;
- in every list of dataclasses that have an `id`, the ids must be unique.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = ["Problem", "SchemaError", "build", "dump"]


class Problem(NamedTuple):
    place: str
    fault: str  # missing | unknown | duplicate | type | value | reference
    params: Mapping[str, str] = MappingProxyType({})


class SchemaError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s): {problems[:3]}")
        self.problems = problems


_HINTS: dict[type, dict[str, Any]] = {}


def is_record(tp: Any) -> bool:
    """A dataclass or a NamedTuple class: something built from named fields."""
    return dataclasses.is_dataclass(tp) or (
        isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")
    )


def _record_fields(cls: Any) -> list[tuple[str, bool]]:
    """(name, required) of a record's fields, `extra` left out."""
    if dataclasses.is_dataclass(cls):
        return [
            (f.name, f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
            for f in dataclasses.fields(cls)
            if f.name != "extra"
        ]
    return [(name, name not in cls._field_defaults) for name in cls._fields if name != "extra"]


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = hints
    return hints


def type_name(value: Any) -> str:
    """The fault vocabulary's name for a value's type (keys `type_*` in the content)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _expected_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return "list"
    if origin is dict or is_record(tp):
        return "mapping"
    if origin in (typing.Union, types.UnionType):
        return next(_expected_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is typing.Literal:
        return "str"
    return {str: "str", int: "int", bool: "bool", dt.date: "date", dt.datetime: "datetime"}.get(
        tp, "str"
    )


# A place is kept as a chain of tuples (parent, key) and spelt out only for a problem.
Place = tuple[Any, ...] | None


def _spell(place: Place) -> str:
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    out = ""
    for key in reversed(keys):
        out = f"{out}[{key}]" if isinstance(key, int) else (f"{out}.{key}" if out else str(key))
    return out or "."


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def fail(self, place: Place, fault: str, **params: str) -> None:
        self.found.append(Problem(_spell(place), fault, params))

    def type_fault(self, place: Place, tp: Any, value: Any) -> None:
        self.fail(place, "type", expected=_expected_name(tp), got=type_name(value))


Converter = Callable[[Any, Place, _Problems], Any]
_CONVERTERS: dict[Any, Converter] = {}


def _converter(tp: Any) -> Converter:
    """A function that checks and converts data for type `tp`; made once per type."""
    conv = _CONVERTERS.get(tp)
    if conv is None:
        conv = _CONVERTERS[tp] = _make_converter(tp)
    return conv


def _make_converter(tp: Any) -> Converter:
    if tp is Any:
        return lambda data, place, problems: data
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        inner = _converter(next(a for a in args if a is not type(None)))
        nullable = type(None) in args

        def union(data: Any, place: Place, problems: _Problems) -> Any:
            if data is None and nullable:
                return None
            return inner(data, place, problems)

        return union
    if origin is typing.Literal:
        choices = typing.get_args(tp)

        def literal(data: Any, place: Place, problems: _Problems) -> Any:
            if data not in choices:
                problems.fail(place, "value", value=str(data))
            return data

        return literal
    if origin is list or origin is tuple:
        item_tp = typing.get_args(tp)[0]
        check_ids = is_record(item_tp) and "id" in _hints(item_tp)
        make = tuple if origin is tuple else list

        def sequence(data: Any, place: Place, problems: _Problems) -> Any:
            if type(data) is not list:
                problems.type_fault(place, tp, data)
                return make()
            item = _converter(item_tp)
            items = make(item(value, (place, i), problems) for i, value in enumerate(data))
            if check_ids:
                _check_unique_ids(data, place, problems)
            return items

        return sequence
    if origin is dict:
        value_tp = typing.get_args(tp)[1]

        def mapping(data: Any, place: Place, problems: _Problems) -> Any:
            if type(data) is not dict:
                problems.type_fault(place, tp, data)
                return {}
            value = _converter(value_tp)
            out = {}
            for key, item in data.items():
                if type(key) is not str:
                    problems.fail((place, str(key)), "type", expected="str", got=type_name(key))
                    continue
                out[key] = value(item, (place, key), problems)
            return out

        return mapping
    if is_record(tp):
        return _record_converter(tp)
    return _scalar_converter(tp)


def _scalar_converter(tp: Any) -> Converter:
    if tp is str or tp is int or tp is bool:

        def exact(data: Any, place: Place, problems: _Problems) -> Any:
            if type(data) is tp:
                return data
            problems.type_fault(place, tp, data)
            return None

        return exact
    if tp is dt.datetime or tp is dt.date:

        def moment(data: Any, place: Place, problems: _Problems) -> Any:
            kind = type(data)
            if kind is tp:
                return data
            if kind is str:
                try:
                    return tp.fromisoformat(data)
                except ValueError:
                    problems.fail(place, "value", value=data)
                    return None
            problems.type_fault(place, tp, data)
            return None

        return moment
    raise TypeError(f"no converter for {tp!r}")


def _record_converter(cls: Any) -> Converter:
    hints = _hints(cls)
    fields = _record_fields(cls)
    keeps_extra = "extra" in hints
    names = {name for name, _ in fields}
    required = [name for name, needed in fields if needed]

    def build_one(data: Any, place: Place, problems: _Problems) -> Any:
        if type(data) is not dict:
            problems.type_fault(place, cls, data)
            return None
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, item in data.items():
            if key in names:
                kwargs[key] = _converter(hints[key])(item, (place, key), problems)
            elif keeps_extra and type(key) is str:
                extra[key] = item
            else:
                problems.fail((place, str(key)), "unknown")
        missing = [name for name in required if name not in kwargs]
        for name in missing:
            problems.fail((place, name), "missing")
        if missing:
            return None
        if keeps_extra:
            kwargs["extra"] = extra
        try:
            return cls(**kwargs)
        except (TypeError, ValueError):
            return None

    return build_one


def _check_unique_ids(data: list[Any], place: Place, problems: _Problems) -> None:
    seen: set[str] = set()
    for i, item in enumerate(data):
        ident = item.get("id") if type(item) is dict else None
        if type(ident) is not str:
            continue
        if ident in seen:
            problems.fail(((place, i), "id"), "duplicate", value=ident)
        seen.add(ident)


def build(cls: type, data: Any) -> Any:
    """Build `cls` from `data`, or raise `SchemaError` with every problem found."""
    problems = _Problems()
    result = _converter(cls)(data, None, problems)
    if problems.found:
        raise SchemaError(problems.found)
    return result


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def dump(value: Any) -> Any:
    """The plain YAML-ready form of a dataclass tree: `extra` keys merged back in."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is list or kind is tuple:
        return [dump(v) for v in value]
    if kind is dict:
        return {k: dump(v) for k, v in value.items()}
    if kind is dt.datetime:
        return value.isoformat(timespec="seconds")
    if kind is dt.date:
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for name in _field_names(kind):
            if name == "extra":
                extra = value.extra  # type: ignore[attr-defined]
            else:
                out[name] = dump(getattr(value, name))
        for key, item in extra.items():
            out.setdefault(key, item)
        return out
    return value
