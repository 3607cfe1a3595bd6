"""Writes the two report fixtures: `report_9.yaml` (a realistic session: 9 partners in all
quadrants, two outreach plans, half the checklist) and `report_60.yaml` (a large one: 60
partners with 80-character names, 2,000-character answers and 150-character links in every
kind of field). Run it again after a change to the session format:

    python -m tests.helpers.report_fixtures
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samarbejde.base import yamlio
from samarbejde.sessions.model import (
    CheckState,
    LogEntry,
    Outreach,
    Partner,
    Readiness,
    Round,
    RoundScore,
    Session,
    new_session,
)
from samarbejde.sessions.store import to_data

HERE = Path(__file__).resolve().parent.parent / "fixtures"
TZ = dt.timezone(dt.timedelta(hours=1))
LINK = "https://www.nordby.dk/borger/aeldre-og-handicap/faellesskaber/" + "x" * 88
assert len(LINK) == 150

NINE = [  # name, kind, contact, brings, interest, influence
    ("Frivilligcentret Nordby", "frivillig_organisation", "Birthe Sørensen", "Frivillige", 5, 4),
    ("Ældresagen Nordby", "forening", "Jens Holm", "Kontakt til de ældre", 4, 2),
    ("Brugsen Nordby", "virksomhed", "", "Mad og lokaler", 2, 4),
    ("Idrætsforeningen NIF", "forening", "", "", 1, 1),
    ("Biblioteket", "kommunal_enhed", "Lise Kjær", "Lokaler om aftenen", 4, 5),
    ("Madskolen", "andet", "", "Kokke", 3, 2),
    ("Nordby Kirke", "andet", "Sognepræsten", "Kirkesal", 2, 2),
    ("Fonden for Fællesskab", "fond", "", "Penge til opstart", 3, 5),
    ("Hjemmeplejen", "kommunal_enhed", "Teamleder Anne", "Kender de ensomme", 5, 3),
]


def nine() -> Session:
    created = dt.datetime(2026, 10, 1, 9, 30, tzinfo=TZ)
    s = new_session("Fællesspisning i Nordby", "kommune", created, "Nordby Kommune, Ældreområdet")
    s.updated = dt.datetime(2026, 11, 20, 14, 5, tzinfo=TZ)
    s.forms = ["samskabelse", "ressourcer"]
    s.readiness = {
        "prioritering": Readiness(status="delvist", note="Direktionen er orienteret."),
        "vaer_aaben": Readiness(status="paa_plads"),
        "dediker_tid": Readiness(status="ikke"),
    }
    s.answers = {
        "dagligdag": {
            "maalgruppe": "Ældre, der bor alene i Nordby.",
            "en_dag": "Morgenen går med radio og avis.\nMange spiser alene.",
            "moeder": "Hjemmeplejen, biblioteket, Ældresagen.",
            "problem": "Ensomhed ved måltiderne.",
        },
        "prioriter": {"noter": "Frivilligcentret og biblioteket er de oplagte at starte med."},
    }
    s.partners = [
        Partner(id=f"p{i}", name=n, kind=k, contact=c, brings=b, interest=x, influence=y)
        for i, (n, k, c, b, x, y) in enumerate(NINE, 1)
    ]
    s.outreach = {
        "p1": Outreach(
            cards={"faelles_maal": "Vi vil begge bryde ensomheden.", "vedligehold": "Hver måned."},
            key_persons="Birthe Sørensen (leder)",
            next_contact=dt.date(2026, 11, 1),
            log=[LogEntry(date=dt.date(2026, 10, 15), note="Første møde på biblioteket.")],
        ),
        "p5": Outreach(
            cards={"forbered": "De har et nyt projekt om læsekredse."},
            key_persons="Lise Kjær",
            next_contact=dt.date(2027, 1, 10),
        ),
    }
    s.checklist = {
        "faelles_grund": CheckState(done=True, note="Aftalt på første møde."),
        "forskelle": CheckState(done=False),
        "snak_ofte": CheckState(done=True),
        "evaluer": CheckState(done=False, date=dt.date(2027, 2, 1)),
        "ledelsen": CheckState(done=True),
    }
    s.completed = ["foer", "dagligdag", "aktoerer", "prioriter"]
    # two evaluation rounds: the start, and one where two partners moved on the board
    now = {p.id: RoundScore(interest=p.interest, influence=p.influence) for p in s.partners}
    then = {
        **now,
        "p2": RoundScore(interest=2, influence=2),
        "p5": RoundScore(interest=3, influence=2),
    }
    s.rounds = [
        Round(date=dt.date(2026, 10, 20), ticked=["faelles_grund"], scores=then,
              next_evaluation=dt.date(2026, 11, 20), finished=True),
        Round(date=dt.date(2026, 11, 20), ticked=["faelles_grund", "snak_ofte", "ledelsen"],
              scores=now, note="Vi aftaler faste roller: Birthe koordinerer de frivillige.",
              next_evaluation=dt.date(2027, 2, 1), finished=True),
    ]  # fmt: skip
    return s


def sixty() -> Session:
    words = ("samarbejde", "fællesskab", "frivillige", "ensomhed", "måltider", "kommunen")
    long_text = " ".join(words[i % len(words)] for i in range(250))[:1850] + " " + LINK
    s = new_session("Et meget stort samarbejde om fællesskaber for ældre i hele kommunen " * 2,
                    "civilsamfund", dt.datetime(2026, 9, 1, 8, 0, tzinfo=TZ), LINK)  # fmt: skip
    s.updated = dt.datetime(2026, 11, 25, 16, 0, tzinfo=TZ)
    s.answers = {
        "dagligdag": {q: long_text for q in ("maalgruppe", "en_dag", "moeder", "problem")},
        "prioriter": {"noter": long_text},
    }
    kinds = ("forening", "frivillig_organisation", "kommunal_enhed", "virksomhed", "fond", "andet")
    s.partners = []
    for i in range(1, 61):
        name = f"Partner {i:02d} " + "Langtnavnsforeningen for Fællesskab og Samvær i Nordby "
        name = (name * 2)[:80] if i % 7 else LINK[:80]
        s.partners.append(
            Partner(
                id=f"p{i}",
                name=name,
                kind=kinds[i % len(kinds)],
                contact=LINK if i % 5 == 0 else f"Kontaktperson {i}",
                brings=LINK if i % 3 == 0 else "Frivillige, lokaler og viden om målgruppen",
                interest=i % 5 + 1,
                influence=(i // 5 + i // 25) % 5 + 1,
            )
        )
    s.outreach = {
        f"p{i}": Outreach(
            cards={"faelles_maal": long_text, "forbered": LINK, "dagsorden": long_text[:400]},
            key_persons=LINK,
            next_contact=dt.date(2026, 11, 1) + dt.timedelta(days=9 * i),
            log=[LogEntry(date=dt.date(2026, 10, i), note=LINK) for i in range(1, 4)],
        )
        for i in range(1, 13)
    }
    s.checklist = {
        "faelles_grund": CheckState(done=True, note=long_text),
        "evaluer": CheckState(done=False, note=LINK, date=dt.date(2026, 11, 15)),
    }
    s.completed = ["foer", "dagligdag", "aktoerer", "prioriter", "raek_ud"]
    return s


def main() -> None:
    for name, data in (("report_9.yaml", nine()), ("report_60.yaml", sixty())):
        (HERE / name).write_text(yamlio.dumps(to_data(data)), encoding="utf-8")


if __name__ == "__main__":
    main()
