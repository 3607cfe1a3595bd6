"""Speed of samarbejde, measured: prints a Markdown table, each figure beside its floor.

    python benchmarks/run.py [--quick] [--runs N] [--cookiecutter] [--only KEYS]

The rows of issue 35, each with the floor it is held to, measured in this same run: all the
processes in turns, round after round (interleaved A/B), so that a busy moment of a shared
machine falls on both; the figure is the median, the ratio the line is about. Processes are
measured in CPU time (user + system, where the system says it: not Windows), the prompts in
a pseudo-terminal and the in-process saves and loads in wall time:
- `--help` against a minimal Typer app's (and, with `--cookiecutter`, the peer's, installed
  once from PyPI into the user's cache folder and reused from there);
- `start` to its first question against Typer and questionary showing one prompt;
- `list` and `summary` of a session of nine partners against the stack's floor: Typer,
  pydantic, PyYAML and Rich in one file, reading the same file;
- Enter to the next question (rating the partners) at 9 and 500 partners, 5,000 log lines and
  near the 1 MB limit, against bare questionary's same prompts;
- Word against Markdown at 500 and 2,000 partners and 5,000 log lines;
- `compare --json` of two share files of 1,000 actors against loading both with the C loader;
- `list` and `agenda` over 1,000 sessions (the index warm) against `list` of one and against
  reading the index;
- `summary`, Markdown, Word, iCalendar and `contact --log` of a session near 1 MB against
  loading it;
- one save after an answer and one load, at 500 partners, 5,000 log lines and near 1 MB,
  against the way before issue 35 (the whole file through PyYAML; PyYAML's object building).
`--quick` (3 runs, 3 answers a run) finishes in a few minutes on 2 shared cores. This is a
script, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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

from samarbejde.base import yamlio
from samarbejde.sessions.model import LogEntry, Outreach, Partner, Session, new_session
from samarbejde.sessions.serial import Dumper
from samarbejde.sessions.store import Store, atomic_write, from_data, to_data

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = ROOT / "tests" / "fixtures" / "session_v1.yaml"
NINE = ROOT / "tests" / "fixtures" / "report_9.yaml"
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


def medians(
    actions: dict[str, Action], runs: int, failed: dict[str, str], warm: bool = True
) -> dict[str, float]:
    """Each action once to warm the file cache (unless not `warm`), then `runs` rounds of
    all of them in turn. An action that fails is left out, and why is put in `failed`."""
    times: dict[str, list[float]] = {key: [] for key in actions}
    for round_ in range(runs + 1) if warm else range(1, runs + 1):
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
    session.name = "Samarbejde nummer 0"
    text = store.save(session).read_text(encoding="utf-8")  # as the program writes it
    hour_ago = time.time() - 3600
    for i in range(count):  # the same file under other names: saving each took minutes
        path = store.folder / f"samarbejde-nummer-{i + 1}.yaml"
        named = text.replace("name: Samarbejde nummer 0\n", f"name: Samarbejde nummer {i + 1}\n")
        path.write_text(named, encoding="utf-8")
        os.utime(path, (hour_ago, hour_ago))
    (store.folder / "samarbejde-nummer-0.yaml").unlink()


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


# -- issue 35: every row with its floor -----------------------------------------------------------

# The stack's floor: Typer, pydantic, PyYAML (C loader) and Rich in one file, reading a session
# file into a small model and printing a line of it. `list` and `summary` do no less.
FLOOR_APP = """\
import sys
from pathlib import Path

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


class Partner(BaseModel):
    id: str
    name: str


class Session(BaseModel):
    name: str
    partners: list[Partner] = []


def read(path: Path) -> Session:
    return Session.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))


