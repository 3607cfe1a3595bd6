"""A team on one shared folder: three colleagues (real uids, in one group, with a strict umask)
list, open, log contacts in and export from each other's sessions; folders stay 2770 and files
0660 in the team's group; no lock file is left; a colleague's lock file never blocks after its
holder is gone; permission errors name the path and say what to ask IT. A private folder stays
0700/0600. Needs root (as CI runs): the colleagues are forked children that drop its rights."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samarbejde.base import yamlio
from samarbejde.sessions.lock import LEFTOVER_AFTER, SessionLock
from tests.helpers.program import FIXTURES, NOW
from tests.helpers.users import is_root, rehearse, run, run_as, team, team_folder

NAME = "Fællesspisning i Nordby"
PARTNER = "Frivilligcentret"
FILE = "faellesspisning-i-nordby.yaml"

needs_root = pytest.mark.skipif(
    not is_root(), reason="colleagues are forked children that drop root's rights (CI runs as root)"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    """Lock files, lock info and temporary files left in the folder."""
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and "index" not in p.name
    )


@needs_root
def test_three_colleagues_share_one_folder() -> None:
    gid, (anna, bo, cecilie) = team()
    with team_folder(gid) as home:
        received = home / "nordby-fra-mail.yaml"  # a file anna got, as root left it: 0644
        shutil.copy(FIXTURES / "session_v1.yaml", received)
        os.chmod(received, 0o644)
        rehearse(
            [["import", str(FIXTURES / "session_v1.yaml")], ["list"], ["summary", "nordby"],
             ["contact", "nordby", PARTNER, "--log", "x"], ["export", NAME, "-o", "-"],
             ["handover", "nordby", "-o", "-"], ["delete", NAME, "--yes"]],
            FIXTURES / "session_v1.yaml",
        )  # fmt: skip

        made = run_as(anna, gid, home, ["import", str(received)])
        assert made.code == 0, made.stderr
        folder = home / "sessions"
        session = folder / FILE
        # whatever the umask (077 here): the folder and the file are the team's
        assert mode(folder) == 0o2770 and folder.stat().st_gid == gid
        assert mode(session) == 0o660 and session.stat().st_gid == gid
        assert session.stat().st_uid == anna.uid

        listed = run_as(bo, gid, home, ["list"])
        assert listed.code == 0, listed.stderr
        assert NAME in listed.stdout

        for who, line in ((bo, "Bo ringede"), (cecilie, "Cecilie skrev"), (anna, "Anna mødtes")):
            logged = run_as(who, gid, home, ["contact", "nordby", PARTNER, "--log", line])
            assert logged.code == 0, (who.name, logged.stderr)
            assert mode(session) == 0o660 and session.stat().st_gid == gid, who.name
            assert leftovers(folder) == [], who.name  # no lock file once the command ends

        log = yamlio.loads(session.read_bytes())["outreach"]["p1"]["log"]
        assert [(e.get("note"), e.get("by")) for e in log[-3:]] == [
            ("Bo ringede", "bo"),
            ("Cecilie skrev", "cecilie"),
            ("Anna mødtes", "anna"),
        ]
        summary = run_as(bo, gid, home, ["summary", "nordby"])
        assert summary.code == 0, summary.stderr
        day = f"{NOW.day:02d}-{NOW.month:02d}"
        assert f"Anna mødtes (anna, {day})" in summary.stdout

        report = home / "rapport.md"
        exported = run_as(cecilie, gid, home, ["export", NAME, "-o", str(report)])
        assert exported.code == 0, exported.stderr
        assert mode(report) == 0o660 and report.stat().st_gid == gid  # the team can read it
        assert "Bo ringede" in report.read_text(encoding="utf-8")

        handover = run_as(cecilie, gid, home, ["handover", "nordby", "-o", "-"])  # Markdown
        assert handover.code == 0 and "Anna mødtes (anna, " in handover.stdout

        opened = run_as(bo, gid, home, ["summary", NAME])  # reads anna's file after all that
        assert opened.code == 0 and NAME in opened.stdout
        assert session.stat().st_uid in (anna.uid, bo.uid, cecilie.uid)
        assert leftovers(folder) == []

        deleted = run_as(bo, gid, home, ["delete", NAME, "--yes"])
        assert deleted.code == 0, deleted.stderr
        assert not session.exists() and leftovers(folder) == []
        index = folder / ".samarbejde-index.json"
        assert not index.exists() or "Birthe" not in index.read_text(encoding="utf-8")


# Bo's wizard: takes the lock as bo and keeps it. What it needs is imported while it is root
# (the Python it runs may live where only root can read).
HOLD_AS = """
import os, sys, time, fcntl, getpass, socket, tempfile
import datetime as dt
from pathlib import Path
import samarbejde.base.yamlio
from samarbejde.sessions.lock import SessionLock
os.setgroups([int(sys.argv[3])]); os.setgid(int(sys.argv[2])); os.setuid(int(sys.argv[2]))
os.umask(0o077)
os.environ.update(LOGNAME="bo", USER="bo")
SessionLock(Path(sys.argv[1]), dt.datetime.now).acquire()
print("held", flush=True)
time.sleep(60)
"""


@needs_root
def test_a_colleagues_lock_never_blocks_once_its_holder_is_gone() -> None:
    """Bo's wizard is killed (no clean-up): his lock file stays, group-usable, and Anna's
    one-liner takes the session. A 0600 lock file an older version left, with nothing saying
    it is held, is removed; one with a holder's info is reported as in use, by whom."""
    gid, (anna, bo, _) = team()
    with team_folder(gid) as home:
        folder = home / "sessions"
        os.mkdir(folder)
        os.chown(folder, 0, gid)
        os.chmod(folder, 0o2770)
        session = folder / FILE
        shutil.copy(FIXTURES / "session_v1.yaml", session)
        os.chown(session, anna.uid, gid)
        os.chmod(session, 0o660)
        rehearse([["contact", "nordby", PARTNER, "--log", "x"]], FIXTURES / "session_v1.yaml")
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_AS, str(session), str(bo.uid), str(gid)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            lock = SessionLock(session, lambda: NOW)
            assert mode(lock.path) == 0o660 and lock.path.stat().st_uid == bo.uid
            busy = run_as(anna, gid, home, ["contact", "nordby", PARTNER, "--log", "venter"])
            assert busy.code != 0 and "af bo" in busy.stderr  # who holds it, after waiting
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=10)
        assert lock.path.exists()  # killed: nothing cleaned up
        done = run_as(anna, gid, home, ["contact", "nordby", PARTNER, "--log", "Anna igen"])
        assert done.code == 0, done.stderr
        assert leftovers(folder) == []

        # a lock file an older version made 0600, nothing beside it saying who holds it
        lock.path.write_bytes(b"")
        os.chown(lock.path, bo.uid, bo.gid)
        os.chmod(lock.path, 0o600)
        old = time.time() - LEFTOVER_AFTER - 60
        os.utime(lock.path, (old, old))
        done = run_as(anna, gid, home, ["contact", "nordby", PARTNER, "--log", "Anna tredje"])
        assert done.code == 0, done.stderr
        assert leftovers(folder) == []

        # the same, with its holder's info beside it: in use, and by whom
        lock.path.write_bytes(b"")
        os.chown(lock.path, bo.uid, bo.gid)
        os.chmod(lock.path, 0o600)
        os.utime(lock.path, (old, old))
        lock.info_path.write_text('{"user": "bo", "host": "pc-7", "since": "2026-11-27T09:00:00"}')
        refused = run_as(anna, gid, home, ["contact", "nordby", PARTNER, "--log", "nej"])
        assert refused.code != 0 and "af bo på pc-7" in refused.stderr


