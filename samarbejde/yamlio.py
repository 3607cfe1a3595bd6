"""Safe YAML in and out: PyYAML's C loader and dumper when present, no aliases, no tags."""

from __future__ import annotations

import errno
import os
import stat
from functools import cache
from pathlib import Path
from typing import Any

from . import fastyaml
from .errors import Msg

MAX_BYTES = 50 * 1024 * 1024


class YamlError(Exception):
    """Not acceptable YAML; `msg` says why (its text is in the content's `ui`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.msg = Msg(key, params)


@cache
def _pyyaml() -> tuple[Any, type, type]:
    """PyYAML with its C loader and dumper when present; imported only when needed (the
    files this program writes are read and written without it)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class NoAliasDumper(dumper):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return yaml, loader, NoAliasDumper


MAX_DEPTH = 64


def _check_tree(data: Any) -> None:
    """Refuse aliases (the same container reached twice: they let a small file explode) and
    nesting deeper than any session or guide needs (it would break the recursive dumper)."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = [*node.values(), *node.keys()]
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            raise YamlError("yaml_deep")
        if id(node) in seen:
            raise YamlError("yaml_alias")
        seen.add(id(node))
        stack.extend((child, depth + 1) for child in children)


def loads(text: str | bytes) -> Any:
    """Parse YAML: the fast reader for text in its subset (what `dumps` writes), else PyYAML."""
    try:
        fast = fastyaml.parse(text.decode("utf-8") if isinstance(text, bytes) else text)
    except UnicodeDecodeError:
        fast = None
    if fast is not None:
        return fast
    yaml, loader, _ = _pyyaml()
    try:
        data = yaml.load(text, Loader=loader)  # a safe loader
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


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_BYTES; never blocks on a pipe or device.

    Raises OSError (IsADirectoryError for a folder) or YamlError (not a regular file, too big).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise YamlError("yaml_not_file")
        if info.st_size > MAX_BYTES:
            raise YamlError("yaml_big", size=MAX_BYTES)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        raise YamlError("yaml_big", size=MAX_BYTES)
    return raw


def dumps(data: Any, emitter: fastyaml.Emitter | None = None) -> str:
    """YAML text for `data`: the fast writer (remembering with `emitter`, if given), or
    PyYAML for what that leaves to it."""
    if isinstance(data, dict):
        try:
            return emitter.emit(data) if emitter else fastyaml.emit(data)
        except fastyaml.Unsupported:
            pass
    yaml, _, dumper = _pyyaml()
    return yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
