"""Session files written and read fast, in a strict subset of YAML that any YAML reader
understands the same way.

Written: block mappings and sequences; a *flat* record (a mapping or list of strings,
integers, booleans and nulls, with no long or multi-line text) goes on one line in JSON flow
style, e.g. `- {"id": "p1", "name": "Brugsen", "interest": 2}`; other scalars are plain where
that is unambiguous, else double-quoted. So a post-it or a contact-log entry is one line.

Read: text in exactly that subset is parsed line by line, the flow parts by `json`. For
anything else `parse` returns None and the caller falls back to PyYAML. The tests check on
random sessions that `parse` and PyYAML read every emitted file alike.

PyYAML alone needs about 0.2 s to write or read a session with 1,000 partners; this takes a
tenth of that.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]
_dec = json.JSONDecoder()

_LETTER = "A-Za-z0-9ÆØÅæøåÀ-ÖØ-öø-ÿ"
_PLAIN = re.compile(rf"[{_LETTER}_(][{_LETTER}_ ,.()/'+-]*")
_RESERVED = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null|nan|inf)$"
    r"|[-+]?[\d._]+(?:[eE][-+]?\d+)?$"
    r"|0[xob]"
    r"|\d{4}-\d\d?-\d\d?"
)
# Characters a YAML reader does not take raw inside a double-quoted scalar.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
MAX_FLOW_DEPTH = 8
LONG_TEXT = 100  # a record holding longer text is written in block style, one field a line


class Unsupported(Exception):
    """The data holds something this writer leaves to PyYAML (floats, times, odd keys)."""


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _quoted(text: str) -> str:
    out = _enc(text)
    return _NEEDS_ESCAPE.sub(_escape, out) if _NEEDS_ESCAPE.search(out) else out


def _is_plain(text: str) -> bool:
    return bool(_PLAIN.fullmatch(text)) and not text.endswith(" ") and not _RESERVED.match(text)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value if _is_plain(value) else _quoted(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise Unsupported(type(value).__name__)


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise Unsupported("key")
    return key if _is_plain(key) else _quoted(key)


def _flat(value: Any) -> bool:
    is_dict = type(value) is dict
    for item in value.values() if is_dict else value:
        kind = type(item)
        if kind is str:
            if len(item) > LONG_TEXT or "\n" in item:
                return False
        elif not (item is None or kind is int or kind is bool):
            return False
    return not is_dict or all(type(k) is str for k in value)


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _flow(value: Any) -> str:
    out = _encode(value)
    return _NEEDS_ESCAPE.sub(_escape, out) if _NEEDS_ESCAPE.search(out) else out


def emit(data: dict[str, Any]) -> str:
    """The YAML text for a mapping; raises Unsupported for what PyYAML should write."""
    out: list[str] = []
    _mapping(data, "", out)
    return "".join(out)


class Emitter:
    """`emit` that remembers the text of each entry one level down (a partner, a plan):
    saving again after one answer writes out only what changed."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, Any], tuple[Any, str]] = {}

    def emit(self, data: dict[str, Any]) -> str:
        memo: dict[tuple[str, Any], tuple[Any, str]] = {}
        out: list[str] = []
        for key, value in data.items():
            kind = type(value)
            if not ((kind is dict or kind is list) and value) or _flat(value):
                _value(value, f"{_key(key)}:", "", out)
                continue
            out.append(f"{_key(key)}:\n")
            entries = value.items() if kind is dict else enumerate(value)
            for sub, item in entries:
                remembered = self._memo.get((key, sub))
                if remembered is not None and remembered[0] == item:
                    text = remembered[1]
                else:
                    part: list[str] = []
                    if kind is dict:
                        _value(item, f"  {_key(sub)}:", "  ", part)
                    else:
                        _sequence([item], "", part)
                    text = "".join(part)
                memo[(key, sub)] = (item, text)
                out.append(text)
        self._memo = memo
        return "".join(out)


def _value(value: Any, prefix: str, indent: str, out: list[str], flat: bool | None = None) -> None:
    """Write `value` after `prefix` ("key:" or "-"), nested lines at `indent`."""
    kind = type(value)
    if kind is dict or kind is list:
        if not value:
            out.append(f"{prefix} {{}}\n" if kind is dict else f"{prefix} []\n")
        elif flat if flat is not None else _flat(value):
            out.append(f"{prefix} {_flow(value)}\n")
        elif kind is dict:
            out.append(prefix + "\n")
            _mapping(value, indent + "  ", out)
        else:
            out.append(prefix + "\n")
            _sequence(value, indent, out)
    else:
        out.append(f"{prefix} {_scalar(value)}\n")


