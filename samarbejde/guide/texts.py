"""The UI text catalogue: every Danish sentence the program says, from the content's `ui`.

Placeholders are filled by name only (`{name}`; `{{` and `}}` stand for braces): no attribute
or index access and no format specs, so a shared content file cannot reach into the program.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from samarbejde.base.errors import Msg
from samarbejde.base.yamlio import YamlError, read_bytes

_PACKAGE = Path(__file__).resolve().parent.parent
# Installed wheel: samarbejde/content/; a checkout: content/ beside the package.
_CANDIDATES = (_PACKAGE / "content", _PACKAGE.parent / "content")
GUIDE_FILE = "guide.da.yaml"

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")  # content's NO_CONTROL
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Texts:
    """`texts(key, name=...)` gives the Danish text with its placeholders filled."""

    def __init__(self, strings: Mapping[str, str]) -> None:
        self._strings = strings  # read-only: shared with the Guide, not copied

    def __call__(self, key: str, **params: object) -> str:
        return self.render(Msg(key, params))

    def has(self, key: str) -> bool:
        return key in self._strings

    def listed(self, words: Sequence[str], last: str = "list_last") -> str:
        """Words as one Danish list, "og" before the last: "Brugsen, Hjemmeplejen og Madskolen"
        (with `last` "list_or": "… eller …")."""
        found = listed(words, last)
        return found if isinstance(found, str) else self.render(found)

    def render(self, msg: Msg) -> str:
        template = self._strings.get(msg.key)
        if not isinstance(template, str):
            # A key the content lacks: show the key rather than fail.
            template = msg.key + "".join(f" {{{k}}}" for k in msg.params)
        params = msg.params

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name is None:
                return match.group(0)[0]
            if name not in params:
                return match.group(0)
            value = params[name]
            return self.render(value) if isinstance(value, Msg) else str(value)

        return _PLACEHOLDER.sub(fill, template)


def listed(words: Sequence[str], last: str = "list_last") -> str | Msg:
    """Words as one list the content's way (`last`: "list_last", or "list_or"): a message to
    render where the texts are not at hand (an error's parameters); one word as it is."""
    if len(words) < 2:
        return "".join(words)
    return Msg(last, {"rest": ", ".join(words[:-1]), "last": words[-1]})


def bundled_guide_path() -> Path:
    for folder in _CANDIDATES:
        path = folder / GUIDE_FILE
        if path.is_file():
            return path
    return _CANDIDATES[0] / GUIDE_FILE


@cache
def bundled_key() -> str:
    """The bundled guide's name in the cache: a checksum of its bytes, the program's version
    and the YAML reader's code (OSError, YamlError)."""
    from samarbejde.base import cache as kept
    from samarbejde.base.version import VERSION

    reader = (_PACKAGE / "base" / "yamlio.py").read_bytes()
    return kept.checksum(VERSION.encode(), reader, read_bytes(bundled_guide_path()))


@cache
def bundled_data() -> Any:
    """The bundled guide's data, read once for both the Guide and the fallback texts.
    Raises OSError or yamlio.YamlError.

    Parsed once per version of the file: the data is kept as JSON in the user's cache
    (`base.cache`), named by a checksum of the file's bytes, and read from there while the
    file is the same (no PyYAML at all for `--help`: importing it and parsing the 61 KB guide
    was ~40 % of `--help`). Only the bundled guide is kept so, never a `--content` file."""
    from samarbejde.base import cache as kept

    try:
        key: str | None = bundled_key()
    except OSError:  # the reader's code cannot be read (the guide itself: said below)
        key = None
    home = kept.data_home()
    data = None if key is None else kept.read_json(home, "guide", key)
    if isinstance(data, dict):
        return data
    from samarbejde.base.yamlio import loads

    data = loads(read_bytes(bundled_guide_path()))
    if key is not None:
        kept.write_json(home, "guide", key, data, alone=True)
    return data


# The modules of the guide's models, beside this one: a change in them is a new validated copy.
MODELS = ("guide/content.py", "guide/validation.py", "base/ids.py")


@cache
def valid_key() -> str | None:
    """The validated guide's name in the cache (`content._bundled`): the guide's bytes and the
    models' code, so a changed model never reads an older copy. None: no copy (a file that
    cannot be read, e.g. an install without the sources)."""
    from samarbejde.base import cache as kept

    try:
        sources = [(_PACKAGE / name).read_bytes() for name in MODELS]
        return kept.checksum(bundled_key().encode(), *sources)
    except (OSError, YamlError):
        return None


@cache
def kept_valid() -> dict[str, Any] | None:
    """The validated guide's JSON form as the user's cache keeps it, read once for both the
    texts and the guide (None: none kept yet, or none to trust; see `base.cache`)."""
    from samarbejde.base import cache as kept

    key = valid_key()
    found = None if key is None else kept.read_json(kept.data_home(), "valid", key)
    return found if isinstance(found, dict) else None


def _unvalidated() -> dict[str, Any]:
    """The bundled guide's data as `fallback_texts` reads it: the validated guide's copy when
    there is one, else the guide's data ({} where the file cannot be read)."""
    valid = kept_valid()
    try:
        data = valid if valid is not None else bundled_data()
    except (OSError, YamlError):  # the bundled file itself is unreadable: keys are shown
        return {}
    return data if isinstance(data, dict) else {}


@cache
def fallback_texts() -> Texts:
    """The bundled guide's texts, for showing errors even when a content file is broken;
    also the help texts and `start`'s first screen, read without validating the whole guide:
    from the validated guide's copy when there is one (the same texts), else from the
    guide's data."""
    ui = _unvalidated().get("ui")
    # No text with a control character: click prints the help as it is, and a cache that
    # others could write (a team's data folder on Windows) must not reach the terminal.
    return Texts({k: v for k, v in (ui or {}).items() if isinstance(v, str) and not has_control(v)})


def fallback_title() -> str:
    """The bundled guide's title, read as `fallback_texts` reads the texts ("" where there
    is none to show)."""
    title = _unvalidated().get("title")
    return title if isinstance(title, str) and not has_control(title) else ""


def has_control(text: str) -> bool:
    """A control character (not a tab or a line break) or a direction override: a text that
    must not reach the terminal."""
    return _CONTROL.search(text) is not None


def templates_dir() -> Path:
    """The report templates, bundled beside the guide."""
    return bundled_guide_path().parent / "templates"
