"""The session lock between real processes: a second wizard is refused with who/where/since, a
killed holder never blocks, a thousand simultaneous attempts never give two holders, and a
broken folder or info file ends in a message, not a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samarbejde.base.errors import Msg, SessionError
from samarbejde.sessions.lock import SessionLock

TZ = dt.timezone(dt.timedelta(hours=1))
SINCE = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)


def pinned() -> dt.datetime:
    return SINCE


def later() -> dt.datetime:
    return SINCE + dt.timedelta(hours=2)


# A holder in another process: takes the lock (its clock says SINCE), says "held", and keeps
# the lock until its stdin closes.
HOLDER = """
import datetime as dt, sys
from pathlib import Path
from samarbejde.sessions.lock import SessionLock
since = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
with SessionLock(Path(sys.argv[1]), lambda: since):
    print("held", flush=True)
    sys.stdin.read()
"""

# Another process that tries once: prints "acquired" or the error's key and its text params.
PROBE = """
import datetime as dt, json, sys
from pathlib import Path
from samarbejde.base.errors import Msg, SessionError
from samarbejde.sessions.lock import SessionLock
from samarbejde.guide.texts import fallback_texts
try:
    SessionLock(Path(sys.argv[1]), dt.datetime.now).acquire()
except SessionError as exc:
    said = {k: fallback_texts().render(v) for k, v in exc.msg.params.items() if isinstance(v, Msg)}
    params = {k: v for k, v in exc.msg.params.items() if isinstance(v, str)} | said
    print(json.dumps([exc.msg.key, params]))
else:
    print(json.dumps(["acquired", {}]))