def _mapping(data: dict[Any, Any], indent: str, out: list[str]) -> None:
    for key, value in data.items():
        _value(value, f"{indent}{_key(key)}:", indent, out)


def _sequence(items: list[Any], indent: str, out: list[str]) -> None:
    for item in items:
        kind = type(item)
        if (kind is dict or kind is list) and item:
            flat = _flat(item)
            if not flat:
                if kind is list:
                    raise Unsupported("nested list")
                inner: list[str] = []
                _mapping(item, indent + "  ", inner)
                inner[0] = f"{indent}- {inner[0][len(indent) + 2 :]}"
                out.extend(inner)
                continue
            _value(item, f"{indent}-", indent + "  ", out, flat)
        else:
            _value(item, f"{indent}-", indent + "  ", out)


# -- reading ----------------------------------------------------------------------------------


class _Bail(Exception):
    pass


def parse(text: str) -> Any:
    """Read text this module wrote (or text in the same subset); None for anything else."""
    lines = [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
    if not lines or any("\t" in line or line.rstrip() != line for line in lines):
        return None
    try:
        value, end = _block(lines, 0, 0)
    except (_Bail, ValueError, IndexError, RecursionError):
        return None
    return value if end == len(lines) else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], i: int, indent: int) -> tuple[Any, int]:
    if lines[i].startswith("-", indent):
        return _seq(lines, i, indent)
    return _map(lines, i, indent)


def _split_key(line: str, start: int) -> tuple[str, str]:
    """(key, rest after the colon) of `key: value` or `key:` from `start`."""
    if line.startswith('"', start):
        key, end = _dec.raw_decode(line, start)
        if not line.startswith(":", end):
            raise _Bail
        return key, line[end + 1 :]
    colon = line.find(":", start)
    if colon < 0:
        raise _Bail
    key = line[start:colon]
    if not _is_plain(key):
        raise _Bail
    return key, line[colon + 1 :]


def _map(
    lines: list[str], i: int, indent: int, first: str | None = None
) -> tuple[dict[str, Any], int]:
    """A block mapping at `indent`; `first` replaces line i (an entry after a dash)."""
    out: dict[str, Any] = {}
    while i < len(lines):
        line = first if first is not None else lines[i]
        first = None
        if _indent(line) != indent or line.startswith("-", indent):
            break
        key, rest = _split_key(line, indent)
        if key in out:
            raise _Bail
        i += 1
        if rest:
            if not rest.startswith(" "):
                raise _Bail
            out[key] = _leaf(rest[1:])
        elif i < len(lines) and _indent(lines[i]) > indent:
            out[key], i = _block(lines, i, _indent(lines[i]))
        elif i < len(lines) and _indent(lines[i]) == indent and lines[i].startswith("-", indent):
            out[key], i = _seq(lines, i, indent)
        else:
            raise _Bail  # `key:` with nothing: leave the subtleties to PyYAML
    if i < len(lines) and _indent(lines[i]) > indent:
        raise _Bail
    return out, i


def _seq(lines: list[str], i: int, indent: int) -> tuple[list[Any], int]:
    out: list[Any] = []
    while i < len(lines) and _indent(lines[i]) == indent and lines[i].startswith("-", indent):
        line = lines[i]
        if not line.startswith("- ", indent):
            raise _Bail
        body = line[indent + 2 :]
        if body.startswith(("{", "[", '"')) or _is_leaf(body):
            out.append(_leaf(body))
            i += 1
            continue
        # a block mapping whose first entry shares the line with the dash
        value, i = _map(lines, i, indent + 2, first=" " * (indent + 2) + body)
        out.append(value)
    return out, i


def _is_leaf(text: str) -> bool:
    return ": " not in text and not text.endswith(":")


def _leaf(text: str) -> Any:
    if text.startswith(("{", "[", '"')):
        value, end = _dec.raw_decode(text)
        if end != len(text):
            raise _Bail
        if isinstance(value, float) or (
            isinstance(value, dict | list) and not _json_only(value, 1)
        ):
            raise _Bail
        return value
    if text == "null":
        return None
    if text == "true":
        return True
    if text == "false":
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _DATE.fullmatch(text):
        return dt.date.fromisoformat(text)
    if _is_plain(text):
        return text
    raise _Bail


def _json_only(value: Any, depth: int) -> bool:
    """JSON values that a YAML reader takes alike (no floats: `1e5` differs), not deep."""
    if depth > MAX_FLOW_DEPTH:
        return False
    items = value.values() if isinstance(value, dict) else value
    for item in items:
        if isinstance(item, float):
            return False
        if isinstance(item, dict | list) and not _json_only(item, depth + 1):
            return False
    return True
