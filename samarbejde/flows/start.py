"""`start`'s first screen: the welcome and the session's name, asked before the wizard's
modules (the session's models, the store, the guide validated, the steps) are loaded; once the
name is given, `flows/wizard.py` does the rest (`named`, `begin`).

Why: the first question of `start` is what a user waits for with nothing to do. Loading the
wizard first put it at 1.31× a bare Typer + questionary prompt (issue 35); the bundled guide's
texts are the same validated or not (`Env.texts`), and the guide is validated (or made from its
kept copy) as soon as the name is there, before anything is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from samarbejde.base.errors import ExitCode
from samarbejde.base.terminal import Titled, command_line
from samarbejde.runner.env import Env
from samarbejde.runner.flow import require_terminal

if TYPE_CHECKING:
    from samarbejde.guide.texts import Texts
    from samarbejde.runner.questions import Validator


def run_start(env: Env, name: str | None = None, role: str | None = None) -> int:
    require_terminal(env)
    prompts = env.prompts()
    t = env.texts
    env.console.print(Titled(Text(t("wizard_welcome")), Text(env.title, style="bold")))
    wanted = name
    while True:
        if wanted is None:
            wanted = prompts.text(
                t("wizard_ask_name"),
                hint=t("wizard_name_hint"),
                # as lines (--enkel), an empty name ends the command: Enter alone never loops
                validate=None if env.enkel else _name_required(t),
            ).strip()
            if not wanted:
                command = command_line(env.program, "start")
                env.console.print(Text(t("wizard_name_none", command=command)))
                return ExitCode.USER
        from samarbejde.flows import wizard  # the rest, now that the name is there

        found = wizard.named(env, prompts, wanted)
        if found is None:  # another name
            wanted = None
            continue
        if isinstance(found, int):  # a session of that name, resumed
            return found
        return wizard.begin(env, prompts, wanted, role, found)


def _name_required(t: Texts) -> Validator:
    return lambda v: True if v.strip() else t("wizard_name_required")
