"""The guide's content: YAML -> validated, immutable `Guide` objects, and the UI texts."""

from __future__ import annotations

import json
import string
import zlib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from . import yamlio
from .errors import ContentError, Msg, os_detail
from .grid import QUADRANT_ORDER as REQUIRED_QUADRANTS
from .schema import Problem, SchemaError, build

_HERE = Path(__file__).resolve().parent
# Installed wheel: samarbejde/content/; a checkout: content/ beside the package.
_CANDIDATES = (_HERE / "content", _HERE.parent / "content")
GUIDE_FILE = "guide.da.yaml"


def bundled_guide_path() -> Path:
    for folder in _CANDIDATES:
        path = folder / GUIDE_FILE
        if path.is_file():
            return path
    return _CANDIDATES[0] / GUIDE_FILE


class Choice(NamedTuple):
    id: str
    label: str


class Point(NamedTuple):
    id: str
    title: str
    text: str


class Role(NamedTuple):
    id: str
    label: str
    heading: str
    points: tuple[Point, ...]


class Question(NamedTuple):
    id: str
    label: str
    help: str = ""
    multiline: bool = False


class Step(NamedTuple):
    id: str
    number: int
    title: str
    text: tuple[str, ...]
    questions: tuple[Question, ...]
    subtitle: str = ""
    short_title: str = ""  # for menus, where the whole title is too long
    reconstructed: bool = False
    reconstructed_note: str = ""

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def short_heading(self) -> str:
        return f"{self.number}. {self.short_title or self.title}"


class Axis(NamedTuple):
    id: str
    name: str
    question: str
    low: str
    high: str


class Quadrant(NamedTuple):
    id: str
    name: str
    advice: str


class Diagram(NamedTuple):
    x: Axis
    y: Axis
    scale_min: int
    scale_max: int
    high_from: int
    quadrants: tuple[Quadrant, ...]

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def quadrant(self, quadrant_id: str) -> Quadrant:
        return next(q for q in self.quadrants if q.id == quadrant_id)


class Card(NamedTuple):
    id: str
    title: str
    text: str
    question: str


class ChecklistItem(NamedTuple):
    id: str
    title: str
    points: tuple[str, ...]
    asks_date: bool = False


class Intro(NamedTuple):
    paragraphs: tuple[str, ...]


class Texts:
    """The UI strings. `texts(key, name=...)` gives the Danish text with its fields filled."""

    def __init__(self, strings: Mapping[str, str]) -> None:
        self._strings = strings  # read-only: shared with the Guide, not copied

    def __call__(self, key: str, **params: object) -> str:
        return self.render(Msg(key, params))

    def has(self, key: str) -> bool:
        return key in self._strings

    def render(self, msg: Msg) -> str:
        template = self._strings.get(msg.key)
        if not isinstance(template, str):
            # A key the content lacks: show the key rather than fail.
            template = msg.key + "".join(f" {{{k}}}" for k in msg.params)
        values = {k: self.render(v) if isinstance(v, Msg) else v for k, v in msg.params.items()}
        return string.Formatter().vformat(template, (), _Lenient(values))


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Guide(NamedTuple):
    language: str
    title: str
    intro: Intro
    forms: tuple[Choice, ...]
    roles: tuple[Role, ...]
    readiness: tuple[Choice, ...]
    steps: tuple[Step, ...]
    diagram: Diagram
    partner_kinds: tuple[Choice, ...]
    outreach_cards: tuple[Card, ...]
    checklist: tuple[ChecklistItem, ...]
    ui: dict[str, str] = {}  # noqa: RUF012 - never changed: a Guide is read-only

    @property
    def texts(self) -> Texts:
        return Texts(self.ui)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def quadrant_label(self, quadrant_id: str | None) -> str:
        """A quadrant's name; for a partner not rated yet (None), the text saying so."""
        if quadrant_id is None:
            return self.texts("not_rated")
        return self.diagram.quadrant(quadrant_id).name

    def role_label(self, role_id: str) -> str:
        return next((r.label for r in self.roles if r.id == role_id), role_id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def label(self, choices: tuple[Choice, ...], choice_id: str) -> str:
        return next((c.label for c in choices if c.id == choice_id), choice_id)


# Step ids that the program's flow relies on; a content file must define them.
REQUIRED_STEPS = ("foer", "dagligdag", "aktoerer", "prioriter", "raek_ud", "tjekliste")
REQUIRED_ROLES = ("kommune", "civilsamfund")


def _references(guide: Guide) -> list[Problem]:
    problems = []
    for wanted, have, place in (
        (REQUIRED_STEPS, [s.id for s in guide.steps], "steps"),
        (REQUIRED_ROLES, [r.id for r in guide.roles], "roles"),
        (REQUIRED_QUADRANTS, [q.id for q in guide.diagram.quadrants], "diagram.quadrants"),
    ):
        problems += [Problem(place, "missing_id", {"value": w}) for w in wanted if w not in have]
    d = guide.diagram
    if not d.scale_min < d.high_from <= d.scale_max:
        problems.append(Problem("diagram.high_from", "value", {"value": str(d.high_from)}))
    return problems


def parse_guide(data: object, path: Path) -> Guide:
    try:
        guide = build(Guide, data)
    except SchemaError as exc:
        raise ContentError.invalid(path, exc.problems) from None
    problems = _references(guide)
    if problems:
        raise ContentError.invalid(path, problems)
    return guide


def load_guide(path: Path | None = None) -> Guide:
    """Load and validate a content file (the bundled guide when `path` is None)."""
    if path is None:
        return _bundled()
    return _load(path)


@cache
def _bundled() -> Guide:
    return _load(bundled_guide_path(), lambda _path: _bundled_data())


@cache
def _bundled_data() -> Any:
    """The bundled guide's data, read once for both the Guide and the error texts."""
    return read_content(bundled_guide_path())


def read_content(path: Path) -> Any:
    """The data of a content file, from its compiled twin (`.json` beside it, made by
    `python -m samarbejde.content`) when that was made from exactly these bytes; else parsed.
    Raises OSError or yamlio.YamlError."""
    raw = yamlio.read_bytes(path)
    try:
        packed = json.loads(path.with_suffix(".json").read_bytes())
        if packed["source_crc32"] == zlib.crc32(raw):
            return packed["data"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return yamlio.loads(raw)


def compile_content(path: Path) -> Path:
    """Write the compiled twin of a content file, so that start-up need not parse YAML."""
    raw = yamlio.read_bytes(path)
    packed = {"source_crc32": zlib.crc32(raw), "data": yamlio.loads(raw)}
    target = path.with_suffix(".json")
    target.write_text(json.dumps(packed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def _load(path: Path, read: Callable[[Path], Any] = read_content) -> Guide:
    try:
        data = read(path)
    except yamlio.YamlError as exc:
        raise ContentError("error_content_yaml", path=path, detail=exc.msg) from None
    except OSError as exc:
        raise ContentError("error_content_io", path=path, detail=os_detail(exc)) from None
    return parse_guide(data, path)


@cache
def fallback_texts() -> Texts:
    """UI texts for showing errors, even when the content file itself is broken."""
    try:
        data = _bundled_data()
        ui = data.get("ui") if isinstance(data, dict) else None
        return Texts({k: v for k, v in (ui or {}).items() if isinstance(v, str)})
    except (OSError, yamlio.YamlError):
        return Texts({})


if __name__ == "__main__":  # python -m samarbejde.content [FILE]: refresh the compiled twin
    import sys

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_guide_path()
    print(compile_content(source))
