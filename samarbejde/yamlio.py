"""Safe YAML in and out: PyYAML's C loader and dumper when present, no aliases, no tags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Msg

try:
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

MAX_BYTES = 50 * 1024 * 1024


class YamlError(Exception):
    """Not acceptable YAML; `msg` says why (its text is in the content's `ui`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.msg = Msg(key, params)


class _NoAliasDumper(_Dumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _check_tree(data: Any) -> None:
    """Refuse aliases (the same container reached twice): they let a small file explode."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            children = list(node.values()) + list(node.keys())
        elif isinstance(node, list):
            children = node
        else:
            continue
        if id(node) in seen:
            raise YamlError("yaml_alias")
        seen.add(id(node))
        stack.extend(children)


def loads(text: str | bytes) -> Any:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is None:
            raise YamlError("yaml_syntax", problem=problem) from None
        raise YamlError(
            "yaml_syntax_at", problem=problem, line=mark.line + 1, column=mark.column + 1
        ) from None
    except RecursionError:
        raise YamlError("yaml_deep") from None
    _check_tree(data)
    return data


def load_file(path: Path) -> Any:
    """Read and parse a YAML file. Raises OSError or YamlError; never changes the file."""
    with open(path, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise YamlError("yaml_big", size=MAX_BYTES)
    return loads(raw)


def dumps(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
