"""Pydantic's validation errors as `Problem`s: a place (`steps[3].questions[1].id`) and a
fault key whose Danish wording lives in the content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from samarbejde.base.errors import Problem


class Record(BaseModel):
    """Read-only content: unknown keys are refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Kept(BaseModel):
    """Part of a session: unknown keys are kept and written back."""

    model_config = ConfigDict(extra="allow", defer_build=True)


DUPLICATE = "duplicate_id"  # pydantic error type of a repeated id
# Our own pydantic error types that are fault keys as they are (`fault_control`, ...), their
# context the message's parameters.
CONTROL, LANGUAGE = "control", "language"
OWN_FAULTS = (CONTROL, LANGUAGE, "word_count")


def unique_ids(items: Sequence[Any]) -> Sequence[Any]:
    """A list's items (records with an `id`) must have different ids."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            context = {"value": item.id, "index": index}
            raise PydanticCustomError(DUPLICATE, "duplicate id {value}", context)
        seen.add(item.id)
    return items


def type_name(value: Any) -> str:
    """The fault vocabulary's name for a value's type (keys `type_*` in the content)."""
    if value is None:
        return "null"
    for kind, name in (
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (str, "str"),
        (dt.datetime, "datetime"),
        (dt.date, "date"),
        (list, "list"),
        (dict, "mapping"),
    ):
        if isinstance(value, kind):
            return name
    return "str"


_EXPECTED = {
    "string_type": "str",
    "int_type": "int",
    "bool_type": "bool",
    "list_type": "list",
    "tuple_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "datetime_type": "datetime",
}


def spell(loc: Sequence[int | str]) -> str:
    out = ""
    for key in loc:
        out = f"{out}[{key}]" if isinstance(key, int) else (f"{out}.{key}" if out else str(key))
    return out or "."


def _value(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _key(key: Any) -> str:
    """A key as it stood in the file."""
    return "null" if key is None else str(key)


def problems(exc: ValidationError) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        kind, loc, given = error["type"], list(error["loc"]), error.get("input")
        if "[key]" in loc:  # a key that is no text (`2024-01-01:`): a field we do not know
            at = loc.index("[key]")
            found.append(Problem(spell([*loc[: at - 1], _key(given)]), "unknown"))
        elif kind == "invalid_key":  # the same, in a record
            found.append(Problem(spell([*loc[:-1], _key(given)]), "unknown"))
        elif kind == "missing":
            found.append(Problem(spell(loc), "missing"))
        elif kind == "extra_forbidden":
            found.append(Problem(spell(loc), "unknown"))
        elif kind in _EXPECTED:
            params = {"expected": _EXPECTED[kind], "got": type_name(given)}
            found.append(Problem(spell(loc), "type", params))
        elif kind in ("too_short", "too_long", "string_too_long"):
            ctx = error.get("ctx") or {}
            if "min_length" in ctx:
                found.append(Problem(spell(loc), "too_few", {"value": str(ctx["min_length"])}))
            else:
                found.append(Problem(spell(loc), "too_long", {"value": str(ctx["max_length"])}))
        elif kind in ("greater_than_equal", "less_than_equal"):
            ctx = error.get("ctx") or {}
            limit = str(ctx.get("ge", ctx.get("le", "")))
            fault = "too_small" if "ge" in ctx else "too_big"
            found.append(Problem(spell(loc), fault, {"value": _value(given), "limit": limit}))
        elif kind == "string_pattern_mismatch" and "x00" in str(
            (error.get("ctx") or {}).get("pattern", "")
        ):  # content text with a control character
            found.append(Problem(spell(loc), CONTROL))
        elif kind == "string_pattern_mismatch":  # the other pattern: a partner id has no dot
            found.append(Problem(spell(loc), "id_dot", {"value": _value(given)}))
        elif kind in OWN_FAULTS:
            ctx = error.get("ctx") or {}
            found.append(Problem(spell(loc), kind, {k: str(v) for k, v in ctx.items()}))
        elif kind == DUPLICATE:
            ctx = error.get("ctx") or {}
            place = spell([*loc, ctx.get("index", 0), "id"])
            found.append(Problem(place, "duplicate", {"value": str(ctx.get("value", ""))}))
        else:
            found.append(Problem(spell(loc), "value", {"value": _value(given)}))
    return found
