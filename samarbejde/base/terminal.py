"""What reaches the terminal: Rich consoles that never pass on a control character.

Session and content files travel between colleagues; their text must not set the window
title, write the clipboard (OSC 52), hide links (OSC 8) or clear the screen. Every console
of the program is made here: markup is off (text is never read as `[link=…]`), and a render
hook drops each C0/C1 control character and bidirectional override from the text (Rich lays
them out as zero-width, so dropping them keeps every border in place; what follows an ESC is
then plain text); newline and tab stay. Rich's own styling is applied after this, so colours
still work. Reports show such characters as visible signs instead (`clean`).

Rich is loaded when a console or a Rich text is made, not with this module: the text
functions here (`clean`, `shown`, `JSON_SAFE` …) serve commands that draw nothing
(`compare --json` reads two share files and writes JSON).
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderHook
    from rich.padding import Padding
    from rich.segment import Segment
    from rich.text import Text

# JSON escapes C0 itself; DEL, C1 and the bidirectional overrides are escaped too (\u202e):
# the data stays exact, and a terminal showing it is not turned around.
JSON_SAFE = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F))}

# The styles of the program's own drawing, by name (the board's segments name them).
STYLES = {
    "axis": "cyan",
    "quadrant": "bold",
    "note": "black on yellow",
    "border": "dim",
    None: "",
}


def heading(text: str) -> Text:
    from rich.text import Text

    return Text(text, style="bold underline")


def marked(note: str) -> list[Text]:
    """A line saying what is the program's, not the guide's (none for no such line)."""
    from rich.text import Text

    return [Text(note, style="italic")] if note else []


def command_line(program: str, *args: str) -> str:
    """A command to type, quoted for this system's shell (cmd and PowerShell on Windows)."""
    if os.name == "nt":
        import subprocess

        return " ".join([program, subprocess.list2cmdline(args)])
    return " ".join([program, *(shlex.quote(a) for a in args)])


# C0 controls as their Unicode control pictures (U+2400…), DEL as ␡, C1 controls as �.
_VISIBLE = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_DROPPED = dict.fromkeys(_VISIBLE)
_CONTROLS = dict(_VISIBLE)
# Bidirectional embeddings and overrides (U+202A…202E) turn the text after them around
# ("abc\u202egnp.exe" shows as "abcexe.png"): shown as � too. The isolates (U+2066…2069)
# stay: they turn nothing outside them, and pasted names from the web carry them.
OVERRIDES = {code: None for code in range(0x202A, 0x202F)}
_VISIBLE.update(dict.fromkeys(OVERRIDES, 0xFFFD))
_DROPPED.update(OVERRIDES)
# The same characters (C0 but tab and newline, DEL and C1, the overrides) as a search:
# `translate` looks up each character (3,000 agenda rows: 44 ms), a search finds none in a
# fraction of that, and text without them is passed on as it is.
_ANY_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def clean(text: str) -> str:
    """Text with every control character but newline and tab made visible (a Windows line
    break is a line break)."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)


def has_control(text: str) -> bool:
    """A C0 or C1 control character (but newline and tab): a pasted escape sequence."""
    return text.replace("\r\n", "\n").translate(_CONTROLS) != text.replace("\r\n", "\n")


def shown(text: str) -> str:
    """Text for a prompt (questionary draws it, not Rich): without control characters and
    bidirectional overrides, as every console of the program shows text. (A share file's
    every text passes here: most have none, and a search finds none in a fraction of a
    `translate`.)"""
    return text.translate(_DROPPED) if _ANY_DROPPED.search(text) else text


def drop_overrides(text: str) -> str:
    """Typed or pasted text without bidirectional overrides: invisible, and they would turn
    the text around wherever it is shown."""
    return text.translate(OVERRIDES)


class _Cleaned:
    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            if segment.control:  # Rich's own cursor moves, not text
                yield segment
            else:
                text = segment.text
                if _ANY_DROPPED.search(text):
                    text = text.translate(_DROPPED)
                yield Segment(text, segment.style)


def _hook(wrap: Callable[[RenderableType], RenderableType]) -> RenderHook:
    """A render hook that hands Rich each renderable wrapped (`_Cleaned`, `_Unboxed`)."""
    from rich.console import RenderHook

    class Hook(RenderHook):
        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [wrap(r) for r in renderables]

    return Hook()


# Box drawing and block elements (U+2500…259F): rules, panels and the board's frame. A screen
# reader reads each one aloud ("box drawings light horizontal" eighty times); as plain lines
# (`--enkel`) they are blanks, and the words stay where they were; a middle dot between two
# parts of a line is a comma.
_BOXES = dict.fromkeys(range(0x2500, 0x25A0), " ")


class _Unboxed(_Cleaned):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            if segment.control:
                yield segment
            else:  # and a middle dot between parts ("Gå til 4 · i gang") read as a comma
                text = segment.text.translate(_BOXES).replace(" · ", ", ")
                yield Segment(text, segment.style)


def without_boxes(console: Console) -> None:
    """From now on, `console` prints no line-drawing characters (`--enkel`)."""
    console.push_render_hook(_hook(_Unboxed))


def make_console(**options: Any) -> Console:
    """A Rich console for the program (or a test): no markup, no emoji codes, no control
    characters from text."""
    from rich.console import Console

    console = Console(markup=False, emoji=False, **options)
    console.push_render_hook(_hook(_Cleaned))
    return console


def indented(text: str, style: str = "") -> Padding:
    """A line under a heading; wrapped, it stays indented."""
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text, style=style), (0, 0, 0, 2), expand=False)  # no trailing spaces


class Titled:
    """A panel with its title in the top border where the title fits there whole, else as
    the panel's first line: Rich cuts a title that is too long mid-word, without a sign
    ("Guide til godt samarbejde mellem ci─" at 40 columns). Decided when drawn, at the width
    the panel gets; `options` are Rich's `Panel`'s."""

    def __init__(self, body: RenderableType, title: Text, **options: Any) -> None:
        self.body, self.title, self.options = body, title, options

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        from rich.console import Group
        from rich.panel import Panel

        # a title in the border has a corner, a line and a space on each side of it
        if self.title.cell_len <= options.max_width - 6:
            yield Panel(self.body, title=self.title, **self.options)
        else:
            yield Panel(Group(self.title, self.body), **self.options)
