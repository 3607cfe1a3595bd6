"""The wizard: the opening questions, then the guide's steps one after the other, and the
menu of a resumed session.

Each step is a flow of question specs asked by the runner (`runner.flow.Flow.run`): its questions
have keys within the step (e.g. `p2.influence`), the step remembers where the user left it
(`left_at`), and a step started again begins at that key. What each step asks is in its
module under `steps/` (a step of plain text questions needs none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.rule import Rule
from rich.text import Text

from samarbejde import steps
from samarbejde.base.errors import ExitCode
from samarbejde.base.ids import DONE, START
from samarbejde.base.lookalike import seen
from samarbejde.flows import our_contact
from samarbejde.guide.content import Guide, Step
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.lifecycle import open_flow
from samarbejde.runner.questions import Prompter, QuestionSpec, Spec, text
from samarbejde.sessions.model import Cursor, Session, new_session

OPENING: list[Spec] = [
    QuestionSpec(
        "role",
        "choice",
        "wizard_ask_role",
        lambda flow, item: flow.session.role,
        lambda flow, item, value: setattr(flow.session, "role", value),
        choices=lambda flow, item: [(r.id, r.label) for r in flow.guide.roles],
    ),
    text(
        "organisation",
        "wizard_ask_organisation",
        lambda flow, item: flow.session.organisation,
        lambda flow, item, value: setattr(flow.session, "organisation", value),
    ),
    QuestionSpec(
        "forms",
        "checkbox",
        "wizard_ask_forms",
        put=lambda flow, item, value: setattr(flow.session, "forms", value),
        choices=lambda flow, item: [
            (f.id, f.label, f.id in flow.session.forms) for f in flow.guide.forms
        ],
    ),
    *our_contact.SPECS,
]


class Wizard(Flow):
    """The guide's steps, one after the other, each a flow of the runner."""

    # -- the opening questions -------------------------------------------------------------

    def opening(self, resume_key: str | None) -> None:
        self.run(START, OPENING, resume_key)
        self.session.left_at.pop(START, None)

    # -- the journey -----------------------------------------------------------------------

    def journey(self) -> None:
        """From where the user left off to the end of the guide."""
        s = self.session
        if START in s.left_at or not s.role:
            self.opening(s.left_at.get(START))
        first = self.resume_step()
        ids = [step.id for step in self.guide.steps]
        for step in self.guide.steps[ids.index(first) :]:
            if step.id in s.completed and step.id != first:
                continue
            again = step.id in s.completed  # done once, something missing since: just that
            self.only_missing = again
            try:
                self.run_step(step, s.left_at.get(step.id))
            finally:
                self.only_missing = False
            if again:
                self.onward(step)  # and what that leaves missing in the next step

    def resume_step(self) -> str:
        """The step to carry on with: the cursor's, or the first step not done, or the first
        whose data lacks something since it was done (a new partner not rated)."""
        s, g, ids = self.session, self.guide, [step.id for step in self.guide.steps]
        if s.cursor.step in ids and s.cursor.step not in s.completed:
            return s.cursor.step
        first = next((i for i in ids if i not in s.completed), None)
        if first is None:
            first = next((i for i in ids if steps.kind(i).status(s, g) != DONE), ids[-1])
        return first

    def all_done(self) -> bool:
        """Every step done, as the menu and the summary show them (none "i gang")."""
        s, g = self.session, self.guide
        opening = START not in s.left_at
        return opening and all(steps.kind(step.id).status(s, g) == DONE for step in g.steps)

    def run_step(self, step: Step, resume_key: str | None = None) -> None:
        # one numbering, the guide's: "Trin 3 af 5: …"; what comes before step 1 has none
        key = "wizard_step" if step.numbered else "wizard_before"
        count = self.guide.numbered_steps
        title = self.t(key, number=step.number, title=step.full_title, count=count)
        if len(title) > self.env.console.width - 4 and step.short_title:  # a narrow screen
            title = self.t(key, number=step.number, title=step.short_title, count=count)
        self.show(Text(), Rule(title, align="left"))
        if step.program_note:  # what in the step is the program's, not the guide's
            self.say(step.program_note, "italic")
        for paragraph in step.text:
            self.say(paragraph)
        if self.session.cursor.step != step.id or not self.saved:
            # the cursor at this step before its first question: a crash resumes here, and a
            # file that cannot be written says so now, before anything is typed into it
            extra = self.session.cursor.model_extra or {}
            self.session.cursor = Cursor(step=step.id, question=resume_key or "", **extra)
            self.save()
        steps.kind(step.id).run(self, step, resume_key)
        self.session.left_at.pop(step.id, None)
        if step.id not in self.session.completed:
            self.session.completed.append(step.id)
        done = all(other.id in self.session.completed for other in self.guide.steps)
        if done and self.session.completed_on is None:  # the evaluations' starting point
            self.session.completed_on = self.today()
        self.session.cursor = Cursor(step=self._next_step_id(step), question="")
        self.save()

    def onward(self, step: Step) -> None:
        """After a revisit, go where the work is: the next step, if what was changed left
        something missing there (a new partner not rated), asked for what is missing only."""
        later = self.guide.steps[self.guide.steps.index(step) + 1 :]
        if not later or later[0].id not in self.session.completed:
            return
        kind = steps.kind(later[0].id)
        if kind.missing(self.session, self.guide):
            self.only_missing = True
            try:
                self.run_step(later[0])
            finally:
                self.only_missing = False

    def _next_step_id(self, step: Step) -> str:
        ids = [s.id for s in self.guide.steps]
        later = [i for i in ids[ids.index(step.id) + 1 :] if i not in self.session.completed]
        return later[0] if later else step.id

    def finish(self) -> None:
        """The closing words: praise only when every step is done; else what is missing."""
        self.show(Text())
        s, g = self.session, self.guide
        gaps = [
            self.t(
                "wizard_gap", step=step.short_heading, gap=steps.kind(step.id).status_label(s, g)
            )
            for step in g.steps
            if steps.kind(step.id).status(s, g) != DONE
        ]
        if gaps:
            self.say(self.t("wizard_done_gaps"), "bold yellow")
            for gap in gaps:
                self.say(gap, "yellow")
        else:
            self.say(self.t("wizard_done"), "bold green")
        self.show(_summary_view(self.env, self.session, self.path, self.guide, self.width))


