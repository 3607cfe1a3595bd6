"""Names the way a person sees them: two names that look alike on screen get one key.

A name can hide what tells it apart: invisible characters (a zero-width space, a bidirectional
mark, a soft hyphen), a compatibility form (ﬁ, full-width letters), or a letter of another
alphabet drawn like a Latin one (Cyrillic "о", Greek "ο"). `seen` removes the first, reads the
second as NFKC does, and folds the third to the Latin letter, then compares as `names.fold`
does (case, accents, dashes and spacing aside). Pure: no files, no terminal.

The letters folded are those of Unicode's confusables list (UTS #39, confusables.txt,
https://www.unicode.org/Public/security/latest/confusables.txt) whose target is a single
Latin letter, taken for the Cyrillic and Greek blocks, the ones a Danish keyboard layout
switch or a copied name brings; upper-case forms first (Cyrillic "Н" is Latin "H"), then the
lower-case ones (Cyrillic "н" is no "h" to the eye, so it is not folded).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from samarbejde.base.names import fold

# Upper case, before case folding: what each capital looks like.
_UPPER = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M",
        "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y",
        "Ԛ": "Q", "Ԝ": "W", "Һ": "H", "Ӏ": "I",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
# Lower case, after case folding: what each small letter looks like.
_LOWER = str.maketrans(
    {
        # Cyrillic
        "а": "a", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "о": "o", "р": "p", "с": "c",
        "у": "y", "х": "x", "ү": "y", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
        "ѵ": "v", "ɡ": "g", "к": "k",
        # Greek
        "α": "a", "ι": "i", "ο": "o", "ρ": "p", "υ": "u", "ν": "v", "κ": "k", "χ": "x",
        "ϲ": "c", "ϳ": "j",
        # Latin letters drawn like others
        "ı": "i", "ȷ": "j", "ɑ": "a", "ℓ": "l",
    }
)  # fmt: skip
# Characters that show nothing, beyond Unicode's format characters (category Cf: zero-width
# space and joiners, bidirectional marks and isolates, soft hyphen, word joiner, BOM):
# variation selectors, the combining grapheme joiner, Hangul fillers, the Braille blank.
_INVISIBLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x2800, 0x3164,
     0xFFA0, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
)  # fmt: skip


def visible(name: str) -> str:
    """The name without the characters that show nothing."""
    if name.isascii() and name.isprintable():  # none of those is ASCII: as it is
        return name
    return "".join(c for c in name if unicodedata.category(c) != "Cf" and ord(c) not in _INVISIBLE)


@lru_cache(maxsize=4096)  # `agenda` asks for each of 1,000 sessions' names more than once
def seen(name: str) -> str:
    """A key for names as a person sees them: two names that look alike have one key."""
    text = unicodedata.normalize("NFKC", visible(name)).translate(_UPPER)
    return fold(text.casefold().translate(_LOWER))