@needs_root
def test_permission_errors_name_the_path_and_what_to_ask_it() -> None:
    gid, (anna, bo, _) = team()
    with team_folder(gid) as home:
        fixture = FIXTURES / "session_v1.yaml"
        rehearse([["list"], ["contact", "nordby", PARTNER, "--log", "x"],
                  ["export", NAME, "-o", "-"], ["import", str(fixture)]], fixture)  # fmt: skip
        folder = home / "sessions"
        os.mkdir(folder, 0o700)  # made private by anna before the folder was shared
        os.chown(folder, anna.uid, gid)
        shutil.copy(FIXTURES / "session_v1.yaml", folder / FILE)
        os.chown(folder / FILE, anna.uid, gid)
        listed = run_as(bo, gid, home, ["list"])
        assert listed.code != 0
        said = " ".join(listed.stderr.split())
        assert "Sessionsfilen" not in said  # a folder is not called a file
        assert f"Mappen med sessioner, {folder}, kan ikke læses: adgang nægtet" in said
        assert "Bed IT" in said and "chmod 2770" in said
        received = home / "fra-mail.yaml"
        shutil.copy(FIXTURES / "session_v1.yaml", received)
        os.chmod(received, 0o644)
        imported = run_as(bo, gid, home, ["import", str(received)])
        said = " ".join(imported.stderr.split())
        assert imported.code == 1 and str(folder) in said and "Bed IT" in said, said

        os.chmod(folder, 0o2770)  # IT opened the folder, not the file (still 0600)
        os.chmod(folder / FILE, 0o600)
        for argv in (["contact", str(folder / FILE), PARTNER, "--log", "x"], ["summary", "nordby"],
                     ["export", NAME, "-o", "-"]):  # fmt: skip
            tried = run_as(bo, gid, home, argv)
            said = " ".join(tried.stderr.split())
            assert tried.code == 1 and str(folder / FILE) in said and "Bed IT" in said, argv
            assert "Ingen session" not in said, argv  # the file is there: it says why not


