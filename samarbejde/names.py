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
    text = unicodedata.normalize("NFC", name.casefold())
    text = "".join(c if c in _OWN_LETTERS else _bare(c) for c in text)
    return _NOT_WORD.sub(" ", text).strip()


_OWN_LETTERS = frozenset("æøå")  # Danish letters, not a/o with an accent


def _bare(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
