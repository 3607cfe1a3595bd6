"""Issue 34 #11: a problem is named as what it is: a lock file's as the lock's, a `delete` in a
folder that keeps its files as the deleting, an `import` on a full disk as the import's; never
as "Sessionen kunne ikke gemmes"."""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers.program import FIXTURES
from tests.helpers.users import is_root, rehearse, run_as, team, team_folder

NAME = "Fællesspisning i Nordby"
FILE = "faellesspisning-i-nordby.yaml"
LOCK = f".{FILE}.lock"


@pytest.mark.skipif(sys.platform == "win32", reason="a symbolic link needs rights on Windows")
@pytest.mark.parametrize("argv", [["contact", "nordby", "Frivilligcentret", "--log", "x"],
                                  ["delete", NAME, "--yes"]])  # fmt: skip
def test_a_planted_lock_link_is_named_as_the_lock(cli, nordby: Path, argv: list[str]) -> None:
    folder = nordby.parent
    (folder / LOCK).symlink_to(folder / "loop")
    (folder / "loop").symlink_to(folder / LOCK)
    result = cli(*argv)
    said = " ".join(result.stderr.split())
    assert result.code != 0
    assert "låsefilen" in said and LOCK in "".join(said.split()) and "kunne ikke gemmes" not in said
    assert nordby.exists()


def test_import_on_a_full_disk_is_named_as_the_import(cli, home: Path, monkeypatch) -> None:
    (home / "sessions").mkdir(parents=True)
    from samarbejde.sessions import store

    def full(path: Path, data: bytes, private: bool = False) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(store, "atomic_write", full)
    result = cli("import", str(FIXTURES / "session_v1.yaml"))
    said = " ".join(result.stderr.split())
    assert result.code != 0
    assert "Filen kunne ikke hentes ind" in said and "der er ikke mere plads på disken" in said
    assert "Sessionen kunne ikke gemmes" not in said
    assert list((home / "sessions").iterdir()) == []


@pytest.mark.skipif(not is_root(), reason="another user's rights: run as root (CI does)")
def test_delete_in_a_folder_that_keeps_its_files_is_named_as_the_deleting() -> None:
    gid, (anna, _bo, _c) = team()
    with team_folder(gid) as home:
        folder = home / "sessions"
        folder.mkdir()
        shutil.copy(FIXTURES / "session_v1.yaml", folder / FILE)
        rehearse([["delete", NAME, "--yes"]], FIXTURES / "session_v1.yaml")
        os.chown(folder, 0, gid)
        os.chmod(folder, 0o2750)  # the group may read, not remove
        os.chmod(folder / FILE, 0o644)
        result = run_as(anna, gid, home, ["delete", NAME, "--yes"])
        said = " ".join(result.stderr.split())
        assert result.code != 0, result.stdout
        assert "kunne ikke slettes" in said and "adgang nægtet" in said, said
        assert "låsefilen" not in said and "kunne ikke gemmes" not in said
        assert (folder / FILE).exists()
