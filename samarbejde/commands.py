"""What each command does, apart from how its arguments are parsed.

Every function takes the `Env` and returns the exit code; a `SamarbejdeError` becomes its
Danish message on stderr and its exit code. Neither Typer nor questionary is imported here,
so the Typer app (`cli.py`) and the short path for `list` and `summary` (`main.py`) share it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from .content import fallback_texts
from .env import Env
from .errors import EXIT_INTERRUPTED, EXIT_OK, SamarbejdeError, SessionError, UsageError, os_detail


def report(env: Env, err: SamarbejdeError) -> None:
    """Print an error's Danish message (and details) on stderr."""
    texts = fallback_texts()
    env.err.print(f"[bold red]{texts('error_prefix')}[/] ", end="")
    env.err.print(texts.render(err.msg), markup=False, highlight=False)
    for detail in err.details:
        env.err.print(texts.render(detail), markup=False, highlight=False)


def guarded(env: Env, work: Callable[[], int | None]) -> int:
    """Run a command: errors become their message and exit code, Ctrl-C exits 130."""
    try:
        return work() or EXIT_OK
    except SamarbejdeError as err:
        report(env, err)
        return err.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def list_sessions(env: Env) -> int:
    def work() -> None:
        from .views import list_view

        entries = env.store.listing()
        if not entries:
            env.console.print(env.texts("list_empty"), highlight=False)
            return
        env.console.print(list_view(entries, env.guide))
        folder = env.texts("list_folder", path=env.store.folder)
        env.console.print(folder, style="dim", highlight=False)

    return guarded(env, work)


def show_summary(env: Env, ref: str | None, as_json: bool) -> int:
    def work() -> None:
        from .views import summary_data, summary_view

        path = env.store.resolve(ref)
        session = env.store.load(path)
        if as_json:
            import json

            data = summary_data(session, env.guide, env.today())
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return
        view = summary_view(session, path, env.guide, env.today(), env.console.width)
        env.console.print(view)

    return guarded(env, work)


def read_guide(env: Env) -> int:
    def work() -> None:
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

    return guarded(env, work)


def start(env: Env, name: str | None, role: str | None) -> int:
    def work() -> int:
        if role is not None and role not in ("kommune", "civilsamfund"):
            raise UsageError("error_unknown_role", role=role)
        from .wizard import run_start

        return run_start(env, name=name, role=role)

    return guarded(env, work)


def resume(env: Env, ref: str | None) -> int:
    def work() -> int:
        from .wizard import run_resume

        return run_resume(env, ref)

    return guarded(env, work)


def export_report(
    env: Env, ref: str | None, fmt: str, output: str | None, force: bool, delimiter: str
) -> int:
    def work() -> None:
        from . import export as reports
        from .session import atomic_write, slug

        if fmt not in reports.FORMATS:
            raise UsageError("error_export_format", format=fmt)
        if len(delimiter) != 1:
            raise UsageError("error_export_delimiter", delimiter=delimiter)
        path = env.store.resolve(ref)
        session = env.store.load(path)
        guide = env.guide
        if fmt == "md":
            data = reports.markdown(session, guide, env.today()).encode("utf-8")
        elif fmt == "html":
            data = reports.html_report(session, guide, env.today()).encode("utf-8")
        else:
            data = reports.csv_bytes(session, guide, delimiter)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        target = Path(output) if output else Path.cwd() / f"{slug(session.name)}.{fmt}"
        if target.is_dir():
            target = target / f"{slug(session.name)}.{fmt}"
        if target.exists() and not force:
            raise SessionError("error_export_exists", path=target)
        try:
            atomic_write(target, data)
        except OSError as exc:
            raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
        env.console.print(env.texts("export_done", path=target), highlight=False, soft_wrap=True)

    return guarded(env, work)


def delete_session(env: Env, ref: str, yes: bool) -> int:
    def work() -> None:
        path = env.store.resolve(ref)
        if not yes:
            if not env.stdin_isatty():
                raise UsageError("error_no_terminal")
            question = env.texts("delete_confirm", path=path) + " "
            answer = env.console.input(question)
            if answer.strip().lower() not in env.texts("delete_yes_answers").split():
                env.console.print(env.texts("delete_kept"), highlight=False)
                return
        try:
            path.unlink()
        except OSError as exc:
            raise SessionError("error_session_write", path=path, detail=os_detail(exc)) from None
        env.console.print(env.texts("delete_done", path=path), highlight=False)

    return guarded(env, work)
