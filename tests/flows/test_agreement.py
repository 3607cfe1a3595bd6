"""The samarbejdsaftale: drafted through the real prompts from a walked session, stopped and
resumed in three sections, its state in summary and evaluate, its dates in the agenda, and the
document both sides sign."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document

from samarbejde.cli.app import main
from samarbejde.sessions.model import ContactPerson
from tests.helpers.browser import run_chromium
from tests.helpers.office import office
from tests.helpers.program import quiet_env
from tests.helpers.prompts import all_keys, copy_into, drive, load, make_env
from tests.helpers.wizard_script import CLEAR, CTRL_C, DOWN, ENTER, FINISH, NAME, UP

KEEP = FINISH + ENTER  # the suggestion kept (Esc, Enter), then the state offered: "Delvist"
SECTIONS: list[tuple[str, str]] = [
    ("partner", ENTER),  # the first partner on the plan: Frivilligcentret Åby
    ("children", ENTER),  # the guess from step 1 ("Ældre, der bor alene"): no
    ("adults", ENTER),  # the guess from step 1 ("Ældre"): yes, so the certificates are asked
    ("parter", KEEP),
    ("formaal", KEEP),
    ("samarbejdsform", KEEP),
    ("maalgruppe", KEEP),
    ("bidrag", KEEP),
    ("rettigheder", KEEP),
    ("roller", "Frivillige laver maden" + ENTER + "Ansatte visiterer" + FINISH + ENTER),
    ("myndighed", KEEP),
    ("moeder", CLEAR + "Hver 4. uge" + FINISH + DOWN + ENTER),  # over "Hver måned"; partly
    ("videndeling", FINISH),  # nothing written: missing, no state asked
    ("kommunikation", "Kommunen taler med pressen" + FINISH + ENTER),
    ("tavshedspligt", KEEP),
    ("attester", KEEP),
    ("forsikring", KEEP),
    ("oekonomi", FINISH + DOWN + ENTER),  # the suggestion kept: "Delvist" first; not relevant
    (
        "varighed",
        "Evaluering hver 3. måned"
        + FINISH
        + "01-01-2027"
        + ENTER
        + "27-12-2026"
        + ENTER
        + "15-12-2026"
        + ENTER
        + ENTER,
    ),
    ("konflikt", "Vi tager det op på næste møde" + FINISH + ENTER),
    ("underskrifter", "Anna Holm, direktør" + FINISH + ENTER),
]
MARKERS = ("Birthe Sørensen",)  # a contact person is for the parties, not a secret


def keys(sections=SECTIONS) -> str:
    return "".join(k for _, k in sections)


@pytest.fixture(scope="module")
def walked_data(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The session a whole `start` leaves, run once for the module (it is the same run for
    every test: the clock is pinned)."""
    home = tmp_path_factory.mktemp("walked")
    env = make_env(home)
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    return env.store.path_for(NAME).read_bytes()


@pytest.fixture(scope="module")
def agreed_data(tmp_path_factory: pytest.TempPathFactory, walked_data: bytes) -> bytes:
    """The walked session with the agreement drafted through every section (`keys()`)."""
    home = tmp_path_factory.mktemp("agreed")
    copy_into(home, walked_data)
    assert drafted(home, keys()) == 0
    return make_env(home).store.path_for(NAME).read_bytes()


@pytest.fixture
def walked(home: Path, walked_data: bytes) -> Path:
    copy_into(home, walked_data)
    return home


@pytest.fixture
def agreed(home: Path, agreed_data: bytes) -> Path:
    copy_into(home, agreed_data)
    return home


def drafted(home: Path, typed: str, *args: str) -> int:
    env = make_env(home)
    return drive(typed, lambda: main(["agreement", NAME, *args], env))


