"""The runner: questions as data placed in order (`slots`, `locate`), and `Flow.run`, which
asks them from a resume key with one write per answer, the cursor travelling in it. The direct
tests run on the small test guide; the last one plays the shipped wizard's whole script."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from samarbejde.base.errors import Interrupted
from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.questions import Each, QuestionSpec, locate, slots, text
from samarbejde.sessions.model import Session, new_session
from samarbejde.sessions.store import Store
from tests.helpers.program import NOW, TEST_GUIDE
from tests.helpers.prompts import all_keys, drive, make_env
from tests.helpers.wizard_script import SCRIPT

STOP = object()  # in a list of answers: the user stops at this prompt


class Answers:
    """A `Prompter` that answers from a list, in order, and keeps each question it was asked;
    `STOP` (or `(STOP, "typed")`) stops there as Ctrl-C would, with what was typed."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        answer = self.answers.pop(0)
        if answer is STOP:
            raise Interrupted()
        if isinstance(answer, tuple) and answer[0] is STOP:
            raise Interrupted(draft=answer[1])
        return answer

    def text(self, message: str, default: str = "", **options: Any) -> str:
        return self._next(message)

    def select(self, message: str, choices: Sequence[Any], default: Any = None, digits=False):
        return self._next(message)

    def checkbox(self, message: str, choices: Sequence[Any]) -> list[Any]:
        return self._next(message)


class CountingStore(Store):
    """A store that keeps, for each save, the cursor and the answers written."""

    def __init__(self, home: Path) -> None:
        super().__init__(home, lambda: NOW)
        self.saves: list[tuple[str, str, dict[str, Any]]] = []

    def save(self, session: Session, path: Path | None = None) -> Path:
        cursor = session.cursor
        answers = dict(session.answers.get("hverdag", {}))
        self.saves.append((cursor.step, cursor.question, answers))
        return super().save(session, path)


def make_flow(home: Path, *answers: Any) -> tuple[Flow, CountingStore]:
    env = Env(
        console=make_console(file=io.StringIO(), width=80, color_system=None),
        err=make_console(file=io.StringIO(), width=80, color_system=None),
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: True,
        content=TEST_GUIDE,
    )
    store = CountingStore(home)
    env.store = store  # type: ignore[misc]  # the cached property, replaced for the test
    session = new_session("Testsession", "kommune", NOW)
    return Flow(env, Answers(*answers), session, store.path_for(session.name)), store


def answer(key: str):
    """A text question whose answer goes to `answers.hverdag.<key>`."""

    def get(flow, item):
        return flow.session.answers.get("hverdag", {}).get(key)

    def put(flow, item, value):
        flow.session.answers.setdefault("hverdag", {})[key] = value

    return text(key, lambda flow, item: f"{key}?", get, put)


def partners(flow) -> list[tuple[str, Any]]:
    return [("p1", "Brugsen"), ("p2", "Biblioteket")]


def rated(key: str):
    def put(flow, item, value):
        flow.session.answers.setdefault("hverdag", {})[f"{item}.{key}"] = value

    return QuestionSpec(key, "choice", lambda flow, item: f"{item}: {key}?", put=put,
                        choices=lambda flow, item: [("1", "1"), ("2", "2")])  # fmt: skip


def test_the_small_guide_is_one_the_program_runs(cli, small_guide) -> None:
    assert [s.id for s in small_guide.steps] == [
        "hverdag",
        "aktoerer",
        "prioriter",
        "raek_ud",
        "tjekliste",
    ]
    result = cli("--content", str(TEST_GUIDE), "guide")
    assert result.code == 0, result.stderr
    assert "Hverdagen" in result.stdout


# -- slots and locate: the flow's questions placed, and where a resume key starts -----------


def test_slots_key_each_item_question_by_the_item(tmp_path: Path) -> None:
    flow, _ = make_flow(tmp_path)
    specs = [answer("hvem"), Each(partners, (rated("interest"), rated("influence")))]
    found = slots(flow, specs)
    assert [s.key for s in found] == [
        "hvem",
        "p1.interest",
        "p1.influence",
        "p2.interest",
        "p2.influence",
    ]
    assert [s.item for s in found] == [None, "Brugsen", "Brugsen", "Biblioteket", "Biblioteket"]
    assert {s.item_key for s in found[1:]} == {"p1", "p2"}


def test_locate_finds_a_key_an_inner_key_of_a_call_or_starts_over(tmp_path: Path) -> None:
    flow, _ = make_flow(tmp_path)
    log = QuestionSpec("log", "call", lambda flow, item: "", inner=("log_date", "log_note"))
    found = slots(flow, [answer("hvem"), Each(partners, (rated("interest"), log))])
    assert locate(found, "p1.interest") == (1, None)
    assert locate(found, "p2.log") == (4, None)  # the call question itself
    assert locate(found, "p2.log_note") == (4, "p2.log_note")  # inside it: handed on
    assert locate(found, "log_note") == (0, None)  # an inner key without its item
    assert locate(found, "p9.interest") == (0, None)  # unknown: from the start
    assert locate(found, None) == (0, None)


# -- Flow.run ---------------------------------------------------------------------------


