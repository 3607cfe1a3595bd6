"""The program's entry point.

`samarbejde list` and `samarbejde summary [NAME|PATH] [--json]` are read-only commands that
users and scripts run often; in exactly those plain forms they are dispatched here directly,
without loading Typer, to answer at once. Every other command line (options, `--help`,
mistakes) goes through the Typer app in `cli.py`, which runs the very same functions.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def short_path(args: Sequence[str]) -> int | None:
    """Run `list` or `summary` directly when the arguments are that simple; else None."""
    if not args or args[0] not in ("list", "summary"):
        return None
    rest = list(args[1:])
    if args[0] == "list":
        if rest:
            return None
        from .commands import list_sessions
        from .env import Env

        return list_sessions(Env())
    as_json = "--json" in rest
    if as_json:
        rest.remove("--json")
    if len(rest) > 1 or any(a.startswith("-") for a in rest):
        return None
    from .commands import show_summary
    from .env import Env

    return show_summary(Env(), rest[0] if rest else None, as_json)


def run() -> None:
    args = sys.argv[1:]
    code = short_path(args)
    if code is None:
        from .cli import run_app

        code = run_app(args)
    sys.exit(code)