def test_a_draft_stopped_in_three_sections_equals_one_uninterrupted(agreed: Path, tmp_path):
    whole = load(make_env(agreed)).agreement
    assert whole is not None
    sections = {k: (v.text, v.status) for k, v in whole.sections.items()}
    assert sections["roller"] == ("Frivillige laver maden\nAnsatte visiterer", "in_place")
    # a suggestion kept as it was is offered as "delvist", not "på plads"
    assert sections["parter"][1] == "partly" and sections["maalgruppe"][1] == "partly"
    assert sections["moeder"] == ("Hver 4. uge", "partly")
    assert sections["oekonomi"][1] == "not_relevant"
    assert "Frivilligcentret Åby" in sections["parter"][0]
    assert "Ensomhed ved måltiderne" in sections["formaal"][0]  # step 1's problem
    # home visits to the elderly: the certificates' section, with the adults' line only
    assert "straffeattest" in sections["attester"][0]
    assert "børn under 15" not in sections["attester"][0]
    assert "videndeling" not in sections or not sections["videndeling"][0]
    assert (whole.start, whole.end, whole.notice) == (
        dt.date(2027, 1, 1), dt.date(2026, 12, 27), dt.date(2026, 12, 15))  # fmt: skip

    # again from the walked session, stopped three times: mid-text, at a choice, at a date
    second = tmp_path / "second"
    (second / "sessions").mkdir(parents=True)
    walked_file = make_env(agreed).store.path_for(NAME)
    saved = load(make_env(agreed))
    saved.agreement = None
    make_env(second).store.save(saved, second / "sessions" / walked_file.name)
    before = SECTIONS[:9]
    roller = "Frivillige laver maden" + ENTER + "Ansatte visi"
    assert drafted(second, keys(before) + roller + CTRL_C) == 130
    mid = load(make_env(second))
    assert mid.cursor.question == "roller.text"
    assert mid.drafts["agreement.roller.text"] == "Frivillige laver maden\nAnsatte visi"
    rest = "terer" + FINISH + ENTER + keys(SECTIONS[10:17]) + FINISH + CTRL_C
    assert drafted(second, rest) == 130  # at the economy's choice
    assert load(make_env(second)).cursor.question == "oekonomi.status"
    varighed = "Evaluering hver 3. måned" + FINISH + "01-01-2027" + ENTER + "27-12"
    rest = DOWN + ENTER + varighed + CTRL_C
    assert drafted(second, rest) == 130  # in the end date
    assert load(make_env(second)).cursor.question == "varighed.end"
    rest = "-2026" + ENTER + "15-12-2026" + ENTER + ENTER + keys(SECTIONS[19:])
    assert drafted(second, rest) == 0
    again = load(make_env(second)).agreement
    assert again == whole


@pytest.mark.parametrize("kind", ["session", "share file"])
def test_with_the_partner_s_side_their_side_is_in_the_suggestions(
    walked: Path, tmp_path: Path, kind: str
) -> None:
    env = make_env(walked)
    other = env.store.load(env.store.path_for(NAME))
    other.name, other.organisation = "Frivilligcentrets side", "Frivilligcentret Åby"
    other.role = "civilsamfund"
    other.answers["dagligdag"]["problem"] = "Vi mangler lokaler om aftenen"
    theirs = env.store.save(other, env.store.path_for(other.name))
    ref = other.name
    if kind == "share file":  # what they sent: step 1 and their actors only
        ref = str(tmp_path / "frivilligcentret.yaml")
        args = ["export", str(theirs), "--format", "share", "--include", "dagligdag,aktoerer"]
        assert main([*args, "-o", ref], quiet_env(walked)) == 0
        theirs.unlink()  # only the share file is left
    assert drafted(walked, keys(), "--with", ref) == 0
    agreement = load(make_env(walked)).agreement
    assert agreement is not None and agreement.other == "Frivilligcentret Åby"
    assert "Vi mangler lokaler om aftenen" in agreement.sections["formaal"].text
    parties = agreement.sections["parter"].text
    assert "Frivilligcentret Åby, adresse: ______, CVR-nr.: ______." in parties
    assert "Civilsamfundsaktør" not in parties and "(Kommune)" not in parties  # no role labels
    assert "Vi mangler lokaler om aftenen" in agreement.sections["formaal"].text


def test_with_the_session_itself_is_refused(walked: Path) -> None:
    env = make_env(walked)
    assert drive(ENTER, lambda: main(["agreement", NAME, "--with", NAME], env)) == 1
    assert "partnerens" in " ".join(env.err.file.getvalue().split())