def test_run_saves_once_per_answer_with_the_cursor_at_the_next_asked_question(
    tmp_path: Path,
) -> None:
    flow, store = make_flow(tmp_path, "Ældre", "Om morgenen")
    skipped = QuestionSpec("aldrig", "text", lambda f, i: "aldrig?", when=lambda f, i: False)
    flow.run("hverdag", [answer("hvem"), skipped, answer("hvordan")], then="menu")
    assert flow.prompts.asked == ["hvem?", "hvordan?"]  # type: ignore[attr-defined]
    assert store.saves == [  # one per answer, the answer and the next question together
        ("hverdag", "hvordan", {"hvem": "Ældre"}),  # `aldrig` is not asked: skipped over
        ("hverdag", "menu", {"hvem": "Ældre", "hvordan": "Om morgenen"}),  # then: the menu
    ]
    saved = store.load(flow.path)
    assert saved.answers["hverdag"] == {"hvem": "Ældre", "hvordan": "Om morgenen"}
    assert (saved.cursor.step, saved.cursor.question) == ("hverdag", "menu")
    assert saved.left_at["hverdag"] == "menu"


def test_without_then_the_last_save_stays_at_the_last_question(tmp_path: Path) -> None:
    flow, store = make_flow(tmp_path, "Ældre")
    flow.run("hverdag", [answer("hvem")])
    assert store.saves == [("hverdag", "hvem", {"hvem": "Ældre"})]


def test_when_is_asked_just_before_the_question(tmp_path: Path) -> None:
    """`when` sees the answers given before it in the same run."""
    flow, _ = make_flow(tmp_path, "ja", "Fordi")
    only_after_yes = QuestionSpec(
        "hvorfor", "text", lambda f, i: "hvorfor?",
        put=lambda f, i, v: f.session.answers["hverdag"].__setitem__("hvorfor", v),
        when=lambda f, i: f.session.answers.get("hverdag", {}).get("hvem") == "ja",
    )  # fmt: skip
    flow.run("hverdag", [answer("hvem"), only_after_yes])
    assert flow.session.answers["hverdag"] == {"hvem": "ja", "hvorfor": "Fordi"}


def test_run_resumes_at_the_key_and_hands_an_inner_key_to_its_call(tmp_path: Path) -> None:
    calls: list[tuple[Any, str | None]] = []
    log = QuestionSpec(
        "log", "call", lambda f, i: "",
        call=lambda f, item, inner: calls.append((item, inner)), inner=("log_note",),
    )  # fmt: skip
    flow, store = make_flow(tmp_path, "2", "1")
    flow.run("contact", [answer("hvem"), Each(partners, (log, rated("interest")))], "p1.log_note")
    assert calls == [("Brugsen", "p1.log_note"), ("Biblioteket", None)]  # inside it once
    assert flow.prompts.asked == ["Brugsen: interest?", "Biblioteket: interest?"]  # type: ignore[attr-defined]
    # every slot from the resumed one saves once, the call's too, each with the next key
    assert [(step, key) for step, key, _ in store.saves] == [
        ("contact", "p1.interest"),
        ("contact", "p2.log"),
        ("contact", "p2.interest"),
        ("contact", "p2.interest"),
    ]
    assert store.saves[-1][2] == {"Brugsen.interest": "2", "Biblioteket.interest": "1"}


def test_a_stop_saves_the_draft_at_the_question_on_screen(tmp_path: Path) -> None:
    flow, store = make_flow(tmp_path, "Ældre", (STOP, "Om morg"))
    with pytest.raises(Interrupted) as stop:
        flow.run("hverdag", [answer("hvem"), answer("hvordan")])
    assert stop.value.msg.key == "wizard_interrupted"
    saved = store.load(flow.path)
    assert saved.answers["hverdag"] == {"hvem": "Ældre"}
    assert (saved.cursor.step, saved.cursor.question) == ("hverdag", "hvordan")
    assert saved.drafts == {"hverdag.hvordan": "Om morg"}
    assert len(store.saves) == 2  # the answer, and the stop


def test_each_answer_is_one_write_with_the_next_question_in_it(home: Path, monkeypatch) -> None:
    saves: list[tuple[str, str, dict[str, str]]] = []
    real = Store.save

    def counted(self: Store, session, path=None):  # type: ignore[no-untyped-def]
        cursor = session.cursor
        saves.append((cursor.step, cursor.question, dict(session.answers.get("dagligdag", {}))))
        return real(self, session, path)

    monkeypatch.setattr(Store, "save", counted)
    env = make_env(home)
    assert drive(all_keys(), lambda: main(["start"], env)) == 0
    daily = [s for s in saves if s[0] == "dagligdag"]
    # the step before ends (the cursor moves on to this one); then one save per answer, each
    # already pointing at the next question; the last stays at its question
    assert [(step, key) for step, key, _ in daily] == [
        ("dagligdag", ""),
        ("dagligdag", "en_dag"),
        ("dagligdag", "moeder"),
        ("dagligdag", "problem"),
        ("dagligdag", "problem"),
    ]
    assert list(daily[1][2]) == ["maalgruppe"]
    assert list(daily[-1][2]) == ["maalgruppe", "en_dag", "moeder", "problem"]
    # the whole run: at most one write per prompt (menus that change nothing write nothing),
    # and one as each step ends (it was two per answer, and one more per menu, before)
    assert len(saves) <= len(SCRIPT) + len(env.guide.steps)
