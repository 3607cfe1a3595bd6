"""Issue 34 #5: bytes that are not UTF-8, in every way in: typed in a terminal that is not
UTF-8 (questionary's prompts and `--enkel`), an answer file, the command line, and the files
the program reads (a session file, a file name in the sessions folder). Each is saved as it was
meant or refused with a Danish message; never a traceback, never a file that cannot be saved."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from samarbejde.cli.app import main
from samarbejde.runner.line_prompts import LinePrompts, answers
from samarbejde.runner.prompts import Prompts
from tests.helpers.program import FIXTURES, quiet_env
from tests.helpers.prompts import errors, make_env, screen

SESSION = "Fællesspisning i Nordby"
FILE = "faellesspisning-i-nordby.yaml"
NOT_UTF8 = st.binary(min_size=1, max_size=12).filter(
    lambda raw: _not_utf8(raw) and b"\n" not in raw and b"\r" not in raw and b"\x00" not in raw
)


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def fresh_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    (home / "sessions").mkdir()
    shutil.copy(FIXTURES / "session_v1.yaml", home / "sessions" / FILE)
    return home


def typed_in_a_terminal(keys: bytes, ask) -> object:
    with create_pipe_input() as pipe:
        pipe.send_bytes(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return ask()


def test_aeoeaa_typed_in_a_latin1_terminal_is_saved_as_meant(home: Path, nordby: Path) -> None:
    env = make_env(home)
    keys = b"Ringede til " + "Jørgen".encode("latin-1") + b"\x1b\r"  # what happened
    keys += b"\r" + b"15/1\r" + b"\r"  # today; the next contact; "Nej, det var det"
    code = typed_in_a_terminal(keys, lambda: main(["contact", SESSION, "Frivilligcentret"], env))
    assert code == 0, errors(env) + screen(env)
    plan = env.store.load(nordby).outreach["p1"]
    assert plan.log[-1].note == "Ringede til Jørgen"
    assert "Ringede til Jørgen" in nordby.read_text(encoding="utf-8")


def test_a_stop_in_a_latin1_terminal_keeps_the_draft_saveable(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    prompts = Prompts(env.texts, env.console)
    from samarbejde.base.errors import Interrupted

    with pytest.raises(Interrupted) as info:
        typed_in_a_terminal("Jørgen".encode("latin-1"), lambda: prompts.text("Hvem?"))
    assert info.value.draft == "Jørgen"


def test_enkel_in_a_latin1_terminal_reads_aeoeaa_as_meant(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    typed = "Jørgen på kontoret".encode("latin-1").decode("utf-8", "surrogateescape")
    lines = LinePrompts(env.texts, env.console, io.StringIO(typed + "\n"))
    assert lines.text("Hvem?") == "Jørgen på kontoret"


def test_an_answer_file_with_one_bad_byte_keeps_the_answers_before_it(
    home: Path, nordby: Path
) -> None:
    """The bad byte within the first 8 KB (the first read): the lines before it are answers,
    saved; its line is refused with the Danish message naming the file's encoding."""
    answers_file = b"Ringede\n\n" + "i går".encode("cp1252") + b"\n\n\n"
    done = subprocess.run(
        [sys.executable, "-m", "samarbejde", "--enkel", "contact", SESSION, "Frivilligcentret"],
        input=answers_file,
        capture_output=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1"},
        timeout=60,
    )
    err = " ".join(done.stderr.decode("utf-8").split())
    assert done.returncode == 2, err
    assert "Traceback" not in err and "ikke gemt som UTF-8" in err and "Windows-1252" in err
    assert make_env(home).store.load(nordby).outreach["p1"].log[-1].note == "Ringede"


def test_a_command_line_option_in_latin1_is_saved_as_meant(home: Path, nordby: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "samarbejde",
            "contact",
            SESSION.encode(),
            b"Frivilligcentret",
            b"--log",
            b"J\xf8rgen",
        ],
        capture_output=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert make_env(home).store.load(nordby).outreach["p1"].log[-1].note == "Jørgen"


# -- the fuzzer: random bytes that are not UTF-8 in every way in ------------------------------


