"""How many examples a property test tries: all of them in CI (CI=true) and with `--slow`,
a quarter locally, so the suite a developer runs often stays quick. The same properties are
checked either way; CI looks further."""

from __future__ import annotations

import os

FULL = "SAMARBEJDE_TESTS_FULL"  # set by tests/conftest.py for CI and --slow


def examples(full: int) -> int:
    if os.environ.get(FULL) == "1":
        return full
    return max(full // 4, 20)
