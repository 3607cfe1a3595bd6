"""The commands that show: the list, the summary, the agenda, the guide, and the bare menu."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text

from samarbejde.base.errors import ExitCode, UsageError
from samarbejde.base.terminal import JSON_SAFE
from samarbejde.cli.commands.common import say
from samarbejde.runner.env import Env


def list_sessions(env: Env) -> None:
    from samarbejde.base.terminal import command_line
    from samarbejde.views.sessions import briefs, copies, list_view

    entries = briefs(env.store, env.guide)
    if not entries:
        say(env, env.texts("list_empty"))
        return
    copied = copies(entries, env.guide)  # once: per entry it took 1,000 sessions 15 s
    view = list_view(entries, env.guide, env.console.width, copied)
    env.console.print(view, crop=False)  # laid out to the width: not measured again
    twins = [e for e in entries if e.path in copied]
    if twins:  # how to choose one of them
        example = command_line(env.program, "summary", twins[0].path.name)
        say(env, env.texts("list_copies", command=example), "yellow")
    for entry in entries:  # a priority without a plan: named, never left between steps
        if entry.brief is not None and entry.brief.no_plan:
            names = env.texts.listed(entry.brief.no_plan)
            step = env.guide.step_number("raek_ud")
            line = env.texts("list_no_plan", session=entry.brief.name, names=names, step=step)
            env.console.print(Text(line, style="yellow"))  # wrapped at the terminal's width
    say(env, env.texts("list_folder", path=env.store.folder), "dim")
    if any(e.brief and e.brief.overdue(env.today()) for e in entries):
        command = command_line(env.program, "agenda")
        say(env, env.texts("agenda_overdue_hint", command=command), "red")


def show_summary(env: Env, ref: str | None, as_json: bool) -> None:
    from samarbejde.reports.summary import build
    from samarbejde.views.summary import summary_view

    path = env.store.resolve(ref, partial=True)
    facts = build(env.store.load(path), env.guide, env.today())
    if as_json:
        import json

        data = facts.json_data()
        text = json.dumps(data, ensure_ascii=False, indent=2)  # æøå as they are; control
        print(text.translate(JSON_SAFE), file=env.stdout)  # characters (C1, DEL) escaped
        return
    view = summary_view(facts, path, env.guide, env.console.width, env.program, env.enkel)
    env.console.print(view)


def show_health(env: Env, ref: str | None) -> None:
    """The health check of one session: each item's rating over the rounds."""
    from samarbejde.reports.summary import build
    from samarbejde.sessions.health import partner_of
    from samarbejde.views.health import health_view

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    facts = build(session, env.guide, env.today())
    width, plain = env.console.width, env.enkel
    parts = health_view(facts, env.guide, partner_of(session), env.program, width, plain)
    for part in parts:
        env.console.print(part)


def show_agenda(env: Env, days: int, as_json: bool, ics: str | None, force: bool = False) -> None:
    """Across all sessions: next contacts and evaluations, overdue first."""
    from samarbejde.reports import agenda
    from samarbejde.sessions.store import competing
    from samarbejde.views.agenda import agenda_view
    from samarbejde.views.sessions import briefs

    if days < 0:
        raise UsageError("error_agenda_days", days=days)
    listed = briefs(env.store, env.guide)
    known = [(e.brief, e.path) for e in listed if e.brief is not None]
    found = agenda.items_of(known, env.today(), days, sourced=ics is not None)
    if ics is not None:  # the file --ics names, whatever its extension
        from samarbejde.cli.commands.delivery import deliver
        from samarbejde.reports import formats

        calendar = formats.Calendar(found)
        deliver(env, formats.AGENDA, formats.AGENDA.default, calendar, ics, force)
        return
    found = agenda.once(found)  # a session in several files: each date listed once
    if as_json:
        import json

        text = json.dumps(agenda.as_json(found, env.today()), ensure_ascii=False, indent=2)
        print(text.translate(JSON_SAFE), file=env.stdout)
        return
    for group in competing(known, lambda pair: pair[0].name).values():
        files = env.texts.listed([path.name for _, path in group])
        say(env, env.texts("agenda_copies", session=group[0][0].name, files=files), "yellow")
    for entry in listed:
        if entry.brief is None:  # named in one line, skipped
            big = entry.too_big
            if big is not None:
                line = env.texts("agenda_too_big", file=entry.path.name, **big.params)
            else:
                line = env.texts("agenda_unreadable", file=entry.path.name)
            say(env, line, "red")
    view = agenda_view(found, env.guide, days, env.console.width, env.program)
    env.console.print(view, crop=False)  # laid out to the width: not measured again


