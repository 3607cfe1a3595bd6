"""The language a kommune's communications department signed off, kept so: every ui
text, the README's Danish part and what the program really prints are scanned for the faults
the editor found: the long dash, parenthesised plurals, English plurals and help markers,
accented imperatives in the program's own text, a "Trin 0", and times as a machine writes them.
The third round: a name's genitive glued to a placeholder ("{who}s kort": "Sydby Lionss"),
the words replaced by one word each (delt fil, kontaktplan, "overskredet siden"), "er sprunget
over", a role label no forening uses about itself in what leaves the program, and marks a
screen reader reads as symbols (☐, ☑, →) in what `--enkel` prints.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import yaml

from samarbejde.cli.app import app, main
from samarbejde.guide.texts import bundled_guide_path, templates_dir
from tests.helpers.program import FIXTURES, ROOT, Result, quiet_env, run_program

EM_DASH = " — "  # the program uses the Danish tankestreg, " – "
PARENTHESISED_PLURAL = re.compile(r"[a-zæøå]\((?:e|er|r|ne|n)\)")  # "partner(e)"
ENGLISH_PLURAL = "post-its"  # "post-it-sedler", as the guide writes
CLICK_MARKERS = ("[default:", "[required]", "[env var:")
# An imperative with an accent ("vurdér", "opdatér"). The program writes them without; only
# the guide's own words keep theirs ("Dedikér tid", "Diskutér").
ACCENTED_IMPERATIVE = re.compile(r"\b[A-Za-zæøåÆØÅ]+ér\b")
# A genitive built by gluing "s" to a name: "Sydby Lionss", "Røde Korss", "As kort". The texts
# avoid the genitive ("på kortet hos {who}"); a letter takes an apostrophe ("A's").
GLUED_GENITIVE = re.compile(r"\{[a-z_]+\}s\b")
# The words the editor replaced, one word each: the share file is a "delt fil", the plan of
# step 4 the "kontaktplan", overdue "(overskredet)" or "overskredet siden …"; what is left out
# "springes over" (the second round); the agenda's "aftaler" is the samarbejdsaftale's word.
OLD_WORDS = (
    "delingsfil",
    "plan for kontakten",
    "overskredet pr.",
    "overskredet:",
    "er sprunget over",
    "kommende aftaler",
    "flyt den næste",
)
# A role label as no forening names itself, in what leaves the program (documents, the share
# file, the partner's page).
ROLE_WORD = "Civilsamfundsaktør"
SCREEN_MARKS = ("☐", "☑", "→")  # read aloud as symbols: --enkel says them in words


def content() -> dict:
    return yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))


def strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def ui_texts() -> dict[str, str]:
    return {k: v for k, v in content()["ui"].items() if isinstance(v, str)}


def readme_danish() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## For contributors")[0]


def seed_text() -> str:
    return (FIXTURES / "seed_guide.txt").read_text(encoding="utf-8")


def faults(text: str, *, imperatives_allowed: set[str]) -> list[str]:
    found = []
    if EM_DASH in text:
        found.append("' — '")
    found += [m.group(0) for m in PARENTHESISED_PLURAL.finditer(text)]
    if ENGLISH_PLURAL in text.lower():
        found.append(ENGLISH_PLURAL)
    found += [m for m in CLICK_MARKERS if m in text]
    found += [
        m.group(0)
        for m in ACCENTED_IMPERATIVE.finditer(text)
        if m.group(0).lower() not in imperatives_allowed
    ]
    found += [m.group(0) for m in GLUED_GENITIVE.finditer(text)]
    found += [w for w in OLD_WORDS if w in text.lower()]
    return found


def outward_faults(text: str) -> list[str]:
    """What a text leaving the program must not say about an organisation."""
    return [w for w in (ROLE_WORD, "(Kommune)") if w in text]


def screen_marks(text: str) -> list[str]:
    """Marks a screen reader reads as symbols, in what `--enkel` prints."""
    return [m for m in SCREEN_MARKS if m in text]


@pytest.fixture(scope="module")
def guide_words() -> set[str]:
    """The accented imperatives the guide itself writes (they stay as the guide has them)."""
    return {m.group(0).lower() for m in ACCENTED_IMPERATIVE.finditer(seed_text())}


def test_the_scan_finds_each_fault(guide_words: set[str]) -> None:
    """The scan itself, so that a pass means something."""
    assert faults("Delvist — ikke", imperatives_allowed=guide_words) == ["' — '"]
    assert faults("2 partner(e) er", imperatives_allowed=guide_words) == ["r(e)"]
    assert faults("Jeres post-its", imperatives_allowed=guide_words) == ["post-its"]
    assert faults("frem  [default: 60]", imperatives_allowed=guide_words) == ["[default:"]
    assert faults("Vurdér hver partner", imperatives_allowed=guide_words) == ["Vurdér"]
    assert faults("Dedikér tid; vurder dem", imperatives_allowed=guide_words) == []
    assert guide_words == {"dedikér", "diskutér"}
    # the third round's rules, each broken once
    assert faults("Kun på {who}s kort", imperatives_allowed=guide_words) == ["{who}s"]
    assert faults("{side}s fire kort til {partner}s", imperatives_allowed=set()) == [
        "{side}s",
        "{partner}s",
    ]
    assert faults("på kortet hos {who}; A's placering", imperatives_allowed=set()) == []
    for old in (
        "Partnerens delingsfil",
        "ingen plan for kontakten",
        "01-11 (overskredet pr. 27-11-2026)",
        "Brugsen (overskredet: 01-11-2026)",
        "{file} er for stor og er sprunget over.",
        "Kommende aftaler: de næste 60 dage",
        "skriv en kontakt ned, og flyt den næste",
    ):
        assert len(faults(old, imperatives_allowed=set())) == 1, old
    assert faults("overskredet siden 01-11-2026; springes over", imperatives_allowed=set()) == []
    assert outward_faults("Idrætsforeningen NIF (Civilsamfundsaktør)") == [ROLE_WORD]
    assert outward_faults("Lavet af Nordby Kommune (Kommune)") == ["(Kommune)"]
    assert outward_faults("Kommune og civilsamfund: de to sektorer") == []
    assert screen_marks("☐ 1. Find fælles grund · Tjekliste: 3 → 4 af 6") == ["☐", "→"]
    assert screen_marks("1. Find fælles grund (ikke udført) · fra 3 til 4 af 6") == []


def test_every_ui_text_is_clean(guide_words: set[str]) -> None:
    found = {
        k: f for k, v in ui_texts().items() if (f := faults(v, imperatives_allowed=guide_words))
    }
    assert found == {}
    assert len(ui_texts()) > 300


def test_the_whole_content_file_is_clean(guide_words: set[str]) -> None:
    """The guide's text too: its dashes, its post-it-sedler; its imperatives as the guide has
    them, the program's own (quadrants, the reconstructed step, the questions) without accent.
    Parenthesised plurals are the guide's own ("kommune(r)") outside the ui."""
    data = content()
    data.pop("ui")
    text = "\n".join(strings(data))
    assert [f for f in faults(text, imperatives_allowed=guide_words) if "(" not in f] == []


