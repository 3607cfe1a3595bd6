"""Issue 34 #2: with a umask of 000 every folder the program makes is private (each level it
makes, not only the last); a folder anyone may write in is no team folder; and a sessions
folder other users could change is refused with a Danish message."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.program import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="modes are Unix's")

UMASK_0_START = (
    "import os, sys; os.umask(0); sys.argv[0] = 'samarbejde';import samarbejde; samarbejde.run()"
)


def start_with_umask_0(home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", UMASK_0_START, "--enkel", "start"],
        input="Madklub i Sydby\n1\n",
        capture_output=True,
        text=True,
        env={**os.environ, "SAMARBEJDE_HOME": str(home), "NO_COLOR": "1"},
        timeout=60,
    )


def modes_below(top: Path) -> dict[str, int]:
    return {
        str(p.relative_to(top)): stat.S_IMODE(p.stat().st_mode)
        for p in [top, *top.rglob("*")]
        if not p.name.startswith(".")
    }


@pytest.mark.parametrize("above", [0o700, 0o777])
def test_with_umask_000_every_folder_made_is_private(tmp_path: Path, above: int) -> None:
    """Three levels made under a folder that is private, or that anyone may write in (a
    umask of 000 made it so; /tmp without the sticky bit): all 0700, the session 0600."""
    parent = tmp_path / "over"
    parent.mkdir()
    os.chmod(parent, above)
    home = parent / "a" / "b" / "samarbejde"
    done = start_with_umask_0(home)
    assert "Traceback" not in done.stderr, done.stderr
    made = modes_below(parent / "a")
    folders = {k: v for k, v in made.items() if (parent / "a" / k).is_dir()}
    files = {k: v for k, v in made.items() if (parent / "a" / k).is_file()}
    assert folders and all(mode == 0o700 for mode in folders.values()), made
    assert files and all(mode == 0o600 for mode in files.values()), made


def _with_session(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "sessions").mkdir(parents=True)
    os.chmod(home, 0o700)
    (home / "sessions" / "faellesspisning-i-nordby.yaml").write_bytes(
        (FIXTURES / "session_v1.yaml").read_bytes()
    )
    return home


@pytest.mark.parametrize(
    "command", [["list"], ["summary"], ["delete", "Fællesspisning i Nordby", "--yes"], ["agenda"]]
)
def test_a_sessions_folder_anyone_may_write_in_is_refused(cli, tmp_path: Path, monkeypatch,
                                                          command: list[str]) -> None:  # fmt: skip
    home = _with_session(tmp_path)
    monkeypatch.setenv("SAMARBEJDE_HOME", str(home))
    os.chmod(home / "sessions", 0o777)
    from samarbejde.cli.app import main
    from tests.helpers.program import quiet_env

    env = quiet_env(home)
    code = main(command, env)
    said = " ".join(env.err.file.getvalue().split())  # type: ignore[attr-defined]
    assert code != 0
    assert "kan ændres af andre brugere" in said and "Traceback" not in said
    assert sorted(p.name for p in (home / "sessions").iterdir()) == [
        "faellesspisning-i-nordby.yaml"
    ]


def test_a_data_folder_anyone_may_swap_the_sessions_folder_in_is_refused(tmp_path: Path) -> None:
    home = _with_session(tmp_path)
    os.chmod(home, 0o777)  # no sticky bit: anyone may rename sessions/ and put theirs there
    from samarbejde.cli.app import main
    from tests.helpers.program import quiet_env

    env = quiet_env(home)
    assert main(["list"], env) != 0
    assert "kan ændres af andre brugere" in " ".join(env.err.file.getvalue().split())  # type: ignore[attr-defined]