def _no_traceback(env) -> None:
    said = screen(env) + errors(env)
    assert "Traceback" not in said


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=NOT_UTF8, where=st.sampled_from(["option", "terminal", "answer_file"]))
def test_bytes_not_utf8_in_any_input_are_saved_or_refused(
    tmp_path_factory, raw: bytes, where: str
) -> None:
    home = fresh_home(tmp_path_factory)
    path = home / "sessions" / FILE
    word = b"Mad" + raw + b"klub"
    escaped = word.decode("utf-8", "surrogateescape")
    args = ["contact", SESSION, "Frivilligcentret"]
    if where == "option":
        env = quiet_env(home)
        code = main([*args, "--log", escaped], env)
    elif where == "terminal":
        env = make_env(home)  # a terminal: stdin_isatty
        env.stdin = io.StringIO(escaped + "\n\n\n\n\n")
        code = main(["--enkel", *args], env)
    else:
        env = quiet_env(home)
        stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"Ringede\n\n" + word + b"\n\n\n")))
        env.stdin = answers(stdin, from_file=True)
        code = main(["--enkel", *args], env)
    _no_traceback(env)
    assert code in (0, 2, 130), (code, screen(env), errors(env))
    text = path.read_text(encoding="utf-8")  # the file is UTF-8 and loads
    session = make_env(home).store.load(path)
    if code == 0 and where != "answer_file":
        note = session.outreach["p1"].log[-1].note
        assert note.startswith("Mad") and note.endswith("klub")
        assert not any("\ud800" <= c <= "\udfff" for c in note)
        assert "Mad" in text


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=NOT_UTF8, command=st.sampled_from(["list", "summary", "delete", "agenda"]))
def test_bytes_not_utf8_in_the_files_read_are_no_traceback(
    tmp_path_factory, raw: bytes, command: str
) -> None:
    """A session file holding such bytes, and a file in the sessions folder named with them."""
    home = fresh_home(tmp_path_factory)
    folder = home / "sessions"
    source = (FIXTURES / "session_v1.yaml").read_bytes()
    (folder / "bad.yaml").write_bytes(source.replace(b"Nordby", b"Nord" + raw, 1))
    with_name = os.fsencode(folder) + b"/x" + raw.replace(b"/", b"_") + b".yaml"
    with open(with_name, "wb") as fh:
        fh.write(source.replace(b"Nordby", b"Sydby"))
    env = quiet_env(home)
    argv = {"list": ["list"], "summary": ["summary", SESSION], "delete": ["delete", "Sydby"],
            "agenda": ["agenda"]}[command]  # fmt: skip
    code = main(argv, env)
    _no_traceback(env)
    assert code in (0, 1, 2), (code, screen(env), errors(env))


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is Unix's")
def test_enkel_in_a_real_terminal_sending_latin1_saves_aeoeaa(home: Path, nordby: Path) -> None:
    """The real program in a pseudo-terminal whose keyboard sends Latin-1 bytes, answered
    as lines (`--enkel`): "Jørgen" is saved as typed, not refused and not a traceback."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "samarbejde", "--enkel", "contact", SESSION, "Frivilligcentret"],
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "LANG": "C.UTF-8", "NO_COLOR": "1"},
        encoding="utf-8",
        codec_errors="replace",  # the terminal echoes the Latin-1 byte back
        timeout=20,
    )
    child.expect_exact("Svar: ")
    child.send("Ringede til ")
    os.write(child.child_fd, "Jørgen\r".encode("latin-1"))  # raw bytes: the child is str
    child.expect_exact("Næste linje: ")
    child.send("\r")  # the note ends
    for marker, key in [("Hvornår var kontakten?", "\r"), ("Hvornår tager I kontakt", "-\r"),
                        ("Vil du også rette", "\r")]:  # fmt: skip
        child.expect_exact(marker)
        child.expect(r"Svar: |\(Enter vælger \d\): ")
        child.send(key)  # today; none; "Nej"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert make_env(home).store.load(nordby).outreach["p1"].log[-1].note == "Ringede til Jørgen"
