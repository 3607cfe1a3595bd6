"""Fixtures for the documents' tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samarbejde.sessions.model import Agreement
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES


@pytest.fixture
def nine(store: Store, home: Path) -> Path:
    """The 9-partner fixture saved in the test's home, with an agreement with one partner
    (for the agreement's documents and its dates)."""
    session = store.load(FIXTURES / "report_9.yaml")
    partner = next(p for p in session.partners if p.name == "Frivilligcentret Nordby")
    session.agreement = Agreement(partner=partner.id, end=dt.date(2027, 12, 31))
    path = store.folder / "nordby.yaml"
    store.save(session, path)
    return path