@app.command("list")
def list_(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        Console().print(read(path).name)


@app.command()
def summary(path: Path) -> None:
    s = read(path)
    Console().print(s.name, len(s.partners))


if __name__ == "__main__":
    app()
"""

# Typer and questionary: one text prompt (what `start` shows first).
TYPER_PROMPT_SCRIPT = """\
import sys
import typer
import questionary

def main(question: str) -> None:
    questionary.text(question).unsafe_ask()

typer.run(main)
"""

# Loading a session as the program does (the floor of every command on a large file).
LOAD_SCRIPT = """\
import sys, datetime as dt
from pathlib import Path
from samarbejde.sessions.store import Store
path = Path(sys.argv[1])
Store(path.parent.parent, lambda: dt.datetime.now().astimezone()).load(path)
"""

# The index's floor: the stack, and the index read and validated.
INDEX_SCRIPT = """\
import sys
import typer, rich.console
from samarbejde.sessions.index import _Index
_Index.model_validate_json(open(sys.argv[1], "rb").read())
"""

# Both share files parsed with PyYAML's C loader.
C_LOAD_SCRIPT = """\
import sys, yaml
for name in sys.argv[1:]:
    yaml.load(open(name, "rb"), Loader=yaml.CSafeLoader)
"""


def cpu_process(args: list[str], env: dict[str, str]) -> Action:
    """A whole process; its CPU time (user + system) where the system says it, else wall."""
    try:
        import resource
    except ImportError:  # Windows: wall time
        return process(args, env)

    def run() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError(works(args, env) or f"exit code {done.returncode}")
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return used * 1000

    return run


def near_limit(limit: int = yamlio.MAX_BYTES) -> Session:
    """A session just under the size limit: about 2,500 partners with 5 or 6 log lines each
    (the issue's measurement had 2,955 partners and 16,600 lines of shorter text)."""
    s = big_session(2955, 0)
    for i, plan in enumerate(s.outreach.values()):
        plan.cards = {}
        plan.log = [
            LogEntry(date=dt.date(2026, 1, 1) + dt.timedelta(days=j), note=f"Møde {j}")
            for j in range(5 + (i % 8 < 5))
        ]
    dumper = Dumper()
    while (size := len(dumper.dumps(s).encode("utf-8"))) > limit * 0.97:
        keep = int(len(s.partners) * limit * 0.95 / size)  # fewer partners, the same kind
        s.partners = s.partners[:keep]
        s.outreach = {p.id: s.outreach[p.id] for p in s.partners}
    return s


@dataclass
class Pair:
    """One row of the issue's table: a figure, its floor, the line the ratio must keep."""

    what: str
    key: str
    floor_what: str
    floor_key: str
    line: float | None  # None: a figure shown, with no line to keep
    unit: str = "CPU"

    def cells(self, ms: dict[str, float], failed: dict[str, str]) -> list[str]:
        for k in (self.key, self.floor_key):
            if k in failed or k not in ms:
                why = failed.get(k, "not measured").replace("|", "/")
                return [self.what, "—", self.floor_what, "—", f"skipped ({k}): {why}"]
        mine, floor = ms[self.key], ms[self.floor_key]
        ratio = mine / floor
        if self.line is None:
            kept = "—"
        else:
            kept = f"≤ {self.line:g}× {'✓' if ratio <= self.line else '✗'}"
        return [self.what, f"{mine:.1f} ms", f"{self.floor_what}: {floor:.1f} ms",
                f"{ratio:.2f}×", kept]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (default 9)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 runs, 3 answers a run: a few minutes on 2 shared cores",
    )
    parser.add_argument(
        "--cookiecutter",
        action="store_true",
        help="also the peer: cookiecutter --help (installed once from PyPI)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only these figures, by key, comma-separated, floors named too "
        "(e.g. 'compare,cload' or 'agenda 1000,index floor'); the keys are in this script",
    )
    options = parser.parse_args()
    only = {key.strip() for key in options.only.split(",") if key.strip()}

    def chosen(actions: dict[str, Action]) -> dict[str, Action]:
        return {k: a for k, a in actions.items() if not only or k in only}

    runs = 3 if options.quick else max(1, options.runs)
    warm = not options.quick  # a round to warm the file cache first, left out of the medians
    answers_each = 3 if options.quick else 5
    started = time.perf_counter()
    # The program's bytecode written first, as pip does on install: from a checkout under
    # PYTHONDONTWRITEBYTECODE each process would compile every changed module again.
    import compileall

    import samarbejde

    compileall.compile_dir(Path(samarbejde.__file__).parent, quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="samarbejde-bench-"))
    notes: list[str] = []
    ms: dict[str, float] = {}
    failed: dict[str, str] = {}
    try:
        home = tmp / "nine"
        (home / "sessions").mkdir(parents=True, mode=0o700)
        nine_path = home / "sessions" / "faellesspisning-i-nordby.yaml"
        store = Store(home, lambda: NOW)
        nine = store.load(NINE) if NINE.exists() else store.load(FIXTURE)
        store.save(nine, nine_path)

        grown = tmp / "grown"
        grown_store = Store(grown, lambda: NOW)
        made: dict[str, Session] = {}
        for key, session in (
            ("500", big_session(500, 1)),
            ("2000", big_session(2000, 1)),
            ("5000", big_session(100, 50)),
            ("1mb", near_limit()),
        ):
            session.name = f"Stor {key}"
            made[key] = session
        paths = {key: grown_store.save(s) for key, s in made.items()}
        for path in paths.values():  # the validated copies a first load keeps
            Store(grown, lambda: NOW).load(path)
        sizes = {key: path.stat().st_size for key, path in paths.items()}
        near = made["1mb"]
        near_lines = sum(len(p.log) for p in near.outreach.values())
        notes.append(
            f"near the limit: {len(near.partners):,} partners, {near_lines:,} log lines, "
            f"{sizes['1mb'] / 1024:.0f} KiB"
        )

        rating_home = tmp / "rating"
        rating_store = Store(rating_home, lambda: NOW)
        rating = {
            key: rating_store.save(unrated(made[key].model_copy(deep=True), f"Rating {key}"))
            for key in ("500", "5000", "1mb")
        }
        rating["9"] = rating_store.save(unrated(store.load(nine_path), "Rating 9"))
        for path in rating.values():
            Store(rating_home, lambda: NOW).load(path)
        rating_bytes = {key: path.read_bytes() for key, path in rating.items()}
        many_home = tmp / "many"
        many_sessions(many_home, 1000)
        many_index = many_home / "sessions" / ".samarbejde-index.json"
        # `contact --log` near 1 MB, twice: on a file the program saved last (each run logs a
        # contact in the file as the run before left it, as a user's day goes: the copy that
        # save kept says where each part stands, and only the changed plan is dumped), and on
        # a file changed elsewhere (put back before each run, with the copy a load made of
        # it: every part is dumped).
        contact_home = tmp / "contact"
        Store(contact_home, lambda: NOW).save(made["1mb"].model_copy(deep=True))
        elsewhere_home = tmp / "elsewhere"
        elsewhere_path = Store(elsewhere_home, lambda: NOW).save(made["1mb"].model_copy(deep=True))
        for copies in (contact_home, elsewhere_home):  # the copies a load makes, not a save
            shutil.rmtree(copies / "cache" / "sessions")
        Store(elsewhere_home, lambda: NOW).load(elsewhere_path)
        (elsewhere_copy,) = (elsewhere_home / "cache" / "sessions").iterdir()
        elsewhere_bytes = elsewhere_path.read_bytes(), elsewhere_copy.read_bytes()

        env = {**os.environ, "SAMARBEJDE_HOME": str(home), "COLUMNS": "100"}
        env.pop("NO_COLOR", None)
        grown_env = {**env, "SAMARBEJDE_HOME": str(grown)}
        many_env = {**env, "SAMARBEJDE_HOME": str(many_home)}
        contact_env = {**env, "SAMARBEJDE_HOME": str(contact_home)}
        elsewhere_env = {**env, "SAMARBEJDE_HOME": str(elsewhere_home)}
        scripts = {}
        for name, text in (
            ("mini", MINI_APP),
            ("floor", FLOOR_APP),
            ("load", LOAD_SCRIPT),
            ("index", INDEX_SCRIPT),
            ("cload", C_LOAD_SCRIPT),
        ):
            scripts[name] = tmp / f"{name}.py"
            scripts[name].write_text(text, encoding="utf-8")
        py = sys.executable
        prog, note = program(env)
        if note:
            notes.append(note)
        cookie: list[str] | None = None
        if options.cookiecutter:
            cookie, cookie_note = cookiecutter()
            notes.append(f"cookiecutter: {cookie_note}")

        # compare: two share files of 1,000 actors
        sys.path.insert(0, str(HERE))
        from compare import share_file  # the benchmark of compare makes them

        share_a = share_file(tmp, "A", "Nordby Kommune")
        share_b = share_file(tmp, "B", "Nordby Idrætsforening")

        actions = {
            "help": cpu_process([*prog, "--help"], env),
            "mini help": cpu_process([py, str(scripts["mini"]), "--help"], env),
            "list": cpu_process([*prog, "list"], env),
            "floor list": cpu_process(
                [py, str(scripts["floor"]), "list", str(home / "sessions")], env
            ),
            "summary": cpu_process([*prog, "summary", nine.name], env),
            "floor summary": cpu_process(
                [py, str(scripts["floor"]), "summary", str(nine_path)], env
            ),
            "compare": cpu_process([*prog, "compare", str(share_a), str(share_b), "--json"], env),
            "cload": cpu_process([py, str(scripts["cload"]), str(share_a), str(share_b)], env),
            "list 1000": cpu_process([*prog, "list"], many_env),
            "agenda 1000": cpu_process([*prog, "agenda"], many_env),
            "index floor": cpu_process([py, str(scripts["index"]), str(many_index)], many_env),
            "load proc 1mb": cpu_process([py, str(scripts["load"]), str(paths["1mb"])], grown_env),
        }
        if cookie:
            actions["cookiecutter"] = cpu_process([*cookie, "--help"], env)
        for key in ("500", "2000", "5000", "1mb"):
            for fmt in ("md", "docx"):
                name = made[key].name
                export = [*prog, "export", name, "--format", fmt, "-o", "-"]
                actions[f"{fmt} {key}"] = cpu_process(export, grown_env)
        actions["summary 1mb"] = cpu_process([*prog, "summary", near.name], grown_env)
        actions["ics 1mb"] = cpu_process(
            [*prog, "export", near.name, "--format", "ics", "-o", "-"], grown_env
        )
        log_args = ["contact", near.name, near.partners[0].name, "--log", "Ringede"]
        cpu_process([*prog, *log_args], contact_env)()  # the first save after a load
        actions["contact 1mb"] = cpu_process([*prog, *log_args], contact_env)
        log_elsewhere = cpu_process([*prog, *log_args], elsewhere_env)

        def contact_elsewhere() -> float:
            took = log_elsewhere()
            elsewhere_path.write_bytes(elsewhere_bytes[0])  # as it was, and its copy
            elsewhere_copy.write_bytes(elsewhere_bytes[1])
            return took

        actions["contact 1mb elsewhere"] = contact_elsewhere
        cpu_process([*prog, "list"], many_env)()  # the index is made by the first `list`
        print(
            f"Fixtures ready after {time.perf_counter() - started:.0f} s; measuring …",
            file=sys.stderr,
        )

        def report() -> None:
            """The table as far as it is measured (a run cut short still says something)."""
            rows = [
                Pair("`--help`", "help", "minimal Typer app `--help`", "mini help", 1.0),
                Pair(
                    "`start` → first question (wall)",
                    "start",
                    "Typer + questionary, one prompt",
                    "typer prompt",
                    1.3,
                ),
                Pair(
                    "`list`, 9 partners",
                    "list",
                    "the stack's floor (Typer, pydantic, PyYAML, Rich)",
                    "floor list",
                    1.2,
                ),
                Pair("`summary`, 9 partners", "summary", "the stack's floor", "floor summary", 1.2),
            ]
            if cookie:
                rows.insert(
                    1, Pair("`--help`", "help", "`cookiecutter --help`", "cookiecutter", 0.6)
                )
            for key, what in (
                ("9", "9 partners"),
                ("500", "500 partners"),
                ("5000", "5,000 log lines"),
                ("1mb", "near 1 MB"),
            ):
                line = 3.0 if key == "1mb" else 1.5
                rows.append(
                    Pair(
                        f"Enter → next question (wall), {what}",
                        f"answer {key}",
                        "bare questionary",
                        "questionary answer",
                        line,
                    )
                )
            for key, what in (
                ("500", "500 partners"),
                ("2000", "2,000 partners"),
                ("5000", "5,000 log lines"),
            ):
                rows.append(
                    Pair(f"Word, {what}", f"docx {key}", "Markdown of the same", f"md {key}", 1.5)
                )
            rows += [
                Pair(
                    "`compare --json`, 1,000 actors a side",
                    "compare",
                    "both files loaded with the C loader",
                    "cload",
                    2.0,
                ),
                Pair(
                    "`list` over 1,000 sessions (warm index)",
                    "list 1000",
                    "`list` of one",
                    "list",
                    1.5,
                ),
                Pair(
                    "`agenda` over 1,000 sessions (warm)",
                    "agenda 1000",
                    "the index's floor",
                    "index floor",
                    1.3,
                ),
            ]
            for key, what in (
                ("summary", "`summary`"),
                ("md", "Markdown"),
                ("docx", "Word"),
                ("ics", "iCalendar"),
                ("contact", "`contact --log`"),
            ):
                rows.append(
                    Pair(f"{what}, near 1 MB", f"{key} 1mb", "loading it", "load proc 1mb", 3.0)
                )
            rows.append(
                Pair(
                    "`contact --log`, near 1 MB, the file last changed elsewhere",
                    "contact 1mb elsewhere",
                    "loading it",
                    "load proc 1mb",
                    None,
                )
            )
            grown = (("500", "500 partners"), ("5000", "5,000 log lines"), ("1mb", "near 1 MB"))
            rows += [
                Pair(
                    f"one save (wall), {what} ({sizes[key] / 1024:.0f} KiB)",
                    f"save {key}",
                    "the whole file through PyYAML, written",
                    f"old save {key}",
                    0.5,
                    "wall",
                )
                for key, what in grown
            ]
            rows += [
                Pair(
                    f"load (wall), {what}",
                    f"load {key}",
                    "PyYAML's safe C loader and validation",
                    f"old load {key}",
                    0.5,
                    "wall",
                )
                for key, what in grown
            ]

            print(f"Machine: {machine()}  ")
            print(f"Load: {load_average()}  ")
            print(
                f"Runs: median of {runs}, all figures of a kind in turns; CPU time of the process "
                f"unless (wall); took {time.perf_counter() - started:.0f} s  "
            )
            for note_line in notes:
                print(f"Note: {note_line}  ")
            print()
            print("| what | median | floor | ratio | line |")
            print("|---|---:|---|---:|---|")
            for row in rows:
                print("| " + " | ".join(row.cells(ms, failed)) + " |")
            sys.stdout.flush()

        # in this process: one save (an answer changed one partner) and one load
        inner: dict[str, Action] = {}
        for key in ("500", "5000", "1mb"):
            saver = Store(grown, lambda: NOW)
            session = saver.load(paths[key])
            saver.save(session, paths[key])  # the text of every part is kept from here
            plain_out = tmp / f"plain-{key}.yaml"
            raw = paths[key].read_bytes()
            unsaved = tmp / "loads" / "sessions" / paths[key].name  # loaded, never saved
            unsaved.parent.mkdir(parents=True, exist_ok=True)
            unsaved.write_bytes(raw)
            Store(unsaved.parent.parent, lambda: NOW).load(unsaved)  # its copy is kept

            def save(saver: Store = saver, session: Session = session, key: str = key) -> None:
                p = session.partners[len(session.partners) // 2]
                p.interest = (p.interest or 0) % 5 + 1  # an answer
                saver.save(session, paths[key])

            def old_save(session: Session = session, out: Path = plain_out) -> None:
                atomic_write(out, yamlio.dumps(to_data(session)).encode("utf-8"))

            def old_load(raw: bytes = raw, path: Path = paths[key]) -> None:
                from_data(yamlio.loads(raw), path)

            inner[f"save {key}"] = timed(save)
            inner[f"old save {key}"] = timed(old_save)

            def load(path: Path = unsaved) -> None:
                Store(path.parent.parent, lambda: NOW).load(path)

            inner[f"load {key}"] = timed(load)
            inner[f"old load {key}"] = timed(old_load)
        gc.enable()  # as in the wizard
        ms.update(medians(chosen(inner), runs, failed, warm))
        gc.disable()
        for path in paths.values():  # the saves changed the files: their copies anew
            Store(grown, lambda: NOW).load(path)
        report()
        ms.update(medians(chosen(actions), runs, failed, warm))
        report()
        # the pseudo-terminal rows (wall time)
        if WINDOWS or importlib.util.find_spec("pexpect") is None:
            no_tty = "needs pexpect and a pseudo-terminal"
            for key in (
                "start",
                "typer prompt",
                "questionary answer",
                *(f"answer {k}" for k in rating),
            ):
                failed[key] = no_tty
        else:
            tty_env = {
                **env,
                "SAMARBEJDE_HOME": str(tmp / "empty"),
                "PROMPT_TOOLKIT_NO_CPR": "1",
                "TERM": "xterm-256color",
            }
            question = ask_name_text()
            shown = question[:20]
            prompt = tmp / "typer_prompt.py"
            prompt.write_text(TYPER_PROMPT_SCRIPT, encoding="utf-8")
            tty = {
                "typer prompt": first_prompt([py, str(prompt), question], shown, tty_env),
                "start": first_prompt([*prog, "start"], shown, tty_env),
            }
            ms.update(medians(chosen(tty), runs, failed, warm))
            rating_script = tmp / "rating.py"
            rating_script.write_text(RATING_SCRIPT, encoding="utf-8")
            rating_env = {**tty_env, "SAMARBEJDE_HOME": str(rating_home)}
            answers: dict[str, Action] = {
                "questionary answer": answer_to_answer(
                    [py, str(rating_script), "500"], "", answers_each, tty_env, lambda: None
                )
            }
            for key, path in rating.items():

                def put_back(path: Path = path, key: str = key) -> None:
                    path.write_bytes(rating_bytes[key])

                resume = [*prog, "resume", f"Rating {key}"]
                answers[f"answer {key}"] = answer_to_answer(
                    resume, "\r", answers_each, rating_env, put_back
                )
            ms.update(medians(chosen(answers), runs, failed, warm))

        report()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_average() -> str:
    """The machine's load while measuring (the 1, 5 and 15 minute averages), where known."""
    try:
        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return "unknown"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
