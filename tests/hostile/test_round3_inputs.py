"""Issue 34, round 3 of hostile input: dates with huge counts, digits that are no ASCII
digits, bytes that are not UTF-8 in every way in (terminal, answer file, command line, files),
answer lines of any length, a Ctrl-C in the first instants."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samarbejde.base.dates import parse_date
from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.runner.line_prompts import LinePrompts
from tests.helpers.fuzz import examples
from tests.helpers.program import NOW
from tests.helpers.prompts import errors, line_env, make_env, screen

TODAY = NOW.date()
SESSION = "Fællesspisning i Nordby"
FIRST_YEAR, LAST_YEAR = 1900, 2200  # the dates a collaboration is planned or logged in


def words(key: str) -> str:
    return load_guide().texts(key)


# -- 4: dates with huge counts ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["om 3000000 dage", "om 999999 uger", "om 99999999999999999999 måneder", "01-01-0001"]
)
def test_a_date_too_far_out_is_refused_not_overflowed(text: str) -> None:
    from samarbejde.base.dates import TooFar

    with pytest.raises(TooFar):
        parse_date(text, TODAY, words)


COUNTS = st.integers(min_value=0, max_value=10**40).map(str) | st.text("0123456789²①٣", max_size=30)
UNITS = st.sampled_from(["dag", "dage", "uge", "uger", "måned", "måneder", "år", "x"])


@settings(max_examples=examples(400), deadline=None)
@given(count=COUNTS, unit=UNITS, past=st.booleans())
def test_any_count_of_days_weeks_or_months_is_a_date_in_range_or_refused(
    count: str, unit: str, past: bool
) -> None:
    """The date fuzzer for huge counts: a date between FIRST_YEAR and LAST_YEAR, or a
    ValueError (the prompts say each kind in Danish); never OverflowError or another."""
    try:
        value = parse_date(f"om {count} {unit}", TODAY, words, past=past)
    except ValueError:
        return
    assert FIRST_YEAR <= value.year <= LAST_YEAR


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_date_in_range_or_refused(text: str) -> None:
    try:
        value = parse_date(text, TODAY, words)
    except ValueError:
        return
    assert FIRST_YEAR <= value.year <= LAST_YEAR


def test_om_3000000_dage_at_a_prompt_is_said_too_far_and_asked_again(
    home: Path, nordby: Path
) -> None:
    answers = "Ringede\n\nom 3000000 dage\nom 999999 uger\ni går\nom 2 uger\n\n"
    env = line_env(home, answers)
    code = main(["--enkel", "contact", SESSION, "Frivilligcentret"], env)
    said = " ".join(screen(env).split())
    assert code == 0, errors(env)
    assert 'Den dato ligger for langt ude: "om 3000000 dage"' in said
    assert 'Den dato ligger for langt ude: "om 999999 uger"' in said
    plan = env.store.load(nordby).outreach["p1"]
    assert plan.log[-1].date == TODAY - dt.timedelta(days=1)


@pytest.mark.parametrize("when", ["01-01-0001", "31-12-9999", "om 3000000 dage"])
def test_a_date_flag_far_out_is_refused_in_danish(cli, nordby: Path, when: str) -> None:
    before = nordby.read_bytes()
    result = cli("contact", SESSION, "Frivilligcentret", "--log", "Ringede", "--next", when)
    assert result.code == 2, result.stdout
    assert "for langt ude (--next)" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr and nordby.read_bytes() == before


# -- 6: digits that int() refuses --------------------------------------------------------------


@pytest.mark.parametrize("typed", ["²", "①", "٣", "1²"])
def test_a_choice_answered_with_a_superscript_or_circled_digit_is_asked_again(
    tmp_path: Path, typed: str
) -> None:
    env = make_env(tmp_path)
    lines = LinePrompts(env.texts, env.console, io.StringIO(f"{typed}\n2\n{typed}\n1\n"))
    chosen = lines.select("Hvem?", [("a", "A"), ("b", "B")])
    ticked = lines.checkbox("Hvad?", [("x", "X", False), ("y", "Y", False)])
    said = screen(env)
    assert chosen == "b" and ticked == ["x"]
    assert "Skriv et af tallene fra 1 til 2." in said


# -- 12: an answer line of any length ----------------------------------------------------------


def test_a_huge_answer_line_is_refused_as_it_grows_without_holding_it(home: Path) -> None:
    """A 50 MB line is refused once it passes the session limit, read in bounded pieces:
    the program holds a few MB at most, not hundreds."""

    class Endless(io.TextIOBase):
        """50 MB of "x" without a line break, made as it is read."""

        left = 50 * 1024 * 1024

        def readable(self) -> bool:
            return True

        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            if size is None or size < 0:
                size = self.left
            part = min(size, self.left)
            self.left -= part
            return "x" * part

    env = make_env(home)
    lines = LinePrompts(env.texts, env.console, Endless())
    tracemalloc.start()
    try:
        with pytest.raises(Exception) as info:
            lines.text("Hvad skete der?")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    from samarbejde.base.errors import UsageError

    assert isinstance(info.value, UsageError), info.value
    assert info.value.msg.key == "error_answer_too_long"
    assert peak < 8 * 1024 * 1024, peak


def test_a_huge_line_in_an_answer_file_stops_with_a_message_and_keeps_what_came_before(
    home: Path, nordby: Path
) -> None:
    answers = "Ringede\n" + "x" * (3 * 1024 * 1024) + "\n\n\n"
    env = line_env(home, answers)
    code = main(["--enkel", "contact", SESSION, "Frivilligcentret"], env)
    assert code == 2, screen(env)
    assert "Et svar er for langt" in " ".join(errors(env).split())
    assert "Traceback" not in errors(env)


# -- 8: a Ctrl-C in the first instants ---------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is Unix's")
@pytest.mark.parametrize(
    "attempts", [20, pytest.param(60, marks=pytest.mark.slow)], ids=lambda n: f"{n}"
)
def test_ctrl_c_in_the_first_instants_of_the_package_is_no_traceback(
    home: Path, nordby: Path, attempts: int
) -> None:
    """`attempts` Ctrl-Cs (sixty in CI, twenty here: each is a child's start-up), from the
    moment the package starts loading on, a little later each time, over the same 30 ms; in
    about twenty seconds at most. None may end in a traceback of the program's."""
    import samarbejde

    package = str(Path(samarbejde.__file__).resolve().parent).encode()
    # As the console script starts (`from samarbejde import run`), saying when it gets there.
    starter = (
        "import os, sys; sys.argv[0] = 'samarbejde'; os.write(2, b'>');"
        "import samarbejde; samarbejde.run()"
    )
    began = time.monotonic()
    seen: list[tuple[float, bytes]] = []
    for attempt in range(attempts):
        delay = attempt * 0.03 / attempts  # 0 to 30 ms after the marker: the package's first lines
        child = subprocess.Popen(
            [sys.executable, "-c", starter, "list"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "SAMARBEJDE_HOME": str(home)},
        )
        assert child.stderr is not None and child.stderr.read(1) == b">"
        if delay:
            time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
        seen.append((delay, err))
        if time.monotonic() - began > 25:
            break
    bad = [(d, e.decode(errors="replace")) for d, e in seen if b"Traceback" in e and package in e]
    assert not bad, bad[0]
    assert len(seen) >= attempts // 2, len(seen)  # enough moments tried
    assert nordby.exists()