def test_the_readme_danish_part_is_clean(guide_words: set[str]) -> None:
    text = readme_danish()
    assert len(text) > 5000
    assert faults(text, imperatives_allowed=guide_words) == []


def test_the_report_templates_use_the_danish_dash() -> None:
    for path in templates_dir().iterdir():
        assert EM_DASH not in path.read_text(encoding="utf-8"), path.name


def test_the_templates_glue_no_genitive_and_use_the_new_words() -> None:
    for path in templates_dir().iterdir():
        text = path.read_text(encoding="utf-8")
        glued = [m.group(0) for m in GLUED_GENITIVE.finditer(text)]
        assert glued == [] and [w for w in OLD_WORDS if w in text.lower()] == [], path.name
        assert outward_faults(text) == [], path.name


def test_no_role_label_is_a_word_no_forening_uses() -> None:
    """The role labels reach the report ("Rolle: …"): as organisations name themselves."""
    labels = [role["label"] for role in content()["roles"]]
    assert labels == ["Kommune", "Forening eller frivillig organisation"]
    assert [label for label in labels if outward_faults(label)] == []
    # the texts of what leaves the program name no role in brackets
    outward = ("partner_page_", "agreement_doc_", "agreement_party", "share_header_", "compare_")
    for key, text in ui_texts().items():
        if key.startswith(outward):
            assert "({role})" not in text and not outward_faults(text), key


