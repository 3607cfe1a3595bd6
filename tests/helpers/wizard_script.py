"""One full run of the wizard as keystrokes, prompt by prompt, with what each answer saves.

Each entry: (a fragment of the question on screen, the keys, a check of the saved session).
Shared by the in-process tests and the pseudo-terminal tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from samarbejde.sessions.model import Session

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
CTRL_C = "\x03"
CLEAR = "\x15"  # Ctrl-U: clear the line before the cursor
FINISH = "\x1b\r"  # Esc, Enter: finish a multi-line answer

NAME = "Fællesspisning i Nordby"

Check = Callable[[Session], object] | None  # None: a menu choice, nothing saved by itself
Entry = tuple[str, str, Check]


def _state(s: Session, point: str):
    return s.readiness[point]


SCRIPT: list[Entry] = [
    ("Hvad skal samarbejdet hedde", NAME + ENTER, lambda s: s.name == NAME),
    ("Er I en kommune", ENTER, lambda s: s.role == "kommune"),
    (
        "Hvad hedder jeres organisation",
        "Nordby Kommune, Ældreområdet" + ENTER,
        lambda s: s.organisation == "Nordby Kommune, Ældreområdet",
    ),
    (
        "Hvilke former",
        SPACE + DOWN + DOWN + SPACE + ENTER,
        lambda s: s.forms == ["samskabelse", "partnerskab"],
    ),
    (
        "Hvad hedder jeres kontaktperson",
        "Hanne Lund" + ENTER,
        lambda s: s.our_contact.name == "Hanne Lund",
    ),
    ("rolle eller titel", "Ældrechef" + ENTER, lambda s: s.our_contact.role == "Ældrechef"),
    ("telefonnummer", "+45 12345678" + ENTER, lambda s: s.our_contact.phone == "+45 12345678"),
    (
        "e-mailadresse",
        "hl@nordby.dk" + ENTER,
        lambda s: s.our_contact.email == "hl@nordby.dk",
    ),
    (
        'Hvor langt er I med "Prioritering"',
        DOWN + ENTER,
        lambda s: _state(s, "prioritering").status == "delvist",
    ),
    (
        'Note til "Prioritering"',
        "Direktionen er med" + ENTER,
        lambda s: _state(s, "prioritering").note == "Direktionen er med",
    ),
    (
        'Hvor langt er I med "Vær åben"',
        DOWN + DOWN + ENTER,
        lambda s: _state(s, "vaer_aaben").status == "paa_plads",
    ),
    ('Note til "Vær åben"', ENTER, lambda s: _state(s, "vaer_aaben").note == ""),
    (
        'Hvor langt er I med "Dedikér tid"',
        ENTER,
        lambda s: _state(s, "dediker_tid").status == "ikke",
    ),
    (
        'Note til "Dedikér tid"',
        "Mangler tid 😅" + ENTER,
        lambda s: _state(s, "dediker_tid").note == "Mangler tid 😅",
    ),
    (
        "Hvem er de borgere",
        "Ældre, der bor alene" + FINISH,
        lambda s: s.answer("dagligdag", "maalgruppe") == "Ældre, der bor alene",
    ),
    (
        "almindelig dag",
        "Radio om morgenen" + ENTER + 'Spiser alene: "altid"' + FINISH,
        lambda s: s.answer("dagligdag", "en_dag") == 'Radio om morgenen\nSpiser alene: "altid"',
    ),
    (
        "Hvor møder de",
        "Biblioteket # og kirken" + FINISH,
        lambda s: s.answer("dagligdag", "moeder") == "Biblioteket # og kirken",
    ),
    (
        "Hvilket problem",
        "Ensomhed ved måltiderne" + FINISH,
        lambda s: s.answer("dagligdag", "problem") == "Ensomhed ved måltiderne",
    ),
    (
        "Partnerens navn",
        "Frivilligcentret Åby" + ENTER,
        lambda s: s.partners[0].name == "Frivilligcentret Åby",
    ),
    ("Hvilken slags", DOWN + ENTER, lambda s: s.partners[0].kind == "forening"),  # from the 1st
    (
        "Kontaktperson",
        "Birthe Sørensen" + ENTER,
        lambda s: s.partners[0].contact == "Birthe Sørensen",
    ),
    (
        "bidrage med",
        "Frivillige og lokaler" + ENTER,
        lambda s: s.partners[0].brings == "Frivillige og lokaler",
    ),
    ("Hvad vil du nu", ENTER, None),  # a menu choice: nothing to save by itself
    (
        "Partnerens navn",
        "Brugsen" + ENTER,
        lambda s: [p.name for p in s.partners] == ["Frivilligcentret Åby", "Brugsen"],
    ),
    ("Hvilken slags", DOWN * 3 + ENTER, lambda s: s.partners[1].kind == "virksomhed"),  # top
    ("Kontaktperson", ENTER, lambda s: s.partners[1].contact == ""),
    ("bidrage med", "Mad" + ENTER, lambda s: s.partners[1].brings == "Mad"),
    ("Hvad vil du nu", UP + ENTER, lambda s: "aktoerer" in s.completed),
    ("Fælles interesse", "5", lambda s: s.partners[0].interest == 5),  # a digit is enough
    ("Indflydelse og ressourcer", "4", lambda s: s.partners[0].influence == 4),
    ("Fælles interesse", DOWN + ENTER, lambda s: s.partners[1].interest == 2),
    ("Indflydelse og ressourcer", DOWN * 2 + ENTER, lambda s: s.partners[1].influence == 3),
    (
        "Jeres noter",
        "Start med Frivilligcentret" + FINISH,
        lambda s: s.answer("prioriter", "noter") == "Start med Frivilligcentret",
    ),
    (
        "Hvem vil I række ud til",
        ENTER,
        lambda s: [pid for pid, o in s.outreach.items() if o.planned] == ["p1"],
    ),
    (
        "Hvad interesserer I jer begge for",
        "Ensomhed" + FINISH,
        lambda s: s.outreach["p1"].cards["faelles_maal"] == "Ensomhed",
    ),
    (
        "aktuelle projekter",
        "Spisevenner" + FINISH,
        lambda s: s.outreach["p1"].cards["forbered"] == "Spisevenner",
    ),
    ("formulere idéen", FINISH, lambda s: s.outreach["p1"].cards["dagsorden"] == ""),
    (
        "holder I kontakten",
        "Hver måned" + FINISH,
        lambda s: s.outreach["p1"].cards["vedligehold"] == "Hver måned",
    ),
    (
        "Nøglepersoner",
        "Birthe (leder)" + ENTER,
        lambda s: s.outreach["p1"].key_persons == "Birthe (leder)",
    ),
    (
        "Hvornår tager I kontakt",
        "om 4 dage" + ENTER,  # in four days from the tests' today, 27-11-2026
        lambda s: s.outreach["p1"].next_contact == dt.date(2026, 12, 1),
    ),
    ("skrive en kontakt i loggen", DOWN + ENTER, None),
    (
        "Hvornår var kontakten",
        "15-11-2026" + ENTER,  # typed over today's date, which stands there: it replaces it
        lambda s: s.outreach["p1"].log[0].date == dt.date(2026, 11, 15),
    ),
    (
        "Hvad skete der",
        "Første møde" + ENTER,
        lambda s: s.outreach["p1"].log[0].note == "Første møde",
    ),
    ("skrive en kontakt i loggen", ENTER, lambda s: "raek_ud" in s.completed),
    (
        "Sæt kryds",
        SPACE + DOWN + DOWN + SPACE + ENTER,
        lambda s: [k for k, v in s.checklist.items() if v.done] == ["faelles_grund", "snak_ofte"],
    ),
    (
        'Note til "1. Find fælles grund',
        "Aftalt på mødet" + ENTER,
        lambda s: s.checklist["faelles_grund"].note == "Aftalt på mødet",
    ),
    ('Note til "2.', ENTER, lambda s: s.checklist["forskelle"].note == ""),
    ('Note til "3.', ENTER, lambda s: s.checklist["snak_ofte"].note == ""),
    ('Note til "4.', ENTER, lambda s: s.checklist["evaluer"].note == ""),
    ('Note til "5.', ENTER, lambda s: s.checklist["ledelsen"].note == ""),
    (
        'Note til "6.',
        "Næste møde" + ENTER,
        lambda s: s.checklist["spilleregler"].note == "Næste møde",
    ),
    (
        "Hvornår evaluerer I",
        "2027-02-01" + ENTER,
        lambda s: s.checklist["evaluer"].date == dt.date(2027, 2, 1),
    ),
]


def at(fragment: str) -> int:
    """The index in SCRIPT of the first prompt whose fragment this is."""
    return next(i for i, (marker, _, _) in enumerate(SCRIPT) if marker == fragment)


OPENING = at("Hvad hedder jeres kontaktperson")  # the opening's questions before our contact

# The cursor (step, key) saved while each prompt of SCRIPT is on screen.
CURSORS = (
    [("start", "name"), ("start", "role"), ("start", "organisation"), ("start", "forms")]
    + [("start", f"person_{part}") for part in ("name", "role", "phone", "email")]
    + [
        ("foer", f"{p}.{f}")
        for p in ("prioritering", "vaer_aaben", "dediker_tid")
        for f in ("status", "note")
    ]
    + [("dagligdag", q) for q in ("maalgruppe", "en_dag", "moeder", "problem")]
    + [
        ("aktoerer", k)
        for k in (
            "new.name",
            "p1.kind",
            "p1.contact",
            "p1.brings",
            "menu",
            "new.name",
            "p2.kind",
            "p2.contact",
            "p2.brings",
            "menu",
        )
    ]
    + [
        ("prioriter", k)
        for k in ("p1.interest", "p1.influence", "p2.interest", "p2.influence", "noter")
    ]
    + [
        ("raek_ud", k)
        for k in (
            "choose",
            "p1.faelles_maal",
            "p1.forbered",
            "p1.dagsorden",
            "p1.vedligehold",
            "p1.key_persons",
            "p1.next_contact",
            "p1.log",
            "p1.log_date",
            "p1.log_note",
            "p1.log",
        )
    ]
    + [
        ("tjekliste", k)
        for k in (
            "ticks",
            "faelles_grund.note",
            "forskelle.note",
            "snak_ofte.note",
            "evaluer.note",
            "ledelsen.note",
            "spilleregler.note",
            "evaluer.date",
        )
    ]
)
assert len(CURSORS) == len(SCRIPT)
