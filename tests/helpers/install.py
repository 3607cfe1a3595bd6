"""The program installed as IT would install it: a fresh virtual environment, the package from
the checkout (or a wheelhouse), then a smoke test of the installed command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pexpect

from tests.helpers.program import FIXTURES, ROOT

SESSION_NAME = "Fællesspisning i Nordby"  # the name in tests/fixtures/report_9.yaml


def dependencies() -> list[str]:
    """The runtime requirements as pyproject.toml states them."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def lower_bounds() -> dict[str, str]:
    """Each dependency's stated lower bound: `typer>=0.15.4` → {"typer": "0.15.4"}."""
    bounds = {}
    for requirement in dependencies():
        found = re.fullmatch(
            r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*(,.*)?", requirement
        )
        assert found, f"a dependency without a lower bound: {requirement}"
        bounds[found.group(1)] = found.group(2)
    return bounds


def build_wheel(folder: Path) -> Path:
    """The wheel of the checkout, built into `folder`, as pip builds it for an install."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(folder.glob("samarbejde-*.whl"))


def make_venv(path: Path) -> Path:
    """A new virtual environment with pip; its scripts folder."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=300)
    return path / ("Scripts" if os.name == "nt" else "bin")


def pip(scripts: Path, *args: str, offline: bool = False) -> subprocess.CompletedProcess:
    """pip in that environment; `offline` runs it without a network (a new network namespace)."""
    command = [str(scripts / "python"), "-m", "pip", "--disable-pip-version-check", *args]
    if offline:
        command = ["unshare", "-n", *command]
    env = {**os.environ, "PIP_NO_INPUT": "1"}
    if offline:  # nothing from this machine's own wheel caches: only the wheelhouse
        for key in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_INDEX_URL"):
            env.pop(key, None)
        env["PIP_CONFIG_FILE"] = os.devnull
    return subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)


def installed_versions(scripts: Path) -> dict[str, str]:
    listed = pip(scripts, "list", "--format=freeze")
    assert listed.returncode == 0, listed.stderr
    pairs = (line.split("==", 1) for line in listed.stdout.splitlines() if "==" in line)
    return {_norm(name): version for name, version in pairs}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def smoke(scripts: Path, home: Path) -> None:
    """The installed command does what a new user does first: help, version, a session's
    overview and its documents, and one question in a real terminal (questionary)."""
    (home / "sessions").mkdir(parents=True)
    shutil.copy(FIXTURES / "report_9.yaml", home / "sessions" / "faellesspisning-i-nordby.yaml")
    exe = str(scripts / "samarbejde")
    env = {**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}

    def ok(*args: str) -> str:
        done = subprocess.run(
            [exe, *args], capture_output=True, text=True, env=env, timeout=120, cwd=home
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout

    assert "Kommandoer:" in ok("--help")
    assert re.fullmatch(r"samarbejde \d+\.\d+\.\d+\S*\n", ok("--version"))
    assert SESSION_NAME in ok("list")
    assert SESSION_NAME in ok("summary")
    ok("guide")
    for name in ("rapport.md", "rapport.html", "rapport.docx", "rapport.xlsx", "datoer.ics"):
        ok("export", "-o", str(home / name))
        assert (home / name).stat().st_size > 0
    ok("agenda", "--ics", str(home / "agenda.ics"))
    ok("export", "-f", "share", "--include", "dagligdag,aktoerer", "-o", str(home / "deling.yaml"))
    ok("compare", SESSION_NAME, str(home / "deling.yaml"), "--json")
    # questionary in a pseudo-terminal: the question is asked, and the answer (no) is taken
    child = pexpect.spawn(
        exe,
        ["delete", SESSION_NAME],
        env={**env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect_exact(f'Vil du slette sessionen "{SESSION_NAME}"')
    child.send("\r")
    child.expect_exact("Sessionen er ikke slettet.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
