"""What each command does, once its arguments are parsed (by the Typer app in `cli`).

Every function takes the `Env`; it returns an exit code or None (0), and raises a
`SamarbejdeError` for anything the user must be told: the handler in `cli` prints it.
Neither Typer nor questionary is imported here.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text

from .env import Env
from .errors import ExitCode, SessionError, UsageError, os_detail


def say(env: Env, text: str, style: str = "") -> None:
    """A line of plain text: never read as markup, so a name or a path shows as it is."""
    env.console.print(Text(text, style=style), soft_wrap=True)


def list_sessions(env: Env) -> None:
    from .views import list_view

    entries = env.store.listing()
    if not entries:
        say(env, env.texts("list_empty"))
        return
    env.console.print(list_view(entries, env.guide))
    say(env, env.texts("list_folder", path=env.store.folder), "dim")


def show_summary(env: Env, ref: str | None, as_json: bool) -> None:
    from .views import summary_data, summary_view

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    if as_json:
        import json

        data = summary_data(session, env.guide, env.today())
        print(json.dumps(data, ensure_ascii=False, indent=2), file=env.stdout)
        return
    view = summary_view(session, path, env.guide, env.today(), env.console.width, env.program)
    env.console.print(view)


def read_guide(env: Env) -> None:
    from .views import guide_view

    view = guide_view(env.guide)
    console = env.console
    if console.is_terminal:
        lines = console.render_lines(view, pad=False)
        if len(lines) > console.height:
            import shutil

            if "PAGER" not in os.environ and shutil.which("less"):
                os.environ["PAGER"] = "less -R"
            with console.pager(styles=True):
                console.print(view)
            return
    console.print(view)


def start(env: Env, name: str | None, role: str | None) -> int:
    from .wizard import run_start

    return run_start(env, name=name, role=role)


def resume(env: Env, ref: str | None) -> int:
    from .wizard import run_resume

    return run_resume(env, ref)


def export_report(
    env: Env, ref: str | None, fmt: str, output: str | None, force: bool, delimiter: str
) -> None:
    from . import export as reports
    from .store import atomic_write, slug

    if len(delimiter) != 1 or delimiter.isalnum() or delimiter in "\"' \r\n":
        raise UsageError("error_export_delimiter", delimiter=delimiter)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    guide = env.guide
    if fmt == "md":
        data = reports.markdown(session, guide, env.today()).encode("utf-8")
    elif fmt == "html":
        data = reports.html_report(session, guide, env.today()).encode("utf-8")
    else:
        data = reports.csv_bytes(session, guide, delimiter)
    if output == "-":
        env.write_bytes(data)
        return
    target = Path(output) if output else Path.cwd() / f"{slug(session.name)}.{fmt}"
    if target.is_dir():
        target = target / f"{slug(session.name)}.{fmt}"
    if target.exists() and not force:
        raise SessionError("error_export_exists", path=target)
    if not target.parent.is_dir():
        raise SessionError("error_export_no_folder", folder=target.parent)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    say(env, env.texts("export_done", path=target))


def delete_session(env: Env, ref: str, yes: bool) -> int:
    """Delete a session: only a file that loads as one, and never while a wizard has it."""
    from .lock import SessionLock

    path = env.store.resolve(ref)
    try:
        session = env.store.load(path)
    except SessionError as err:
        reason = err.msg.params.get("reason", err.msg)
        raise SessionError("error_delete_not_session", path=path, reason=reason) from None
    with SessionLock(path, env.now):
        if not yes:
            if not env.stdin_isatty():
                raise UsageError("error_delete_no_terminal", name=session.name)
            say(env, env.texts("delete_confirm", name=session.name))
            try:
                answer = env.console.input(Text(env.texts("delete_prompt")))
            except (KeyboardInterrupt, EOFError):
                env.console.print()  # the answer's line was left open
                say(env, env.texts("delete_kept"))
                return ExitCode.INTERRUPTED
            if answer.strip().lower() not in env.texts("delete_yes_answers").split():
                say(env, env.texts("delete_kept"))
                return ExitCode.OK
        try:
            path.unlink()
        except OSError as exc:
            detail = os_detail(exc)
            raise SessionError("error_session_delete", path=path, detail=detail) from None
    say(env, env.texts("delete_done", name=session.name))
    return ExitCode.OK