"""


@contextlib.contextmanager
def held_elsewhere(session_path: Path) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:  # closes the pipes and waits on the way out
        assert proc.stdin is not None and proc.stdout is not None
        try:
            assert proc.stdout.readline() == "held\n"
            yield proc
        finally:
            proc.stdin.close()  # the holder lets go and ends
            proc.wait(timeout=10)


def probe(session_path: Path) -> tuple[str, dict[str, str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(session_path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    key, params = json.loads(out.stdout)
    return key, params


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return tmp_path / "sessions" / "faellesspisning-i-nordby.yaml"


def in_use_error(session_path: Path) -> tuple[SessionLock, Msg]:
    lock = SessionLock(session_path, later)
    with pytest.raises(SessionError) as info:
        lock.acquire()
    return lock, info.value.msg


def test_second_process_refused_with_who_where_since(session_path: Path) -> None:
    with held_elsewhere(session_path):
        lock, msg = in_use_error(session_path)
    assert msg == Msg(
        "error_session_in_use",
        {
            "path": session_path,
            "since": Msg("time_of_day", {"date": "27-11-2026", "hour": "10", "minute": "00"}),
            "user": getpass.getuser(),
            "host": socket.gethostname(),
        },
    )
    assert not lock.held
    with lock:  # the holder has quit: the session is free
        assert lock.held


def test_files_are_hidden_and_private(session_path: Path) -> None:
    with SessionLock(session_path, pinned) as lock:
        assert lock.path == session_path.with_name(".faellesspisning-i-nordby.yaml.lock")
        assert lock.session_path == session_path
        names = sorted(p.name for p in session_path.parent.iterdir())
        assert names == [lock.path.name, lock.info_path.name]
        assert all(name.startswith(".") for name in names)
        if os.name == "posix":  # a private folder: as private as ever
            assert session_path.parent.stat().st_mode & 0o7777 == 0o700
            assert lock.path.stat().st_mode & 0o7777 == 0o600
            assert lock.info_path.stat().st_mode & 0o7777 == 0o600
        info = json.loads(lock.info_path.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        assert info["since"] == "2026-11-27T10:00:00+01:00"
    assert not lock.held
    assert not lock.info_path.exists()
    assert not lock.path.exists()  # no lock file is left behind
    assert list(session_path.parent.iterdir()) == []


def test_killed_holder_never_blocks(session_path: Path) -> None:
    with held_elsewhere(session_path) as holder:
        holder.kill()  # SIGKILL on Unix: no cleanup at all
        holder.wait(timeout=10)
        lock = SessionLock(session_path, later)
        start = time.perf_counter()
        lock.acquire()  # at once: it never waits, and the kernel freed the dead one's lock
        took = time.perf_counter() - start
    try:
        assert lock.held and took < 1.0
        # The dead holder's info was replaced by ours.
        info = json.loads(lock.info_path.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        assert info["since"] == "2026-11-27T12:00:00+01:00"
    finally:
        lock.release()


def test_same_process_nests_inner_release_keeps_the_lock(session_path: Path) -> None:
    """`start` finds the name taken and hands over to `resume`, which locks again."""
    outer = SessionLock(session_path, pinned)
    outer.acquire()
    with SessionLock(session_path, later) as inner:
        assert inner.held
    assert not inner.held
    assert outer.held
    # Still locked for everyone else, and still with the outer holder's info.
    key, params = probe(session_path)
    assert (key, params["since"]) == ("error_session_in_use", "27-11-2026 kl. 10.00")
    outer.acquire()  # acquiring a lock this object holds does nothing ...
    outer.release()  # ... so one release lets it go
    assert not outer.held
    outer.release()  # releasing twice does nothing
    SessionLock(session_path, pinned).release()  # nor does releasing one never acquired
    assert not outer.info_path.exists()
    assert probe(session_path) == ("acquired", {})


def test_inner_lock_outliving_the_outer_keeps_the_session(session_path: Path) -> None:
    first = SessionLock(session_path, pinned)
    second = SessionLock(session_path, pinned)
    first.acquire()
    second.acquire()
    first.release()
    assert probe(session_path)[0] == "error_session_in_use"
    second.release()
    assert probe(session_path) == ("acquired", {})


GARBAGE: list[bytes | None] = [
    None,  # missing
    b"",
    b"\xff\xfe\x00 not utf-8",
    b"{not json",
    b"[1, 2, 3]",
    b"null",
    b'{"user": 7, "host": ["x"], "since": "yesterday"}',
    b'{"since": "2026-13-45T99:99"}',
    b"[" * 4_000,  # nesting deeper than the JSON parser goes
    b"[" * 100_000,  # over the size cap
    b'{"user": "' + b"x" * 10_000_000 + b'"}',  # huge
]


def test_garbage_info_says_the_holder_is_unknown(session_path: Path) -> None:
    with held_elsewhere(session_path):
        info_path = SessionLock(session_path, pinned).info_path
        for garbage in GARBAGE:
            info_path.unlink(missing_ok=True)
            if garbage is not None:
                info_path.write_bytes(garbage)
            _, msg = in_use_error(session_path)
            # who has it is not known: said so, never "(af  på  siden )" with empty fields
            assert msg == Msg("error_session_in_use_unknown", {"path": session_path}), (
                garbage[:40] if garbage else garbage
            )
        info_path.unlink()
        info_path.mkdir()  # not even a file
        _, msg = in_use_error(session_path)
        assert msg.key == "error_session_in_use_unknown"
        info_path.rmdir()
        # A name with terminal escapes is shown without its control characters.
        info_path.write_text(json.dumps({"user": "a\x1b[2Jb\n", "host": "h" * 500}), "utf-8")
        _, msg = in_use_error(session_path)
        assert msg.params["user"] == "a[2Jb"
        assert msg.params["host"] == "h" * 100


# Takes the lock in a folder it may not write in; prints the error's key, path and detail.
WRITE_PROBE = """
import datetime as dt, json, sys
from pathlib import Path
from samarbejde.base.errors import SessionError
from samarbejde.sessions.lock import SessionLock
path = Path(sys.argv[1])
try:
    (path.parent / "probe").touch()
except PermissionError:
    pass
else:
    sys.exit("this process may write in a folder of mode 0500: the test would prove nothing")
try:
    SessionLock(path, dt.datetime.now).acquire()
except SessionError as exc:
    path, detail = exc.msg.params["path"], exc.msg.params["detail"]
    print(json.dumps([exc.msg.key, str(path), detail.key, dict(detail.params)]))
