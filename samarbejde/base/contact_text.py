"""A contact person as people write one in a single field ("Birthe Sørensen, 12 34 56 78,
birthe@frivillig.dk"): the phone number and the e-mail address found in it, for the columns of a
spreadsheet and a calendar's description. Pure; what is not found is "" (nothing is guessed)."""

from __future__ import annotations

import re
from typing import NamedTuple

# A Danish number of eight digits, grouped as people write it (12 34 56 78, 1234 5678,
# 12345678), with or without +45 / 0045 in front; not a part of a longer run of digits.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)45[ .-]?)?(?:\d[ .-]?){7}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class ContactParts(NamedTuple):
    phone: str
    email: str


def contact_parts(text: str) -> ContactParts:
    """The first phone number and e-mail address in `text`, as written there."""
    email = _EMAIL.search(text)
    rest = _EMAIL.sub(" ", text)  # digits in an address are not a phone number
    phone = _PHONE.search(rest)
    return ContactParts(phone.group().strip() if phone else "", email.group() if email else "")
