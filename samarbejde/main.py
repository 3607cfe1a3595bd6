"""The program's entry point.

The commands people run most, in their plain forms, are dispatched here directly, without
loading Typer (whose start-up and per-parameter validation cost more than the rest of these
commands together): `list`, `summary [NAME|PATH] [--json]`, `start [--name NAME]
[--role ROLE]` and `resume [NAME|PATH]`. Every other command line (other commands, `--help`,
`--opt=value`, mistakes) goes through the Typer app in `cli.py`, which calls the very same
functions in `commands`; a test checks that both paths give the same result.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _options(rest: list[str], names: tuple[str, ...]) -> dict[str, str] | None:
    """`--name value` pairs, each at most once; None for anything else."""
    found: dict[str, str] = {}
    if len(rest) % 2:
        return None
    for flag, value in zip(rest[::2], rest[1::2], strict=True):
        if flag not in names or flag in found or value.startswith("-"):
            return None
        found[flag] = value
    return found


def short_path(args: Sequence[str]) -> int | None:
    """Run a plain `list`, `summary`, `start` or `resume` directly; None for anything else."""
    if not args:
        return None
    command, rest = args[0], list(args[1:])
    if command == "summary":
        as_json = "--json" in rest
        if as_json:
            rest.remove("--json")
    if command in ("summary", "resume"):
        if len(rest) > 1 or any(a.startswith("-") for a in rest):
            return None
    elif command == "start":
        options = _options(rest, ("--name", "--role"))
        if options is None:
            return None
    elif command != "list" or rest:
        return None

    from . import commands
    from .env import Env

    env = Env()
    if command == "list":
        return commands.list_sessions(env)
    if command == "summary":
        return commands.show_summary(env, rest[0] if rest else None, as_json)
    if command == "resume":
        return commands.resume(env, rest[0] if rest else None)
    return commands.start(env, options.get("--name"), options.get("--role"))


def run() -> None:
    args = sys.argv[1:]
    code = short_path(args)
    if code is None:
        from .cli import run_app

        code = run_app(args)
    sys.exit(code)
