"""Names as people write them: the same name with other case, accents, dashes or spacing.

"Fællesskab mod ensomhed – ældre i Solbjerg" and "fællesskab mod ensomhed - ældre i solbjerg"
are one name to a person; `fold` gives both the same key. Pure: no files, no terminal.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def fold(name: str) -> str:
    """A key for comparing names: lower case, accents off (é → e; æ, ø, å stay letters of
    their own), every run of dashes, punctuation and spaces one space."""
    text = name.casefold()
    if not text.isascii():  # (ASCII is in NFC and has no accents)
        text = unicodedata.normalize("NFC", text).translate(_BARE)
    return _NOT_WORD.sub(" ", text).strip()


def alphabetical(name: str) -> tuple[str, str]:
    """A key for listing names in Danish alphabetical order: case and accents aside, æ, ø
    and å last, after z (the name itself breaks a tie)."""
    return fold(name).translate(_AFTER_Z), name


_OWN_LETTERS = frozenset("æøå")  # Danish letters, not a/o with an accent
_AFTER_Z = str.maketrans({"æ": "z{", "ø": "z|", "å": "z}"})  # {|} come after z


class _Bare(dict[int, str]):
    """Each character without its accents, worked out once per character (`str.translate`
    asks for each; a per-character Python loop made matching 1,000 names take 0.3 s)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        bare = char if char in _OWN_LETTERS else _bare(char)
        if len(self) < 4096:  # the letters people write; a file of odd ones is not kept
            self[code] = bare
        return bare


_BARE = _Bare()


def _bare(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