"""


def bound_by_modes(command: list[str]) -> list[str]:
    """`command` run so that a folder's mode binds it: as root (CI runs as root), without the
    capabilities that let root write anywhere, which setpriv drops before the program starts."""
    if os.name == "posix" and os.geteuid() == 0:
        return ["setpriv", "--inh-caps=-all", "--bounding-set=-all", *command]
    return command


def test_unwritable_folder_is_a_write_error(session_path: Path) -> None:
    folder = session_path.parent
    folder.mkdir(mode=0o700)
    folder.chmod(0o500)
    try:
        done = subprocess.run(
            bound_by_modes([sys.executable, "-c", WRITE_PROBE, str(session_path)]),
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 0, done.stderr
    lock_path = SessionLock(session_path, pinned).path  # the error names the lock file
    assert json.loads(done.stdout) == ["error_lock_open", str(lock_path), "os_eacces", {}]
    assert list(folder.iterdir()) == []


def test_folder_that_cannot_be_made_is_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("a file where the home folder should be", "utf-8")
    session_path = tmp_path / "home" / "sessions" / "nordby.yaml"
    lock = SessionLock(session_path, pinned)
    with pytest.raises(SessionError) as info:
        lock.acquire()
    assert info.value.msg.key == "error_session_write"
    assert info.value.msg.params["path"] == session_path
    assert isinstance(info.value.msg.params["detail"], Msg)
    assert not lock.held
    lock.release()


# The race: WORKERS processes meet at a barrier, all try at the same moment, and the winner
# holds the lock briefly while a shared counter of holders says whether anyone else is inside.
WORKERS = 4
ROUNDS = 1_000  # 1,000 races of WORKERS contenders each: 4,000 attempts
HOLD = 0.001


def race_worker(session_path: Path, index: int, barrier, inside, results) -> None:
    won: list[int] = []
    overlaps = 0
    refused = 0
    try:
        for round_no in range(ROUNDS):
            barrier.wait(timeout=30)
            lock = SessionLock(session_path, pinned)
            try:
                lock.acquire()
            except SessionError as exc:
                # (the holder has not written who it is yet: "unknown")
                assert exc.msg.key.startswith("error_session_in_use"), exc.msg
                refused += 1
                continue
            try:
                with inside.get_lock():
                    inside.value += 1
                    overlaps += inside.value > 1
                time.sleep(HOLD)
                with inside.get_lock():
                    inside.value -= 1
            finally:
                lock.release()
            won.append(round_no)
        results.put((index, won, refused, overlaps, None))
    except BaseException as exc:
        barrier.abort()
        results.put((index, won, refused, overlaps, repr(exc)))


def test_simultaneous_attempts_never_give_two_holders(session_path: Path) -> None:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    barrier = ctx.Barrier(WORKERS)
    inside = ctx.Value("i", 0)
    results = ctx.Queue()
    start = time.perf_counter()
    procs = [
        ctx.Process(target=race_worker, args=(session_path, i, barrier, inside, results))
        for i in range(WORKERS)
    ]
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=10)
    took = time.perf_counter() - start

    assert [r[4] for r in reports] == [None] * WORKERS
    attempts = sum(len(r[1]) + r[2] for r in reports)
    double_holds = sum(r[3] for r in reports)
    winners = [0] * ROUNDS
    for report in reports:
        for round_no in report[1]:
            winners[round_no] += 1
    contested = sum(w == 1 for w in winners)
    print(
        f"\nrace: {attempts} attempts in {ROUNDS} rounds of {WORKERS} ({method}), "
        f"{double_holds} double holds, {contested} rounds with a single winner, "
        f"{ROUNDS - contested} with winners one after another, {took:.2f} s"
    )
    assert attempts == WORKERS * ROUNDS
    assert double_holds == 0
    assert min(winners) >= 1  # someone wins every round: a free lock is always granted


def test_a_leftover_naming_a_living_process_never_blocks(tmp_path: Path) -> None:
    """The old lock trusted the pid in its file: a pid reused by another process blocked the
    session for ever. Only the OS lock counts now."""
    import json
    import socket

    session = tmp_path / "sessions" / "nordby.yaml"
    session.parent.mkdir()
    lock = SessionLock(session, lambda: SINCE)
    lock.path.write_text("", encoding="utf-8")
    lock.info_path.write_text(
        json.dumps({"pid": 1, "host": socket.gethostname(), "user": "x", "since": "2026-01-01"}),
        encoding="utf-8",
    )
    with SessionLock(session, lambda: SINCE) as again:
        assert again.held


@pytest.mark.skipif(os.name != "posix", reason="the flock protocol is the Unix one")
def test_a_lock_file_removed_between_open_and_lock_is_never_held(tmp_path: Path) -> None:
    """The race the inode check closes: the second opens the file the first holds; the first
    lets go (removing the file while it holds it); the second's lock then lands on a file no
    longer at the path. It must try again on the file at the path, so that a third is kept
    out. (flock is per open file, so three holds in one process behave as three processes.)"""
    from samarbejde.sessions.lock import _FlockHold

    path, info = tmp_path / ".s.yaml.lock", tmp_path / ".s.yaml.lock.info"
    first, second, third = (_FlockHold(path, 0o600, None, info) for _ in range(3))
    assert first.try_acquire()
    opened = second._open

    def open_then_first_lets_go() -> int | None:
        fd = opened()
        if first.fd is not None:
            first.release()  # unlinks the file `fd` is open on, then unlocks it
        return fd

    second._open = open_then_first_lets_go  # type: ignore[method-assign]
    assert second.try_acquire()
    assert second.fd is not None and os.path.samestat(os.fstat(second.fd), os.stat(path))
    assert not third.try_acquire()  # mutual exclusion held
    second.release()
    assert not path.exists()
    assert third.try_acquire()
    third.release()
