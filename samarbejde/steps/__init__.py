"""The guide's steps in the program, named by the step's id in the content.

A step with logic of its own (`ids.STEP_MODULES`) has a module here whose `STEP` says what it
asks in the wizard, how it decides its status, and what it adds to the guide view, the summary
and the reports (`base.StepKind`). Any other step id in a content file is a step of plain text
questions: `StepKind` itself, no module needed.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from samarbejde.base.ids import STEP_MODULES

if TYPE_CHECKING:  # imported when a step is asked for: `steps.blocks` alone (the reports'
    # blocks, e.g. the comparison's) needs none of the wizard's questions
    from samarbejde.steps.base import StepKind


@cache
def kind(step_id: str) -> StepKind:
    """The step's module's `STEP` (imported on first use), or a plain step."""
    if step_id not in STEP_MODULES:
        from samarbejde.steps.base import StepKind

        return StepKind(step_id)
    step: StepKind = import_module(f"{__name__}.{step_id}").STEP
    return step
