"""Our contact person, asked once (the wizard's opening questions, or the first command that
sends something out) through the real prompts, kept with the session, offered to the next
new session, and named on what goes out: the partner's page (md, html, docx), the agreement,
the share file (each part opt-in) and the comparison. A share file's contact is hostile."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from samarbejde.base import yamlio
from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from samarbejde.runner.env import Env
from tests.helpers.program import FIXTURES, NOW, held_elsewhere
from tests.helpers.prompts import all_keys, drive, errors, make_env, screen
from tests.helpers.wizard_script import CTRL_C, ENTER, NAME, SCRIPT, at

NORDBY = "faellesspisning-i-nordby"
CONTACT = ("Hanne Lund", "Ældrechef", "+45 12 34 56 78", "hl@nordby.dk")
ANSWER = "".join(part + ENTER for part in CONTACT)  # the four questions, answered once
OLD_PARTIES = "Nordby Kommune, Ældreområdet (Kommune)\nKontaktperson:\nFrivilligcentret Nordby\n"


def nordby_with_agreement(home: Path) -> Path:
    """The version-1 fixture, with an agreement drafted before there was a contact person:
    our "Kontaktperson:" line empty, as such drafts have it."""
    data = yamlio.load_file(FIXTURES / "session_v1.yaml")
    data["agreement"] = {
        "partner": "p1",
        "sections": {
            "parter": {"text": OLD_PARTIES + "Kontaktperson: Birthe Sørensen", "status": "in_place"}
        },
    }
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{NORDBY}.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


def docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def text_of(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")


def named(text: str) -> bool:
    flat = " ".join(text.replace("\\", "").split())  # Markdown escapes "@" and "+"
    return all(part in flat for part in ("Hanne Lund", "tlf. +45 12 34 56 78", "hl@nordby.dk"))


def test_one_question_names_our_contact_on_all_that_goes_out(home: Path, tmp_path: Path) -> None:
    path = nordby_with_agreement(home)
    env = make_env(home)
    page = tmp_path / "side.docx"
    code = drive(ANSWER, lambda: main(["export", "nordby", "--partner", "frivillig", "-o",
                                       str(page)], env))  # fmt: skip
    assert code == 0, errors(env)
    out = " ".join(screen(env).split())
    assert "Vores kontaktperson: den, partnerne skal henvende sig til" in out
    assert "Kontaktpersonen er gemt" in out
    saved = yamlio.load_file(path)["our_contact"]
    assert saved == dict(zip(("name", "role", "phone", "email"), CONTACT, strict=True))
    # asked once: every later document is written without a key pressed (a question would
    # end in EOFError here)
    for args, target in [
        (["export", "nordby", "--partner", "frivillig"], tmp_path / "side.md"),
        (["export", "nordby", "--partner", "frivillig"], tmp_path / "side.html"),
        (["export", "nordby", "--agreement"], tmp_path / "aftale.docx"),
        (["export", "nordby", "--agreement"], tmp_path / "aftale.md"),
        (["compare", "nordby", str(FIXTURES / "session_v1.yaml"), "-f", "md"],
         tmp_path / "sammen.md"),
        (["compare", "nordby", str(FIXTURES / "session_v1.yaml"), "-f", "docx"],
         tmp_path / "sammen.docx"),
    ]:  # fmt: skip
        later = make_env(home)
        run = [*args, "-o", str(target)]
        assert drive("", lambda r=run, e=later: main(r, e)) == 0, args
    for target in (page, tmp_path / "side.md", tmp_path / "side.html"):
        text = text_of(target)
        assert named(text) and "Vores kontaktperson" in text, target
        assert "Til" in text and "Birthe Sørensen" in text  # theirs: the addressee
    for target in (tmp_path / "aftale.docx", tmp_path / "aftale.md"):
        text = text_of(target).replace("\\", "")
        assert "Kontaktperson: Hanne Lund, Ældrechef, tlf. +45 12 34 56 78, e-mail hl@nordby.dk" \
            in text, target  # fmt: skip
        assert "Kontaktperson: Birthe Sørensen" in text  # theirs kept as it was
    for target in (tmp_path / "sammen.md", tmp_path / "sammen.docx"):
        text = text_of(target)
        assert "Udarbejdet af" in text and named(text), target


def test_enkel_asks_as_lines_and_refuses_nonsense_in_danish(home: Path, tmp_path: Path) -> None:
    path = nordby_with_agreement(home)
    answers = "\nHanne Lund\nÆldrechef\nring til mig\n12345678\nhanne\nhl@nordby.dk\n"
    env = Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        home=home,
        now=lambda: NOW,
        stdin=io.StringIO(answers),
        stdin_isatty=lambda: True,
        enkel=True,
    )
    target = tmp_path / "side.html"
    assert main(["export", "nordby", "--partner", "frivillig", "-o", str(target)], env) == 0
    out = " ".join(screen(env).split())
    assert "Skriv kontaktpersonens navn." in out  # an empty name is asked again
    assert '"ring til mig" ligner ikke et telefonnummer' in out
    assert '"hanne" ligner ikke en e-mailadresse' in out
    contact = yamlio.load_file(path)["our_contact"]
    assert (contact["phone"], contact["email"]) == ("12345678", "hl@nordby.dk")
    assert "hl@nordby.dk" in target.read_text(encoding="utf-8")


def test_the_name_is_required_when_asked_the_rest_is_not(home: Path, tmp_path: Path) -> None:
    nordby_with_agreement(home)
    env = make_env(home)
    keys = ENTER + "Per Berg" + ENTER + ENTER + ENTER + ENTER  # an empty name, then a name only
    target = tmp_path / "side.md"
    code = drive(keys, lambda: main(["export", "nordby", "--partner", "frivillig", "-o",
                                     str(target)], env))  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "**Vores kontaktperson**\n\nPer Berg\n" in text and "tlf." not in text


def test_without_a_terminal_the_document_goes_without(cli, home: Path, tmp_path: Path) -> None:
    path = nordby_with_agreement(home)
    before = path.read_bytes()
    for args, target in [
        (["export", "nordby", "--partner", "frivillig"], tmp_path / "side.md"),
        (["export", "nordby", "--agreement"], tmp_path / "aftale.md"),
        (["compare", "nordby", str(FIXTURES / "session_v1.yaml"), "-f", "md"],
         tmp_path / "sammen.md"),
    ]:  # fmt: skip
        result = cli(*args, "-o", str(target))
        assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    page = (tmp_path / "side.md").read_text(encoding="utf-8")
    assert "**Vores kontaktperson**\n\n\\_\\_\\_" in page and "(navn, telefon, e-mail)" in page
    assert "Kontaktperson:\\\n" in (tmp_path / "aftale.md").read_text(encoding="utf-8")
    assert "Udarbejdet af" not in (tmp_path / "sammen.md").read_text(encoding="utf-8")
    assert path.read_bytes() == before  # nothing asked, nothing written


def test_a_stop_at_the_contact_question_writes_no_document(home: Path, tmp_path: Path) -> None:
    path = nordby_with_agreement(home)
    env = make_env(home)
    target = tmp_path / "side.md"
    code = drive("Hanne Lund" + ENTER + "Ældre" + CTRL_C,
                 lambda: main(["export", "nordby", "--partner", "frivillig", "-o", str(target)],
                              env))  # fmt: skip
    assert code == 130 and not target.exists()
    out = " ".join(screen(env).split())
    assert "Fortsæt med: samarbejde export 'Fællesspisning i Nordby' --partner" in out
    data = yamlio.load_file(path)
    assert data["our_contact"]["name"] == "Hanne Lund"  # nothing typed is lost
    assert data["drafts"] == {"our_contact.person_role": "Ældre"}


def test_the_next_new_session_is_offered_the_newest_contact(home: Path) -> None:
    env = make_env(home)
    upto = all_keys(SCRIPT[: at('Hvor langt er I med "Prioritering"')])  # the opening answered
    assert drive(upto + CTRL_C, lambda: main(["start"], env)) == 130
    env2 = make_env(home)
    keys = "Ny" + ENTER + ENTER + "Nordby Kommune" + ENTER + ENTER + ENTER * 4 + CTRL_C
    assert drive(keys, lambda: main(["start"], env2)) == 130
    new = env2.store.load(env2.store.path_for("Ny"))
    first = env2.store.load(env2.store.path_for(NAME))
    assert new.our_contact == first.our_contact and new.our_contact.name == "Hanne Lund"


def test_old_session_files_still_load_and_export(cli, home: Path, tmp_path: Path) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("session_v1.yaml", "report_9.yaml", "report_60.yaml"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    for name in ("session_v1.yaml", "report_9.yaml", "report_60.yaml"):
        found = cli("summary", str(folder / name), "--json")
        assert found.code == 0, (name, found.stderr)
    for name in ("session_v1.yaml", "report_9.yaml", "report_60.yaml"):
        before = (folder / name).read_bytes()
        stem = name.removesuffix(".yaml")
        for fmt in ("md", "docx"):
            result = cli("export", str(folder / name), "-o", str(tmp_path / f"{stem}.{fmt}"))
            assert result.code == 0, (name, result.stderr)
        assert (folder / name).read_bytes() == before
        assert "our_contact" not in before.decode("utf-8")


# -- the share file ----------------------------------------------------------------------------


def with_contact(home: Path) -> Path:
    path = nordby_with_agreement(home)
    data = yamlio.load_file(path)
    data["our_contact"] = dict(zip(("name", "role", "phone", "email"), CONTACT, strict=True))
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


def test_a_share_file_without_the_contact_sections_holds_none_of_it(cli, home, tmp_path) -> None:
    with_contact(home)
    target = tmp_path / "delt.yaml"
    result = cli("export", "nordby", "--format", "share", "--include",
                 "dagligdag,aktoerer,tjekliste", "-o", str(target))  # fmt: skip
    assert result.code == 0, result.stderr
    raw = target.read_bytes()
    for part in (*CONTACT, "12 34 56 78", "Hanne", "contact:"):
        assert part.encode("utf-8") not in raw, part
    # the name alone, then all three
    name_only = tmp_path / "navn.yaml"
    assert cli("export", "nordby", "--format", "share", "--include", "dagligdag,kontakt",
               "-o", str(name_only)).code == 0  # fmt: skip
    raw = name_only.read_bytes()
    assert b"Hanne Lund" in raw and b"12 34" not in raw and b"hl@nordby.dk" not in raw
    everything = tmp_path / "alt.yaml"
    assert cli("export", "nordby", "--format", "share", "--include",
               "dagligdag,kontakt,telefon,email", "-o", str(everything)).code == 0  # fmt: skip
    data = yaml.safe_load(everything.read_text(encoding="utf-8"))
    assert data["contact"] == {"name": "Hanne Lund", "role": "Ældrechef",
                               "phone": "+45 12 34 56 78", "email": "hl@nordby.dk"}  # fmt: skip
    # without --include: the name, not the phone or the e-mail
    default = tmp_path / "standard.yaml"
    assert cli("export", "nordby", "--format", "share", "--no-scores", "-o",
               str(default)).code == 0  # fmt: skip
    raw = default.read_bytes()
    assert b"Hanne Lund" in raw and b"12 34" not in raw and b"hl@nordby.dk" not in raw


def test_the_share_questions_offer_the_name_and_not_the_phone(home: Path, tmp_path) -> None:
    with_contact(home)
    env = make_env(home)
    target = tmp_path / "delt.yaml"
    # step 1, actors (+ scores), checklist: yes; cards: none; name: yes; phone, e-mail: as offered
    keys = ENTER + ENTER + ENTER + ENTER + ENTER + ENTER + ENTER + ENTER
    code = drive(keys, lambda: main(["export", "nordby", "--format", "share", "-o",
                                     str(target)], env))  # fmt: skip
    assert code == 0, errors(env)
    out = " ".join(screen(env).split())
    assert 'Afsnittet "vores kontaktpersons telefonnummer" ser sådan ud: +45 12 34 56 78' in out
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["contact"] == {"name": "Hanne Lund", "role": "Ældrechef"}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        pytest.param("phone", '"12\\e[2J34"', "styretegn", id="escape"),
        pytest.param("name", '"Hanne\\e]0;titel\\a"', "styretegn", id="osc"),
        pytest.param("email", '"a\\u009bb@c.dk"', "styretegn", id="c1"),
        pytest.param("role", '"' + "x" * 500 + '"', "højst", id="long"),
        pytest.param("phone", "[1, 2]", "forkert type", id="type"),
    ],
)
def test_a_hostile_contact_in_a_share_file_is_refused_in_danish(
    cli, home: Path, tmp_path: Path, field: str, value: str, words: str
) -> None:
    with_contact(home)
    path = tmp_path / "ond.yaml"
    content = (
        "kind: samarbejde-share\nversion: 1\nname: Ond\nrole: civilsamfund\n"
        f"date: 2026-11-27\ncontact:\n  {field}: {value}\n"
    )
    path.write_text(content, encoding="utf-8")
    for args in (["compare", "nordby", str(path)], ["compare", "nordby", str(path), "--json"],
                 ["import", str(path)]):  # fmt: skip
        result = cli(*args)
        message = " ".join(result.stderr.split())
        assert result.code == 1, (args, result.stdout)
        assert "kan ikke læses" in message and f"contact.{field}" in message and words in message
        assert "Traceback" not in result.stderr and "\x1b" not in result.stderr + result.stdout


def test_a_contact_read_from_a_share_file_names_the_sender(cli, home, tmp_path) -> None:
    with_contact(home)
    shared = tmp_path / "delt.yaml"
    assert cli("export", "nordby", "--format", "share", "--include", "dagligdag,kontakt",
               "-o", str(shared)).code == 0  # fmt: skip
    from samarbejde.sessions.share import load
    from samarbejde.sessions.sides import side_of_share

    guide = make_env(home).guide
    side = side_of_share(load(shared, guide), guide)
    assert side.contact is not None and side.contact.name == "Hanne Lund"
    assert side.contact.phone == ""  # not shared
    assert "Vores kontaktperson: Hanne Lund, Ældrechef" in shared.read_text(encoding="utf-8")
    # two share files: no session of ours, so nobody is named as its maker
    out = cli("compare", str(shared), str(shared), "-f", "md", "-o", "-")
    assert out.code == 0 and "Udarbejdet af" not in out.stdout


def test_the_docx_page_keeps_its_contact_in_the_document_xml(home: Path, tmp_path) -> None:
    with_contact(home)
    env = make_env(home)
    target = tmp_path / "side.docx"
    assert drive("", lambda: main(["export", "nordby", "--partner", "frivillig", "-o",
                                   str(target)], env)) == 0  # fmt: skip
    with zipfile.ZipFile(target) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "hl@nordby.dk" in xml and "Vores kontaktperson" in xml


@pytest.mark.parametrize(
    "command",
    [
        "export nordby --partner frivillig -o {out}.md",
        "export nordby --agreement -o {out}.md",
        "export nordby --format share --include dagligdag,kontakt -o {out}.yaml",
        "compare nordby {fixture} -o {out}.md",
    ],
)
def test_each_command_that_sends_something_out_asks_first(home, tmp_path, command) -> None:
    path = nordby_with_agreement(home)
    env = make_env(home)
    fixture = str(FIXTURES / "session_v1.yaml")
    run = [a.format(out=tmp_path / "ud", fixture=fixture) for a in command.split()]
    assert drive(ANSWER, lambda: main(run, env)) == 0, errors(env)
    assert yamlio.load_file(path)["our_contact"]["email"] == "hl@nordby.dk"
    written = next(tmp_path.glob("ud.*")).read_text(encoding="utf-8")
    assert "Hanne Lund" in written


def test_compare_json_is_data_and_asks_nothing(home: Path) -> None:
    path = nordby_with_agreement(home)
    env = make_env(home)
    args = ["compare", "nordby", str(FIXTURES / "session_v1.yaml"), "--json"]
    assert drive("", lambda: main(args, env)) == 0, errors(env)
    assert "our_contact" not in path.read_text(encoding="utf-8")


def test_a_session_open_elsewhere_is_not_asked_and_the_page_goes_without(home, tmp_path) -> None:
    path = nordby_with_agreement(home)
    env = make_env(home)
    target = tmp_path / "side.md"
    with held_elsewhere(path):  # the wizard open in another window
        code = drive("", lambda: main(["export", "nordby", "--partner", "frivillig", "-o",
                                       str(target)], env))  # fmt: skip
    assert code == 0, errors(env)
    assert "er åben et andet sted" in " ".join(screen(env).split())
    assert "(navn, telefon, e-mail)" in target.read_text(encoding="utf-8")
