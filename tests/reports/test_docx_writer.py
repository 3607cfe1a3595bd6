"""The faster Word writer writes the same file python-docx's own calls write.

`docx_report.FastDocument` looks each paragraph style up once, keeps the body's end, and
copies runs, paragraphs and table rows python-docx made. The reference here is the same
`Writer` going through python-docx's public API (what the report used before), part by
part of the .docx (the zip's own time stamps differ between any two saves).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.reports import word as docx_report
from samarbejde.reports.word import docx_bytes
from samarbejde.sessions.model import LogEntry, Outreach, Partner
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES
from tests.helpers.stock_word import StockDocument

TODAY = dt.date(2026, 11, 28)


def parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(name, z.read(name)) for name in z.namelist()]


def both(session: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    guide = load_guide()
    fast = docx_bytes(session, guide, TODAY)
    with monkeypatch.context() as m:
        m.setattr(docx_report, "FastDocument", StockDocument)
        stock = docx_bytes(session, guide, TODAY)
    return fast, stock


@pytest.mark.parametrize("fixture", ["report_9.yaml", "report_60.yaml"])
def test_same_file_as_python_docx(store: Store, fixture: str, monkeypatch: pytest.MonkeyPatch):
    fast, stock = both(store.load(FIXTURES / fixture), monkeypatch)
    fast_parts, stock_parts = parts(fast), parts(stock)
    assert [n for n, _ in fast_parts] == [n for n, _ in stock_parts]
    for (name, mine), (_, theirs) in zip(fast_parts, stock_parts, strict=True):
        assert mine == theirs, name
    body = dict(fast_parts)["word/document.xml"].decode()
    assert "Heading1" in body and "ListBullet" in body and "<w:tbl>" in body  # styles were set


def test_same_file_with_odd_text(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Outer spaces, tabs, line breaks, an empty note: the cases python-docx writes apart."""
    session = store.load(FIXTURES / "report_9.yaml")
    session.partners.append(Partner(id="p99", name=" Foran og bag ", interest=5, influence=5))
    session.partners.append(Partner(id="p98", name="Tab\there", interest=1, influence=1))
    session.outreach["p99"] = Outreach(
        key_persons="  ",
        cards={"faelles_maal": "Linje 1\nLinje 2\r\n\tindrykket "},
        log=[LogEntry(date=dt.date(2026, 1, 2), note=""), LogEntry(date=TODAY, note=" x ")],
    )
    fast, stock = both(session, monkeypatch)
    assert parts(fast) == parts(stock)
    assert (
        'xml:space="preserve"> Foran og bag </w:t>'
        in dict(parts(fast))["word/document.xml"].decode()
    )
