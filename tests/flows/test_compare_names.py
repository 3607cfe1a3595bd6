"""Two sides that find each other (issue 27): actor names read as a person reads them, the
likely pairs asked (ja/nej) and remembered in the user's own session, the other side's
organisation recognised on one's own map, and comparison documents without command-line
words. Driven through `main`, with the real prompts on pipe input and the files on disk."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.reports import matching
from samarbejde.reports.compare import compare, pair_actors, reader
from samarbejde.sessions.sides import Actor, side_of_session
from samarbejde.sessions.store import Store
from tests.helpers.compare_fixtures import NOW, OTHER_ACTORS, SAME_ACTORS, issue_sides
from tests.helpers.prompts import drive, errors, line_env, make_env, screen

DOWN, ENTER = "\x1b[B", "\r"
K, F = "Frivillige i ældreplejen", "Ensomme ældre i Nordby og omegn"


def _actors(names: list[str]) -> list[Actor]:
    return [Actor(n, "andet", "", "hold_oeje", 1, 1) for n in names]


# -- the table of names -----------------------------------------------------------------------


def test_the_table_of_names_found_or_proposed_and_no_false_pair_made() -> None:
    guide = load_guide()
    read = reader(guide).read
    # one pair at a time, knowing nothing of the two sides' towns
    one_by_one = [matching.judge(read(a), read(b)).outcome for a, b in SAME_ACTORS]
    found = sum(o != matching.NONE for o in one_by_one)
    assert found >= 0.9 * len(SAME_ACTORS), list(zip(SAME_ACTORS, one_by_one, strict=True))
    for a, b in OTHER_ACTORS:  # never made without a yes, either way round
        for x, y in ((a, b), (b, a)):
            assert matching.judge(read(x), read(y)).outcome != matching.SURE, (x, y)
    for a, b in (
        ("Nordby Bibliotek", "Sydby Bibliotek"),
        ("Røde Kors Nordby", "Blå Kors Nordby"),
        ("Lions Club Sydby", "Rotary Sydby"),
    ):
        towns = frozenset({"nordby", "sydby"})  # even when both sides are in both towns
        assert matching.judge(read(a), read(b), towns).outcome == matching.NONE, (a, b)
    # all at once, each actor in one pair at most, with the town both sides are in: a name
    # may pair with another row's variant of the same actor ("Ældre Sagen", "Ældresagen")
    group = _groups(SAME_ACTORS)
    left, right = [a for a, _ in SAME_ACTORS], [b for _, b in SAME_ACTORS][::-1]
    shared, _, _, proposed = pair_actors(
        _actors(left), _actors(right), [], guide, towns=frozenset({"nordby"})
    )
    assert all(group[p.a.name] == group[p.b.name] for p in shared)
    found = [p for p in proposed if group[p.a] == group[p.b]] + shared  # type: ignore[operator]
    assert len(found) >= 0.9 * len(SAME_ACTORS), (shared, proposed)
    others_left = [a for a, _ in OTHER_ACTORS]
    others_right = [b for _, b in OTHER_ACTORS]
    shared, _, _, _ = pair_actors(_actors(others_left), _actors(others_right), [], guide)
    assert not {(p.a.name, p.b.name) for p in shared} & set(OTHER_ACTORS)


def _groups(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Each name's actor: names paired in the table, directly or through others, are one."""
    group: dict[str, int] = {}
    for n, (a, b) in enumerate(pairs):
        ga, gb = group.setdefault(a, n), group.setdefault(b, n)
        if ga != gb:
            group = {name: ga if g == gb else g for name, g in group.items()}
    return group


def test_the_issue_s_two_sessions_find_their_three_actors() -> None:
    guide = load_guide()
    k, f = issue_sides()
    c = compare(side_of_session(f, guide), side_of_session(k, guide), guide)
    assert {(p.a.name, p.b.name) for p in c.shared or ()} == {
        ("Madklubben i Nordby", "Nordby Madklub"),
        ("Røde Kors, Nordby afdeling", "Røde Kors Nordby"),
        ("Biblioteket", "Nordby Bibliotek"),
    }
    # Jørgen's #1 actor is the kommune's department: asked, not merged, not "missing"
    assert (c.proposed[0].kind, c.proposed[0].a, c.proposed[0].b) == (
        "them",
        "Nordby Kommune, Ældreområdet",
        "Nordby Kommune, Sundhed og Ældre",
    )
    assert c.a_places_b.actor is None
    assert "Nordby Kommune, Ældreområdet" not in [x.name for x in c.only_a or ()]
    assert c.b_places_a.actor is not None and c.b_places_a.actor.name == "Ældresagen Nordby"


