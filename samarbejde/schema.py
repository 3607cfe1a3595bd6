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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Problem", "SchemaError", "build", "dump"]


@dataclass(frozen=True)
class Problem:
    place: str
    fault: str  # missing | unknown | duplicate | type | value | reference
    params: Mapping[str, str] = field(default_factory=dict)


class SchemaError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s): {problems[:3]}")
        self.problems = problems


_HINTS: dict[type, dict[str, Any]] = {}


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
    if origin is dict or dataclasses.is_dataclass(tp):
        return "mapping"
    if origin in (typing.Union, types.UnionType):
        return next(_expected_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is typing.Literal:
        return "str"
    return {str: "str", int: "int", bool: "bool", dt.date: "date", dt.datetime: "datetime"}.get(
        tp, "str"
    )


def _join(place: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else str(key)


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, place: str, fault: str, **params: str) -> None:
        self.problems.append(Problem(place or "(rod)", fault, params))

    def type_fault(self, place: str, tp: Any, value: Any) -> None:
        self.fail(place, "type", expected=_expected_name(tp), got=type_name(value))

    def value(self, tp: Any, data: Any, place: str) -> Any:
        if tp is Any:
            return data
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(tp)
            if data is None and type(None) in args:
                return None
            inner = [a for a in args if a is not type(None)]
            return self.value(inner[0], data, place)
        if origin is typing.Literal:
            choices = typing.get_args(tp)
            if data not in choices:
                self.fail(place, "value", value=str(data))
            return data
        if origin is list or origin is tuple:
            if not isinstance(data, list):
                self.type_fault(place, tp, data)
                return () if origin is tuple else []
            item_tp = typing.get_args(tp)[0]
            items = [self.value(item_tp, item, _join(place, i)) for i, item in enumerate(data)]
            self.check_unique_ids(item_tp, data, place)
            return tuple(items) if origin is tuple else items
        if origin is dict:
            if not isinstance(data, dict):
                self.type_fault(place, tp, data)
                return {}
            _key_tp, value_tp = typing.get_args(tp)
            out = {}
            for key, item in data.items():
                if not isinstance(key, str):
                    self.fail(_join(place, str(key)), "type", expected="str", got=type_name(key))
                    continue
                out[key] = self.value(value_tp, item, _join(place, key))
            return out
        if dataclasses.is_dataclass(tp):
            return self.dataclass(tp, data, place)
        return self.scalar(tp, data, place)

    def scalar(self, tp: Any, data: Any, place: str) -> Any:
        if tp is bool:
            if isinstance(data, bool):
                return data
        elif tp is int:
            if isinstance(data, int) and not isinstance(data, bool):
                return data
        elif tp is str:
            if isinstance(data, str):
                return data
        elif tp is dt.datetime:
            if isinstance(data, dt.datetime):
                return data
            if isinstance(data, str):
                try:
                    return dt.datetime.fromisoformat(data)
                except ValueError:
                    self.fail(place, "value", value=data)
                    return None
        elif tp is dt.date:
            if isinstance(data, dt.date) and not isinstance(data, dt.datetime):
                return data
            if isinstance(data, str):
                try:
                    return dt.date.fromisoformat(data)
                except ValueError:
                    self.fail(place, "value", value=data)
                    return None
        self.type_fault(place, tp, data)
        return None

    def dataclass(self, cls: Any, data: Any, place: str) -> Any:
        if not isinstance(data, dict):
            self.type_fault(place, cls, data)
            return None
        hints = _hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        keeps_extra = "extra" in fields
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, item in data.items():
            if key in fields and key != "extra":
                kwargs[key] = self.value(hints[key], item, _join(place, key))
            elif keeps_extra and isinstance(key, str):
                extra[key] = item
            else:
                self.fail(_join(place, str(key)), "unknown")
        missing = False
        for name, f in fields.items():
            if name == "extra" or name in kwargs:
                continue
            no_default = f.default is dataclasses.MISSING
            if no_default and f.default_factory is dataclasses.MISSING:
                self.fail(_join(place, name), "missing")
                missing = True
        if missing:
            return None
        if keeps_extra:
            kwargs["extra"] = extra
        try:
            return cls(**kwargs)
        except (TypeError, ValueError):
            return None

    def check_unique_ids(self, item_tp: Any, data: list[Any], place: str) -> None:
        if not (dataclasses.is_dataclass(item_tp) and "id" in _hints(item_tp)):
            return
        seen: set[str] = set()
        for i, item in enumerate(data):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                self.fail(_join(_join(place, i), "id"), "duplicate", value=ident)
            seen.add(ident)


def build(cls: type, data: Any) -> Any:
    """Build `cls` from `data`, or raise `SchemaError` with every problem found."""
    builder = _Builder()
    result = builder.value(cls, data, "")
    if builder.problems:
        raise SchemaError(builder.problems)
    return result


def dump(value: Any) -> Any:
    """The plain YAML-ready form of a dataclass tree: `extra` keys merged back in."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "extra":
                extra = item
            else:
                out[f.name] = dump(item)
        for key, item in extra.items():
            out.setdefault(key, item)
        return out
    if isinstance(value, (list, tuple)):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
