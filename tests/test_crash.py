"""Crash safety: a process killed (SIGKILL) at random moments while it saves a large session
leaves a file that loads and equals the state before or after that save."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from samarbejde.model import LogEntry, Outreach, Partner, new_session
from samarbejde.store import Store, to_data

from .conftest import TZ

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)
KILLS = 200

# The child alternates between two large states and saves them as fast as it can; it says
# "ready" once it has loaded, so that every kill lands among the saves.
CHILD = r"""
import datetime as dt, sys
from pathlib import Path
from samarbejde.store import Store
home, name = Path(sys.argv[1]), sys.argv[2]
store = Store(home, lambda: dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone.utc))
path = store.path_for(name)
a = store.load(home / "a.yaml")
b = store.load(home / "b.yaml")
store._known[path] = path.read_bytes()
print("ready", flush=True)
while True:
    for state in (a, b):
        store.save(state, path)
"""


def big_session(organisation: str):
    s = new_session("Stor session", "kommune", NOW, organisation=organisation)
    for i in range(1, 151):
        s.partners.append(
            Partner(
                id=f"p{i}",
                name=f"Partner {i} æøå {organisation}",
                kind="forening",
                contact="Kontakt",
                brings="Noget " * 20,
                interest=i % 5 + 1,
                influence=(i * 3) % 5 + 1,
            )
        )
        s.outreach[f"p{i}"] = Outreach(
            cards={"faelles_maal": "Mål " * 30},
            log=[LogEntry(date=dt.date(2026, 1, 1), note="Møde")] * 3,
        )
    return s


def comparable(session) -> dict:
    data = to_data(session)
    data.pop("updated")
    return data


def test_sigkill_while_saving_leaves_old_or_new(tmp_path: Path) -> None:
    store = Store(tmp_path, lambda: NOW)
    a, b = big_session("A"), big_session("B")
    store.save(a, tmp_path / "a.yaml")
    store.save(b, tmp_path / "b.yaml")
    path = store.save(a)
    states = [comparable(a), comparable(b)]
    rng = random.Random(20261127)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    outcomes = {"A": 0, "B": 0}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), "Stor session"],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        loaded = Store(tmp_path, lambda: NOW).load(path)
        state = comparable(loaded)
        assert state in states
        outcomes["A" if state == states[0] else "B"] += 1
    # the kills did land in different places: both states were seen
    assert outcomes["A"] > 0 and outcomes["B"] > 0
    # whatever temporary files a kill left are hidden from `list` ...
    listed = Store(tmp_path, lambda: NOW).listing()
    assert [e.path.name for e in listed] == ["stor-session.yaml"]
    # ... and the next save clears those older than a few seconds
    for tmp in tmp_path.joinpath("sessions").glob(".*.tmp"):
        os.utime(tmp, (time.time() - 60, time.time() - 60))
    store2 = Store(tmp_path, lambda: NOW)
    store2.save(store2.load(path), path)
    assert not list(tmp_path.joinpath("sessions").glob(".*.tmp"))
    shutil.rmtree(tmp_path / "sessions")
