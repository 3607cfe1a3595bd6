"""The command line. Each command parses, calls, prints and decides the exit code."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from .content import fallback_texts
from .env import Env
from .errors import EXIT_INTERRUPTED, SamarbejdeError, SessionError, UsageError

T = fallback_texts()

app = typer.Typer(
    help=T("app_help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SessionArg = Annotated[str | None, typer.Argument(help=T("help_arg_session"), show_default=False)]


@app.callback()
def main(
    ctx: typer.Context,
    content: Annotated[
        Path | None,
        typer.Option("--content", help=T("help_opt_content"), show_default=False),
    ] = None,
) -> None:
    ctx.obj = Env(content=content)


def report(env: Env, err: SamarbejdeError) -> None:
    texts = fallback_texts()
    env.err.print(f"[bold red]{texts('error_prefix')}[/] ", end="")
    env.err.print(texts.render(err.msg), markup=False, highlight=False)
    for detail in err.details:
        env.err.print(texts.render(detail), markup=False, highlight=False)


@contextlib.contextmanager
def handled(env: Env) -> Iterator[None]:
    try:
        yield
    except SamarbejdeError as err:
        report(env, err)
        raise typer.Exit(err.exit_code) from None
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None


@app.command(help=T("help_start"))
def start(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help=T("help_opt_name"))] = None,
    role: Annotated[str | None, typer.Option("--role", help=T("help_opt_role"))] = None,
) -> None:
    env: Env = ctx.obj
    with handled(env):
        if role is not None and role not in ("kommune", "civilsamfund"):
            raise UsageError("error_unknown_role", role=role)
        from .wizard import run_start

        raise typer.Exit(run_start(env, name=name, role=role))


@app.command(help=T("help_resume"))
def resume(ctx: typer.Context, session: SessionArg = None) -> None:
    env: Env = ctx.obj
    with handled(env):
        from .wizard import run_resume

        raise typer.Exit(run_resume(env, session))


@app.command("list", help=T("help_list"))
def list_(ctx: typer.Context) -> None:
    env: Env = ctx.obj
    with handled(env):
        from .views import list_view

        entries = env.store.listing()
        if not entries:
            env.console.print(env.texts("list_empty"), highlight=False)
            return
        env.console.print(list_view(entries, env.guide))
        env.console.print(
            env.texts("list_folder", path=env.store.folder), style="dim", highlight=False
        )


@app.command(help=T("help_summary"))
def summary(
    ctx: typer.Context,
    session: SessionArg = None,
    as_json: Annotated[bool, typer.Option("--json", help=T("help_opt_json"))] = False,
) -> None:
    env: Env = ctx.obj
    with handled(env):
        from .views import summary_data, summary_view

        path = env.store.resolve(session)
        loaded = env.store.load(path)
        if as_json:
            data = summary_data(loaded, env.guide, env.today())
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return
        env.console.print(summary_view(loaded, path, env.guide, env.today(), env.console.width))


@app.command(help=T("help_guide"))
def guide(ctx: typer.Context) -> None:
    env: Env = ctx.obj
    with handled(env):
        from .views import guide_view

        view = guide_view(env.guide)
        console = env.console
        if console.is_terminal:
            lines = console.render_lines(view, pad=False)
            if len(lines) > console.height:
                if "PAGER" not in os.environ and shutil.which("less"):
                    os.environ["PAGER"] = "less -R"
                with console.pager(styles=True):
                    console.print(view)
                return
        console.print(view)


@app.command(help=T("help_export"))
def export(
    ctx: typer.Context,
    session: SessionArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=T("help_opt_format"))] = "md",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help=T("help_opt_output"), show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_force"))] = False,
    csv_delimiter: Annotated[
        str, typer.Option("--csv-delimiter", help=T("help_opt_csv_delimiter"))
    ] = ";",
) -> None:
    env: Env = ctx.obj
    with handled(env):
        from . import export as reports
        from .session import atomic_write, slug

        if fmt not in reports.FORMATS:
            raise UsageError("error_export_format", format=fmt)
        if len(csv_delimiter) != 1:
            raise UsageError("error_export_delimiter", delimiter=csv_delimiter)
        path = env.store.resolve(session)
        loaded = env.store.load(path)
        guide = env.guide
        if fmt == "md":
            data = reports.markdown(loaded, guide, env.today()).encode("utf-8")
        elif fmt == "html":
            data = reports.html_report(loaded, guide, env.today()).encode("utf-8")
        else:
            data = reports.csv_bytes(loaded, guide, csv_delimiter)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        target = Path(output) if output else Path.cwd() / f"{slug(loaded.name)}.{fmt}"
        if target.is_dir():
            target = target / f"{slug(loaded.name)}.{fmt}"
        if target.exists() and not force:
            raise SessionError("error_export_exists", path=target)
        try:
            atomic_write(target, data)
        except OSError as exc:
            from .errors import os_detail

            raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
        env.console.print(env.texts("export_done", path=target), highlight=False, soft_wrap=True)


@app.command(help=T("help_delete"))
def delete(
    ctx: typer.Context,
    session: Annotated[str, typer.Argument(help=T("help_arg_session"))],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=T("help_opt_yes"))] = False,
) -> None:
    env: Env = ctx.obj
    with handled(env):
        path = env.store.resolve(session)
        if not yes:
            if not env.stdin_isatty():
                raise UsageError("error_no_terminal")
            answer = typer.prompt(
                env.texts("delete_confirm", path=path), default="", show_default=False
            )
            if answer.strip().lower() not in ("j", "ja", "y", "yes"):
                env.console.print(env.texts("delete_kept"), highlight=False)
                return
        try:
            path.unlink()
        except OSError as exc:
            from .errors import os_detail

            raise SessionError("error_session_write", path=path, detail=os_detail(exc)) from None
        env.console.print(env.texts("delete_done", path=path), highlight=False)


def run() -> None:
    app()
