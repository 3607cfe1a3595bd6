"""The guide's content: a YAML file -> validated, immutable `Guide` objects.

Validation is pydantic's; its errors become Danish messages naming the file and the place
(`steps[3].questions[0].label`). The UI texts are in `texts`.
"""

import re
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from samarbejde.base import yamlio
from samarbejde.base.errors import ContentError, Problem, os_detail
from samarbejde.base.ids import QUADRANT_ORDER as REQUIRED_QUADRANTS
from samarbejde.base.ids import REQUIRED_STEPS, RESERVED_STEPS
from samarbejde.base.ids import ROLES as REQUIRED_ROLES
from samarbejde.base.names import fold
from samarbejde.guide.texts import (
    Texts,
    bundled_data,
    bundled_guide_path,
    kept_valid,
    valid_key,
)
from samarbejde.guide.validation import LANGUAGE, Record, problems, unique_ids

# What a content file can set is bounded: it comes from other organisations, too.
MAX_TEXT = 5_000  # characters in one text
MAX_ITEMS = 60  # entries in one list


# What a content file's text may not hold: C0 controls but tab and newline, DEL, C1, and the
# bidirectional embeddings and overrides (as `terminal.has_control` and `terminal.OVERRIDES`;
# a carriage return too: YAML has made every line break a newline). Checked as a pattern by
# pydantic itself: content is read on every start, and a Python check per text cost 2-10 ms.
NO_CONTROL = "^[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e]*$"


_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,8}")


def _language(text: str) -> str:
    """A language is a BCP 47 tag (`da`, `da-DK`): it becomes a property of the Word file."""
    if not _LANGUAGE.fullmatch(text):
        raise PydanticCustomError(LANGUAGE, "not a language tag", {"value": text[:60]})
    return text


def regional(language: str) -> str:
    """A language with its region, as Word's proofing and a PDF reader name it: "da" -> "da-DK"
    (a tag with a region is kept)."""
    return language if "-" in language else {"da": "da-DK", "en": "en-GB"}.get(language, language)


Str = Annotated[StrictStr, StringConstraints(max_length=MAX_TEXT, pattern=NO_CONTROL)]
Language = Annotated[StrictStr, StringConstraints(max_length=MAX_TEXT), AfterValidator(_language)]
Lines = Annotated[tuple[Str, ...], Field(max_length=MAX_ITEMS)]


R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)
# A list of 1 to MAX_ITEMS records whose ids differ.
Records = Annotated[
    tuple[R, ...], Field(min_length=1, max_length=MAX_ITEMS), AfterValidator(unique_ids)
]


class Choice(Record):
    id: Str
    label: Str


Choices = Records[Choice]


class Point(Record):
    id: Str
    title: Str
    text: Str


class Role(Record):
    id: Str
    label: Str
    heading: Str
    points: Records[Point]


class Question(Record):
    id: Str
    label: Str
    help: Str = ""
    multiline: StrictBool = False


class Step(Record):
    id: Str
    number: StrictInt
    title: Str
    text: Lines
    questions: Annotated[
        tuple[Question, ...], Field(max_length=MAX_ITEMS), AfterValidator(unique_ids)
    ]
    subtitle: Str = ""
    short_title: Str = ""  # for menus, where the whole title is too long
    # Fidelity: False for a step the guide does not have (the program's own); the note is the
    # one line that says what in the step is the program's, shown wherever the step is.
    from_guide: StrictBool = True
    program_note: Str = ""

    @property
    def numbered(self) -> bool:
        """The guide numbers its steps from 1; what comes before them ("Før I går i gang",
        number 0) has no number, so no reader meets a "trin 0"."""
        return self.number > 0

    def _numbered(self, title: str) -> str:
        return f"{self.number}. {title}" if self.numbered else title

    @property
    def heading(self) -> str:
        return self._numbered(self.title)

    @property
    def short_heading(self) -> str:
        return self._numbered(self.short_title or self.title)

    @property
    def full_title(self) -> str:
        return self.title + (f" – {self.subtitle}" if self.subtitle else "")

    @property
    def full_heading(self) -> str:
        return self._numbered(self.full_title)


class Axis(Record):
    id: Str
    name: Str
    question: Str
    low: Str
    high: Str


class Quadrant(Record):
    id: Str
    name: Str
    advice: Str


