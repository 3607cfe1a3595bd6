"""Speed of samarbejde, measured: prints a Markdown table of medians beside their baselines.

    python benchmarks/run.py [--runs N]

Every figure is the median of N runs, measured in this same run as its baseline (the two are
run in turns, so that a busy moment of the machine falls on both):
- `samarbejde list` and `samarbejde summary` of a typical session, against a minimal Typer app
  with the same kind of parameters run in the same Python (target: at most 1.25x);
- `samarbejde --help` against `python -c "import typer"` (target: at most 1.5x);
- `samarbejde --help` against `cookiecutter --help`, a peer, installed from PyPI into a venv of
  its own in the user's cache folder (target: at most 0.5x; skipped if pip cannot install it);
- launch of `samarbejde start` to its first prompt on screen, in a pseudo-terminal, against a
  script that imports questionary and shows one text prompt (target: at most 1.3x; needs
  pexpect, so not on Windows);
- a session with 100 partners and 1,000 contact-log lines: one autosave (target: at most
  20 ms), its load (informational), and `summary` of it (target: at most 1.5x the summary of a
  10-partner session);
- the Word report (`export --format docx`) of a session with 5,000 contact-log lines and of
  one with 500 partners, against the Markdown report of the same session (target: at most
  1.5x);
- `list` and `agenda` over 1,000 sessions, against `list` of one (target: at most 1.5 s and
  60 MiB, the largest memory of one run); `list` once more without the sessions' index
  (its first run, or after a change of guide: informational);
- from an answer (a key) to the next question on screen in the wizard, in a pseudo-terminal,
  rating the partners of a session with 500 partners and of one with 5,000 contact-log lines,
  against the same in a script of bare questionary prompts (target: at most 1.5x).
This is a script, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session, new_session
from samarbejde.sessions.store import Store, atomic_write

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = ROOT / "tests" / "fixtures" / "session_v1.yaml"
GUIDE = ROOT / "content" / "guide.da.yaml"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
WINDOWS = sys.platform == "win32"
BIN = "Scripts" if WINDOWS else "bin"
EXE = ".exe" if WINDOWS else ""

# A minimal Typer app with the parameters our `list` and `summary` have: a root callback with
# an optional Path option, a command without parameters, and a command with an optional
# argument and a flag. Typer is set up as ours is (no completion, no Rich help or tracebacks).
MINI_APP = """\
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def root(
    ctx: typer.Context,
    content: Annotated[Path | None, typer.Option("--content", help="Content file")] = None,
) -> None:
    ctx.obj = content


@app.command("list")
def list_() -> None:
    typer.echo("sessions")


@app.command()
def summary(
    session: Annotated[str | None, typer.Argument(help="Session")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON")] = False,
) -> None:
    typer.echo(f"{session} (json: {as_json})")


if __name__ == "__main__":
    app()
"""

# One questionary text prompt, and nothing else.
PROMPT_SCRIPT = """\
import sys
import questionary
questionary.text(sys.argv[1]).unsafe_ask()
"""


# Two select prompts a partner, as the wizard's rating asks them, in bare questionary.
RATING_SCRIPT = """\
import sys
import questionary
for i in range(1, int(sys.argv[1]) + 1):
    print(f"Partner {i} af {sys.argv[1]}")
    for axis in ("Fælles interesse", "Indflydelse og ressourcer"):
        questionary.select(axis, choices=["1 – lidt", "2", "3", "4", "5 – meget"]).unsafe_ask()
"""


# -- measuring ---------------------------------------------------------------------------------

Action = Callable[[], float]  # does the thing once; returns the milliseconds it took


def medians(actions: dict[str, Action], runs: int, failed: dict[str, str]) -> dict[str, float]:
    """Each action once to warm the file cache, then `runs` rounds of all of them in turn.
    An action that fails is left out, and why is put in `failed`."""
    times: dict[str, list[float]] = {key: [] for key in actions}
    for round_ in range(runs + 1):
        for key, action in actions.items():
            if key in failed:
                continue
            try:
                elapsed = action()
            except Exception as exc:
                failed[key] = f"{type(exc).__name__}: {exc}".strip()[:160]
                continue
            if round_:
                times[key].append(elapsed)
    return {key: statistics.median(t) for key, t in times.items() if t and key not in failed}


def timed(work: Callable[[], object]) -> Action:
    def run() -> float:
        start = time.perf_counter()
        work()
        return (time.perf_counter() - start) * 1000

    return run


def process(args: list[str], env: dict[str, str]) -> Action:
    def run() -> None:
        done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode != 0:
            raise RuntimeError(works(args, env) or f"exit code {done.returncode}")

    return timed(run)


def works(args: list[str], env: dict[str, str]) -> str | None:
    """None if the command runs and exits 0, else why not (its last line of stderr)."""
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if done.returncode == 0:
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit code {done.returncode}"


def peak_memory(args: list[str], env: dict[str, str]) -> float:
    """The largest resident memory of one run of `args`, in MiB (Unix: getrusage)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
        "stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True, check=True
    ).stdout
    return int(out.split()[-1]) / (1024 * 1024 if sys.platform == "darwin" else 1024)


