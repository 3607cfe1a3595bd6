"""The guide's steps, one module each, named by the step's id in the content.

Each module holds what its step asks in the wizard, how it decides its status, and what it
adds to the guide view, the summary and the reports (`base.StepKind`). The content's `steps`
give the order; a content file must have each of these ids. Adding a step is a module here,
its id below, and its text in the content.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import StepKind

STEP_IDS = ("foer", "dagligdag", "aktoerer", "prioriter", "raek_ud", "tjekliste")


@cache
def kind(step_id: str) -> StepKind:
    """The step's module's `STEP` (imported on first use)."""
    if step_id not in STEP_IDS:
        raise KeyError(step_id)
    module = import_module(f"{__name__}.{step_id}")
    step: StepKind = module.STEP
    return step
