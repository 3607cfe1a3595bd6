"""A flow's lifecycle: the session found, locked, loaded, asked and left, in one place.

Every flow that works on a saved session (the wizard's resume, `evaluate`, `contact`,
`agreement`, and any flow added later) opens it here:

- `open_flow`: the terminal checked, the session found by its name (a part of one name will
  do) or chosen from a list (with the flow's own question), its lock held while the flow runs
  and let go however it ends, the session loaded and the `Flow` built on `env.prompts()`, with
  the command that carries on after a stop (`samarbejde evaluate NAVN`).
- `detour`: a flow asked at its own place (`where`) beside the guide's steps. It resumes at
  the question where it was left (`left_at`), drafts kept; a fresh visit lets go of an earlier
  visit's place and drafts. When it ends, its place is let go and the cursor goes back to the
  first step not done, saved once; a stop leaves the place and the draft as the runner saved
  them, and the stop says how to carry on (exit 130).
- `run_flow`: both, for a flow that is its specs alone. A new flow is a module with its specs
  and a line that calls `run_flow`, its texts, and its command in `cli/app.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from rich.rule import Rule
from rich.text import Text

from samarbejde.base.dates import fmt_time
from samarbejde.base.errors import ExitCode, Interrupted, SessionError
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow, require_terminal
from samarbejde.runner.questions import Prompter, Spec
from samarbejde.sessions.lock import WAIT, SessionLock
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Listed, competing, default_entry

F = TypeVar("F", bound=Flow)

CHOOSE = "resume_choose_session"  # the question that chooses a session, unless a flow has its own


def _name(entry: Listed) -> str | None:
    return entry.session.name if entry.session is not None else None


def choose_session(env: Env, prompts: Prompter, question: str = CHOOSE) -> Path:
    """The session to work on, newest first; `question` is the text key of the question."""
    t = env.guide.texts
    readable = env.store.readable()
    if not readable:
        raise SessionError("error_no_sessions")
    twins = {e.path for group in competing(readable, _name).values() for e in group}
    choices = [
        (
            e.path,
            t(
                "resume_session_label_file" if e.path in twins else "resume_session_label",
                name=e.session.name,
                role=env.guide.role_label(e.session.role) or "-",
                changed=fmt_time(e.session.updated, t),  # as it says; `changed` orders
                file=e.path.name,  # names that look alike: the file tells them apart
            ),
        )
        for e in readable
        if e.session is not None
    ]
    chosen: Path = prompts.select(t(question), choices, default_entry(readable).path)
    return chosen


@contextmanager
def open_flow(
    env: Env,
    ref: str | None,
    kind: type[F],
    *,
    command: str = "resume",
    choose_question: str = CHOOSE,
    path: Path | None = None,
    prompts: Prompter | None = None,
    new: Session | None = None,
) -> Iterator[F]:
    """A flow of `kind` on the session `ref` names (a part of one name will do), or on one
    the user chooses by `choose_question` when `ref` is None; its lock held until the block
    ends. `command` carries on after a stop. A caller already asking questions (the bare
    menu, `start`) passes its `prompts` and the session's `path`: the terminal was checked.
    `new` is a session not saved yet (`start`), to be kept at `path`: held, not loaded."""
    if prompts is None:
        require_terminal(env)
        prompts = env.prompts()
    if path is None:
        found = env.store.resolve(ref, partial=True) if ref else None
        path = found or choose_session(env, prompts, choose_question)
    with SessionLock(path, env.now, WAIT):
        session = new if new is not None else env.store.load(path)
        flow = kind(env, prompts, session, path, command=command)
        try:
            yield flow
        except KeyboardInterrupt:
            # Ctrl-C between two questions (a terminal not yet in a prompt's raw mode turns it
            # into a signal): a stop like one at a prompt — what was answered is saved, and
            # the stop says how to carry on, never an exit without a word.
            stop = Interrupted()
            flow.stopped(stop)
            raise stop from None


@contextmanager
def detour(flow: Flow, where: str, *, fresh: bool = False) -> Iterator[str | None]:
    """A flow asked at `where`, beside the guide's steps: gives the key to resume at (None:
    from the start). `fresh`: a new visit, which lets go of where an earlier one stopped and of
    its drafts. When the block ends, the place is let go, the cursor goes back to the first
    step not done, and the session is saved; a stop keeps the place and the draft."""
    s = flow.session
    if fresh:
        s.left_at.pop(where, None)
        for key in [k for k in s.drafts if k.startswith(where + ".")]:
            del s.drafts[key]
    yield s.left_at.get(where)
    s.left_at.pop(where, None)
    s.cursor.step, s.cursor.question = s.first_open_step(flow.guide), ""
    flow.save()


def run_flow(
    env: Env,
    ref: str | None,
    *,
    where: str,
    specs: Sequence[Spec],
    command: str,
    choose_question: str = CHOOSE,
    heading: str = "",
    done: str = "",
) -> int:
    """A flow that is its specs alone, from start to end: the session opened (`open_flow`),
    `heading` (a text key, given the session's `name`) shown above the questions, the file
    checked writable before the first, the specs asked at `where` from where a stop left them
    (`detour`), and `done` (a text key) said at the end."""
    with open_flow(env, ref, Flow, command=command, choose_question=choose_question) as flow:
        name = flow.session.name
        if heading:
            flow.show(Text(), Rule(flow.t(heading, name=name), align="left"))
        flow.check_writable()
        with detour(flow, where) as resume:
            flow.run(where, specs, resume)
        if done:
            flow.say(flow.t(done, name=name), "bold green")
    return ExitCode.OK
