"""Two sides of the same table, for the compare and share tests: a kommune's session and a
forening's, with 3 actors on both maps (one spelled "Ældresagen Nordby" on one side and
"ældresagen - nordby" on the other), 2 only on each, and each side placing the other."""

from __future__ import annotations

import datetime as dt

from samarbejde.sessions.model import (
    CheckState,
    LogEntry,
    Outreach,
    Partner,
    Readiness,
    Session,
    new_session,
)

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)

# Strings that must never travel in a share file made with --no-scores and without the
# checklist: one per field left out (the scores are numbers, checked by key; the dates by
# DATES).
MARKERS = {
    "contact": "MARKER-KONTAKTPERSON Birthe 20304050",
    "key_persons": "MARKER-NOEGLEPERSON birthe@example.dk",
    "log": "MARKER-KONTAKTLOG første møde",
    "card_other": "MARKER-KORT-ANDEN-PARTNER",
    "readiness": "MARKER-PARATHED direktionen",
    "draft": "MARKER-KLADDE halvt skrevet",
    "own_notes": "MARKER-EGNE-NOTER prioriter",
    "checklist_note": "MARKER-TJEKLISTE-NOTE",
    "unknown_key": "MARKER-UKENDT-FELT telefon",
    "round_note": "MARKER-EVALUERING justering",
}


DATES = (
    "2026-12-01",
    "2026-11-01",
    "2027-02-01",
    "2026-11-20",
)  # next contact, log, evaluation, round


def kommune() -> Session:
    s = new_session("Fællesspisning i Nordby", "kommune", NOW, "Nordby Kommune, Ældreområdet")
    s.set_answer("dagligdag", "maalgruppe", "Ældre, der bor alene i Nordby.")
    s.set_answer("dagligdag", "en_dag", "Morgenen går med radio og avis.")
    s.set_answer("dagligdag", "moeder", "Hjemmeplejen og biblioteket.")
    s.set_answer("dagligdag", "problem", "Ensomhed ved måltiderne.")
    s.set_answer("prioriter", "noter", MARKERS["own_notes"])
    s.partners = [
        Partner(id="p1", name="Ældresagen Nordby", kind="forening", brings="Kontakt til de ældre",
                contact=MARKERS["contact"], interest=4, influence=2),
        Partner(id="p2", name="Frivilligcentret Nordby", kind="frivillig_organisation",
                brings="Frivillige", interest=5, influence=4),
        Partner(id="p3", name="Biblioteket", kind="kommunal_enhed", interest=3, influence=3),
        Partner(id="p4", name="Brugsen", kind="virksomhed", interest=2, influence=3),
        Partner(id="p5", name="Madskolen", kind="andet"),
        Partner(id="p6", name="Nordby Idrætsforeningen", kind="forening",
                brings="Bevægelse og fællesskab", interest=3, influence=2,
                telefon=MARKERS["unknown_key"]),
    ]  # fmt: skip
    s.outreach = {
        "p6": Outreach(cards={"faelles_maal": "Vi vil begge have de ældre ud af stuen."},
                       key_persons=MARKERS["key_persons"], next_contact=dt.date(2026, 12, 1),
                       log=[LogEntry(date=dt.date(2026, 11, 1), note=MARKERS["log"])]),
        "p2": Outreach(cards={"faelles_maal": MARKERS["card_other"]}),
    }  # fmt: skip
    s.readiness = {"prioritering": Readiness(status="delvist", note=MARKERS["readiness"])}
    s.drafts = {"dagligdag.en_dag": MARKERS["draft"]}
    s.checklist = {
        "faelles_grund": CheckState(done=True, note=MARKERS["checklist_note"]),
        "snak_ofte": CheckState(done=True),
        "evaluer": CheckState(date=dt.date(2027, 2, 1)),  # the next evaluation: not shared
    }
    from samarbejde.sessions.model import Round

    s.rounds = [Round(date=dt.date(2026, 11, 20), note=MARKERS["round_note"], finished=True)]
    return s


def forening() -> Session:
    s = new_session("Bevægelse for ældre", "civilsamfund", NOW, "Nordby Idrætsforening")
    s.set_answer("dagligdag", "maalgruppe", "Ældre medlemmer, der bor alene.")
    s.set_answer("dagligdag", "problem", "Ensomhed og for lidt bevægelse.")
    s.partners = [
        Partner(id="p1", name="ældresagen - nordby", kind="forening", interest=4, influence=4),
        Partner(id="p2", name="Frivilligcentret Nordby", kind="frivillig_organisation",
                interest=5, influence=5),
        Partner(id="p3", name="Biblioteket", kind="kommunal_enhed", interest=2, influence=2),
        Partner(id="p4", name="Spejderne", kind="forening", interest=3, influence=1),
        Partner(id="p5", name="Kirken", kind="andet", interest=1, influence=3),
        Partner(id="p6", name="Nordby Kommune", kind="kommunal_enhed", brings="Lokaler og penge",
                interest=5, influence=5),
    ]  # fmt: skip
    s.checklist = {"faelles_grund": CheckState(done=True), "spilleregler": CheckState(done=True)}
    return s