def test_what_leaves_the_program_names_no_role(
    cli, home: Path, store, tmp_path: Path, guide_words: set[str]
) -> None:
    """A forening's session, sent out every way: the report, the partner's page, the
    agreement, the share file and the comparison say "Civilsamfundsaktør" nowhere, and no
    name has an "s" glued to it."""
    import shutil

    from samarbejde.sessions.model import Agreement

    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    ours = folder / "lions.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", ours)
    session = store.load(ours)
    session.role, session.organisation, session.name = "civilsamfund", "Sydby Lions", "Lions"
    session.agreement = Agreement(partner="p1")
    store.save(session, ours)
    shutil.copy(FIXTURES / "report_9.yaml", folder / "kommune.yaml")
    shared = tmp_path / "lions-delt.yaml"
    made = cli("export", "Lions", "--format", "share", "--include", "dagligdag,aktoerer",
               "-o", str(shared))  # fmt: skip
    assert made.code == 0, made.stderr
    outputs = {
        "report": printed(cli, "export", "Lions", "-o", "-"),
        "html": printed(cli, "export", "Lions", "--format", "html", "-o", "-"),
        "partner": printed(cli, "export", "Lions", "--partner", "Frivilligcentret", "-o", "-"),
        "agreement": printed(cli, "export", "Lions", "--agreement", "--format", "md", "-o", "-"),
        "share": shared.read_text(encoding="utf-8"),
        "compare": printed(cli, "compare", "kommune.yaml", str(shared), "-o", "-"),
        "compare screen": printed(cli, "compare", "kommune.yaml", str(shared)),
    }
    for name, text in outputs.items():
        assert "Sydby Lions" in text or name in ("partner", "agreement"), name
        assert outward_faults(text) == [], name
        assert "Lionss" not in text, name
        own = text.replace("kommune(r)", "")  # the guide's own words
        assert faults(own, imperatives_allowed=guide_words) == [], name


def test_enkel_says_in_words_what_the_screen_marks(home: Path) -> None:
    """The real program with --enkel, answered from text: the wizard, an evaluation round, the
    summary with the way travelled, the health check, the agenda and the share file's
    questions print no mark a screen reader reads as a symbol."""
    from samarbejde.cli.app import main
    from tests.helpers.prompts import line_env, screen
    from tests.helpers.wizard_lines import all_lines
    from tests.helpers.wizard_script import NAME

    said = []
    env = line_env(home, all_lines())
    assert main(["--enkel", "start"], env) == 0
    said.append(screen(env))
    answers = "\n" + "3\n\n\n\n" + "\n" + "4\n6\n\n\n\n\n" + "1\n" + "Vi ses for sjældent\n"
    answers += "Flere frivillige\n\n" + "2027-03-01\n"
    env = line_env(home, answers)
    assert main(["--enkel", "evaluate", NAME], env) == 0
    said.append(screen(env))
    for args in (["summary"], ["health", NAME], ["agenda"], ["list"]):
        env = line_env(home, "")
        assert main(["--enkel", *args], env) == 0, args
        said.append(screen(env))
    env = line_env(home, "\n" * 20)  # the share file's questions: each section, yes
    env.stdin_isatty = lambda: True  # (asked section by section only where one reads them)
    out = home / "delt.yaml"
    assert main(["--enkel", "export", NAME, "--format", "share", "-o", str(out)], env) == 0
    said.append(screen(env))
    shown = "\n".join(said)
    assert "Sæt kryds ved" in shown and "Afsnittet" in shown and "Næste evaluering" in shown
    assert "Tjekliste: fra 2 til 2 af 6" in shown  # the way travelled, in words
    assert screen_marks(shown) == [], [line for line in shown.splitlines() if screen_marks(line)]


