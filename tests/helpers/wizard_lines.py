"""The run of `wizard_script.SCRIPT` typed as lines, for `samarbejde --enkel`: the same
answers, each a line (or, for a multi-line answer, its lines and an empty line). A list is
answered by a number, checkboxes by numbers separated by spaces; Enter alone keeps what the
question offers. No arrow key, no Esc."""

from __future__ import annotations

from tests.helpers.wizard_script import NAME, SCRIPT, Entry

# One answer per entry of SCRIPT, in the same order (so its checks apply).
ANSWERS = [
    NAME + "\n",
    "1\n",  # Kommune
    "Nordby Kommune, Ældreområdet\n",
    "1 3\n",  # Samskabelse af aktiviteter, Langsigtede partnerskaber
    "Hanne Lund\n",
    "Ældrechef\n",
    "+45 12345678\n",
    "hl@nordby.dk\n",
    "2\n",  # Delvist
    "Direktionen er med\n",
    "3\n",  # På plads
    "\n",
    "1\n",  # Ikke på plads
    "Mangler tid 😅\n",
    "Ældre, der bor alene\n\n",
    'Radio om morgenen\nSpiser alene: "altid"\n\n',
    "Biblioteket # og kirken\n\n",
    "Ensomhed ved måltiderne\n\n",
    "Frivilligcentret Åby\n",
    "2\n",  # Forening
    "Birthe Sørensen\n",
    "Frivillige og lokaler\n",
    "\n",  # Enter keeps the offered choice: add a partner
    "Brugsen\n",
    "4\n",  # Virksomhed
    "\n",
    "Mad\n",
    "4\n",  # done, on to the next step
    "5\n",
    "4\n",
    "2\n",
    "3\n",
    "Start med Frivilligcentret\n\n",
    "\n",  # keep the partners ticked for outreach (the first quadrant's)
    "Ensomhed\n\n",
    "Spisevenner\n\n",
    "\n",
    "Hver måned\n\n",
    "Birthe (leder)\n",
    "om 4 dage\n",
    "2\n",  # write a contact down
    "15-11-2026\n",  # instead of the date offered (today)
    "Første møde\n",
    "1\n",  # on
    "1 3\n",
    "Aftalt på mødet\n",
    "\n",
    "\n",
    "\n",
    "\n",
    "Næste møde\n",
    "2027-02-01\n",
]
assert len(ANSWERS) == len(SCRIPT)

LINES: list[Entry] = [
    (marker, answer, check) for (marker, _keys, check), answer in zip(SCRIPT, ANSWERS, strict=True)
]


def all_lines(entries: list[Entry] = LINES) -> str:
    return "".join(answer for _, answer, _ in entries)