def show_handover(env: Env, ref: str | None, output: str | None, force: bool) -> None:
    """For a colleague taking over: the open contacts, their dates, who last spoke to whom;
    in the terminal, or with `-o` as a Markdown file."""
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    if output is not None:
        from samarbejde.cli.commands.delivery import deliver
        from samarbejde.reports import formats

        fmt = formats.HANDOVER.default
        deliver(env, formats.HANDOVER, fmt, session, output, force, names=[session.name])
        return
    from samarbejde.views.handover import handover_view

    env.console.print(handover_view(session, env.guide, env.today(), env.console.width))


def less_command(prompt: str) -> str:
    """`less` with colours and a Danish prompt on how to go on and how to leave (its own is a
    bare ":"). In a prompt, ? : . % and \\ are less's own signs unless escaped; the command
    goes through a shell, where the prompt stands in double quotes."""
    safe = "".join(c for c in prompt if c not in '"$`!')
    for sign in "\\?:.%":
        safe = safe.replace(sign, "\\" + sign)
    return f'less -R -Ps"{safe}"'


def read_guide(env: Env) -> None:
    from samarbejde.views.guide import guide_view

    view = guide_view(env.guide, env.enkel)
    console = env.console
    if console.is_terminal and not env.enkel:  # --enkel: no pager redrawing the screen
        lines = console.render_lines(view, pad=False)
        if len(lines) > console.height:
            import shutil

            if "PAGER" not in os.environ and shutil.which("less"):
                os.environ["PAGER"] = less_command(env.texts("guide_pager_prompt"))
            with console.pager(styles=True):
                console.print(view)
            return
    console.print(view)


def menu(env: Env) -> int:
    """A bare `samarbejde` in a terminal: carry on with the latest session, start a new one,
    see the overview, or read the guide."""
    from samarbejde.flows.start import run_start
    from samarbejde.flows.wizard import run_resume
    from samarbejde.runner.flow import require_terminal

    require_terminal(env)
    t = env.texts
    latest = env.store.readable()[:1]
    choices = []
    if latest and latest[0].session is not None:
        session = latest[0].session
        choices.append(("continue", t("menu_continue", name=session.name)))
        evaluation = session.next_evaluation(env.guide)
        if session.open_round() is not None:  # a round to finish, or one that is due
            choices.append(("evaluate", t("menu_evaluate_open", name=session.name)))
        elif evaluation is not None and evaluation <= env.today():
            choices.append(("evaluate", t("menu_evaluate", name=session.name)))
    due = _first_due_contact(env)
    if due is not None:  # overdue, or within a week
        choices.append(("contact", t("menu_contact")))
    choices += [("start", t("menu_start")), ("overview", t("menu_overview"))]
    choices += [("guide", t("menu_guide")), ("quit", t("menu_quit"))]
    prompts = env.prompts()
    action = prompts.select(t("menu_question"), choices, choices[0][0])
    if action == "continue":
        return run_resume(env, None, latest[0].path, prompts)
    if action == "start":
        return run_start(env)
    if action == "evaluate":
        from samarbejde.flows.evaluate import run_evaluate

        return run_evaluate(env, None, latest[0].path, prompts)
    if action == "contact" and due is not None:
        from samarbejde.flows.contact import Flags, run_contact

        return run_contact(env, str(due), None, Flags())
    if action == "overview":
        list_sessions(env)
        if latest:
            show_summary(env, str(latest[0].path), as_json=False)
    elif action == "guide":
        read_guide(env)
    return ExitCode.OK


FOLLOW_UP_DAYS = 7  # the menu offers to follow up a contact that is due within a week


def _first_due_contact(env: Env) -> Path | None:
    """The session of the first contact overdue or due within a week, if any."""
    import datetime as dt

    soon = env.today() + dt.timedelta(days=FOLLOW_UP_DAYS)
    due = [(u.date, e.path) for e in env.store.readable() if e.session is not None
           for u in e.session.next_contacts(env.today()) if u.date <= soon]  # fmt: skip
    return min(due)[1] if due else None
