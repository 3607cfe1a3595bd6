"""Step 1, Beskriv borgerens dagligdag: the content's questions about the citizens, answered
in the user's own words. Everything it needs is what every step has."""

from __future__ import annotations

from .base import StepKind


class DailyLife(StepKind):
    id = "dagligdag"


STEP = DailyLife()
