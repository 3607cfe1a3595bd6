"""The whole guide in the terminal (`samarbejde guide`), each step's own part from `steps.*`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from samarbejde import steps
from samarbejde.base.terminal import heading, marked
from samarbejde.guide.content import Guide

if TYPE_CHECKING:
    pass


def guide_view(guide: Guide, plain: bool = False) -> RenderableType:
    """The whole guide; `plain` (`--enkel`): no boxes nor bullets a screen reader reads out."""
    parts: list[RenderableType] = [Text(guide.title, style="bold reverse"), Text()]
    for paragraph in guide.intro.paragraphs:
        parts += [Text(paragraph), Text()]
    for step in guide.steps:
        parts += [heading(step.full_heading)]
        parts += marked(step.program_note)  # what in the step is the program's
        parts += [Text(p) for p in step.text]
        parts += steps.kind(step.id).guide_parts(guide, plain)
        for q in step.questions:
            parts.append(Text(q.label if plain else f"• {q.label}", style="italic"))
        parts.append(Text())
    return Group(*parts)