def test_summary_evaluate_and_agenda_know_the_agreement(agreed: Path) -> None:
    out = quiet_env(agreed)
    assert main(["summary", NAME, "--json"], out) == 0
    data = json.loads(out.stdout.getvalue())["agreement"]
    states = {s["id"]: s["status"] for s in data["sections"]}
    assert states["roller"] == "in_place" and states["moeder"] == "partly"
    assert states["oekonomi"] == "not_relevant" and states["videndeling"] == "missing"
    in_place = sum(s == "in_place" for s in states.values())
    assert (data["in_place"], data["of"], data["not_relevant"]) == (in_place, 17, 1)
    assert (data["start"], data["end"]) == ("2027-01-01", "2026-12-27")
    out = quiet_env(agreed)
    assert main(["summary", NAME], out) == 0
    line = f"Samarbejdsaftale: {in_place} af 17 afsnit på plads (ikke relevante: 1)"
    assert line in " ".join(out.stdout.getvalue().split())

    out = quiet_env(agreed)
    assert main(["agenda", "--json"], out) == 0
    items = json.loads(out.stdout.getvalue())["items"]
    end = [i for i in items if i["kind"] == "agreement_end"]
    assert end == [{"date": "2026-12-27", "kind": "agreement_end", "session": NAME,
                    "partner": "Frivilligcentret Åby", "contact": None,  # every item
                    "overdue": False}]  # fmt: skip

    # an evaluation round asks whether the agreement holds, and keeps the answer
    env = make_env(agreed)
    holds = ENTER + DOWN * 8 + " " + ENTER  # the ticks kept; "Møder og kontakt" ticked now
    rest = FINISH + CLEAR + "01-03-2027" + ENTER
    health = ENTER * 8  # the health check: the agreement's partner, nothing rated, no comment
    assert drive(holds + ENTER * 4 + health + rest, lambda: main(["evaluate", NAME], env)) == 0
    session = load(env)
    assert session.rounds[-1].agreement["moeder"] == "in_place"
    assert session.rounds[-1].agreement["roller"] == "in_place"
    assert session.rounds[-1].agreement["oekonomi"] == "not_relevant"  # never ticked in place
    assert len(session.rounds[-1].agreement) == 18
    assert session.rounds[0].agreement == states  # the starting point: the draft as it stood
    assert session.rounds[-1].partner == session.agreement.partner  # the health check's


