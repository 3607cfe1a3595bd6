"""The samarbejdsaftale's Word file: each party's signature block (name, date, signature, name
and title) stays whole on one page wherever the page ends (LibreOffice → PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.reports.agreement import AgreementDoc, DocSection, docx_bytes
from tests.helpers.office import needs_office, office

PARTIES = ["Nordby Kommune, Ældreområdet", "Frivilligcentret Åby", "Ældre Sagen Nordby"]
LINE = "Parterne mødes hver fjerde uge og skriver et kort referat af, hvad de har aftalt."


def agreement(padding: int) -> AgreementDoc:
    t = load_guide().texts
    keys = ("agreement_doc_not_relevant", "agreement_doc_date_line",
            "agreement_doc_signature_line", "agreement_doc_name_line", "agreement_doc_to_discuss",
            "agreement_doc_between_word", "agreement_doc_and")  # fmt: skip
    return AgreementDoc(
        title="Samarbejdsaftale",
        between="mellem tre parter",
        parties=PARTIES,
        draft="Udkast af 7. december 2026",
        language="da",
        sections=[DocSection(f"{n}. Afsnit", [LINE * 3] * 4, to_discuss=False) for n in (1, 2)],
        not_relevant=[],
        signing=("Underskrifter", [LINE] * padding),
        signers=[f"For {name}" for name in PARTIES],
        disclaimer="Ikke juridisk rådgivning.",
        texts={key: t(key) for key in keys} | {"page": "Side", "of": "af"},
    )


@needs_office
@pytest.mark.parametrize("padding", [9, 12, 18])  # each block in turn at a page end
def test_each_signature_block_stays_on_one_page(tmp_path: Path, padding: int) -> None:
    import pdfplumber

    target = tmp_path / "aftale.docx"
    target.write_bytes(docx_bytes(agreement(padding), dt.datetime(2026, 12, 7, 10, 0)))
    with pdfplumber.open(office(tmp_path, target, "pdf")) as read:
        pages = [page.extract_text() or "" for page in read.pages]
    for name in PARTIES:
        on = [n for n, page in enumerate(pages) if f"For {name}" in page]
        assert len(on) == 1
        block = pages[on[0]].split(f"For {name}")[1].split("For ")[0]  # up to the next
        assert "Dato:" in block and "Underskrift:" in block and "Navn og titel" in block, padding