# -- asked in a terminal, remembered in the user's own session ---------------------------------


@pytest.fixture
def issue(home: Path, tmp_path: Path, cli) -> Path:
    """Jørgen's session, and the kommune's share file imported (its session not here)."""
    store = Store(home, lambda: NOW)
    k, f = issue_sides()
    k.partners[2].name = "Nordby Skole og SFO"  # instead of the library: a likely pair
    f.partners[3].name = "Nordby Skole"
    kept = store.save(k)
    result = cli(
        "export",
        K,
        "--format",
        "share",
        "--include",
        "aktoerer",
        "-o",
        str(tmp_path / "fra-kommunen.yaml"),
    )
    assert result.code == 0, result.stderr
    kept.unlink()
    assert cli("import", str(tmp_path / "fra-kommunen.yaml")).code == 0
    return store.save(f)


def test_likely_pairs_are_asked_and_the_next_compare_does_not_ask(
    home: Path, issue: Path, tmp_path: Path, cli
) -> None:
    env = make_env(home)
    # "Er det jer?": yes; the school and the school with its SFO: no
    code = drive(ENTER + DOWN + ENTER, lambda: main(["compare", "ensomme", "frivillige"], env))
    assert code == 0, errors(env)
    shown = " ".join(screen(env).split())
    assert 'Svarene gemmes i sessionen "Ensomme ældre i Nordby og omegn"' in shown
    saved = yaml.safe_load(issue.read_text(encoding="utf-8"))["same_names"]
    assert saved == {
        "nordby kommune ældreområdet=nordby kommune sundhed og ældre": True,
        "nordby skole=nordby skole og sfo": False,
    }
    # the kommune sends a new share file: the answers hold, nothing is asked
    resent = tmp_path / "fra-kommunen.yaml"
    assert cli("import", str(resent), "--force").code == 0
    second = make_env(home)
    assert drive("", lambda: main(["compare", "ensomme", "frivillige"], second)) == 0
    assert 'Er "' not in screen(second)
    data = json.loads(cli("compare", "ensomme", "frivillige", "--json").stdout)
    assert data["each_other"]["a_names_b"] == "Nordby Kommune, Ældreområdet"
    assert data["each_other"]["a_places_b"] == "raek_ud_foerst"
    assert data["proposed"] == []
    assert "Nordby Skole" in data["only_a"] and "Nordby Kommune, Ældreområdet" not in data["only_a"]


def test_a_stop_keeps_the_answers_given(home: Path, issue: Path) -> None:
    env = make_env(home)
    code = drive(ENTER + "\x03", lambda: main(["compare", "ensomme", "frivillige"], env))
    assert code == 130
    said = " ".join(screen(env).split())
    assert (
        'Afbrudt. Svarene indtil nu er gemt i sessionen "Ensomme ældre i Nordby og omegn"' in said
    )
    saved = yaml.safe_load(issue.read_text(encoding="utf-8"))["same_names"]
    assert saved == {"nordby kommune ældreområdet=nordby kommune sundhed og ældre": True}


def test_enkel_asks_the_same_in_lines(home: Path, issue: Path, tmp_path: Path) -> None:
    env = line_env(home, "2\n1\n")
    assert main(["--enkel", "compare", "ensomme", "frivillige"], env) == 0, errors(env)
    shown = " ".join(screen(env).split())
    assert (
        'Er jeres aktør "Nordby Kommune, Ældreområdet" det samme som Nordby Kommune, '
        "Sundhed og Ældre, som I sammenligner jer med?"
    ) in shown
    assert 'Er "Nordby Skole" det samme som "Nordby Skole og SFO"?' in shown
    assert 'Kun hos Nordby Kommune, Sundhed og Ældre (1) "Sydby Bibliotek"' in shown
    saved = yaml.safe_load(issue.read_text(encoding="utf-8"))["same_names"]
    assert saved == {
        "nordby kommune ældreområdet=nordby kommune sundhed og ældre": False,
        "nordby skole=nordby skole og sfo": True,
    }
    # the kommune's side first: the same answers, turned round, and nothing asked
    turned = line_env(home, "")
    out = tmp_path / "sammen.json"
    assert (
        main(["--enkel", "compare", "frivillige", "ensomme", "--json", "-o", str(out)], turned) == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"name_a": "Nordby Skole og SFO", "name_b": "Nordby Skole"}.items() <= next(
        p for p in data["shared"] if p["by_hand"]
    ).items()
    assert data["proposed"] == [] and data["each_other"]["b_names_a"] is None
    assert "Nordby Kommune, Ældreområdet" in data["only_b"]


