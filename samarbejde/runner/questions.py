"""Questions as data: what a flow asks, where each answer goes, and when it is asked.

A flow is a sequence of specs. `QuestionSpec` is one question: its kind, its label, the answer it
starts from (so Enter keeps it), where the answer goes, and when it is asked. `Each` asks the
same questions for every item of a collection (each point, each partner, each checklist item);
its questions' keys are `<item key>.<question id>` (`p2.influence`), the keys a session file
keeps as the place to resume. `QuestionSpec(kind="call")` is a question that runs a small flow
of its own (the contact log's menu), resumable at the keys it names in `inner`.

The runner (`runner.flow.Flow.run`) asks a flow from a resume key, one question at a time, and
saves after every answer. Steps and the other flows build their specs here, below the runner:
they say what to ask, not how a terminal asks it. Every callable gets the flow (`FlowContext`) and
the item (None outside an `Each`). A label or a hint is a key of the UI texts
(`"contact_ask_note"`), or a callable for one that depends on the session or the item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from rich.console import RenderableType

from samarbejde.guide.texts import Texts

if TYPE_CHECKING:  # not loaded with the prompts (`start`'s first question comes before them)
    from samarbejde.guide.content import Guide
    from samarbejde.sessions.model import Session

T = TypeVar("T")
Kind = Literal["text", "multiline", "choice", "checkbox", "rating", "date", "confirm", "call"]
Validator = Callable[[str], bool | str]


class Prompter(Protocol):
    """What a flow asks through: questionary's prompts (`prompts.Prompts`), or the same
    questions as plain lines (`line_prompts.LinePrompts`, for `--enkel`). `Env.prompts()`
    gives the one asked for."""

    def text(
        self,
        message: str,
        default: str = "",
        *,
        multiline: bool = False,
        hint: str = "",
        validate: Validator | None = None,
        draft: bool = False,  # `default` is what was typed before a stop: typing goes on
    ) -> str: ...

    def select(
        self,
        message: str,
        choices: Sequence[tuple[Any, str]],
        default: Any = None,
        digits: bool = False,
    ) -> Any: ...

    def checkbox(self, message: str, choices: Sequence[tuple[Any, str, bool]]) -> list[Any]: ...


class FlowContext(Protocol):
    """What a flow's specs may use of the runner: the session, the guide, the screen, and the
    prompts for the menus that steps drive themselves."""

    session: Session
    only_missing: bool  # a step asks only for what is missing (after a revisit)

    @property
    def guide(self) -> Guide: ...

    @property
    def t(self) -> Texts: ...

    @property
    def width(self) -> int: ...

    @property
    def plain(self) -> bool: ...

    @property
    def user(self) -> str: ...

    def today(self) -> dt.date: ...

    def say(self, text: str, style: str = "") -> None: ...

    def show(self, *items: RenderableType) -> None: ...

    def at(self, where: str, key: str) -> None: ...

    def save(self) -> None: ...

    def select(
        self,
        message: str,
        choices: Sequence[tuple[T, str]],
        default: Any = None,
        digits: bool = False,
    ) -> T: ...

    def checkbox(self, message: str, choices: Sequence[tuple[T, str, bool]]) -> list[T]: ...

    def text(self, message: str, default: str = "", **options: Any) -> str: ...

    def ask_date(
        self,
        message: str,
        current: dt.date | None,
        hint: str = "",
        future: bool = False,
        past: bool = False,
    ) -> dt.date | None: ...

    def run(
        self, where: str, specs: Sequence[Spec], resume: str | None = None, then: str = ""
    ) -> None: ...


Item = Any
Fn = Callable[[FlowContext, Item], T]
Words = Fn[str] | str  # a label or a hint: a key of the UI texts, or a function giving the text


def _nothing(flow: FlowContext, item: Item) -> None:
    return None


def _drop(flow: FlowContext, item: Item, value: Any) -> None:
    return None


@dataclass(frozen=True)
class QuestionSpec:
    """One question."""

    id: str
    kind: Kind
    label: Words
    get: Fn[Any] = _nothing  # the answer so far: the default, so Enter keeps it
    put: Callable[[FlowContext, Item, Any], None] = _drop  # where the answer goes
    hint: Words | None = None
    choices: Fn[Sequence[Any]] | None = None  # choice/rating: (value, label); checkbox: +checked
    validate: Fn[Validator | None] | None = None  # text: asked again in place until it passes
    when: Fn[bool] | None = None  # asked only when this says so, just before it would be
    show: Fn[Sequence[RenderableType]] | None = None  # shown before the question
    # date: "future" confirms a day already past; "past" (what happened) reads a date without
    # a year as the most recent one and confirms a day still to come
    dates: Literal["", "future", "past"] = ""
    empty_is_today: bool = False  # date: an answer left empty is today (put gets today)
    call: Callable[[FlowContext, Item, str | None], None] | None = None  # kind "call": its flow
    inner: tuple[str, ...] = ()  # kind "call": the ids inside it that a stop can resume at


@dataclass(frozen=True)
class Each:
    """The same questions for every item of a collection, item by item."""

    items: Callable[[FlowContext], Sequence[tuple[str, Item]]]  # (key, item), when the flow starts
    questions: tuple[QuestionSpec, ...]
    before: Callable[[FlowContext], Sequence[RenderableType]] | None = None  # once, if any is asked
    intro: Fn[Sequence[RenderableType]] | None = None  # before an item's first question
    # before a question of an item resumed past its first: what was answered for it already
    given: Fn[Sequence[RenderableType]] | None = None


Spec = QuestionSpec | Each


@dataclass(frozen=True)
class Slot:
    """One question of a flow, placed: its key, the spec, and the item it is about."""

    key: str
    question: QuestionSpec
    item: Item = None
    each: Each | None = None
    item_key: str = ""


def slots(flow: FlowContext, specs: Sequence[Spec]) -> list[Slot]:
    """The flow's questions in order, each with its key."""
    out = []
    for spec in specs:
        if isinstance(spec, QuestionSpec):
            out.append(Slot(spec.id, spec))
            continue
        for item_key, item in spec.items(flow):
            out += [Slot(f"{item_key}.{a.id}", a, item, spec, item_key) for a in spec.questions]
    return out


def locate(found: Sequence[Slot], resume: str | None) -> tuple[int, str | None]:
    """Where a flow resumed at `resume` starts: the index of its question, and the key to
    hand on to a `call` question that holds it. Unknown or None: from the start."""
    for index, slot in enumerate(found):
        if slot.key == resume:
            return index, None
        prefix = f"{slot.item_key}." if slot.item_key else ""
        if resume is not None and resume in [prefix + i for i in slot.question.inner]:
            return index, resume
    return 0, None


def text(
    id: str,
    label: Words,
    get: Fn[Any],
    put: Callable[[FlowContext, Item, Any], None],
    *,
    multiline: bool = False,
    hint: Words | None = None,
    **options: Any,
) -> QuestionSpec:
    """A text question (the most common kind)."""
    kind: Kind = "multiline" if multiline else "text"
    return QuestionSpec(id, kind, label, get, put, hint=hint, **options)