def answer_to_answer(
    args: list[str], keys: str, count: int, env: dict[str, str], reset: Callable[[], object]
) -> Action:
    """In a pseudo-terminal, rating partners: from each key (an answer) until the next
    question is on screen. One process gives `count` partners' answers (two each); the
    start, `reset` (the session as it was) and the cleanup are not timed; the action's
    figure is their median."""
    import pexpect

    def ready(child: pexpect.spawn, text: str) -> None:
        child.expect_exact(text)
        child.expect_exact("5 –")  # the whole prompt is drawn

    def run() -> float:
        reset()
        child = pexpect.spawn(
            args[0], args[1:], env=env, dimensions=(30, 80), timeout=30, encoding="utf-8"
        )
        times = []
        try:
            if keys:
                child.expect_exact("Fortsæt")
                child.send(keys)
            ready(child, "Partner 1 af")
            for i in range(1, count + 1):
                steps = (("3", "Indflydelse og ressourcer"), ("4", f"Partner {i + 1} af"))
                for key, following in steps:
                    start = time.perf_counter()
                    child.send(key if keys else "\r")
                    ready(child, following)
                    times.append((time.perf_counter() - start) * 1000)
        except pexpect.ExceptionPexpect:
            last = (child.before or "").strip().splitlines()[-1:] or ["nothing"]
            raise RuntimeError(f"no next question; last output: {last[0]}") from None
        finally:
            child.delayafterterminate = child.delayafterclose = 0.01
            child.terminate(force=True)
            child.close(force=True)
        return statistics.median(times)

    return run


def first_prompt(args: list[str], text: str, env: dict[str, str]) -> Action:
    """From launch in a pseudo-terminal until `text` is on screen; the cleanup is not timed."""
    import pexpect

    def run() -> float:
        start = time.perf_counter()
        child = pexpect.spawn(
            args[0], args[1:], env=env, dimensions=(24, 80), timeout=30, encoding="utf-8"
        )
        try:
            child.expect_exact(text)
        except pexpect.ExceptionPexpect:
            last = (child.before or "").strip().splitlines()[-1:] or ["nothing"]
            raise RuntimeError(f"{text!r} did not appear; last output: {last[0]}") from None
        else:
            return (time.perf_counter() - start) * 1000
        finally:
            child.delayafterterminate = child.delayafterclose = 0.01
            child.terminate(force=True)
            child.close(force=True)

    return run


# -- what is measured --------------------------------------------------------------------------


def program(env: dict[str, str]) -> tuple[list[str], str]:
    """How to run samarbejde: its console script, or `python -m samarbejde` (with a note) if
    the installed script does not run (e.g. made by an older install)."""
    script = Path(sys.executable).parent / f"samarbejde{EXE}"
    if script.exists():
        problem = works([str(script), "--help"], env)
        if problem is None:
            return [str(script)], ""
        note = (
            f"the console script {script} does not run ({problem}); measured "
            "`python -m samarbejde` instead — reinstall the package (`pip install -e .`)"
        )
    else:
        note = "no console script found; measured `python -m samarbejde`"
    return [sys.executable, "-m", "samarbejde"], note