# -- entry points ----------------------------------------------------------------------------


def named(env: Env, prompts: Prompter, wanted: str) -> Path | int | None:
    """`start` with a name given (`flows/start.py` asks it): the file a new session of that
    name goes in; or, where a session of that name (or one that looks like it) is there, the
    resumed session's exit code, or None to ask for another name."""
    store = env.store  # the guide, validated, from here on
    t = env.texts
    path = store.path_for(wanted)
    near = [] if path.exists() else near_namesakes(env, wanted)
    if near:  # the same name but for case, accents, dashes or spaces
        existing, where = near[0]
        # with its file where several look alike (as `list` names them)
        shown = f"{existing.name} ({where.name})" if len(near) > 1 else existing.name
        choice = prompts.select(
            t("wizard_name_near", name=wanted, existing=shown),
            [("resume", t("wizard_name_near_resume", existing=shown)),
             ("other", t("wizard_name_other")), ("new", t("wizard_name_near_new"))],
            "resume",
        )  # fmt: skip
        if choice == "resume":  # the file it is in, whatever its name would give
            return run_resume(env, None, where, prompts)
        if choice == "other":
            return None
    if not path.exists():
        return path
    choice = prompts.select(
        t("wizard_name_exists", name=wanted),
        [("resume", t("wizard_name_resume")), ("other", t("wizard_name_other"))],
        "resume",
    )
    if choice == "resume":
        return run_resume(env, None, path, prompts)
    return None


def begin(env: Env, prompts: Prompter, wanted: str, role: str | None, path: Path) -> int:
    """A new session named `wanted` in `path`: saved at once, then the whole journey."""
    session = new_session(wanted, role or "", env.now())
    session.our_contact = our_contact.latest(env)  # offered: Enter keeps it
    first = "organisation" if role else "role"
    session.cursor = Cursor(step=START, question=first)
    session.left_at[START] = first
    with open_flow(env, None, Wizard, path=path, prompts=prompts, new=session) as flow:
        flow.save()
        flow.say(flow.t("wizard_saved_at", path=str(flow.path)), "dim")
        flow.journey()
        flow.finish()
    return ExitCode.OK


def near_namesakes(env: Env, name: str) -> list[tuple[Session, Path]]:
    """Sessions whose names look like this one (`lookalike.seen`: the same but for case,
    accents, dashes, spacing, invisible characters and letters of other alphabets), with the
    file each is in (not always the file its name would get: a copy, a file renamed)."""
    key = seen(name)
    found = [(e.session, e.path) for e in env.store.readable() if e.session is not None]
    return [(s, p) for s, p in found if seen(s.name) == key and s.name != name]


def run_resume(
    env: Env, ref: str | None, path: Path | None = None, prompts: Prompter | None = None
) -> int:
    """The resume menu of the session `ref` names (or the one chosen, or `path`)."""
    with open_flow(env, ref, Wizard, path=path, prompts=prompts) as flow:
        return _menu(flow)


def _menu(flow: Wizard) -> int:
    t, g, env = flow.t, flow.guide, flow.env
    while True:
        s = flow.session
        all_done = flow.all_done()  # as the states listed below say: never "done" and "i gang"
        choices: list[tuple[str, str]] = []
        if all_done:
            choices.append(("summary", t("resume_all_done")))
        else:
            next_step = g.step(flow.resume_step()).short_heading
            choices.append(("continue", t("resume_continue", step=next_step)))
        for step in g.steps:
            state = steps.kind(step.id).status_label(s, g)
            choices.append(
                ("step:" + step.id, t("resume_goto", step=step.short_heading, status=state))
            )
        if not all_done:
            choices.append(("summary", t("resume_summary")))
        choices.append(("quit", t("resume_quit")))
        action = flow.select(t("resume_menu", name=s.name), choices, choices[0][0])
        if action == "continue":
            flow.journey()
            flow.finish()
            return ExitCode.OK
        if action == "summary":
            flow.show(_summary_view(env, s, flow.path, g, flow.width))
        elif action == "quit":
            from samarbejde.views.sessions import resume_command

            flow.say(t("wizard_bye", command=resume_command(s, env.program)), "bold")
            return ExitCode.OK
        else:
            if not s.role:
                flow.opening(None)
            step = g.step(action.split(":", 1)[1])
            flow.run_step(step)
            flow.onward(step)


def _summary_view(env: Env, session: Session, path: Path, guide: Guide, width: int) -> Any:
    """The summary, as the wizard shows it when the guide is done and from its menu; imported
    only then, so that the first question does not wait for it."""
    from samarbejde.reports import summary
    from samarbejde.views import summary as summary_views

    facts = summary.build(session, guide, env.today())
    return summary_views.summary_view(facts, path, guide, width, env.program, env.enkel)