# -- names as people write them (issue 27) --------------------------------------------------

# The same actor written two ways, as two organisations' maps had them: the three of the
# issue's two sessions, the kommune's department on the forening's map, and more variants.
SAME_ACTORS = [
    ("Madklubben i Nordby", "Nordby Madklub"),
    ("Røde Kors, Nordby afdeling", "Røde Kors Nordby"),
    ("Biblioteket", "Nordby Bibliotek"),
    ("Nordby Kommune, Ældreområdet", "Nordby Kommune, Sundhed og Ældre"),
    ("Lions Club Sydby", "Sydby Lions"),
    ("KFUM's Sociale Arbejde", "KFUMs sociale arbejde, Nordby"),
    ("Nordby Boligselskab afd. 7", "Boligselskabet Nordby"),
    ("Sankt Nikolaj Kirke", "Nikolaj Sogn"),
    ("Nordby Skole", "Nordby Skole og SFO"),
    ("Ældresagen Nordby", "ældresagen - nordby"),
    ("Nordby Idrætsforeningen", "Nordby Idrætsforening"),
    ("Frivilligcentret Nordby", "Frivilligcenter Nordby"),
    ("Café Nord", "cafe nord"),
    ("Dansk Røde Kors Sydby", "Røde Kors, Sydby"),
    ("Ældre Sagen Sydby", "Ældresagen i Sydby"),
    ("Brugsen Nordby", "Dagli'Brugsen Nordby"),
    ("Nordby Kirke", "Nordby Sogn"),
    ("Sydby Spejderne", "Spejderne i Sydby"),
    ("Nordby Kommune", "Nordby Kommune, Ældreområdet"),
    ("Sydby Fodboldklub", "Sydby Fodbold Klub"),
]

# Names that look alike and are two actors: a shared town or kind of place is not enough.
OTHER_ACTORS = [
    ("Nordby Bibliotek", "Sydby Bibliotek"),
    ("Røde Kors Nordby", "Blå Kors Nordby"),
    ("Lions Club Sydby", "Rotary Sydby"),
    ("Nordby Skole", "Sydby Skole"),
    ("Nordby Idrætsforening", "Nordby Skakklub"),
    ("Sankt Nikolaj Kirke", "Sankt Mortens Kirke"),
    ("Frivilligcentret Nordby", "Frivillighuset Nordby"),
    ("Nordby Kommune, Kultur", "Sydby Kommune, Kultur"),
    ("Ældresagen Nordby", "Ældresagen Sydby"),
    ("KFUM Nordby", "KFUK Nordby"),
    ("Nordby Svømmeklub", "Nordby Svømmehal"),
    ("Madklubben i Nordby", "Madskolen i Nordby"),
    ("Nordby Ungdomsskole", "Nordby Skole"),
    ("Kirkens Korshær Nordby", "Nordby Kirke"),
    ("Nordby Skole 10", "Nordby Skole 11"),
    ("Forening 17", "Anden 17"),
]


def issue_sides() -> tuple[Session, Session]:
    """The issue's two users: the kommune's frivillighedskonsulent and Jørgen of the local
    Ældresagen, each with the same three actors written otherwise, and Jørgen's #1 actor the
    kommune's department."""
    k = new_session("Frivillige i ældreplejen", "kommune", NOW, "Nordby Kommune, Sundhed og Ældre")
    k.partners = [
        Partner(id="p1", name="Nordby Madklub", interest=4, influence=2),
        Partner(id="p2", name="Røde Kors Nordby", interest=5, influence=4),
        Partner(id="p3", name="Nordby Bibliotek", interest=3, influence=3),
        Partner(id="p4", name="Ældresagen Nordby", interest=5, influence=5),
        Partner(id="p5", name="Sydby Bibliotek", interest=1, influence=1),
    ]
    f = new_session("Ensomme ældre i Nordby og omegn", "civilsamfund", NOW, "Ældresagen Nordby")
    f.partners = [
        Partner(id="p1", name="Nordby Kommune, Ældreområdet", interest=5, influence=5),
        Partner(id="p2", name="Madklubben i Nordby", interest=4, influence=4),
        Partner(id="p3", name="Røde Kors, Nordby afdeling", interest=4, influence=3),
        Partner(id="p4", name="Biblioteket", interest=2, influence=4),
        Partner(id="p5", name="Blå Kors Nordby", interest=2, influence=2),
    ]
    return k, f