class Diagram(Record):
    x: Axis
    y: Axis
    scale_min: Annotated[StrictInt, Field(ge=0, le=10)]
    scale_max: Annotated[StrictInt, Field(ge=1, le=10)]
    high_from: StrictInt
    quadrants: Records[Quadrant]
    program_note: Str = ""  # the one line saying the axes and quadrants are the program's

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def quadrant(self, quadrant_id: str) -> Quadrant:
        return next(q for q in self.quadrants if q.id == quadrant_id)


class Card(Record):
    id: Str
    title: Str
    text: Str
    question: Str
    for_role: dict[Str, Str] = Field(default_factory=dict)  # advice for one role only


class ChecklistItem(Record):
    id: Str
    title: Str
    points: Lines
    asks_date: StrictBool = False


class Health(Record):
    """The health check (`evaluate`): the checklist items each side rates, on one scale of
    numbers with words at each end (numbers: a gap and a change can be counted and read aloud)."""

    question: Str
    # one digit each: a rating is one key press, and 0 is "not rated" at the prompt
    scale_min: Annotated[StrictInt, Field(ge=1, le=8)]
    scale_max: Annotated[StrictInt, Field(ge=2, le=9)]
    low: Str
    high: Str
    items: Annotated[tuple[Str, ...], Field(min_length=1, max_length=MAX_ITEMS)]
    program_note: Str = ""

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


class Intro(Record):
    paragraphs: Lines


class LegalLine(Record):
    """A line the agreement pre-writes about law and rules, with its source: the law and its
    paragraph where that is sure, else the law only. `when` narrows it to agreements whose
    citizens include children under 15 ("children") or vulnerable adults ("adults")."""

    text: Str = Field(min_length=1)
    source: Str = Field(min_length=1)
    when: Literal["", "children", "adults"] = ""
    checked: StrictBool = True  # false: the source is not checked (README's table says so)


class AgreementSection(Record):
    """A section of the samarbejdsaftale: its heading, the question that drafts it, in one
    line why it belongs there, and where it comes from (`sources`, as README's table)."""

    id: Str
    title: Str
    question: Str
    why: Str
    sources: Str = Field(min_length=1)  # "CFSA; Favrskov": the README's table says which
    optional: StrictBool = False  # may be "ikke relevant"
    # Asked only when the citizens include children under 15 / vulnerable adults (either).
    children: StrictBool = False
    adults: StrictBool = False
    legal: Annotated[tuple[LegalLine, ...], Field(max_length=MAX_ITEMS)] = ()


class Agreement(Record):
    intro: Str
    checked: Str  # the day the legal lines' sources were last checked (README says the same)
    # Words in step 1's target group that make the first guess "yes" (asked anyway).
    guess: dict[Literal["children", "adults"], Lines] = Field(default_factory=dict)
    sections: Records[AgreementSection]


Word = Annotated[StrictStr, StringConstraints(min_length=1, max_length=40, pattern=r"^[^\W_]+$")]
Words = Annotated[tuple[Word, ...], Field(max_length=200)]


class NameWords(Record):
    """The language data for matching names and words across two sides (`reports.matching`):
    each a bare word, written as `base.names.fold` writes it."""

    filler: Words = ()  # words that do not tell two names apart ("i", "afdeling")
    kinds: dict[Word, Words] = Field(default_factory=dict)  # "klub": its forms
    same: dict[Word, Word] = Field(default_factory=dict)  # "sogn" -> "kirke"
    endings: Words = ()  # a word's endings, longest first
    stopwords: Str = ""  # words of step 1 that are no shared words, by spaces