def test_without_a_terminal_the_command_that_accepts_each_is_listed(
    home: Path, issue: Path, cli
) -> None:
    result = cli("compare", "ensomme", "frivillige")
    assert result.code == 0 and "--match" not in result.stdout
    lines = [line.strip() for line in result.stderr.splitlines()]
    commands = [line for line in lines if line.startswith("samarbejde compare")]
    assert len(commands) == 2, result.stderr
    # the line as printed, run as a shell would split it, pairs the two
    import shlex

    accepted = cli(*shlex.split(commands[0])[1:], "--json")
    data = json.loads(accepted.stdout)
    assert data["each_other"]["a_names_b"] == "Nordby Kommune, Ældreområdet"
    both = cli(
        *shlex.split(commands[1])[1:],
        "--match",
        "Nordby Kommune, Ældreområdet=Nordby Kommune, Sundhed og Ældre",
        "--json",
    )
    pairs = json.loads(both.stdout)["shared"]
    assert {"Nordby Skole"} <= {p["name_a"] for p in pairs if p["by_hand"]}
    assert json.loads(both.stdout)["proposed"] == [] and both.stderr == ""
    assert yaml.safe_load(issue.read_text(encoding="utf-8")).get("same_names") in ({}, None)


# -- what the reports say ----------------------------------------------------------------------


def test_no_comparison_output_has_command_line_words(
    home: Path, issue: Path, tmp_path: Path, cli
) -> None:
    from docx import Document

    pairs = (
        "--match",
        "Nordby Skole=Nordby Skole og SFO",
        "--match",
        "Nordby Kommune, Ældreområdet=Nordby Kommune, Sundhed og Ældre",
    )
    outputs = {
        "screen": cli("compare", "ensomme", "frivillige", *pairs).stdout,
        "json": cli("compare", "ensomme", "frivillige", *pairs, "--json").stdout,
    }
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"moede.{fmt}"
        assert cli("compare", "ensomme", "frivillige", *pairs, "-o", str(target)).code == 0
        if fmt == "docx":
            doc = Document(str(target))
            cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
            outputs[fmt] = "\n".join([p.text for p in doc.paragraphs] + cells)
        else:
            outputs[fmt] = target.read_text(encoding="utf-8")
    for fmt, text in outputs.items():
        assert "--match" not in text and not re.search(r"--[a-z]", text), fmt
        assert "parret manuelt" in text or fmt == "json", fmt
    assert '(som "Nordby Kommune, Ældreområdet")' in " ".join(outputs["screen"].split())


def test_each_format_s_legend_says_what_it_shows(
    home: Path, issue: Path, tmp_path: Path, cli
) -> None:
    from docx import Document

    texts = {}
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"moede.{fmt}"
        assert cli("compare", "ensomme", "frivillige", "-o", str(target)).code == 0
        if fmt == "docx":
            texts[fmt] = "\n".join(p.text for p in Document(str(target)).paragraphs)
        else:
            texts[fmt] = target.read_text(encoding="utf-8")
    assert "Cirkel (A) og firkant (B)" in texts["html"] and "<circle" in texts["html"]
    for fmt in ("md", "docx"):  # a table of numbers: no circles, squares or arrows
        assert not re.search(r"[Cc]irkel|firkant|pil ", texts[fmt]), fmt
        assert "2A er A's placering af aktør nr. 2" in texts[fmt], fmt


def test_names_lists_are_danish_and_unambiguous(home: Path, issue: Path, cli) -> None:
    out = " ".join(cli("compare", "frivillige", "ensomme").stdout.split())
    # the kommune's department on the forening's map is likely the kommune: not yet listed
    # as an actor only the forening knows, and not said to be missing
    assert (
        "Ældresagen Nordby har måske Nordby Kommune, Sundhed og Ældre blandt sine aktører "
        'som "Nordby Kommune, Ældreområdet"' in out
    )
    assert (
        'som Nordby Kommune, Sundhed og Ældre ikke har med: "Nordby Skole" og "Blå Kors '
        'Nordby".' in out
    )
    from samarbejde.reports.compare import name_list

    names = ["Røde Kors, Nordby afdeling", "Brugsen", "Madskolen"]
    assert (
        name_list(names, load_guide()) == '"Røde Kors, Nordby afdeling", "Brugsen" og "Madskolen"'
    )
    assert name_list(names, load_guide(), shown=2).endswith('"Brugsen" og 1 flere')


