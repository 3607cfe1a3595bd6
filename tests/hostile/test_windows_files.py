"""Files born on Windows: answers and sessions saved by Notepad or Excel in ANSI (cp1252) or
"Unicode" (UTF-16), and a sessions folder reached by another spelling of its name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.program import FIXTURES, run_inside, run_program

NAME = "Café i Nordby"


def _start(home: Path, answers: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejde", "--enkel", "start"],
        input=answers,
        capture_output=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1"},
        timeout=60,
    )


def test_an_ansi_answer_file_is_refused_naming_its_encoding(tmp_path: Path) -> None:
    done = _start(tmp_path, f"{NAME}\n1\n".encode("cp1252"))
    err = " ".join(done.stderr.decode("utf-8").split())
    assert done.returncode == 2, err
    assert "Traceback" not in err and "UnicodeDecodeError" not in err
    assert "ikke gemt som UTF-8" in err and "Windows-1252" in err
    assert not (tmp_path / "sessions").exists() or not list((tmp_path / "sessions").iterdir())


def test_a_utf16_answer_file_from_notepad_is_read(tmp_path: Path) -> None:
    done = _start(tmp_path, f"{NAME}\n1\n".encode("utf-16"))  # with its byte-order mark
    out = done.stdout.decode("utf-8")
    assert "Traceback" not in done.stderr.decode("utf-8")
    assert f"Svar: {NAME}" in out
    saved = (tmp_path / "sessions" / "cafe-i-nordby.yaml").read_text(encoding="utf-8")
    assert f"name: {NAME}" in saved and "role: kommune" in saved


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("cp1252", "Windows-1252"), ("utf-16-le", "UTF-16 uden byte-order-mærke")],
)
def test_a_session_file_not_in_utf8_is_named_so(tmp_path: Path, encoding: str, named: str) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    text = (FIXTURES / "session_v1.yaml").read_text(encoding="utf-8")
    (folder / "ansi.yaml").write_bytes(text.encode(encoding))
    done = run_program("summary", "ansi", env={"SAMARBEJDE_HOME": str(tmp_path), "NO_COLOR": "1"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    said = " ".join(done.stderr.split())  # as one line, however the terminal wrapped it
    assert "ikke gemt som UTF-8" in said and named in said
    listed = run_inside("list", env={"SAMARBEJDE_HOME": str(tmp_path), "NO_COLOR": "1"})
    assert listed.returncode == 0 and "ansi.yaml" in listed.stdout


def test_a_utf16_session_with_its_mark_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    text = (FIXTURES / "session_v1.yaml").read_text(encoding="utf-8")
    (folder / "u16.yaml").write_bytes(text.encode("utf-16"))
    done = run_program("summary", "u16", env={"SAMARBEJDE_HOME": str(tmp_path), "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert "Fællesspisning i Nordby" in done.stdout


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="another name for the same folder is made with a bind mount, which needs root",
)
def test_a_report_never_lands_in_the_sessions_folder_by_another_name(tmp_path: Path) -> None:
    """On a disk that ignores case, `…/SESSIONS/` is the sessions folder; here the same folder
    under another name is a bind mount (in a mount namespace of its own)."""
    home, alias = tmp_path / "home", tmp_path / "SESSIONS"
    (home / "sessions").mkdir(parents=True)
    alias.mkdir()
    shutil.copy(FIXTURES / "session_v1.yaml", home / "sessions" / "faellesspisning-i-nordby.yaml")
    target = alias / "rapport.md"
    script = (
        f"mount --bind '{home / 'sessions'}' '{alias}' && "
        f"'{sys.executable}' -m samarbejde export -o '{target}' --force; echo \"rc=$?\""
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1"},
        timeout=60,
    )
    assert "rc=1" in done.stdout, (done.stdout, done.stderr)
    assert "den ville erstatte en session" in done.stderr
    assert sorted(p.name for p in (home / "sessions").iterdir()) == [
        "faellesspisning-i-nordby.yaml"
    ]


def test_a_part_of_a_name_ignores_accents_and_case(cli, home: Path) -> None:
    """Typed on a keyboard without é: `lektiecafe` finds "Lektiecafé Sydby"."""
    from samarbejde.sessions.model import new_session
    from tests.helpers.program import NOW
    from tests.helpers.prompts import make_env

    env = make_env(home)
    session = new_session("Lektiecafé Sydby", "civilsamfund", NOW, "Sydby Lions")
    session.organisation = "Sydby Lions"
    env.store.save(session)
    result = cli("summary", "lektiecafe")
    assert result.code == 0, result.stderr
    assert "Lektiecafé Sydby" in result.stdout