class Guide(Record):
    language: Language
    title: Str
    intro: Intro
    forms: Choices
    roles: Records[Role]
    readiness: Choices
    steps: Records[Step]
    diagram: Diagram
    partner_kinds: Choices
    outreach_cards: Records[Card]
    checklist: Records[ChecklistItem]
    agreement: Agreement | None = None  # a content file without one has no `agreement`
    names: NameWords = Field(default_factory=NameWords)
    health: Health | None = None  # a content file without one has no health check
    ui: dict[Str, Str] = Field(default_factory=dict)

    @cached_property
    def texts(self) -> Texts:
        return Texts(self.ui)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def axis_legends(self) -> list[str]:
        """Each axis with its end words: "Fælles interesse: 1 = lidt til fælles … 5 = …"."""
        d = self.diagram
        return [
            self.texts(
                "legend_axis",
                name=a.name,
                low=d.scale_min,
                low_text=a.low,
                high=d.scale_max,
                high_text=a.high,
            )
            for a in (d.x, d.y)
        ]

    def quadrant_label(self, quadrant_id: str | None) -> str:
        """A quadrant's name; for a partner not rated yet (None), the text saying so."""
        if quadrant_id is None:
            return self.texts("not_rated")
        return self.diagram.quadrant(quadrant_id).name

    def role_label(self, role_id: str) -> str:
        return next((r.label for r in self.roles if r.id == role_id), role_id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def has_step(self, step_id: str) -> bool:
        return any(s.id == step_id for s in self.steps)

    def step_number(self, step_id: str) -> int:
        """The number the guide gives a step: the texts that name a step by its number say
        `{step}` ("Tilføj dem i trin {step}"), so a step inserted before it renumbers them."""
        return self.step(step_id).number

    def label(self, choices: tuple[Choice, ...], choice_id: str) -> str:
        return next((c.label for c in choices if c.id == choice_id), choice_id)

    def kind_named(self, text: str, part: bool = False) -> str | None:
        """The partner kind a person names by its id or its label, case and accents aside
        (`forening`, "Kirke eller trossamfund"); with `part`, a part of a label will do
        ("kirke"). None: no kind of that name."""
        key = fold(text)
        for kind in self.partner_kinds if key else ():
            if key in (fold(kind.id), fold(kind.label)) or (part and key in fold(kind.label)):
                return kind.id
        return None

    def forms_text(self, form_ids: list[str]) -> str:
        """The chosen forms as one Danish list: "Samskabelse af aktiviteter, deling af
        ressourcer" (a capital only at the start)."""
        return list_text([self.label(self.forms, f) for f in form_ids])

    @property
    def numbered_steps(self) -> int:
        """How many steps the guide numbers (1 to 5; "Før I går i gang" is not counted)."""
        return sum(1 for s in self.steps if s.numbered)

    def health_items(self) -> list[ChecklistItem]:
        """The checklist items the health check rates, in its order (none without one)."""
        by_id = {item.id: item for item in self.checklist}
        return [by_id[i] for i in self.health.items if i in by_id] if self.health else []

    def item_number(self, item_id: str) -> int:
        """A checklist item's number as the guide prints it (1-based)."""
        return next(n for n, item in enumerate(self.checklist, 1) if item.id == item_id)


def list_text(labels: Sequence[str]) -> str:
    """Labels as one Danish list, a capital only at its start: "Samskabelse af aktiviteter,
    deling af ressourcer"."""
    rest = (label[:1].lower() + label[1:] for label in labels[1:])
    return ", ".join([*labels[:1], *rest])


def _references(guide: Guide) -> list[Problem]:
    """What the program relies on beyond the shape: its steps, roles and quadrants."""
    found = []
    missing_steps = [w for w in REQUIRED_STEPS if w not in [s.id for s in guide.steps]]
    if missing_steps:
        names = ", ".join(missing_steps)
        found.append(Problem("steps", "missing_steps", {"value": names}))
    for wanted, have, place in (
        (REQUIRED_ROLES, [r.id for r in guide.roles], "roles"),
        (REQUIRED_QUADRANTS, [q.id for q in guide.diagram.quadrants], "diagram.quadrants"),
    ):
        found += [Problem(place, "missing_id", {"value": w}) for w in wanted if w not in have]
    for index, card in enumerate(guide.outreach_cards):
        for role in card.for_role:
            if role not in REQUIRED_ROLES:
                place = f"outreach_cards[{index}].for_role.{role}"
                found.append(Problem(place, "value", {"value": role}))
    numbered: dict[int, str] = {}
    for index, step in enumerate(guide.steps):
        # A step's id names its place in the session file (`answers.<id>`) and the wizard's
        # cursor (`<id>.<question>`): a plain word, and none of the cursor's own places.
        if not _STEP_ID.fullmatch(step.id) or step.id in RESERVED_STEPS:
            found.append(Problem(f"steps[{index}].id", "value", {"value": step.id}))
        # The texts say "trin {step}" with a step's number: it must name one step only.
        if step.number in numbered:
            params = {"value": str(step.number), "other": numbered[step.number]}
            found.append(Problem(f"steps[{index}].number", "duplicate_number", params))
        numbered.setdefault(step.number, step.id)
    d = guide.diagram
    if not d.scale_min < d.high_from <= d.scale_max:
        found.append(Problem("diagram.high_from", "value", {"value": str(d.high_from)}))
    if guide.health is not None:  # its items are the checklist's, each once; an item the
        # checklist does not have is left out (a guide that drops one keeps its health check)
        h, ids = guide.health, [item.id for item in guide.checklist]
        for index, item_id in enumerate(h.items):
            if item_id in h.items[:index]:
                found.append(Problem(f"health.items[{index}]", "value", {"value": item_id}))
        if not any(item_id in ids for item_id in h.items):
            found.append(Problem("health.items", "value", {"value": ", ".join(h.items)}))
        if h.scale_min >= h.scale_max:
            found.append(Problem("health.scale_max", "value", {"value": str(h.scale_max)}))
    return found


# The texts the program splits into a list and indexes: how many words each must have.
WORD_LISTS = {"date_words_weekdays": 7}  # Monday first


def _word_lists(guide: Guide) -> list[Problem]:
    found = []
    for key, count in WORD_LISTS.items():
        if key in guide.ui:
            words = [w.strip() for w in guide.ui[key].split(",")]
            if len(words) != count or not all(words):
                params = {"count": str(count), "got": str(len([w for w in words if w]))}
                found.append(Problem(f"ui.{key}", "word_count", params))
    return found


_STEP_ID = re.compile(r"[a-z0-9_]{1,40}")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> set[str]:
    """The names in `{…}` in a text (`{{` and `}}` are braces, not placeholders)."""
    return {m.group(1) for m in _FIELD.finditer(text) if m.group(1) is not None}


def _placeholders(guide: Guide) -> list[Problem]:
    """Each UI text may use only the placeholders the program fills for it: those of the
    bundled guide's text of the same key."""
    try:
        bundled = bundled_data().get("ui") or {}
    except (OSError, yamlio.YamlError, AttributeError):
        return []
    found = []
    for key, text in guide.ui.items():
        allowed = placeholders(bundled[key]) if isinstance(bundled.get(key), str) else set()
        for name in sorted(placeholders(text) - allowed):
            shown = ", ".join(sorted(allowed)) or "-"
            found.append(Problem(f"ui.{key}", "placeholder", {"value": name, "allowed": shown}))
    return found


def parse_guide(data: Any, path: Path, bundled: bool = False) -> Guide:
    """The guide in `data` (from the file at `path`), validated; `bundled`: the program's own,
    whose placeholders are the measure of every other content file's, not checked against
    themselves (that was ~10 % of `summary`)."""
    try:
        guide = Guide.model_validate(data)
    except ValidationError as exc:
        raise ContentError.invalid(path, problems(exc)) from None
    found = _references(guide) + ([] if bundled else _placeholders(guide)) + _word_lists(guide)
    if found:
        raise ContentError.invalid(path, found)
    return guide


def load_guide(path: Path | None = None) -> Guide:
    """Load and validate a content file (the bundled guide when `path` is None)."""
    if path is None:
        return _bundled()
    return parse_guide(_read(path), path)


@cache
def _bundled() -> Guide:
    """The bundled guide, validated once per version of the guide and of the program: then
    kept in the user's cache as the validated guide's JSON form, and made from that again
    without validating (`built`): pydantic builds the 17 models' validator on first use,
    ~40 % of `summary`'s own work. The cache is trusted as `base.cache` says (this user's
    alone); a copy that does not fit the models is left, and the guide validated."""
    from samarbejde.base import cache as kept

    path = bundled_guide_path()
    key = valid_key()
    if (dumped := kept_valid()) is not None:
        try:
            return built(Guide, dumped)
        except (TypeError, ValueError, KeyError, AttributeError):
            pass  # not a guide of these models: validated below, and kept anew
    try:
        guide = parse_guide(_read(path, lambda _path: bundled_data()), path, bundled=True)
    except ContentError:  # the data kept in the cache may be what is wrong: the file itself
        guide = parse_guide(_read(path), path, bundled=True)
    if key is not None:
        dumped = guide.model_dump(mode="json", exclude_unset=True)
        kept.write_json(kept.data_home(), "valid", key, dumped, alone=True)
    return guide


def built(model: type[M], data: dict[str, Any]) -> M:
    """`model` made from its own JSON form (`model_dump(mode="json")`) without validating:
    each value turned back into its field's type (a tuple, a nested model) and checked to be
    of it (a text a text, a number a number, a choice one of its values), every required
    field there. Only for data this program validated itself, kept where no one else may
    write; anything that does not fit raises TypeError or KeyError (then: validate)."""
    turns, required = _fields(model)
    if not required <= data.keys():
        raise KeyError(model.__name__)
    values = {name: turns[name](value) for name, value in data.items()}
    return model.model_construct(_fields_set=set(values), **values)


Turn = Callable[[Any], Any]  # a JSON value back into a field's type, or TypeError
Check = Callable[[Any], bool]  # is a JSON value one of a plain type's (text, number, choice)?
_TURNS: dict[int, tuple[Any, Turn]] = {}  # by the annotation's id (it is kept alive here)
_FIELDS: dict[type[BaseModel], tuple[dict[str, Turn], set[str]]] = {}  # turns, required


def _fields(model: type[BaseModel]) -> tuple[dict[str, Turn], set[str]]:
    found = _FIELDS.get(model)
    if found is None:
        fields = model.model_fields.items()
        turns = {name: _turn(field.annotation) for name, field in fields}
        found = _FIELDS[model] = (turns, {name for name, f in fields if f.is_required()})
    return found


def _turn(annotation: Any) -> Turn:
    """How a JSON value becomes a value of `annotation`, worked out once per type."""
    known = _TURNS.get(id(annotation))
    if known is not None:
        return known[1]
    turn = _new_turn(annotation)
    _TURNS[id(annotation)] = (annotation, turn)
    return turn


def _plain(annotation: Any) -> Check | None:
    """The check of a plain type (None: not a plain type). A bool is no number here."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _plain(args[0])
    if origin is Literal:
        allowed = set(args)
        return lambda v: isinstance(v, str | int) and v in allowed
    kind = {str: str, int: int, bool: bool}.get(annotation)
    return None if kind is None else (lambda v: type(v) is kind)


def _new_turn(annotation: Any) -> Turn:
    origin, args = get_origin(annotation), get_args(annotation)
    if (check := _plain(annotation)) is not None:
        return lambda v: _one(v, check)
    if origin is Annotated:
        return _turn(args[0])
    if origin in (Union, UnionType):
        (kind,) = [a for a in args if a is not type(None)]  # only `X | None` here
        inner = _turn(kind)
        return lambda v: None if v is None else inner(v)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda v: built(annotation, _of(v, dict))
    if origin in (tuple, list) and (origin is list or (len(args) == 2 and args[1] is Ellipsis)):
        make = tuple if origin is tuple else list
        if (each_ok := _plain(args[0])) is not None:  # texts: checked in one go
            return lambda v: make(_all(_of(v, list), each_ok))
        each = _turn(args[0])
        return lambda v: make(map(each, _of(v, list)))
    if origin is dict and (key_ok := _plain(args[0])) is not None:
        if (value_ok := _plain(args[1])) is not None:
            return lambda v: _plain_dict(v, key_ok, value_ok)
        value = _turn(args[1])
        return lambda v: {k: value(x) for k, x in _plain_dict(v, key_ok, None).items()}
    raise TypeError(annotation)  # a type this function does not know: validate instead


def _of(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise TypeError(kind)
    return value


def _one(value: Any, check: Check) -> Any:
    if not check(value):
        raise TypeError(value)
    return value


def _plain_dict(value: Any, key_ok: Check, value_ok: Check | None) -> dict[Any, Any]:
    _all(_of(value, dict).keys(), key_ok)
    if value_ok is not None:
        _all(value.values(), value_ok)
    return dict(value)


def _all(values: Any, check: Check) -> Any:
    if not all(map(check, values)):
        raise TypeError(check)
    return values


def _read(path: Path, parse: Callable[[Path], Any] = yamlio.load_file) -> Any:
    try:
        return parse(path)
    except yamlio.YamlError as exc:
        raise ContentError("error_content_yaml", path=path, detail=exc.msg) from None
    except OSError as exc:
        raise ContentError("error_content_io", path=path, detail=os_detail(exc)) from None
