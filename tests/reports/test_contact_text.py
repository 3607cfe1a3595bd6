"""The phone number and e-mail address in a contact field as people write it."""

from __future__ import annotations

import pytest

from samarbejde.base.contact_text import contact_parts


@pytest.mark.parametrize(
    ("text", "phone", "email"),
    [
        ("Birthe Sørensen, 12 34 56 78, birthe@frivillig.dk", "12 34 56 78", "birthe@frivillig.dk"),
        ("Jonas (formand) tlf. +45 2143 6587", "+45 2143 6587", ""),
        ("Kaj, 12345678", "12345678", ""),
        ("Bo, 0045 12 34 56 78", "0045 12 34 56 78", ""),
        ("anna.b2024@nordby.dk", "", "anna.b2024@nordby.dk"),  # digits of an address
        ("Åben kl. 10-12 hverdage, siden 2026", "", ""),  # not a phone number
        ("123456789", "", ""),  # nine digits: not a Danish number
        ("", "", ""),
    ],
)
def test_contact_parts(text: str, phone: str, email: str) -> None:
    assert contact_parts(text) == (phone, email)