def test_a_private_folder_stays_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No group rights on the folder: 0700 and 0600 whatever the umask, as always; a save
    keeps the mode the file had; no lock file left."""
    if os.name != "posix":
        pytest.skip("modes are a POSIX matter")  # (CI runs on Linux)
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)  # readable by others, but not a team folder: no group write, no setgid
    old = os.umask(0o002)  # a umask that would let the group in
    try:
        made = run(home, ["import", str(FIXTURES / "session_v1.yaml")])
        assert made.code == 0, made.stderr
        folder, session = home / "sessions", home / "sessions" / FILE
        assert mode(folder) == 0o700 and mode(session) == 0o600
        logged = run(home, ["contact", "nordby", PARTNER, "--log", "Ringede"])
        assert logged.code == 0, logged.stderr
        assert mode(session) == 0o600 and mode(folder) == 0o700
        assert leftovers(folder) == []
    finally:
        os.umask(old)


def test_a_team_folder_gets_group_modes_whatever_the_umask(tmp_path: Path) -> None:
    """As the user alone: a setgid, group-writable data folder makes the sessions folder 2770
    and files 0660 under umask 077; a private file there is opened to the group when saved."""
    if os.name != "posix":
        pytest.skip("modes are a POSIX matter")
    home = tmp_path / "team"
    home.mkdir()
    os.chmod(home, 0o2770)
    old = os.umask(0o077)
    try:
        made = run(home, ["import", str(FIXTURES / "session_v1.yaml")])
        assert made.code == 0, made.stderr
        folder, session = home / "sessions", home / "sessions" / FILE
        assert mode(folder) == 0o2770 and mode(session) == 0o660
        assert session.stat().st_gid == home.stat().st_gid
        os.chmod(session, 0o600)  # a file from before the folder was shared
        logged = run(home, ["contact", "nordby", PARTNER, "--log", "Ringede"])
        assert logged.code == 0, logged.stderr
        assert mode(session) == 0o660
        assert leftovers(folder) == []
    finally:
        os.umask(old)


def test_a_save_keeps_the_files_own_mode(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("modes are a POSIX matter")
    home = tmp_path / "home"
    assert run(home, ["import", str(FIXTURES / "session_v1.yaml")]).code == 0
    session = home / "sessions" / FILE
    os.chmod(session, 0o640)  # the user's own choice
    assert run(home, ["contact", "nordby", PARTNER, "--log", "Ringede"]).code == 0
    assert mode(session) == 0o640
