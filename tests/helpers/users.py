"""Colleagues on one machine: the program run in-process as another user, in a forked child
that has dropped root's rights (its own uid, its own group and the team's group, a strict
umask). Needs root, as CI runs; the users need not exist (numeric ids do), so the same test
runs on any machine where it runs as root.

The child cannot read what only root may (the Python under /root, say), so a command's modules
must be imported before the fork: `rehearse` runs the commands once as root in a scratch
folder."""

from __future__ import annotations

import contextlib
import grp
import io
import json
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from samarbejde.runner.env import Env
from tests.helpers.program import NOW, Result

TEAM_GROUP = "team"  # used where it exists (with its members); else made-up ids


@dataclass(frozen=True)
class User:
    name: str
    uid: int
    gid: int  # the user's own group


def is_root() -> bool:
    return os.name == "posix" and os.geteuid() == 0


def team() -> tuple[int, list[User]]:
    """The team's group and three colleagues: the machine's `team` group and its members
    where they exist (anna, bo), the rest made up."""
    try:
        gid = grp.getgrnam(TEAM_GROUP).gr_gid
        members = list(grp.getgrnam(TEAM_GROUP).gr_mem)
    except KeyError:
        gid, members = 42_000, []
    users = []
    for name in members[:3]:
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            users.append(User(name, entry.pw_uid, entry.pw_gid))
    made_up = 42_001
    for name in ("anna", "bo", "cecilie"):
        if len(users) == 3:
            break
        if any(u.name == name for u in users):
            continue
        while _taken(made_up):
            made_up += 1
        users.append(User(name, made_up, made_up))
        made_up += 1
    return gid, users


def _taken(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def team_folder(gid: int, mode: int = 0o2770) -> Iterator[Path]:
    """A folder as IT sets one up for a group: root's, in the team's group, setgid."""
    folder = Path(tempfile.mkdtemp(prefix="samarbejde-team-", dir="/tmp"))
    try:
        os.chown(folder, 0, gid)
        os.chmod(folder, mode)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def env_for(home: Path, width: int = 100) -> Env:
    return Env(
        console=make_console(file=io.StringIO(), width=width, color_system=None),
        err=make_console(file=io.StringIO(), width=width, color_system=None),
        stdout=io.StringIO(),
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: False,
    )


def run(home: Path, argv: Sequence[str]) -> Result:
    env = env_for(home)
    code = main(list(argv), env)
    out = env.stdout.getvalue() + env.console.file.getvalue()  # type: ignore[attr-defined]
    return Result(code, out, env.err.file.getvalue())  # type: ignore[attr-defined]


def run_as(
    user: User, team_gid: int, home: Path, argv: Sequence[str], umask: int = 0o077
) -> Result:
    """`samarbejde ARGV` as `user` (a member of the team's group), in a forked child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read)
            os.setgroups([team_gid])
            os.setgid(user.gid)
            os.setuid(user.uid)
            os.umask(umask)
            os.environ.update(LOGNAME=user.name, USER=user.name, HOME=str(home))
            os.environ.pop("SAMARBEJDE_BRUGER", None)
            result = run(home, argv)
            payload = [result.code, result.stdout, result.stderr]
            status = 0
        except BaseException as exc:  # said to the parent, never a second pytest
            payload = [-1, "", f"{type(exc).__name__}: {exc}"]
        with contextlib.suppress(BaseException), os.fdopen(write, "w", encoding="utf-8") as out:
            json.dump(payload, out)
        os._exit(status)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as got:
        data = got.read()
    os.waitpid(pid, 0)
    code, stdout, stderr = json.loads(data)
    return Result(code, stdout, stderr)


def rehearse(commands: Sequence[Sequence[str]], session_file: Path) -> None:
    """Each command once as root in a scratch folder, so that every module it needs is
    imported before a child drops root's rights."""
    scratch = Path(tempfile.mkdtemp(prefix="samarbejde-rehearsal-"))
    try:
        (scratch / "sessions").mkdir()
        shutil.copy(session_file, scratch / "sessions" / session_file.name)
        for argv in commands:
            run(scratch, argv)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
