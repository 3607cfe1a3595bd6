"""A new flow is its specs, its texts and its command: the runner does the rest (`run_flow`:
the session found or chosen, locked, loaded, asked from where a stop left it, and left).

The flow below is defined here and nowhere in the package: three questions about a follow-up
call, their Danish texts added to a copy of the guide, and a command on the real app. It is
driven through the real prompts in-process. The in-process clock is Friday 27-11-2026.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from samarbejde.base import yamlio
from samarbejde.cli.app import ResumeArg, command, env_of, main
from samarbejde.guide.texts import bundled_guide_path
from samarbejde.runner.lifecycle import run_flow
from samarbejde.runner.questions import FlowContext, Item, QuestionSpec, text
from samarbejde.sessions.model import Session
from tests.helpers.program import held_elsewhere
from tests.helpers.prompts import drive, errors, make_env, screen
from tests.helpers.wizard_script import CLEAR, CTRL_C, ENTER

NAME = "Fællesspisning i Nordby"

# -- the new flow: its specs, its texts, its command -----------------------------------------

WHERE = "opfoelgning"


def _get(key: str):
    return lambda flow, item: flow.session.answer(WHERE, key)


def _put(key: str):
    return lambda flow, item, value: flow.session.set_answer(WHERE, key, str(value))


def _day(flow: FlowContext, item: Item) -> dt.date | None:
    said = flow.session.answer(WHERE, "when")
    return dt.date.fromisoformat(said) if said else None


SPECS = [
    text("who", "opfoelgning_ask_who", _get("who"), _put("who")),
    QuestionSpec("when", "date", "opfoelgning_ask_when", _day, _put("when"), dates="past",
                 empty_is_today=True),
    QuestionSpec("again", "confirm", "opfoelgning_ask_again", lambda flow, item: True,
                 _put("again")),
]  # fmt: skip

TEXTS = {
    "opfoelgning_choose_session": "Hvilken session vil du følge op på?",
    "opfoelgning_heading": "Opfølgning på et opkald",  # a copy of the guide: no placeholder
    "opfoelgning_ask_who": "Hvem talte du med?",
    "opfoelgning_ask_when": "Hvornår?",
    "opfoelgning_ask_again": "Skal I tale sammen igen?",
    "opfoelgning_done": "Opfølgningen er gemt.",
}


def opfoelgning(ctx: typer.Context, session: ResumeArg = None) -> int:
    return run_flow(env_of(ctx), session, where=WHERE, specs=SPECS, command="opfoelgning",
                    choose_question="opfoelgning_choose_session",
                    heading="opfoelgning_heading", done="opfoelgning_done")  # fmt: skip


# -- the harness ------------------------------------------------------------------------------


@pytest.fixture
def with_command() -> Iterator[None]:
    """The command on the real app while the test runs (`cli/app.py` would say
    `@command(help=T(...))` above it)."""
    from samarbejde.cli.app import app

    command("opfoelgning", help="Følg op på et opkald.")(opfoelgning)
    try:
        yield
    finally:
        app.registered_commands[:] = [
            c for c in app.registered_commands if c.callback is not opfoelgning
        ]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The bundled guide with the flow's texts added to its `ui:` section."""
    data = yamlio.load_file(bundled_guide_path())
    data["ui"] = {**data["ui"], **TEXTS}
    path = tmp_path / "guide.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


def run(home: Path, content: Path, keys: str, *args: str) -> tuple[int, str]:
    env = make_env(home)
    code = drive(keys, lambda: main(["--content", str(content), "opfoelgning", *args], env))
    return code, " ".join((screen(env) + errors(env)).split())


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


def lock_info(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock.info")  # there only while the lock is held


# -- the tests --------------------------------------------------------------------------------


def test_a_new_flow_runs_through_the_runner_alone(
    with_command, home: Path, nordby: Path, content: Path
) -> None:
    before = load(nordby)
    # no session named: the flow's own question chooses one (Enter: the only one)
    keys = ENTER + "Karin fra Frivilligcentret" + ENTER + ENTER + ENTER
    code, out = run(home, content, keys)
    assert code == 0, out
    assert "Opfølgning på et opkald" in out
    assert "Opfølgningen er gemt." in out
    session = load(nordby)
    assert session.answers[WHERE] == {
        "who": "Karin fra Frivilligcentret",
        "when": "2026-11-27",  # Enter at an empty date: today, said by the spec, not the put
        "again": "True",
    }
    # the detour is left: its place let go, the cursor back at the first step not done, and
    # where the wizard's step was left kept as it was
    assert WHERE not in session.left_at and not session.drafts
    assert (session.cursor.step, session.cursor.question) == ("raek_ud", "")
    assert session.left_at == before.left_at
    assert not lock_info(nordby).exists()


def test_a_stop_at_the_second_question_is_resumed_there(
    with_command, home: Path, nordby: Path, content: Path
) -> None:
    keys = "Karin" + ENTER + "1/11" + CTRL_C  # a part of the name will do
    code, out = run(home, content, keys, "fællesspisning")
    assert code == 130
    assert "Fortsæt med: samarbejde opfoelgning 'Fællesspisning i Nordby'" in out
    session = load(nordby)  # on disk: the first answer, the cursor at the second question
    assert session.answers[WHERE] == {"who": "Karin"}
    assert (session.cursor.step, session.cursor.question) == (WHERE, "when")
    assert session.left_at[WHERE] == "when"
    assert session.drafts == {f"{WHERE}.when": "1/11"}
    assert not lock_info(nordby).exists()  # the lock is let go after a stop too
    # again: at the second question, the draft in the prompt (Enter keeps it), then the third
    code, out = run(home, content, ENTER + ENTER, NAME)
    assert code == 0, out
    session = load(nordby)
    assert session.answers[WHERE] == {"who": "Karin", "when": "2026-11-01", "again": "True"}
    assert WHERE not in session.left_at and not session.drafts
    assert (session.cursor.step, session.cursor.question) == ("raek_ud", "")


def test_the_labels_are_the_texts_of_their_keys(
    with_command, home: Path, nordby: Path, content: Path
) -> None:
    """Plain lines (`--enkel`) show each label as it is asked: the text of the spec's key."""
    env = make_env(home)
    env.enkel, env.stdin_isatty = True, lambda: False
    env.stdin = io.StringIO("Karin\n" + CLEAR)  # the file ends at the second question
    code = main(["--content", str(content), "opfoelgning", NAME], env)
    out = " ".join(screen(env).split())
    assert code == 130, out
    assert "Hvem talte du med?" in out and "Hvornår?" in out
    assert "opfoelgning_ask" not in out
    assert "Fortsæt med: samarbejde --enkel opfoelgning 'Fællesspisning i Nordby'" in out


def test_a_session_open_elsewhere_is_refused_untouched(
    with_command, home: Path, nordby: Path, content: Path
) -> None:
    before = nordby.read_bytes()
    with held_elsewhere(nordby):
        code, out = run(home, content, "", NAME)  # refused before any question
    assert code == 1
    assert "er åben et andet sted" in out
    assert nordby.read_bytes() == before
