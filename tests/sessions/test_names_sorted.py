"""A session not found lists the sessions there are in Danish alphabetical order (case and
accents aside, æ, ø, å last), not in the order the files were read."""

from __future__ import annotations

from samarbejde.base.names import alphabetical
from samarbejde.sessions.model import new_session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW


def test_alphabetical_is_danish() -> None:
    names = ["Ørestad", "bakken", "Åby", "Æblehaven", "Zealand", "Aabenraa", "Émile"]
    assert sorted(names, key=alphabetical) == [
        "Aabenraa", "bakken", "Émile", "Zealand", "Æblehaven", "Ørestad", "Åby",
    ]  # fmt: skip


def test_the_sessions_there_are_are_sorted(cli, store: Store) -> None:
    for n, name in enumerate(["Ørestad", "bakken", "Zealand", "Aabenraa", "Æblehaven"]):
        session = new_session(name, "kommune", NOW, organisation="x")
        store.save(session, store.folder / f"s{n}.yaml")
    result = cli("summary", "findes-ikke")
    assert result.code != 0
    said = " ".join((result.stdout + result.stderr).split())
    assert "Disse sessioner findes: Aabenraa, bakken, Zealand, Æblehaven og Ørestad" in said
