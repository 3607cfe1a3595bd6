"""`compare`'s questions: names on the two sides that are likely one actor, asked one at a
time ('Er "Madklubben i Nordby" det samme som "Nordby Madklub"?'), yes or no, through
`env.prompts()` (`--enkel`: as lines). Each answer is saved at once in the user's own
session (`Session.same_names`, keyed by the two names, so a new share file from the other
side keeps it), under the session's lock; the next `compare` does not ask again. Without a
session among the two sides, the answers count for this comparison only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.text import Text

from samarbejde.base.errors import Interrupted, Msg
from samarbejde.reports.compare import Comparison, Proposal, answer_key
from samarbejde.runner.env import Env
from samarbejde.runner.flow import require_terminal
from samarbejde.sessions.lock import SessionLock
from samarbejde.sessions.model import Session
from samarbejde.sessions.sides import Side


def question(env: Env, p: Proposal, c: Comparison, turned: bool) -> str:
    """The question in the user's words: "jeres" is the user's side."""
    t = env.texts
    ours, theirs = (c.b, c.a) if turned else (c.a, c.b)
    if p.kind == "pair":
        first, second = (p.b, p.a) if turned else (p.a, p.b)
        return t("compare_ask_pair", ours=first, theirs=second)
    mine = (p.kind == "them") != turned  # an actor on the user's own list
    if mine:
        return t("compare_ask_them", name=p.b if turned else p.a, other=theirs.who)
    return t("compare_ask_us", name=p.a if turned else p.b, other=theirs.who, own=ours.who)


@contextlib.contextmanager
def _kept(env: Env, side: Side | None) -> Iterator[Session | None]:
    """The user's session, held under its lock while the questions are asked."""
    if side is None or side.path is None:
        yield None
        return
    with SessionLock(side.path, env.now):
        yield env.store.load(side.path)


def ask(env: Env, c: Comparison, mine: Side | None, turned: bool) -> dict[str, bool]:
    """Each proposal of `c` asked; the answers (A's name first), each saved as given."""
    require_terminal(env)
    t = env.texts
    prompts = env.prompts()
    say = env.console.print
    answers: dict[str, bool] = {}
    choices = [(True, t("compare_ask_yes")), (False, t("compare_ask_no"))]
    with _kept(env, mine) as session:
        say(Text(t("compare_ask_intro", count=len(c.proposed)), style="bold"))
        if session is not None:
            say(Text(t("compare_ask_kept", name=session.name), style="dim"))
        else:
            say(Text(t("compare_ask_once"), style="dim"))
        for p in c.proposed:
            try:
                yes = bool(prompts.select(question(env, p, c, turned), choices, None))
            except Interrupted as stop:  # what was answered is kept; the rest asked next time
                if session is not None and answers:
                    stop.msg = Msg("compare_ask_stopped", {"name": session.name})
                raise
            answers[p.key] = yes
            if session is not None and mine is not None and mine.path is not None:
                key = answer_key(p.b, p.a) if turned else p.key
                session.same_names[key] = yes
                env.store.save(session, mine.path)
        say()
    return answers
