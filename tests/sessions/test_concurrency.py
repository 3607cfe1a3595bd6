"""Two users, one session: a second wizard is refused while the first is open, a dead one's
lock is taken over, and a save never overwrites a file someone else changed meanwhile."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from samarbejde.sessions.lock import SessionLock
from tests.helpers.program import NOW
from tests.helpers.pty import finish, spawn

NAME = "Fællesspisning i Nordby"


def test_second_wizard_refused_then_dead_lock_taken_over(home: Path, nordby: Path) -> None:
    path = nordby
    first = spawn(home, "resume", NAME)
    first.expect_exact("hvad vil du?")
    lock = path.with_name(".faellesspisning-i-nordby.yaml.lock")
    assert lock.exists()

    second = spawn(home, "resume", NAME)
    second.expect_exact("er åben et andet sted")
    rest = second.read()  # up to the end
    assert "siden" in rest or "siden" in second.before
    assert finish(second) == 1
    assert "Traceback" not in rest

    first.kill(signal.SIGKILL)  # the first user's program dies without cleaning up
    first.close()
    assert lock.exists()

    third = spawn(home, "resume", NAME)
    third.expect_exact("hvad vil du?")  # the dead process's lock was taken over
    third.send("\x1b[A\r")  # Afslut
    assert finish(third) == 0
    with SessionLock(path, lambda: NOW) as free:  # let go on quitting: free for the next
        assert free.held


def test_changed_on_disk_is_never_overwritten(home: Path, nordby: Path) -> None:
    path = nordby
    wizard = spawn(home, "resume", NAME)
    wizard.expect_exact("hvad vil du?")
    wizard.send("\x1b[B\x1b[B\r")  # Gå til 1. Beskriv borgerens dagligdag
    wizard.expect_exact("Hvem er de borgere")
    wizard.expect_exact("›")

    # Meanwhile another process (a colleague, a sync tool) changes the file.
    other = (
        "import sys, yaml; p = sys.argv[1]; d = yaml.safe_load(open(p, encoding='utf-8'));"
        "d['organisation'] = 'Ændret af en kollega';"
        "open(p, 'w', encoding='utf-8').write(yaml.safe_dump(d, allow_unicode=True))"
    )
    subprocess.run([sys.executable, "-c", other, str(path)], check=True)

    wizard.send(" og deres pårørende\x1b\r")
    wizard.expect_exact("ændret af en anden")
    assert finish(wizard) == 1

    on_disk = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert on_disk["organisation"] == "Ændret af en kollega"  # the colleague's version stays
    copies = list(path.parent.glob("faellesspisning-i-nordby.konflikt-*.yaml"))
    assert len(copies) == 1
    mine = yaml.safe_load(copies[0].read_text(encoding="utf-8"))
    assert mine["answers"]["dagligdag"]["maalgruppe"].endswith("og deres pårørende")
    assert mine["organisation"] == "Nordby Kommune, Ældreområdet"
    assert copies[0].stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "pairs",
    [3, pytest.param(10, marks=pytest.mark.slow)],  # 10 of 10: about 40 s here
)
def test_two_contact_one_liners_started_together_both_save(
    home: Path, nordby: Path, pairs: int
) -> None:
    """`contact --log` twice at the same moment, again and again: the second waits its turn
    (about 2 s at most) instead of being refused, and every line is saved; no lock file is left."""
    import os
    import time

    env = {**os.environ, "SAMARBEJDE_HOME": str(home)}
    started = time.perf_counter()
    for pair in range(pairs):
        command = [sys.executable, "-m", "samarbejde", "contact", "nordby", "Frivilligcentret"]
        procs = [
            subprocess.Popen(
                [*command, "--log", f"Opkald {pair}-{side}"],
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for side in ("a", "b")
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, (pair, out, err)
    took = time.perf_counter() - started
    log = yaml.safe_load(nordby.read_text(encoding="utf-8"))["outreach"]["p1"]["log"]
    notes = [entry["note"] for entry in log]
    wanted = [f"Opkald {pair}-{side}" for pair in range(pairs) for side in ("a", "b")]
    assert sorted(n for n in notes if n.startswith("Opkald")) == sorted(wanted)
    print(f"\n{pairs} pairs of one-liners, all {2 * pairs} saved, {took:.1f} s")
    assert sorted(p.name for p in nordby.parent.iterdir() if ".lock" in p.name) == []
