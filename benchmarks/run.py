"""Speed of samarbejde, measured: prints a Markdown table of medians beside their baselines.

    python benchmarks/run.py [--runs N]

Every figure is the median of several runs, measured in this same run as its baseline:
- whole processes: `samarbejde --help`, `list` and `summary` on a typical session, against
  `python -c "import typer"` (target: at most 1.5x);
- launch of `samarbejde start` to its first prompt on screen, against a script that imports
  questionary and typer and shows one questionary prompt (target: at most 1.3x);
- a session with 1,000 partners and 5,000 contact-log lines: load, one autosave (target: at
  most 20 ms) and `summary` (target: at most 2x the summary of a 10-partner session).
This is a script, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import yaml

from samarbejde.session import LogEntry, Outreach, Partner, Store, new_session

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "tests" / "fixtures" / "session_v1.yaml"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def program() -> list[str]:
    script = Path(sys.executable).parent / "samarbejde"
    return [str(script)] if script.exists() else [sys.executable, "-m", "samarbejde"]


def median_ms(action: Callable[[], None], runs: int) -> float:
    action()  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process(args: list[str], env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )

    return run


def first_prompt(args: list[str], text: str, env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        child = pexpect.spawn(
            args[0], args[1:], env=env, dimensions=(24, 80), timeout=30, encoding="utf-8"
        )
        child.expect_exact(text)
        child.terminate(force=True)
        child.close()

    return run


def big_session(partners: int, logs_each: int):
    s = new_session("Tusind partnere", "kommune", NOW, organisation="Storby Kommune")
    for i in range(1, partners + 1):
        pid = f"p{i}"
        s.partners.append(
            Partner(
                pid,
                f"Partner {i} æøå",
                "forening",
                f"Kontakt {i}",
                "Lokaler og frivillige",
                i % 5 + 1,
                (i * 3) % 5 + 1,
            )
        )
        s.outreach[pid] = Outreach(
            cards={"faelles_maal": "Vi vil begge bryde ensomheden"},
            key_persons="Birthe (leder)",
            next_contact=dt.date(2026, 12, 1) + dt.timedelta(days=i % 60),
            log=[
                LogEntry(dt.date(2026, 1, 1) + dt.timedelta(days=j), "Møde på biblioteket")
                for j in range(logs_each)
            ],
        )
    return s


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} ({libyaml})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    home = Path(tempfile.mkdtemp(prefix="samarbejde-bench-"))
    try:
        folder = home / "sessions"
        folder.mkdir(mode=0o700)
        shutil.copy(FIXTURE, folder / "faellesspisning-i-nordby.yaml")
        store = Store(home, lambda: NOW)
        typical = store.load(folder / "faellesspisning-i-nordby.yaml")
        store.save(typical, folder / "faellesspisning-i-nordby.yaml")  # as the program writes it
        ten = store.load(FIXTURE)
        ten.name = "Ti partnere"
        ten.partners = [
            Partner(
                f"p{i}", f"Partner {i}", "forening", interest=i % 5 + 1, influence=(i * 3) % 5 + 1
            )
            for i in range(1, 11)
        ]
        store.save(ten)
        # the big session sits in a folder of its own, so that `list` above is typical
        big_home = home / "stor"
        big_store = Store(big_home, lambda: NOW)
        big = big_session(1000, 5)
        big_path = big_store.save(big)
        big_env = {**os.environ, "SAMARBEJDE_HOME": str(big_home), "COLUMNS": "100"}

        env = {**os.environ, "SAMARBEJDE_HOME": str(home), "COLUMNS": "100"}
        env.pop("NO_COLOR", None)
        tty_env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}
        prog = program()
        rows: list[tuple[str, float, str, float, str]] = []

        base = median_ms(process([sys.executable, "-c", "import typer"], env), runs)
        for label, args in (
            ("samarbejde --help", ["--help"]),
            ("samarbejde list", ["list"]),
            ("samarbejde summary (typical session)", ["summary", typical.name]),
        ):
            ms = median_ms(process([*prog, *args], env), runs)
            rows.append((label, ms, 'python -c "import typer"', base, "≤ 1.5×"))

        prompt_script = (
            "import questionary, typer\n"
            "questionary.text('Hvad skal samarbejdet hedde?').unsafe_ask()\n"
        )
        base_prompt = median_ms(
            first_prompt([sys.executable, "-c", prompt_script], "Hvad skal samarbejdet", tty_env),
            max(5, runs // 2),
        )
        start_ms = median_ms(
            first_prompt([*prog, "start"], "Hvad skal samarbejdet", tty_env), max(5, runs // 2)
        )
        rows.append(
            (
                "samarbejde start → first prompt",
                start_ms,
                "questionary + typer, one prompt",
                base_prompt,
                "≤ 1.3×",
            )
        )

        load_ms = median_ms(lambda: Store(big_home, lambda: NOW).load(big_path), 5)
        saver = Store(big_home, lambda: NOW)
        loaded = saver.load(big_path)
        save_ms = median_ms(lambda: saver.save(loaded, big_path), 5)
        small_summary = median_ms(process([*prog, "summary", "Ti partnere"], env), runs)
        big_summary = median_ms(process([*prog, "summary", big.name], big_env), max(5, runs // 2))
        rows.append(("load: 1,000 partners, 5,000 log lines", load_ms, "", 0.0, ""))
        rows.append(("one autosave of that session", save_ms, "", 0.0, "≤ 20 ms"))
        rows.append(
            ("summary of that session", big_summary, "summary, 10 partners", small_summary, "≤ 2×")
        )

        print(f"Machine: {machine()}  ")
        print(f"Runs: median of {runs} whole-process runs (start and big summary: fewer)\n")
        print("| what | median | baseline | baseline median | ratio | target | met |")
        print("|---|---:|---|---:|---:|---|---|")
        for label, ms, base_label, base_ms, target in rows:
            ratio = f"{ms / base_ms:.2f}×" if base_ms else ""
            if target.startswith("≤") and target.endswith("×"):
                met = "yes" if ms / base_ms <= float(target[2:-1]) else "no"
            elif target.endswith("ms"):
                met = "yes" if ms <= float(target.split()[1]) else "no"
            else:
                met = ""
            base_text = f"{base_ms:.1f} ms" if base_ms else ""
            print(
                f"| {label} | {ms:.1f} ms | {base_label} | {base_text} | {ratio} | {target} "
                f"| {met} |"
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
