"""What reaches the terminal: Rich consoles that never pass on a control character.

Session and content files travel between colleagues; their text must not set the window
title, write the clipboard (OSC 52), hide links (OSC 8) or clear the screen. Every console
of the program is made here: markup is off (text is never read as `[link=…]`), and a render
hook drops each C0/C1 control character and bidirectional override from the text (Rich lays
them out as zero-width, so dropping them keeps every border in place; what follows an ESC is
then plain text); newline and tab stay. Rich's own styling is applied after this, so colours
still work. Reports show such characters as visible signs instead (`clean`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook
from rich.segment import Segment

# C0 controls as their Unicode control pictures (U+2400…), DEL as ␡, C1 controls as �.
_VISIBLE = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
# Bidirectional embeddings, overrides and isolates (U+202A…202E, U+2066…2069) reverse the text
# around them ("abc\u202egnp.exe" shows as "abcexe.png"): as � too.
_VISIBLE.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_DROPPED = dict.fromkeys(_VISIBLE)


def clean(text: str) -> str:
    """Text with every control character but newline and tab made visible (a Windows line
    break is a line break)."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)


def has_control(text: str) -> bool:
    return clean(text) != text


class _Cleaned:
    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inner, options):
            if segment.control:  # Rich's own cursor moves, not text
                yield segment
            else:
                yield Segment(segment.text.translate(_DROPPED), segment.style)


class _CleanHook(RenderHook):
    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Cleaned(r) for r in renderables]


def make_console(**options: Any) -> Console:
    """A Rich console for the program (or a test): no markup, no emoji codes, no control
    characters from text."""
    console = Console(markup=False, emoji=False, **options)
    console.push_render_hook(_CleanHook())
    return console