def cookiecutter() -> tuple[list[str] | None, str]:
    """cookiecutter from PyPI in a venv of its own, made once in the user's cache folder."""
    base = os.environ.get("LOCALAPPDATA") if WINDOWS else os.environ.get("XDG_CACHE_HOME")
    cache = Path(base) if base else Path.home() / ".cache"
    venv = cache / "samarbejde-bench" / "cookiecutter-venv"
    exe = venv / BIN / f"cookiecutter{EXE}"
    if exe.exists() and works([str(exe), "--help"], dict(os.environ)) is None:
        return [str(exe)], version_in(venv, "cookiecutter")
    shutil.rmtree(venv, ignore_errors=True)
    print(f"Installing cookiecutter from PyPI into {venv} (once) …", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run(
            [str(venv / BIN / f"python{EXE}"), "-m", "pip", "install", "-q", "cookiecutter"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        last = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(exc)]
        shutil.rmtree(venv, ignore_errors=True)
        return None, f"pip could not install cookiecutter: {last[0]}"
    problem = works([str(exe), "--help"], dict(os.environ))
    if problem is not None:
        return None, f"cookiecutter --help does not run: {problem}"
    return [str(exe)], version_in(venv, "cookiecutter")


def version_in(venv: Path, package: str) -> str:
    found = list(venv.glob(f"**/site-packages/{package}-*.dist-info"))
    return found[0].name[len(package) + 1 : -len(".dist-info")] if found else "?"


def ask_name_text() -> str:
    """The first question `samarbejde start` asks, as the content has it."""
    try:
        text = find_key(yaml.safe_load(GUIDE.read_text(encoding="utf-8")), "wizard_ask_name")
    except (OSError, yaml.YAMLError):
        text = None
    return text or "Hvad skal samarbejdet hedde?"


def find_key(data: object, key: str) -> str | None:
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found = find_key(item, key)
            if found:
                return found
    return None


def ten_partners(store: Store) -> Session:
    """The typical session with ten partners."""
    ten = store.load(FIXTURE)
    ten.name = "Ti partnere"
    ten.partners = [
        Partner(
            id=f"p{i}",
            name=f"Partner {i}",
            kind="forening",
            interest=i % 5 + 1,
            influence=(i * 3) % 5 + 1,
        )
        for i in range(1, 11)
    ]
    return ten


def unrated(session: Session, name: str) -> Session:
    """The session with no partner rated yet, the wizard at the rating step."""
    from samarbejde.sessions.model import Cursor

    session.name = name
    for p in session.partners:
        p.interest = p.influence = None
    session.completed = ["foer", "dagligdag", "aktoerer"]
    session.cursor = Cursor(step="prioriter", question="")
    return session


def many_sessions(home: Path, count: int) -> None:
    """`count` copies of the typical session, each under a name of its own, last changed an
    hour ago (as most files in a team's folder are)."""
    store = Store(home, lambda: NOW)
    session = store.load(FIXTURE)
    for i in range(count):
        session.name = f"Samarbejde nummer {i + 1}"
        path = store.save(session)
        hour_ago = time.time() - 3600
        os.utime(path, (hour_ago, hour_ago))


def big_session(partners: int, logs_each: int) -> Session:
    s = new_session("Hundrede partnere", "kommune", NOW, organisation="Storby Kommune")
    for i in range(1, partners + 1):
        pid = f"p{i}"
        s.partners.append(
            Partner(
                id=pid,
                name=f"Partner {i} æøå",
                kind="forening",
                contact=f"Kontakt {i}",
                brings="Lokaler og frivillige",
                interest=i % 5 + 1,
                influence=(i * 3) % 5 + 1,
            )
        )
        s.outreach[pid] = Outreach(
            cards={"faelles_maal": "Vi vil begge bryde ensomheden"},
            key_persons="Birthe (leder)",
            next_contact=dt.date(2026, 12, 1) + dt.timedelta(days=i % 60),
            log=[
                LogEntry(
                    date=dt.date(2026, 1, 1) + dt.timedelta(days=j),
                    note=f"Møde nr. {j + 1} på biblioteket",
                )
                for j in range(logs_each)
            ],
        )
    return s


# -- the report --------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    key: str  # of the figure in the results
    base_what: str = ""
    base_key: str = ""
    ratio_target: float | None = None  # at most this many times the baseline
    ms_target: float | None = None  # at most this many milliseconds
    skipped: str = ""

    def cells(self, ms: dict[str, float], failed: dict[str, str]) -> list[str]:
        why = self.skipped or next(
            (
                f"{'baseline failed' if k == self.base_key else 'failed'}: {failed[k]}"
                for k in (self.key, self.base_key)
                if k in failed
            ),
            "",
        ).replace("|", "/")
        if why or self.key not in ms:
            return [self.what, "—", self.base_what, "—", f"skipped: {why or 'not measured'}"]
        mine = ms[self.key]
        base_ms = ms.get(self.base_key)
        base = f"{self.base_what}: {base_ms:.1f} ms" if base_ms else self.base_what
        ratio = f"{mine / base_ms:.2f}×" if base_ms else ""
        if self.ratio_target is not None and base_ms:
            target = (
                f"≤ {self.ratio_target:g}× {'✓' if mine / base_ms <= self.ratio_target else '✗'}"
            )
        elif self.ms_target is not None:
            target = f"≤ {self.ms_target:g} ms {'✓' if mine <= self.ms_target else '✗'}"
        else:
            target = "(informational)"
        return [self.what, f"{mine:.1f} ms", base, ratio, target]


def mib(memory: dict[str, float], key: str) -> str:
    """ ", at most N MiB" for the row's text, where measured (target: 60 MiB)."""
    if not memory.get(key):
        return ""
    mark = "✓" if memory[key] <= 60 else "✗"
    return f" ({memory[key]:.0f} MiB, ≤ 60 MiB {mark})"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        if sys.platform == "darwin":
            cpu = (
                subprocess.run(
                    ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True
                ).stdout.strip()
                or cpu
            )
        else:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("typer", "pydantic", "rich", "questionary")
    )
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {versions}, PyYAML {yaml.__version__} ({libyaml})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per figure (default 21)")
    parser.add_argument(
        "--no-cookiecutter", action="store_true", help="skip the peer (no install from PyPI)"
    )
    options = parser.parse_args()
    runs = max(1, options.runs)
    pty_runs = max(5, runs // 2)  # a prompt in a pseudo-terminal is the slowest to measure
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="samarbejde-bench-"))
    notes: list[str] = []
    try:
        # the typical session, alone in its folder, written as the program writes it
        home = tmp / "typical"
        (home / "sessions").mkdir(parents=True, mode=0o700)
        typical_path = home / "sessions" / "faellesspisning-i-nordby.yaml"
        shutil.copy(FIXTURE, typical_path)
        store = Store(home, lambda: NOW)
        typical = store.load(typical_path)
        store.save(typical, typical_path)
        # the sessions at scale: ten partners, and 100 partners with 1,000 log lines
        scale_home = tmp / "scale"
        scale_store = Store(scale_home, lambda: NOW)
        scale_store.save(ten_partners(scale_store))
        big = big_session(100, 10)
        big_path = scale_store.save(big)

        # grown sessions: 5,000 contact-log lines; 500 partners; 1,000 sessions in a folder
        grown_home = tmp / "grown"
        grown_store = Store(grown_home, lambda: NOW)
        lines = big_session(100, 50)
        lines.name = "Fem tusind linjer"
        grown_store.save(lines)
        wide = big_session(500, 1)
        wide.name = "Fem hundrede partnere"
        grown_store.save(wide)
        rating_home = tmp / "rating"
        rating_store = Store(rating_home, lambda: NOW)
        rating = {
            "500": rating_store.save(unrated(big_session(500, 1), "Fem hundrede partnere")),
            "5000": rating_store.save(unrated(big_session(100, 50), "Fem tusind linjer")),
        }
        rating_bytes = {key: path.read_bytes() for key, path in rating.items()}
        many_home = tmp / "many"
        many_sessions(many_home, 1000)
        many_index = many_home / "sessions" / ".samarbejde-index.json"

        env = {**os.environ, "SAMARBEJDE_HOME": str(home), "COLUMNS": "100"}
        env.pop("NO_COLOR", None)
        scale_env = {**env, "SAMARBEJDE_HOME": str(scale_home)}
        grown_env = {**env, "SAMARBEJDE_HOME": str(grown_home)}
        many_env = {**env, "SAMARBEJDE_HOME": str(many_home)}
        mini = tmp / "mini.py"
        mini.write_text(MINI_APP, encoding="utf-8")
        mini_cmd = [sys.executable, str(mini)]
        prog, note = program(env)
        if note:
            notes.append(note)
        if options.no_cookiecutter:
            cookie, cookie_note = None, "not asked for (--no-cookiecutter)"
        else:
            cookie, cookie_note = cookiecutter()

        ms: dict[str, float] = {}
        failed: dict[str, str] = {}
        # whole processes, all in turns
        actions = {
            "typer": process([sys.executable, "-c", "import typer"], env),
            "help": process([*prog, "--help"], env),
            "mini list": process([*mini_cmd, "list"], env),
            "list": process([*prog, "list"], env),
            "mini summary": process([*mini_cmd, "summary", typical.name], env),
            "summary": process([*prog, "summary", typical.name], env),
            "summary 10": process([*prog, "summary", "Ti partnere"], scale_env),
            "summary 100": process([*prog, "summary", big.name], scale_env),
        }
        if cookie:
            actions["cookiecutter"] = process([*cookie, "--help"], env)
        for name, key in ((lines.name, "5000"), (wide.name, "500")):
            for fmt in ("md", "docx"):
                export = [*prog, "export", name, "--format", fmt, "-o", "-"]
                actions[f"{fmt} {key}"] = process(export, grown_env)
        actions["list 1000"] = process([*prog, "list"], many_env)
        actions["agenda 1000"] = process([*prog, "agenda"], many_env)
        cold = process([*prog, "list"], many_env)
        actions["list 1000 cold"] = lambda: (many_index.unlink(missing_ok=True), cold())[1]
        ms.update(medians(actions, runs, failed))
        memory: dict[str, float] = {}
        for key, args in (("list 1000", [*prog, "list"]), ("agenda 1000", [*prog, "agenda"])):
            try:
                memory[key] = peak_memory(args, many_env) if not WINDOWS else 0.0
            except (OSError, subprocess.CalledProcessError, ValueError) as exc:
                failed[key] = f"memory: {exc}"[:160]

        # the first prompt of `start`, in a pseudo-terminal
        if WINDOWS:
            no_tty = "needs a pseudo-terminal (pexpect), which Windows lacks"
        elif importlib.util.find_spec("pexpect") is None:
            no_tty = "pexpect is not installed"
        else:
            no_tty = ""
            tty_env = {
                **env,
                "SAMARBEJDE_HOME": str(tmp / "empty"),
                "PROMPT_TOOLKIT_NO_CPR": "1",
                "TERM": "xterm-256color",
            }
            question = ask_name_text()
            shown = question[:20]  # on screen when the prompt is, whatever its line breaks
            prompt = tmp / "prompt.py"
            prompt.write_text(PROMPT_SCRIPT, encoding="utf-8")
            tty = {
                "questionary": first_prompt(
                    [sys.executable, str(prompt), question], shown, tty_env
                ),
                "start": first_prompt([*prog, "start"], shown, tty_env),
            }
            ms.update(medians(tty, pty_runs, failed))
            rating_script = tmp / "rating.py"
            rating_script.write_text(RATING_SCRIPT, encoding="utf-8")
            rating_env = {**tty_env, "SAMARBEJDE_HOME": str(rating_home)}
            answers = {
                "questionary answer": answer_to_answer(
                    [sys.executable, str(rating_script), "500"], "", 5, tty_env, lambda: None
                )
            }
            for key, path in rating.items():
                session = rating_store.load(path)

                def put_back(path: Path = path, key: str = key) -> None:
                    path.write_bytes(rating_bytes[key])

                resume = [*prog, "resume", session.name]
                answers[f"answer {key}"] = answer_to_answer(resume, "\r", 5, rating_env, put_back)
            ms.update(medians(answers, pty_runs, failed))

        # the session at scale, in this process
        saver = Store(scale_home, lambda: NOW)
        loaded = saver.load(big_path)
        raw = big_path.read_bytes()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        plain = tmp / "plain.yaml"
        in_process = {
            "save": timed(lambda: saver.save(loaded, big_path)),
            "write": timed(lambda: atomic_write(plain, raw)),
            "load": timed(lambda: saver.load(big_path)),
            "parse": timed(lambda: yaml.load(big_path.read_bytes(), Loader=loader)),
        }
        ms.update(medians(in_process, runs, failed))

        mini_app = "minimal Typer app"
        rows = [
            Row("`samarbejde list`", "list", f"{mini_app} `list`", "mini list", 1.25),
            Row(
                "`samarbejde summary` (typical session)",
                "summary",
                f"{mini_app} `summary NAME`",
                "mini summary",
                1.25,
            ),
            Row("`samarbejde --help`", "help", '`python -c "import typer"`', "typer", 1.5),
            Row(
                "`samarbejde --help`",
                "help",
                f"`cookiecutter --help` ({cookie_note})" if cookie else "`cookiecutter --help`",
                "cookiecutter",
                0.5,
                skipped="" if cookie else cookie_note,
            ),
            Row(
                "`samarbejde start` → first prompt on screen",
                "start",
                "questionary, one text prompt",
                "questionary",
                1.3,
                skipped=no_tty,
            ),
            Row(
                f"one autosave: 100 partners, 1,000 log lines ({len(raw) / 1024:.0f} KiB)",
                "save",
                "atomic write of the same bytes",
                "write",
                ms_target=20,
            ),
            Row("load of that session", "load", "PyYAML parse of the same file", "parse"),
            Row(
                "`samarbejde summary` of that session",
                "summary 100",
                "`summary`, 10 partners",
                "summary 10",
                1.5,
            ),
            Row(
                "`export --format docx`: 5,000 contact-log lines",
                "docx 5000",
                "`--format md` of the same",
                "md 5000",
                1.5,
            ),
            Row(
                "`export --format docx`: 500 partners",
                "docx 500",
                "`--format md` of the same",
                "md 500",
                1.5,
            ),
            Row(
                f"`samarbejde list`: 1,000 sessions{mib(memory, 'list 1000')}",
                "list 1000",
                "`list`, one session",
                "list",
                ms_target=1500,
            ),
            Row(
                f"`samarbejde agenda`: 1,000 sessions{mib(memory, 'agenda 1000')}",
                "agenda 1000",
                "`list`, one session",
                "list",
                ms_target=1500,
            ),
            Row(
                "`samarbejde list`: 1,000 sessions, no index yet",
                "list 1000 cold",
                "`list`, one session",
                "list",
            ),
            Row(
                "answer → next question: 500 partners",
                "answer 500",
                "bare questionary, the same two prompts",
                "questionary answer",
                1.5,
                skipped=no_tty,
            ),
            Row(
                "answer → next question: 5,000 contact-log lines",
                "answer 5000",
                "bare questionary, the same two prompts",
                "questionary answer",
                1.5,
                skipped=no_tty,
            ),
        ]

        print(f"Machine: {machine()}  ")
        print(
            f"Runs: median of {runs} (start → first prompt: {pty_runs}), "
            f"each figure and its baseline run in turns; "
            f"took {time.perf_counter() - started:.0f} s  "
        )
        for line in notes:
            print(f"Note: {line}  ")
        print()
        print("| what | median | baseline | ratio | target |")
        print("|---|---:|---|---:|---|")
        for row in rows:
            print("| " + " | ".join(row.cells(ms, failed)) + " |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