def test_a_session_compared_with_its_own_share_file_says_so(home: Path, cli, tmp_path) -> None:
    store = Store(home, lambda: NOW)
    _, f = issue_sides()
    store.save(f)
    own = tmp_path / "egen.yaml"
    assert cli("export", F, "--format", "share", "--include", "aktoerer", "-o", str(own)).code == 0
    out = " ".join(cli("compare", F, str(own)).stdout.split())
    assert (
        f'Begge sider er sessionen "{F}": sessionen er sammenlignet med sin egen delte fil' in out
    )


def test_import_names_the_compare_command_that_works(home: Path, cli, tmp_path: Path) -> None:
    store = Store(home, lambda: NOW)
    k, f = issue_sides()
    kept = store.save(k)
    sent = tmp_path / "fra-kommunen.yaml"
    assert cli("export", K, "--format", "share", "--include", "aktoerer", "-o", str(sent)).code == 0
    kept.unlink()
    store.save(f)
    said = " ".join(cli("import", str(sent)).stdout.split())
    import shlex

    command = said.split("Sammenlign med: ")[1]
    assert command == f"samarbejde compare '{F}' '{K}'", said
    result = cli(*shlex.split(command)[1:], "--json")
    assert result.code == 0 and json.loads(result.stdout)["b"]["name"] == K


# -- the board -------------------------------------------------------------------------------


def test_the_board_places_marks_by_their_scores() -> None:
    from samarbejde.reports.compare_doc import board

    guide = load_guide()
    k, f = issue_sides()
    k.partners = k.partners[:3]
    f.partners = f.partners[1:4]
    # the same three actors on both; on A's map 3,3 / 4,4 / 5,3 in one quadrant
    for p, (i, n) in zip(k.partners, ((3, 3), (4, 4), (5, 3)), strict=True):
        p.interest, p.influence = i, n
    c = compare(side_of_session(k, guide), side_of_session(f, guide), guide)
    drawn = board(c, guide)
    assert drawn is not None
    at = {m.name: (m.x, m.y) for m in drawn.marks if m.letter == "A"}
    low, high, right = at["Nordby Madklub"], at["Røde Kors Nordby"], at["Nordby Bibliotek"]
    assert low[0] < high[0] < right[0]  # more interest further right
    assert high[1] < low[1] and low[1] == right[1]  # more influence higher up, the same level


# -- the words are the content file's --------------------------------------------------------


def test_the_name_words_come_from_the_content_file(tmp_path: Path) -> None:
    from samarbejde.base.errors import ContentError
    from samarbejde.guide.texts import bundled_guide_path, fallback_texts

    data = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
    del data["names"]["same"]["sogn"]
    path = tmp_path / "uden-sogn.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    read = reader(load_guide(path)).read
    assert matching.judge(read("Sankt Nikolaj Kirke"), read("Nikolaj Sogn")).outcome == "none"
    data["names"]["filler"][0] = "to ord"  # one word each, as `fold` writes it
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_guide(path)
    assert "names.filler[0]" in fallback_texts().render(info.value.msg)


def test_a_pair_by_hand_wins_over_the_organisation_found_by_name() -> None:
    guide = load_guide()
    k, f = issue_sides()
    a, b = side_of_session(k, guide), side_of_session(f, guide)
    assert compare(a, b, guide).a_places_b.actor is not None  # "Ældresagen Nordby", surely
    c = compare(a, b, guide, [("ældresagen nordby", "Blå Kors Nordby")])
    assert ("Ældresagen Nordby", "Blå Kors Nordby", True) in [
        (p.a.name, p.b.name, p.by_hand) for p in c.shared or ()
    ]
    assert c.a_places_b.actor is None
    # and `--match` pairs an actor with the other side's organisation itself
    c = compare(b, a, guide, [("Nordby Kommune, Ældreområdet", "nordby kommune, sundhed og ældre")])
    assert c.a_places_b.by_hand and c.a_places_b.actor is not None
    assert c.a_places_b.actor.name == "Nordby Kommune, Ældreområdet"
    assert "them" not in [p.kind for p in c.proposed]
