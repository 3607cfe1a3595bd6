"""Random sessions (hypothesis) of every part a session file holds, and the plain dump of
one as every save wrote it before `serial.Dumper`."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from samarbejde.base import yamlio
from samarbejde.sessions.model import (
    Agreement,
    Author,
    LogEntry,
    Outreach,
    Partner,
    Round,
    RoundScore,
    Session,
    new_session,
)
from samarbejde.sessions.serial import to_data
from tests.helpers.program import NOW


def plain(session: Session) -> str:
    """The whole session through PyYAML at once, as every save did before."""
    return yamlio.dumps(to_data(session))


texts = st.text(max_size=40) | st.sampled_from(
    [
        "",
        "\n",
        "a\n\nb\n\n",
        "  foran",
        "bag  ",
        "...",
        "---",
        "a: b",
        "ja",
        "2026-11-27",
        "x" * 130,
        "1",
        "~",
        "\t",
        "\r\n",
        "'\"",
        "æøå\n",
    ]
)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
scores = st.none() | st.integers(1, 5)
partners = st.builds(
    Partner,
    id=st.just(""),
    name=texts,
    kind=texts,
    contact=texts,
    brings=texts,
    interest=scores,
    influence=scores,
)
logs = st.lists(st.builds(LogEntry, date=dates, note=texts, by=texts), max_size=4)
plans = st.builds(
    Outreach,
    planned=st.booleans(),
    cards=st.dictionaries(texts, texts, max_size=2),
    key_persons=texts,
    next_contact=st.none() | dates,
    log=logs,
)
rounds = st.builds(
    Round,
    date=dates,
    ticked=st.lists(texts, max_size=2),
    note=texts,
    scores=st.dictionaries(
        texts,
        st.builds(RoundScore, interest=st.integers(1, 5), influence=st.integers(1, 5)),
        max_size=3,
    ),
    finished=st.booleans(),
    agreement=st.dictionaries(texts, texts, max_size=2),
)
extras = st.dictionaries(
    st.sampled_from(["extra", "ny", "1"]),
    st.none() | st.integers() | texts | dates | st.lists(texts, max_size=2),
    max_size=2,
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    s = new_session(draw(texts), draw(st.sampled_from(["kommune", ""])), NOW, draw(texts))
    for i, partner in enumerate(draw(st.lists(partners, max_size=5))):
        partner.id = f"p{i + 1}"
        for key, value in draw(extras).items():
            setattr(partner, key, value)
        s.partners.append(partner)
    keys = [p.id for p in s.partners] + draw(st.lists(texts, max_size=2))
    for key in keys:
        if draw(st.booleans()):
            s.outreach[key] = draw(plans)
    s.rounds = draw(st.lists(rounds, max_size=3))
    for rnd in s.rounds[:-1]:  # only the last round may be under way
        rnd.finished = True
    s.same_names = draw(st.dictionaries(texts, st.booleans(), max_size=2))
    s.drafts = draw(st.dictionaries(texts, texts, max_size=2))
    if draw(st.booleans()):
        s.agreement = Agreement(partner="p1", other=draw(texts))
    if draw(st.booleans()):
        s.written_by["foer.x"] = Author(user=draw(texts), at=NOW)
    s.completed_on = draw(st.none() | dates)
    return s