# -- what the program prints ---------------------------------------------------------------


def printed(cli, *args: str) -> str:
    result: Result = cli(*args)
    assert result.code == 0, result.stderr
    return result.stdout


def help_of(*args: str, width: int = 80) -> str:
    result = run_program(*args, "--help", env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def help_in_process(*args: str, home: Path) -> str:
    """A command's help from `main` in this process (at 80 columns, as `help_of`): the same
    code as the program's, without a new Python for each of the commands."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--help"], quiet_env(home)) == 0
    return out.getvalue()


def test_no_help_shows_click_english_and_each_short_help_fits(tmp_path: Path) -> None:
    main_help = help_of()  # the real program, in a child process
    assert [m for m in CLICK_MARKERS if m in main_help] == []
    section = main_help.split("Kommandoer:")[1].splitlines()[1:]
    rows = [line for line in section if line.strip()]
    # one line for each command at 80 columns: no command's text is cut off or wrapped
    assert [row.split()[0] for row in rows] == app_commands()
    assert all(len(row) <= 80 and not row.endswith("...") for row in rows)
    for command in app_commands():
        text = help_in_process(command, home=tmp_path)
        assert [m for m in CLICK_MARKERS if m in text] == [], command
        assert EM_DASH not in text
    # the default, said in Danish
    assert "(standard: 60" in help_in_process("agenda", home=tmp_path)


def app_commands() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def test_what_the_program_prints_is_clean(cli, home: Path, nordby: Path, guide_words) -> None:
    outputs = {
        "guide": printed(cli, "guide"),
        "list": printed(cli, "list"),
        "summary": printed(cli, "summary"),
        "agenda": printed(cli, "agenda"),
        "md": printed(cli, "export", "-o", "-"),
        "html": printed(cli, "export", "--format", "html", "-o", "-"),
    }
    for name, text in outputs.items():
        own = text.replace("kommune(r)", "")  # the guide's own words
        assert faults(own, imperatives_allowed=guide_words) == [], name
        # one numbering, the guide's: nothing before step 1 is numbered "0"
        assert "0. Før" not in text and not re.search(r"\b[Tt]rin 0\b", text), name
    assert (
        "Før I går i gang" in outputs["guide"]
        and "1. Beskriv borgerens dagligdag" in (outputs["guide"])
    )
    assert "2/5" in outputs["list"]  # the guide's five numbered steps, not six


def test_times_and_dates_as_danish_readers_write_them(cli, home: Path, nordby: Path) -> None:
    summary = " ".join(printed(cli, "summary").split())
    assert re.search(r"Sidst ændret: \d\d-\d\d-\d{4} kl\. \d\d\.\d\d", summary), summary
    assert not re.search(r"\d\d:\d\d", summary)
    listed = printed(cli, "list")
    assert (
        re.search(r"\d\d-\d\d-\d{4} kl\. \d\d\.\d\d", listed)
        and ":" not in listed.split("kl.")[1][:6]
    )
    report = printed(cli, "export", "-o", "-")
    assert "Udarbejdet:** 27. november 2026" in report  # the pinned clock's day
    assert re.search(r"Sidst ændret:\*\* \d\d-\d\d-\d{4} kl\. \d\d\.\d\d", report)


def test_forms_are_one_danish_list(guide) -> None:
    assert (
        guide.forms_text(["samskabelse", "ressourcer"])
        == "Samskabelse af aktiviteter, deling af ressourcer"
    )
    assert guide.forms_text([]) == ""


def test_missing_ratings_chooses_singular_or_plural(guide, store, nordby: Path) -> None:
    from samarbejde.steps import kind

    session = store.load(nordby)

    def gap(unrated: int) -> str:
        for partner in session.partners:
            partner.interest = partner.influence = 3
        for partner in session.partners[:unrated]:
            partner.interest = partner.influence = None
        return kind("prioriter").status_label(session, guide)

    assert len(session.partners) >= 3
    assert "1 partner er ikke vurderet" in gap(1)
    assert "3 partnere er ikke vurderet" in gap(3)


def test_evaluate_asks_its_own_question_and_a_calendar_file_is_called_one(
    cli, home: Path, nordby: Path, tmp_path: Path
) -> None:
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from samarbejde.cli.app import main
    from tests.helpers.prompts import make_env
    from tests.helpers.wizard_script import CTRL_C

    env, shown = make_env(home), io.StringIO()
    with create_pipe_input() as pipe:  # the real prompt, its screen kept as plain text
        pipe.send_text(CTRL_C)
        with create_app_session(input=pipe, output=PlainTextOutput(shown)):
            assert main(["evaluate"], env) == 130
    assert "Hvilken session vil du evaluere?" in shown.getvalue()
    assert "fortsætte" not in shown.getvalue()

    said = cli("agenda", "--ics", str(tmp_path / "aftaler.ics")).stdout
    assert "Kalenderfilen er gemt:" in said and "Rapporten" not in said
    said = cli("export", "--format", "ics", "-o", str(tmp_path / "nordby.ics")).stdout
    assert "Kalenderfilen er gemt:" in said
    assert "Rapporten er gemt:" in cli("export", "-o", str(tmp_path / "nordby.md")).stdout


def test_the_guide_says_i_and_has_its_startkomma() -> None:
    """The guide's own text addresses "I" throughout, with the commas the editor asked for."""
    data = content()
    data.pop("ui")
    guide_text = " ".join(" ".join(strings(data)).split())
    assert re.findall(r"\b(?:du|dig|din|dit|dine)\b", guide_text, re.I) == []
    for corrected in (
        "Værdsæt både det, I er fælles om, og det, I ser forskelligt.",
        "Vær realistiske om, hvilke ressourcer",
        "og se, hvor jeres projekt kan passe ind",
        "Særligt når det kommer til",
        "Forbered jer godt",
        "Hvis jeres idé går hånd i hånd med det, jeres potentielle samarbejdspartner",
    ):
        assert corrected in guide_text


def test_agenda_is_called_contacts_and_evaluations(cli, home: Path, nordby: Path) -> None:
    """Not "aftaler": the word is the samarbejdsaftale's."""
    out = printed(cli, "agenda")
    assert out.startswith("Kontakter og evalueringer de næste 60 dage (og alt, der er overskredet)")
    assert "Dagsorden" not in out and "aftaler" not in out


def test_compare_chooses_aktoer_or_aktoerer(guide) -> None:
    from samarbejde.reports.compare import compare, talking_points
    from samarbejde.sessions.sides import side_of_session
    from tests.helpers.compare_fixtures import forening, kommune

    b = forening()
    b.partners = [p for p in b.partners if p.name != "Spejderne"]  # knows one the other does not
    pair = compare(side_of_session(kommune(), guide), side_of_session(b, guide), guide)
    said = " ".join(p.text for p in talking_points(pair, guide))
    assert "Nordby Idrætsforening kender 1 aktør, som" in said
    assert "Nordby Kommune, Ældreområdet kender 2 aktører, som" in said
    assert "(er)" not in said