def text_of(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_word_agreement_is_danish_has_headings_and_signature_lines(agreed: Path, tmp_path):
    target = tmp_path / "aftale.docx"
    out = quiet_env(agreed)
    assert main(["export", NAME, "--agreement", "--format", "docx", "-o", str(target)], out) == 0
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Parter og kontaktpersoner" in headings and "Underskrifter" in headings
    assert "Afsnit, der ikke er relevante for denne aftale" in headings  # listed apart
    text = text_of(doc)
    assert "Økonomi" in text.split("ikke er relevante for denne aftale")[1]
    assert "15. Varighed, evaluering og opsigelse" in headings  # "Økonomi" not numbered
    dates = text.split("15. Varighed, evaluering og opsigelse")[1].split("16.")[0]
    assert "Aftalen gælder fra 1. januar 2027 til og med 27. december 2026." in dates
    assert "Senest 15. december 2026 beslutter parterne, om aftalen skal forlænges." in dates
    assert text.count("Aftalen gælder fra") == 1 and "opsiges." not in text  # stated once
    # each party on its own line, "Udkast af <dato>" in every page's header
    assert text.split("Samarbejdsaftale\nmellem\n")[1].startswith(
        "Nordby Kommune, Ældreområdet\nog\nFrivilligcentret Åby\nUdkast af "
    )
    assert doc.sections[0].header.paragraphs[0].text.startswith("Udkast af ")
    # a section "delvist" or empty is marked, one "på plads" is not; lines typed are joined
    marked = [h for h, p in zip(doc.paragraphs, doc.paragraphs[1:], strict=False)
              if h.style.name.startswith("Heading") and p.text == "Skal drøftes"]  # fmt: skip
    names = {p.text.split(". ", 1)[1] for p in marked}
    assert {"Møder og kontakt", "Videndeling", "Parter og kontaktpersoner"} <= names
    assert "Roller og opgavefordeling" not in names and "Ekstern kommunikation" not in names
    assert "Frivillige laver maden Ansatte visiterer" in text.splitlines()
    # a party's block: one paragraph, its lines kept apart by line breaks
    block = next(p.text for p in doc.paragraphs if p.text.startswith("Frivilligcentret Åby, "))
    assert "adresse: ______, CVR-nr.: ______.\nKontaktperson: " in block
    # the legal lines name their sources
    assert "(Kilde: Forvaltningsloven § 27; straffeloven § 152.)" in text
    assert "For Nordby Kommune, Ældreområdet" in text and "For Frivilligcentret Åby" in text
    assert text.count("Underskrift: ____") == 2 and text.count("Navn og titel: ____") == 2
    blocks = [i for i, p in enumerate(doc.paragraphs) if p.text.startswith("For ")]
    for i in blocks:  # kept together: each line with the next, the last one free
        block = doc.paragraphs[i : i + 4]
        assert [p.paragraph_format.keep_with_next for p in block] == [True, True, True, False]
    with zipfile.ZipFile(target) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:val="da-DK"' in styles and doc.core_properties.language == "da-DK"
    assert not doc.tables  # no tables for prose
    # nothing internal: no scores, no other partner, no contact log, no readiness notes
    for internal in ("Brugsen", "Første møde", "Direktionen er med", "Mangler tid", "Ræk ud"):
        assert internal not in text, internal
    pdf = office(tmp_path, target, "pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as read:
        pages = [page.extract_text() or "" for page in read.pages]
    assert "Samarbejdsaftale" in pages[0] and all("Udkast af" in page for page in pages)
    for party in ("For Nordby Kommune", "For Frivilligcentret Åby"):  # never split
        page = next(page for page in pages if party in page)
        assert "Navn og titel" in page.split(party)[1]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_agreements(agreed: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"aftale.{fmt}"
    assert main(["export", NAME, "--agreement", "--format", fmt, "-o", str(target)],
                quiet_env(agreed)) == 0  # fmt: skip
    text = target.read_text(encoding="utf-8")
    assert "Samarbejdsaftale" in text and "Roller og opgavefordeling" in text
    assert "Brugsen" not in text and "Første møde" not in text
    if fmt == "html":
        assert '<html lang="da">' in text and "<h2>1. Parter og kontaktpersoner</h2>" in text
        mark = '<strong class="discuss">Skal drøftes</strong>'
        moeder = text.split("Møder og kontakt</h2>")[1].split("<h2>")[0]
        roller = text.split("Roller og opgavefordeling</h2>")[1].split("<h2>")[0]
    else:
        mark = "**Skal drøftes**"
        moeder = text.split("Møder og kontakt\n")[1].split("\n## ")[0]
        roller = text.split("Roller og opgavefordeling\n")[1].split("\n## ")[0]
    assert mark in moeder and mark not in roller  # "delvist" marked; "på plads" not
    assert "Frivillige laver maden Ansatte visiterer" in roller  # one paragraph as typed
    assert "Udkast af " in text and "ikke er relevante for denne aftale" in text
    if fmt == "html":  # printed: "Udkast af <dato>" at the top of every page
        import pdfplumber

        pdf = tmp_path / "aftale.pdf"
        run_chromium(tmp_path, target, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        with pdfplumber.open(pdf) as read:
            pages = [page.extract_text() or "" for page in read.pages]
        assert len(pages) > 1 and all(page.startswith("Udkast af ") for page in pages)


def test_no_agreement_yet_says_how_to_make_one(walked: Path, tmp_path: Path) -> None:
    out = quiet_env(walked)
    target = tmp_path / "a.docx"
    assert main(["export", NAME, "--agreement", "--format", "docx", "-o", str(target)], out) == 1
    assert "samarbejde agreement" in " ".join(out.err.file.getvalue().split())
    assert not target.exists()


def test_another_partner_asks_first_says_what_goes_and_enter_keeps_the_text(agreed: Path):
    before = load(make_env(agreed)).agreement
    assert before is not None
    # the second partner, then Enter at "Vil I begynde forfra …?": "Nej"; then every section
    # kept as it stands (the one on sharing knowledge is empty: no state asked)
    kept = FINISH + ENTER
    sections = kept * 9 + FINISH + kept * 5 + FINISH + ENTER * 4 + kept * 2
    env = make_env(agreed)
    typed = DOWN + ENTER + ENTER + ENTER * 2 + sections
    assert drive(typed, lambda: main(["agreement", NAME], env)) == 0
    after = load(env).agreement
    assert after is not None and after.partner != before.partner
    assert after.sections == before.sections  # nothing written was deleted
    question = env.guide.texts("agreement_ask_restart", old="A", new="B")
    assert "bliver slettet" in question and "forlænges eller opsiges" not in question
    # "Ja" deletes the sections, as the question says
    env = make_env(agreed)
    assert drive(UP + ENTER + UP + ENTER + CTRL_C, lambda: main(["agreement", NAME], env)) == 130
    assert load(env).agreement.sections == {}


def test_three_parties_with_twice_each_has_its_block_and_signature_on_one_page(
    walked: Path, tmp_path: Path
) -> None:
    env = make_env(walked)
    refs = []
    for name, organisation in [("Frivilligcentrets side", "Frivilligcentret Åby"),
                               ("Ældre Sagens side", "Ældre Sagen Nordby")]:  # fmt: skip
        other = env.store.load(env.store.path_for(NAME))
        other.name, other.organisation, other.role = name, organisation, "civilsamfund"
        env.store.save(other, env.store.path_for(name))
        refs += ["--with", name]
    assert drafted(walked, keys(), *refs) == 0
    agreement = load(make_env(walked)).agreement
    assert agreement is not None and agreement.others == ["Ældre Sagen Nordby"]
    assert "Ældre Sagen Nordby, adresse: ______" in agreement.sections["parter"].text
    assert "Ældre Sagen Nordby bidrager med: ______" in agreement.sections["bidrag"].text
    assert "Ældre Sagen Nordby kan forvente: ______" in agreement.sections["rettigheder"].text
    # a stop and `agreement NAME` carry on with all three (the sides remembered)
    assert drafted(walked, CTRL_C) == 130
    assert load(make_env(walked)).agreement.others == ["Ældre Sagen Nordby"]

    target = tmp_path / "aftale.docx"
    args = ["export", NAME, "--agreement", "--format", "docx", "-o", str(target)]
    assert main(args, quiet_env(walked)) == 0
    doc = Document(str(target))
    text = text_of(doc)
    parties = ["Nordby Kommune, Ældreområdet", "Frivilligcentret Åby", "Ældre Sagen Nordby"]
    head = text.split("Samarbejdsaftale\nmellem\n")[1].split("\nUdkast af")[0]
    assert head == "\nog\n".join(parties)  # one block each
    signers = [p for p in doc.paragraphs if p.text.startswith("For ")]
    assert [p.text for p in signers] == [f"For {name}" for name in parties]
    assert text.count("Navn og titel: ____") == 3 and text.count("Underskrift: ____") == 3
    pdf = office(tmp_path, target, "pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as read:
        pages = [page.extract_text() or "" for page in read.pages]
    for name in parties:  # each signature block whole on one page
        page = next(page for page in pages if f"For {name}" in page)
        block = page.split(f"For {name}")[1].split("For ")[0]  # up to the next block
        assert "Dato:" in block and "Underskrift:" in block and "Navn og titel" in block


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_the_one_page_version_for_the_people_who_do_the_work(
    agreed: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"kort.{fmt}"
    args = ["export", NAME, "--agreement", "--kort", "--format", fmt, "-o", str(target)]
    assert main(args, quiet_env(agreed)) == 0
    if fmt == "docx":
        text = text_of(Document(str(target)))
    else:
        text = target.read_text(encoding="utf-8").replace("\\", "")  # Markdown's escapes
    flat = " ".join(text.split())
    for wanted in ("Samarbejdet kort", "Hvem ringer I til?", "Hanne Lund", "Birthe Sørensen",
                   "Frivillige laver maden Ansatte visiterer",  # what volunteers do
                   "Frivillige træffer ikke sådanne afgørelser",  # and do not
                   "skærpet underretningspligt", "ikke juridisk rådgivning"):  # fmt: skip
        assert wanted in flat, wanted
    for internal in ("Brugsen", "Første møde", "Direktionen er med", "Mangler tid", "--"):
        assert internal not in text, internal
    if fmt == "html":
        assert '<html lang="da">' in text and "<h2>Hvem ringer I til?</h2>" in text
    if fmt != "md":  # one A4 page (Word: LibreOffice → PDF; HTML: printed by Chromium)
        import pdfplumber

        pdf = tmp_path / "kort.pdf"
        if fmt == "html":
            run_chromium(tmp_path, target, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        else:
            pdf = office(tmp_path, target, "pdf")
        with pdfplumber.open(pdf) as read:
            assert len(read.pages) == 1
            width, height = read.pages[0].width, read.pages[0].height
        assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_kort_belongs_to_the_agreement(walked: Path) -> None:
    out = quiet_env(walked)
    assert main(["export", NAME, "--kort"], out) == 2
    assert "--agreement" in out.err.file.getvalue()


def test_the_one_page_names_our_contact_given_after_the_draft(walked: Path, tmp_path: Path):
    """A draft made before our contact person was given: the page names them all the same."""
    env = make_env(walked)
    session = load(env)
    session.our_contact = None
    env.store.save(session, env.store.path_for(NAME))
    assert drafted(walked, keys()) == 0
    parties = load(make_env(walked)).agreement.sections["parter"].text
    assert "Kontaktperson (navn, telefon, e-mail): ______" in parties  # nobody to name yet
    env = make_env(walked)
    session = load(env)
    session.our_contact = ContactPerson(name="Hanne Lund", role="Ældrechef")
    env.store.save(session, env.store.path_for(NAME))
    target = tmp_path / "kort.md"
    args = ["export", NAME, "--agreement", "--kort", "-o", str(target)]
    assert main(args, quiet_env(walked)) == 0
    page = target.read_text(encoding="utf-8")
    assert "**Nordby Kommune, Ældreområdet:** Hanne Lund, Ældrechef" in page
