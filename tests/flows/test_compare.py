"""Two sides of the same table: share files (`export --format share`), `compare` (terminal,
--json, reports) and `import`, driven as users run them: in-process through `main`, the
real prompts through prompt_toolkit's pipe input, and the files on disk."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from samarbejde.runner.env import Env
from samarbejde.sessions.store import Store
from tests.helpers.compare_fixtures import DATES, MARKERS, NOW, forening, kommune
from tests.helpers.fuzz import examples
from tests.helpers.program import quiet_env

A, B = "Fællesspisning i Nordby", "Bevægelse for ældre"
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"
OUR_CONTACT = "Hanne Lund" + ENTER * 4  # our contact person: a name, no role, phone, e-mail

EXPECTED = {
    "a": {"name": A, "organisation": "Nordby Kommune, Ældreområdet", "role": "kommune"},
    "b": {"name": B, "organisation": "Nordby Idrætsforening", "role": "civilsamfund"},
    "shared": [
        {"name_a": "Ældresagen Nordby", "name_b": "ældresagen - nordby",
         "a": {"quadrant": "gaa_sammen", "interest": 4, "influence": 2},
         "b": {"quadrant": "raek_ud_foerst", "interest": 4, "influence": 4}, "differ": True,
         "by_hand": False},
        {"name_a": "Frivilligcentret Nordby", "name_b": "Frivilligcentret Nordby",
         "a": {"quadrant": "raek_ud_foerst", "interest": 5, "influence": 4},
         "b": {"quadrant": "raek_ud_foerst", "interest": 5, "influence": 5}, "differ": False,
         "by_hand": False},
        {"name_a": "Biblioteket", "name_b": "Biblioteket",
         "a": {"quadrant": "raek_ud_foerst", "interest": 3, "influence": 3},
         "b": {"quadrant": "hold_oeje", "interest": 2, "influence": 2}, "differ": True,
         "by_hand": False},
    ],
    "only_a": ["Brugsen", "Madskolen"],
    "only_b": ["Spejderne", "Kirken"],
    "each_other": {"a_places_b": "gaa_sammen", "b_places_a": "raek_ud_foerst",
                   "a_names_b": "Nordby Idrætsforeningen", "b_names_a": "Nordby Kommune"},
    "proposed": [],
    "checklist": [
        {"id": "faelles_grund", "a": True, "b": True},
        {"id": "forskelle", "a": False, "b": False},
        {"id": "snak_ofte", "a": True, "b": False},
        {"id": "evaluer", "a": False, "b": False},
        {"id": "ledelsen", "a": False, "b": False},
        {"id": "spilleregler", "a": False, "b": True},
    ],
    "talking_points": [
        {"kind": "common",
         "text": "I beskriver begge borgerne med ordene: ældre, alene og ensomhed."},
        {"kind": "common",
         "text": 'I har begge placeret "Frivilligcentret Nordby" i "Ræk ud først".'},
        {"kind": "common", "text": 'I har begge sat kryds ved "1. Find fælles grund".'},
        {"kind": "differ", "text": 'Ældresagen Nordby: Nordby Kommune, Ældreområdet placerer dem i '
                                   '"Gå sammen", Nordby Idrætsforening i "Ræk ud først". Hvad ved '
                                   "den ene, som den anden ikke ved?"},
        {"kind": "differ", "text": 'Biblioteket: Nordby Kommune, Ældreområdet placerer dem i "Ræk '
                                   'ud først", Nordby Idrætsforening i "Hold øje med dem". Hvad '
                                   "ved den ene, som den anden ikke ved?"},
        {"kind": "differ", "text": 'Nordby Kommune, Ældreområdet har sat kryds ved "3. Snak sammen '
                                   'ofte"; det har Nordby Idrætsforening ikke endnu.'},
        {"kind": "differ", "text": 'Nordby Idrætsforening har sat kryds ved "6. Aftal '
                                   'spillereglerne"; det har Nordby Kommune, Ældreområdet ikke '
                                   "endnu."},
        {"kind": "brings", "text": "Nordby Kommune, Ældreområdet regner med, at Nordby "
                                   "Idrætsforening kan bidrage med: Bevægelse og fællesskab."},
        {"kind": "brings", "text": "Nordby Idrætsforening regner med, at Nordby Kommune, "
                                   "Ældreområdet kan bidrage med: Lokaler og penge."},
        {"kind": "brings", "text": "Nordby Kommune, Ældreområdet kender 2 aktører, som Nordby "
                                   'Idrætsforening ikke har med: "Brugsen" og "Madskolen".'},
        {"kind": "brings", "text": "Nordby Idrætsforening kender 2 aktører, som Nordby Kommune, "
                                   'Ældreområdet ikke har med: "Spejderne" og "Kirken".'},
    ],
    "health": None,  # neither side has rated a round (tests/flows/test_health.py has both)
}  # fmt: skip


@pytest.fixture
def sides(home: Path) -> tuple[Path, Path]:
    store = Store(home, lambda: NOW)
    return store.save(kommune()), store.save(forening())


def as_json(cli, *args: str) -> dict:
    result = cli("compare", *args, "--json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def share(cli, ref: str, target: Path, *flags: str) -> Path:
    result = cli("export", ref, "--format", "share", "-o", str(target), *flags)
    assert result.code == 0, result.stderr
    return target


# -- compare --json ----------------------------------------------------------------------


def test_compare_json_from_sessions_and_from_share_files(cli, sides, tmp_path: Path) -> None:
    assert as_json(cli, A, B) == EXPECTED
    everything = ("--include", "dagligdag,aktoerer,tjekliste")
    share_a = share(cli, A, tmp_path / "a.yaml", *everything)
    share_b = share(cli, B, tmp_path / "b.yaml", *everything)
    before = share_a.read_bytes(), share_b.read_bytes()
    assert as_json(cli, str(share_a), str(share_b)) == EXPECTED
    assert as_json(cli, A, str(share_b)) == EXPECTED  # one of each
    assert as_json(cli, str(sides[0]), str(sides[1])) == EXPECTED  # session files by path
    assert (share_a.read_bytes(), share_b.read_bytes()) == before  # read, never changed
    folder = sides[0].parent  # nor copied into the sessions folder
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in sides)


def test_json_is_null_where_a_share_left_a_section_out(cli, sides, tmp_path: Path) -> None:
    bare = share(cli, B, tmp_path / "b.yaml", "--include", "dagligdag")
    data = as_json(cli, A, str(bare))
    assert data["shared"] is None and data["only_a"] is None and data["only_b"] is None
    assert data["each_other"] == {
        "a_places_b": "gaa_sammen",
        "b_places_a": None,
        "a_names_b": "Nordby Idrætsforeningen",
        "b_names_a": None,
    }
    assert all(row["b"] is None and row["a"] is not None for row in data["checklist"])
    no_scores = share(cli, B, tmp_path / "c.yaml", "--include", "aktoerer", "--no-scores")
    data = as_json(cli, A, str(no_scores))
    assert data["shared"][0]["b"] == {"quadrant": "raek_ud_foerst", "interest": None,
                                      "influence": None}  # fmt: skip
    assert data["shared"][0]["differ"] is True  # the quadrant is still there


def test_names_match_across_case_accents_dashes_and_suffixes() -> None:
    from samarbejde.guide.content import load_guide
    from samarbejde.reports.compare import reader
    from samarbejde.reports.matching import NONE, SURE, judge

    read = reader(load_guide()).read
    for a, b in (("Ældresagen Nordby", "ældresagen - nordby"),
                 ("Nordby Idrætsforeningen", "Nordby Idrætsforening"),
                 ("Café Nord", "cafe  nord")):  # fmt: skip
        assert judge(read(a), read(b)).outcome == SURE, (a, b)
    assert judge(read("Ældresagen"), read("Ældresagen Nordby")).outcome not in (SURE, NONE)


def test_a_match_by_hand(cli, sides) -> None:
    data = as_json(cli, A, B, "--match", "Madskolen=Kirken")
    assert data["shared"][-1]["name_a"] == "Madskolen" and data["shared"][-1]["name_b"] == "Kirken"
    assert "Madskolen" not in data["only_a"] and "Kirken" not in data["only_b"]
    unknown = cli("compare", A, B, "--match", "Ingen=Kirken")
    assert unknown.code == 2 and 'Der er ingen aktør ved navn "Ingen"' in unknown.stderr
    wrong = cli("compare", A, B, "--match", "Madskolen")
    assert wrong.code == 2 and 'Skriv --match som "A-navn=B-navn"' in wrong.stderr


def test_two_of_the_same_role_is_allowed_and_said(cli, home: Path) -> None:
    store = Store(home, lambda: NOW)
    other = kommune()
    other.name, other.organisation = "Sydby", "Sydby Kommune"
    store.save(kommune())
    store.save(other)
    result = cli("compare", A, "Sydby")
    assert result.code == 0
    said = " ".join(result.stdout.split())
    assert "I kan sagtens sammenligne jer, selv om I har samme rolle." in said
    assert "(Kommune)" not in said


# -- the view in the terminal ---------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 40])
def test_the_view_reads_at_80_and_40_columns(home: Path, sides, width: int) -> None:
    env = quiet_env(home, width)
    assert main(["compare", A, B], env) == 0
    out = env.stdout.getvalue()  # type: ignore[attr-defined]
    assert all(len(line.rstrip()) <= width for line in out.splitlines()), out
    flat = " ".join(out.split())
    for part in ("Fælles grund – forberedelse til mødet", "Hvem sidder ved bordet",
                 "Aktører, I begge kender", "Ældresagen Nordby / ældresagen - nordby",
                 "→ forskellig kvadrant", "Kender I …?", "Hvor I placerer hinanden",
                 "Find fælles grund", "Forstå forskelle",
                 "Hvad I hver især bringer til bordet", '"Brugsen" og "Madskolen"'):  # fmt: skip
        assert part in flat, part
    # every wrapped line keeps its indent: no line of a point starts at the left edge
    points = out.split("Det kan I tale om")[1].splitlines()[1:]
    assert all(line.startswith(("  ", "Find", "Forstå", "Hvad")) for line in points if line), out


# -- reports ---------------------------------------------------------------------------------


def test_markdown_report(cli, sides, tmp_path: Path) -> None:
    target = tmp_path / "moede.md"
    assert cli("compare", A, B, "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h1" and t.nesting == 1]
    assert h1 == ["Fælles grund – forberedelse til mødet"]
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert (
        "<th>Aktør</th>" in html and "<td>Ræk ud først: 1B (A: Gå sammen), 2A, 2B, 3A</td>" in html
    )
    assert "<td>→ forskellig kvadrant</td>" in html
    assert target.stat().st_mode & 0o777 == 0o600


def test_html_report_has_the_board_and_its_text(cli, sides, tmp_path: Path) -> None:
    target = tmp_path / "moede.html"
    assert cli("compare", A, B, "--format", "html", "-o", str(target)).code == 0
    page = target.read_text(encoding="utf-8")
    assert '<html lang="da">' in page and 'role="img"' in page and "<desc" in page
    assert page.count('marker-end="url(#arrow)"') == 2  # two actors placed differently
    assert page.count("<circle") == 3 and page.count("<title>A ") == 3
    assert "Diagrammet som tekst" in page


def test_word_report(cli, sides, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "moede.docx"
    assert cli("compare", A, B, "-o", str(target)).code == 0
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Head", "Title"))]
    assert headings[0] == "Fælles grund – forberedelse til mødet"
    assert "Forstå forskelle" in headings and "Diagrammet som tekst" in headings
    board, actors, step1 = doc.tables
    assert board.cell(1, 2).text == "Ræk ud først: 1B (A: Gå sammen), 2A, 2B, 3A"
    assert [c.text for c in actors.rows[3].cells][1:] == [
        "Biblioteket", "Ræk ud først (interesse 3, indflydelse 3)",
        "Hold øje med dem (interesse 2, indflydelse 2)", "→ forskellig kvadrant",
    ]  # fmt: skip
    assert step1.rows[4].cells[2].text == "Ensomhed og for lidt bevægelse."


# -- share files ----------------------------------------------------------------------------


def test_a_share_file_without_scores_and_checklist_holds_no_excluded_field(
    cli, sides, tmp_path: Path
) -> None:
    target = share(cli, A, tmp_path / "a.yaml", "--include", "dagligdag,aktoerer", "--no-scores")
    text = target.read_text(encoding="utf-8")
    for field, marker in MARKERS.items():
        assert marker not in text, field
        assert marker.split()[0] not in text, field
    for date in DATES:  # next contact, contact log, next evaluation, evaluation round
        assert date not in text and "-".join(reversed(date.split("-"))) not in text, date
    data = yaml.safe_load(text)
    assert "checklist" not in data and "cards" not in data
    assert all(set(actor) == {"name", "kind", "brings", "quadrant"} for actor in data["actors"])
    assert data["kind"] == "samarbejde-share" and data["scores"] is False
    result = cli("compare", str(target), B, "--json")  # and compare reads it
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["shared"][0]["a"]["interest"] is None


def test_the_cards_for_one_partner_and_nothing_of_the_others(cli, sides, tmp_path: Path) -> None:
    target = share(cli, A, tmp_path / "a.yaml", "--partner", "nordby idrætsforeningen",
                   "--include", "kort")  # fmt: skip
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["cards"]["partner"] == "Nordby Idrætsforeningen"
    assert data["cards"]["cards"]["faelles_maal"] == "Vi vil begge have de ældre ud af stuen."
    text = target.read_text(encoding="utf-8")
    for field in ("card_other", "key_persons", "log", "contact"):
        assert MARKERS[field] not in text, field
    assert set(data) == {"kind", "version", "name", "organisation", "role", "date", "scores",
                         "cards"}  # fmt: skip


def test_the_share_file_is_private_and_says_what_it_holds(cli, sides, tmp_path: Path) -> None:
    target = share(cli, A, tmp_path / "a.yaml", "--include", "aktoerer")
    assert target.stat().st_mode & 0o777 == 0o600
    head = [line for line in target.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]
    text = " ".join(head)
    assert "af Nordby Kommune, Ældreområdet fra sessionen" in text and A in text
    assert "(Kommune)" not in text and not re.search(r"\d{4}-\d\d-\d\d", text)  # a long date
    assert text.startswith("# Delt fil fra programmet samarbejde.")
    assert "Indeholder: aktørerne med kvadrant og vurderinger." in text
    assert "Indeholder aldrig: kontaktlog" in text


def test_flags_are_checked(cli, sides, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    unknown = cli("export", A, "--format", "share", "--include", "alt", "-o", str(out))
    assert unknown.code == 2 and 'Ukendt afsnit "alt"' in unknown.stderr
    cards = cli("export", A, "--format", "share", "--include", "kort", "-o", str(out))
    assert cards.code == 2 and "kræver --partner" in cards.stderr
    nobody = cli("export", A, "--format", "share", "--partner", "Ingen", "-o", str(out))
    assert nobody.code == 1 and 'Ingen partner ved navn "Ingen"' in nobody.stderr
    elsewhere = cli("export", A, "--format", "md", "--no-scores")
    assert elsewhere.code == 2 and "--format share" in elsewhere.stderr
    assert not out.exists()


def test_without_a_terminal_and_without_flags_it_is_a_usage_error(cli, sides) -> None:
    result = cli("export", A, "--format", "share")
    assert result.code == 2
    assert "Uden en terminal skal du vælge afsnittene: --include" in " ".join(result.stderr.split())


def terminal_env(home: Path) -> Env:
    return Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        stdout=io.StringIO(),
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: True,
    )


def drive(keys: str, env: Env, *args: str) -> int:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return main(list(args), env)


def test_each_section_is_shown_then_asked(home: Path, sides, tmp_path: Path) -> None:
    env = terminal_env(home)
    target = tmp_path / "a.yaml"
    keys = (OUR_CONTACT  # asked first: the session has no contact person yet
            + ENTER  # step 1: yes
            + ENTER + DOWN + ENTER  # the actors: yes, without the scores
            + DOWN + ENTER  # the checklist: no
            + UP + ENTER  # the cards: from "Ingen kort" up to Nordby Idrætsforeningen
            + ENTER  # … and yes, after seeing them
            + ENTER)  # fmt: skip  # our contact person's name: yes (offered)
    assert drive(keys, env, "export", A, "--format", "share", "-o", str(target)) == 0
    screen = " ".join(env.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert 'Afsnittet "aktørerne med kvadrant og vurderinger" ser sådan ud:' in screen
    assert "Ældresagen Nordby (Forening) · Gå sammen (interesse 4, indflydelse 2)" in screen
    assert "☑ 1. Find fælles grund" in screen and MARKERS["checklist_note"] in screen
    assert "Fælles mål og interesser: Vi vil begge have de ældre ud af stuen." in screen
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["scores"] is False and "checklist" not in data
    assert data["dagligdag"]["problem"] == "Ensomhed ved måltiderne."
    assert "interest" not in data["actors"][0]
    assert data["cards"]["partner"] == "Nordby Idrætsforeningen"
    assert data["contact"] == {"name": "Hanne Lund"}


def test_a_stop_while_asking_writes_no_file(home: Path, sides, tmp_path: Path) -> None:
    env = terminal_env(home)
    target = tmp_path / "a.yaml"
    assert drive(ENTER + CTRL_C, env, "export", A, "--format", "share", "-o", str(target)) == 130
    assert not target.exists()


# -- received files are hostile ------------------------------------------------------------

SHARE_HEAD = (
    b"kind: samarbejde-share\nversion: 1\nname: Ond\nrole: civilsamfund\ndate: 2026-11-27\n"
)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param(SHARE_HEAD + b"a: &a [x, x]\nb: [*a, *a]\n", "aliaser", id="alias"),
        pytest.param(SHARE_HEAD + b"x: " + b"[" * 100 + b"]" * 100, "for dybt", id="deep"),
        pytest.param(SHARE_HEAD + b"x: " + b"y" * 1_100_000, "grænsen er 1 MB", id="big"),
        pytest.param(b"!!python/object/apply:os.system ['touch /tmp/pwned']\n", "", id="tag"),
        pytest.param(SHARE_HEAD.replace(b"version: 1", b"version: 9"), "nyere udgave", id="newer"),
        pytest.param(
            SHARE_HEAD + b"actors: [{name: X, quadrant: overalt}]\n", "quadrant", id="quadrant"
        ),
        pytest.param(
            SHARE_HEAD + b"actors: [{name: X, interest: 9, influence: 1}]\n",
            "uden for skalaen",
            id="scale",
        ),
        pytest.param(SHARE_HEAD + b"actors: {name: X}\n", "forkert type", id="type"),
        pytest.param(SHARE_HEAD.replace(b"name: Ond\n", b""), "feltet mangler", id="missing"),
        pytest.param(b"kind: andet\nname: x\n", "hverken en sessionsfil", id="not-share"),
        pytest.param(SHARE_HEAD + b"name: To\n", "står to gange", id="duplicate-key"),
        pytest.param(
            b"a: &a ["
            + b"x, " * 9
            + b"x]\n"
            + b"".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode()
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "aliaser",
            id="billion-laughs",
        ),
        pytest.param(
            SHARE_HEAD + b"x: &a " + b"A" * 300_000 + b"\nactors:\n" + b"- {name: *a}\n" * 20_000,
            "YAML-aliaser",
            id="string-alias-bomb",
        ),
        pytest.param("kind: samarbejde-share\nname: ∞\n".encode("utf-16"), "", id="utf-16"),
    ],
)
def test_a_hostile_share_file_is_refused_in_danish(cli, sides, tmp_path: Path, content: bytes,
                                                   words: str) -> None:  # fmt: skip
    path = tmp_path / "ond.yaml"
    path.write_bytes(content)
    result = cli("compare", A, str(path))
    assert result.code == 1, result.stdout
    message = " ".join(result.stderr.split())
    assert "kan ikke læses" in message and words in message
    assert "Traceback" not in result.stderr and path.read_bytes() == content
    assert not Path("/tmp/pwned").exists()


def test_a_folder_a_broken_link_and_a_fifo_are_refused(cli, sides, tmp_path: Path) -> None:
    (tmp_path / "mappe.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "væk.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    for name, words in (("mappe", "mappe"), ("link", "findes ikke"), ("fifo", "almindelig fil")):
        result = cli("compare", A, str(tmp_path / f"{name}.yaml"))
        assert result.code == 1 and words in result.stderr, (name, result.stderr)
        assert cli("import", str(tmp_path / f"{name}.yaml")).code == 1


def test_a_name_cannot_leave_the_header_comment(cli, home: Path, tmp_path: Path) -> None:
    session = kommune()
    session.organisation = "Ond\nkind: andet\u2028# x\u0085y\x1b[2J"
    Store(home, lambda: NOW).save(session)
    target = share(cli, A, tmp_path / "a.yaml", "--include", "dagligdag")
    text = target.read_text(encoding="utf-8")
    head = text.split("kind: samarbejde-share")[0]
    assert all(line.startswith("# ") for line in head.splitlines())
    assert "\x1b" not in head and "␛[2J" in head
    # read back, its control characters are filtered (issue 34); the line breaks stay
    assert as_json(cli, str(target), A)["a"]["organisation"] == "Ond\nkind: andet\u2028# xy[2J"


def test_control_characters_and_colliding_names_in_a_share_file(cli, sides, tmp_path) -> None:
    path = tmp_path / "ond.yaml"
    path.write_text(
        SHARE_HEAD.decode()
        + 'organisation: "Ond\\e]0;titel\\a\\u202e"\n'
        + 'actors:\n- {name: "Biblioteket", quadrant: hold_oeje}\n'
        + '- {name: "BIBLIOTEKET", quadrant: raek_ud_foerst}\n'
        + '- {name: "Bibli\\e[2Joteket", quadrant: tal_ind}\n',
        encoding="utf-8",
    )
    shown = cli("compare", A, str(path))
    assert shown.code == 0 and "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    data = as_json(cli, A, str(path))
    assert [p["name_b"] for p in data["shared"] if p["name_a"] == "Biblioteket"] == ["Biblioteket"]
    # their text is filtered as it is read (issue 34): no control character or override left
    assert data["only_b"] == ["BIBLIOTEKET", "Bibli[2Joteket"]  # the first one matches
    assert data["b"]["organisation"] == "Ond]0;titel"
    raw = cli("compare", A, str(path), "--json").stdout
    assert "\x1b" not in raw and "\\u001b" not in raw and "\\u202e" not in raw
    for fmt in ("md", "html"):
        out = cli("compare", A, str(path), "--format", fmt, "-o", "-").stdout
        assert "\x1b" not in out and "␛" not in out


FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALID_SHARE = yaml.safe_load(
    SHARE_HEAD + b"organisation: X\nscores: true\ndagligdag: {problem: y}\n"
    b"actors: [{name: Z, kind: forening, brings: '', quadrant: hold_oeje, interest: 1, "
    b"influence: 1}]\nchecklist: {faelles_grund: {done: true, note: ''}}\n"
    b"cards: {partner: Z, cards: {faelles_maal: a}}\n"
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@FUZZ
@given(st.sampled_from(sorted(VALID_SHARE)), values)
def test_a_share_file_with_any_wrong_value_loads_or_is_refused(tmp_path_factory, key, value):
    from samarbejde.base.errors import SessionError
    from samarbejde.guide.content import load_guide
    from samarbejde.guide.texts import fallback_texts
    from samarbejde.sessions.share import load

    path = tmp_path_factory.mktemp("share") / "s.yaml"
    content = yaml.safe_dump({**VALID_SHARE, key: value}, allow_unicode=True).encode("utf-8")
    path.write_bytes(content)
    try:
        load(path, load_guide())
    except SessionError as err:
        assert fallback_texts().render(err.msg).startswith("Filen ")
    assert path.read_bytes() == content


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_as_a_share_file(tmp_path_factory, content: bytes) -> None:
    from samarbejde.base.errors import SessionError
    from samarbejde.guide.content import load_guide
    from samarbejde.sessions.share import load

    path = tmp_path_factory.mktemp("bytes") / "s.yaml"
    path.write_bytes(SHARE_HEAD + content)
    with contextlib.suppress(SessionError):  # loads, or is refused with a message
        load(path, load_guide())


# -- import ------------------------------------------------------------------------------------


def test_import_keeps_a_share_file_by_name_and_a_session_never_over_another(
    cli, home: Path, sides, tmp_path: Path
) -> None:
    received = share(cli, B, tmp_path / "fra-foreningen.yaml", "--include", "aktoerer")
    result = cli("import", str(received))
    assert result.code == 0, result.stderr
    kept = list((home / "delte").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == received.read_bytes()
    assert kept[0].stat().st_mode & 0o777 == 0o600
    # compared by its name, after the sessions
    assert as_json(cli, A, "Bevægelse for ældre (Nordby Idrætsforening)")["only_b"] == [
        "Spejderne", "Kirken"
    ]  # fmt: skip
    again = cli("import", str(received))
    assert again.code == 1 and "Brug --force" in again.stderr
    assert cli("import", str(received), "--force").code == 0
    # a session file whose name is taken is not imported; the session stays as it was
    before = sides[0].read_bytes()
    other = tmp_path / "kopi.yaml"
    other.write_bytes(before.replace(b"Birthe", b"Bente"))
    refused = cli("import", str(other))
    assert refused.code == 1 and "Der er allerede en session" in refused.stderr
    assert sides[0].read_bytes() == before
    assert sorted(os.listdir(sides[0].parent)) == sorted(p.name for p in sides)


def _fold_by_character(name: str) -> str:
    """`names.fold` as it was first written, one character at a time."""
    import re
    import unicodedata

    def bare(char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    text = unicodedata.normalize("NFC", name.casefold())
    text = "".join(c if c in "æøå" else bare(c) for c in text)
    return re.sub(r"[\W_]+", " ", text).strip()


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=40) | st.sampled_from(["Ældresagen - Nordby", "Café Øst", "ﬁlm Å"]))
def test_the_faster_fold_gives_the_same_keys(name: str) -> None:
    from samarbejde.base.names import fold

    assert fold(name) == _fold_by_character(name)


@FUZZ
@given(st.data())
def test_a_truncated_share_file_loads_or_is_refused(tmp_path_factory, data) -> None:
    from samarbejde.base.errors import SessionError
    from samarbejde.guide.content import load_guide
    from samarbejde.guide.texts import fallback_texts
    from samarbejde.sessions.share import load

    guide = load_guide()
    whole = yaml.safe_dump(VALID_SHARE, allow_unicode=True).encode("utf-8")
    content = whole[: data.draw(st.integers(min_value=0, max_value=len(whole)))]
    path = tmp_path_factory.mktemp("cut") / "s.yaml"
    path.write_bytes(content)
    try:
        load(path, guide)
    except SessionError as err:
        assert fallback_texts().render(err.msg).startswith("Filen ")
    assert path.read_bytes() == content


def test_share_and_compare_in_a_real_terminal(home: Path, sides, tmp_path: Path) -> None:
    """The program in a pseudo-terminal: each section shown, then asked; the file compared."""
    from tests.helpers.pty import finish, spawn

    target = tmp_path / "til-foreningen.yaml"
    child = spawn(home, "export", A, "--format", "share", "-o", str(target))
    for question, keys in (("kontaktperson?", "Hanne Lund" + ENTER), ("titel?", ENTER),
                           ("ringe til?", ENTER), ("skrive til?", ENTER)):  # fmt: skip
        child.expect_exact(question)  # our contact person, asked once
        child.send(keys)
    for shown, keys in (
        ("Ensomhed ved måltiderne.", ENTER),  # step 1 shown: yes
        ("Gå sammen (interesse 4, indflydelse 2)", ENTER),  # the actors shown: yes …
        ("Med vurderingerne (tallene)?", DOWN + ENTER),  # … without the scores
        ("6. Aftal spillereglerne", DOWN + ENTER),  # the checklist shown: no
        ("Skal kortene til én af jeres partnere med?", ENTER),  # no cards (the default)
        ("Hanne Lund", DOWN + ENTER),  # our contact person's name: no
    ):
        child.expect_exact(shown)
        child.expect_exact("piletasterne")
        child.send(keys)
    child.expect_exact("Den delte fil er gemt")
    assert finish(child) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["scores"] is False and "checklist" not in data and "cards" not in data
    assert "contact" not in data and "Hanne" not in target.read_text(encoding="utf-8")
    compared = spawn(home, "compare", str(target), B, setting={"COLUMNS": "40"})
    compared.expect_exact("Hvor I placerer hinanden")
    assert finish(compared) == 0


def test_a_thousand_actors_a_side_gives_every_pair_and_a_bounded_agenda() -> None:
    from samarbejde.guide.content import load_guide
    from samarbejde.reports.compare import as_json as comparison_json
    from samarbejde.reports.compare import compare
    from samarbejde.sessions.model import Partner
    from samarbejde.sessions.sides import side_of_session

    guide = load_guide()
    a, b = kommune(), forening()
    a.partners = [Partner(id=f"p{i}", name=f"Forening {i}", interest=5, influence=5)
                  for i in range(1000)]  # fmt: skip
    b.partners = [Partner(id=f"p{i}", name=f"foreningen {i}" if i % 2 else f"Anden {i}",
                          interest=1, influence=1) for i in range(1000)]  # fmt: skip
    data = comparison_json(compare(side_of_session(a, guide), side_of_session(b, guide), guide))
    assert len(data["shared"]) == 500 and all(p["differ"] for p in data["shared"])
    assert len(data["only_a"]) == len(data["only_b"]) == 500
    differ = [p["text"] for p in data["talking_points"] if p["kind"] == "differ"]
    assert len([text for text in differ if "placerer dem i" in text]) == 10  # ten named …
    rest = [text for text in differ if text.startswith("I placerer også 490 andre")]
    assert len(rest) == 1 and "og 480 flere" in rest[0]  # … then the rest in one point


def test_names_are_text_in_every_report(cli, home: Path, tmp_path: Path) -> None:
    from docx import Document

    hostile = "<script>alert(1)</script> | *Nordby* [x](http://ond.example) @alle"
    a, b = kommune(), forening()
    a.partners[2].name = b.partners[2].name = hostile  # a shared actor, on the board
    a.organisation = "Kommune <b>fed</b> | A"
    store = Store(home, lambda: NOW)
    store.save(a)
    store.save(b)
    md = cli("compare", A, B, "--format", "md", "-o", "-").stdout
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in rendered and "<b>fed</b>" not in rendered and "<a href" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *Nordby* [x](http://ond.example) @alle" in (
        rendered.replace("\\", "")
    )
    widths = {line.count(" | ") for line in md.splitlines() if line.startswith("| 3 |")}
    assert widths == {4}  # the row keeps its five columns despite the | in the name
    page = cli("compare", A, B, "--format", "html", "-o", "-").stdout
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>fed</b>" not in page
    assert cli("compare", A, B, "-o", str(tmp_path / "m.docx")).code == 0
    word = Document(str(tmp_path / "m.docx"))
    assert hostile in [row.cells[1].text for row in word.tables[1].rows]


def test_json_into_a_file(cli, sides, tmp_path: Path) -> None:
    target = tmp_path / "moede.json"
    assert cli("compare", A, B, "--json", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == EXPECTED
    assert target.stat().st_mode & 0o777 == 0o600


def test_saying_no_to_everything_writes_no_file(home: Path, sides, tmp_path: Path) -> None:
    env = terminal_env(home)
    target = tmp_path / "a.yaml"
    keys = OUR_CONTACT + DOWN + ENTER + DOWN + ENTER + DOWN + ENTER + ENTER  # no ×3; no cards
    keys += DOWN + ENTER  # our contact person: no
    assert drive(keys, env, "export", A, "--format", "share", "-o", str(target)) == 0
    assert not target.exists()
    assert "Du har ikke valgt noget at dele" in env.console.file.getvalue()  # type: ignore[attr-defined]


def test_the_cards_a_share_file_brings_are_shown(cli, sides, tmp_path: Path) -> None:
    from docx import Document

    cards = share(cli, A, tmp_path / "a.yaml", "--partner", "Nordby Idrætsforeningen")
    view = " ".join(cli("compare", B, str(cards)).stdout.split())
    heading = "B: de fire kort fra Nordby Kommune, Ældreområdet til Nordby Idrætsforeningen"
    assert heading in view
    assert "Fælles mål og interesser Vi vil begge have de ældre ud af stuen." in view
    md = cli("compare", B, str(cards), "--format", "md", "-o", "-").stdout
    assert f"## {heading}" in md and "Vi vil begge have de ældre ud af stuen." in md
    page = cli("compare", B, str(cards), "--format", "html", "-o", "-").stdout
    assert heading in page
    assert cli("compare", B, str(cards), "-o", str(tmp_path / "m.docx")).code == 0
    assert heading in [p.text for p in Document(str(tmp_path / "m.docx")).paragraphs]


# Any text but what a share file's reader filters out (issue 34): control characters (but
# line break and tab) and the bidirectional overrides
texts = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs"), blacklist_characters="\u202a\u202b\u202c\u202d\u202e"
    )
    | st.sampled_from(["\n", "\t"]),
    max_size=30,
)


@settings(max_examples=examples(80), deadline=None)
@given(organisation=texts, names=st.lists(texts.filter(str.strip), max_size=6), answer=texts,
       scores=st.booleans())  # fmt: skip
def test_a_share_file_gives_back_what_it_shares(tmp_path_factory, organisation, names, answer,
                                                scores) -> None:  # fmt: skip
    """Any text (æøå, emoji, line breaks, YAML's own signs) goes through a share file and
    comes back as it was: the side read from the file is the session's side."""
    from samarbejde.guide.content import load_guide
    from samarbejde.sessions.model import Partner
    from samarbejde.sessions.share import build, dumps, load
    from samarbejde.sessions.sides import side_of_session, side_of_share

    guide = load_guide()
    session = kommune()
    session.organisation = organisation
    session.set_answer("dagligdag", "problem", answer)
    session.partners = [Partner(id=f"p{i}", name=name, brings=answer, interest=i % 5 + 1,
                                influence=3) for i, name in enumerate(names)]  # fmt: skip
    sections = ["dagligdag", "aktoerer", "tjekliste"]
    path = tmp_path_factory.mktemp("round") / "s.yaml"
    data = build(session, guide, NOW.date(), set(sections), scores)
    path.write_text(dumps(data, guide, sections), encoding="utf-8")
    side, expected = side_of_share(load(path, guide), guide), side_of_session(session, guide)
    assert side.organisation == expected.organisation and side.step1 == expected.step1
    assert side.checklist == expected.checklist
    if not scores:
        expected_actors = [(x.name, x.brings, x.quadrant) for x in expected.actors]
        assert [(x.name, x.brings, x.quadrant) for x in side.actors] == expected_actors
    else:
        assert side.actors == expected.actors


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.sampled_from(["Ældresagen", "ældresagen", "Café Nord", "cafe nord", "Kirken",
                                 "Spejderne", "Idrætsforeningen", "idrætsforening"]),
                max_size=6),
       st.lists(st.sampled_from(["Ældresagen", "Cafe Nord", "KIRKEN", "Idrætsforening", "Skolen"]),
                max_size=6))  # fmt: skip
def test_comparing_b_with_a_is_comparing_a_with_b_turned_round(names_a, names_b) -> None:
    from samarbejde.guide.content import load_guide
    from samarbejde.reports.compare import pair_actors
    from samarbejde.sessions.sides import Actor

    def side(names: list[str]) -> list[Actor]:
        return [Actor(n, "andet", "", "hold_oeje", 1, 1) for n in names]

    guide = load_guide()
    shared, only_a, only_b, _ = pair_actors(side(names_a), side(names_b), [], guide)
    back, only_b2, only_a2, _ = pair_actors(side(names_b), side(names_a), [], guide)
    assert len(shared) == len(back)
    assert sorted((p.a.name, p.b.name) for p in shared) == sorted((p.b.name, p.a.name)
                                                                  for p in back)  # fmt: skip
    assert len(only_a) == len(only_a2) and len(only_b) == len(only_b2)
