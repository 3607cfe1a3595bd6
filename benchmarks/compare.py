"""Speed of `samarbejde compare` with 1,000 actors on each side: prints a Markdown table.

    python benchmarks/compare.py [--runs N]

Two share files of 1,000 actors each (half of the names on both sides, spelled differently),
compared: in-process (read both files, match, the JSON) and as the user runs it
(`samarbejde compare A B --json` in a child process, against `samarbejde --help` for the
start-up floor). Target: under a second. A script, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.runner.env import Env
from samarbejde.sessions import share
from samarbejde.sessions.model import Partner, new_session

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
ACTORS = 1_000


def share_file(folder: Path, side: str, organisation: str) -> Path:
    session = new_session(f"Side {side}", "kommune" if side == "A" else "civilsamfund", NOW,
                          organisation)  # fmt: skip
    names = [f"Forening nummer {i} i Nordby" for i in range(ACTORS)]
    if side == "B":  # half the same actors, spelled otherwise; half others
        names = [f"foreningen - nummer {i} i nordby" if i % 2 else f"Anden aktør {i}"
                 for i in range(ACTORS)]  # fmt: skip
    session.partners = [
        Partner(id=f"p{i}", name=name, kind="forening", brings="Frivillige og lokaler",
                interest=i % 5 + 1, influence=(i * 3) % 5 + 1)
        for i, name in enumerate(names)
    ]  # fmt: skip
    guide = load_guide()
    data = share.build(session, guide, NOW.date(), {"dagligdag", "aktoerer", "tjekliste"})
    path = folder / f"{side}.yaml"
    path.write_text(share.dumps(data, guide, ["dagligdag", "aktoerer", "tjekliste"]),
                    encoding="utf-8")  # fmt: skip
    return path


def in_process(a: Path, b: Path, home: Path) -> float:
    out = io.StringIO()
    env = Env(console=make_console(file=out, width=80, color_system=None), stdout=out,
              home=home, now=lambda: NOW, stdin_isatty=lambda: False)  # fmt: skip
    start = time.perf_counter()
    code = main(["compare", str(a), str(b), "--json"], env)
    took = time.perf_counter() - start
    assert code == 0, out.getvalue()
    return took


def child(args: list[str], home: Path) -> float:
    env = {**os.environ, "SAMARBEJDE_HOME": str(home)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "samarbejde", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main_() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a = share_file(folder, "A", "Nordby Kommune")
        b = share_file(folder, "B", "Nordby Idrætsforening")
        sizes = f"{a.stat().st_size // 1024} KiB and {b.stat().st_size // 1024} KiB"
        rows = []
        inside = [in_process(a, b, folder) for _ in range(runs)]
        rows.append(("`compare A B --json` in-process (read, match, JSON)", inside, None))
        whole, floor = [], []
        for _ in range(runs):  # in turns, so a busy moment falls on both
            whole.append(child(["compare", str(a), str(b), "--json"], folder))
            floor.append(child(["--help"], folder))
        rows.append(("`samarbejde compare A B --json` (a child process)", whole, floor))
    print(f"{ACTORS:,} actors on each side (share files of {sizes}); median of {runs} runs\n")
    print("| what | median | `samarbejde --help` | target |")
    print("|---|---:|---:|---|")
    for what, times, base in rows:
        median = statistics.median(times)
        baseline = f"{statistics.median(base) * 1000:.0f} ms" if base else ""
        mark = "✓" if median < 1.0 else "✗"
        print(f"| {what} | {median * 1000:.0f} ms | {baseline} | < 1 s {mark} |")


if __name__ == "__main__":
    main_()
