"""Safe YAML in and out through PyYAML (its C loader and dumper where built): no tags that
run code, no aliases, bounded size and depth; and a portable, non-blocking file read."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from samarbejde.base.errors import Msg

# Far above any real file (a session of 100 partners and 1,000 contact-log lines is 87 KB,
# the guide 23 KB), far below what would make `list` slow or hungry.
MAX_MB = 1
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_DEPTH = 64
# Unix: O_NONBLOCK keeps a FIFO in a session's place from blocking the open. Windows: binary
# mode (no newline translation); it has no FIFOs to open by path, so a plain open cannot
# block, and `read_bytes` checks first that the path is no folder.
OPEN_FLAGS = (
    os.O_RDONLY | os.O_BINARY  # type: ignore[attr-defined]  # Windows only
    if os.name == "nt"
    else os.O_RDONLY | os.O_NONBLOCK
)


class YamlError(Exception):
    """Not acceptable YAML; `msg` says why (its text is in the content's `ui`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.msg = Msg(key, params)


class FlowMap(dict[str, Any]):
    """A mapping written on one line (`{id: p1, name: …}`): a post-it, a log entry."""


@cache
def _yaml() -> tuple[Any, type, type]:
    """PyYAML with its safe loader and a dumper that writes FlowMaps on one line and text
    with line breaks as `|` blocks. Imported on first use."""
    import yaml

    base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Loader(base_loader):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            """A key given twice is refused: which of the two would win is a guess."""
            mapping = super().construct_mapping(node, deep)
            if len(mapping) < len(node.value):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=True)
                    if key in seen:
                        line = key_node.start_mark.line + 1
                        raise YamlError("yaml_duplicate_key", name=str(key)[:60], line=line)
                    seen.add(key)
            return mapping

    loader = Loader

    class Dumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def flow_map(dumper: Any, data: FlowMap) -> Any:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)

    def text(dumper: Any, data: str) -> Any:
        style = "|" if "\n" in data else None  # PyYAML falls back to quotes where | can't be
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(FlowMap, flow_map)
    Dumper.add_representer(str, text)
    return yaml, loader, Dumper


def _check_tree(data: Any, size: int) -> None:
    """Refuse aliases (the same container reached twice: they let a small file explode),
    nesting deeper than any session or guide needs, and text that adds up to more than the
    file itself holds (which only aliases of strings can make: `x: &a AAAA…`, then `*a`
    twenty thousand times)."""
    seen: set[int] = set()
    stack = [(data, 0)]
    budget = 2 * size + 1024  # a node may take fewer bytes than one (`a:` is three nodes)
    while stack:
        node, depth = stack.pop()
        budget -= len(node) if isinstance(node, str) else 1
        if budget < 0:
            raise YamlError("yaml_too_much_text")
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
    """Parse YAML with the safe loader; a YamlError says why not."""
    if isinstance(text, bytes):
        _check_encoding(text)
    yaml, loader, _ = _yaml()
    try:
        data = yaml.load(text, Loader=loader)  # a safe loader: no tags that build objects
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
    except ValueError:  # e.g. a number of more than 4,300 digits
        raise YamlError("yaml_value") from None
    _check_tree(data, len(text))
    return data


def load_file(path: Path) -> Any:
    """A YAML file's data (see `read_bytes` and `loads` for what is refused)."""
    return loads(read_bytes(path))


def dumps(data: Mapping[str, Any] | list[Any]) -> str:
    """Block-style YAML for people to read and diff; FlowMaps on one line each."""
    yaml, _, dumper = _yaml()
    return yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # a post-it stays on its line
    )


def check_size(path: Path) -> None:
    """A YamlError if the file is over MAX_BYTES (OSError if it cannot be looked at)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise too_big(size)


def _check_encoding(raw: bytes) -> None:
    """Bytes PyYAML can read are UTF-8, or UTF-16/32 with a byte-order mark. Anything else is
    refused with the encoding it looks like, so that a file saved by Notepad as ANSI is called
    that, not "ikke gyldig YAML"."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlError("yaml_encoding", encoding=Msg(guess_encoding(raw))) from None


def guess_encoding(raw: bytes) -> str:
    """The message key naming what non-UTF-8 bytes most likely are: UTF-16 without its mark
    (every other byte zero), Windows-1252 ("ANSI", Notepad's and Excel's default), or unknown."""
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 3:
        return "encoding_utf16"
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return "encoding_unknown"
    return "encoding_cp1252"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit`; never blocks on a pipe or device.

    Raises OSError (IsADirectoryError for a folder) or YamlError (not a regular file, too big).
    """
    if os.name == "nt" and path.is_dir():  # Windows cannot open a folder as a file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd = os.open(path, OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise YamlError("yaml_not_file")
        if info.st_size > limit:
            raise too_big(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while we read
        raise too_big(len(raw))
    return raw


def too_big(size: int) -> YamlError:
    """The file's size in MB, rounded up to a tenth (so it is never shown as the limit
    itself), with a decimal comma, and the limit."""
    tenths = -(-size * 10 // (1024 * 1024))
    return YamlError("yaml_big", size=f"{tenths // 10},{tenths % 10}", limit=MAX_MB)
