"""What the commands share: a plain line. (A file written where the user asked is
`delivery`'s; JSON made safe for a terminal is `base.terminal.JSON_SAFE`.)"""

from __future__ import annotations

from samarbejde.runner.env import Env


def say(env: Env, text: str, style: str = "") -> None:
    """A line of plain text: never read as markup, so a name or a path shows as it is."""
    from rich.text import Text

    env.console.print(Text(text, style=style), soft_wrap=True)
