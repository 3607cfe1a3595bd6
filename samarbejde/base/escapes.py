"""Text from the command line or a terminal that is not UTF-8, made text that can be saved.

Apart from `base.terminal` (Rich's consoles) so that reading the command line, which every
command does before anything else, costs no Rich: `--help` never makes a console.
"""

from __future__ import annotations

import re

# What Python makes of bytes that are not UTF-8 (a Latin-1 terminal, a name in argv): each byte
# a lone surrogate U+DC80…DCFF ("surrogateescape"); other lone surrogates are no text at all.
_ESCAPED = re.compile("[\udc80-\udcff]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def undo_escapes(text: str) -> str:
    """Text that can be saved: each run of escaped bytes read as the bytes it was, as UTF-8
    or else as Windows-1252 (a Danish Latin-1 terminal's æøå), and any other lone surrogate
    as U+FFFD. Text without surrogates is returned as it is."""
    if not _SURROGATE.search(text):
        return text

    def decoded(match: re.Match[str]) -> str:
        raw = bytes(ord(c) - 0xDC00 for c in match.group())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")

    return _SURROGATE.sub("\ufffd", _ESCAPED.sub(decoded, text))
