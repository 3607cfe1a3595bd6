"""The Typer app: each command parses its arguments and hands over to `commands`.

Help and usage errors are written in Danish from the content's texts, in plain text (Typer's
Rich help would cost a third of the start-up time and speaks English).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import core as click
from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from .content import fallback_texts

T = fallback_texts()


class _DanishHelp:
    """Click's help layout with Danish headings and the help option's text from content."""

    def format_usage(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=T("help_usage") + " ")

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.name == "help":
                record = (record[0], T("help_opt_help"))
            if param.param_type_name == "argument":
                arguments.append((param.metavar or record[0], getattr(param, "help", "") or ""))
            else:
                options.append(record)
        if arguments:
            with formatter.section(T("help_arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(T("help_options")):
                formatter.write_dl(options)


class DanishCommand(_DanishHelp, TyperCommand):
    pass


class DanishGroup(_DanishHelp, TyperGroup):
    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width)))
        if rows:
            with formatter.section(T("help_commands")):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            ctx.fail(T("usage_no_such_command", name=args[0]))
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=DanishGroup,
    help=T("app_help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    options_metavar=T("help_metavar_options"),
    subcommand_metavar=T("help_metavar_command"),
    context_settings={"help_option_names": ["--help", "-h"]},
)

OPTIONS = T("help_metavar_options")
SessionArg = Annotated[
    str | None, typer.Argument(help=T("help_arg_session"), metavar=T("help_metavar_session"))
]


@app.callback()
def main(
    ctx: typer.Context,
    content: Annotated[
        Path | None,
        typer.Option("--content", help=T("help_opt_content"), metavar=T("help_metavar_file")),
    ] = None,
) -> None:
    from .env import Env

    ctx.obj = Env(content=content)


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_start"))
def start(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Option("--name", help=T("help_opt_name"), metavar=T("help_metavar_name"))
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help=T("help_opt_role"), metavar="kommune|civilsamfund"),
    ] = None,
) -> None:
    from . import commands

    raise typer.Exit(commands.start(ctx.obj, name, role))


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_resume"))
def resume(ctx: typer.Context, session: SessionArg = None) -> None:
    from . import commands

    raise typer.Exit(commands.resume(ctx.obj, session))


@app.command("list", cls=DanishCommand, options_metavar=OPTIONS, help=T("help_list"))
def list_(ctx: typer.Context) -> None:
    from . import commands

    raise typer.Exit(commands.list_sessions(ctx.obj))


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_summary"))
def summary(
    ctx: typer.Context,
    session: SessionArg = None,
    as_json: Annotated[bool, typer.Option("--json", help=T("help_opt_json"))] = False,
) -> None:
    from . import commands

    raise typer.Exit(commands.show_summary(ctx.obj, session, as_json))


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_guide"))
def guide(ctx: typer.Context) -> None:
    from . import commands

    raise typer.Exit(commands.read_guide(ctx.obj))


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_export"))
def export(
    ctx: typer.Context,
    session: SessionArg = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=T("help_opt_format"), metavar="md|html|csv", show_default=False
        ),
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help=T("help_opt_output"), metavar=T("help_metavar_file")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_force"))] = False,
    csv_delimiter: Annotated[
        str,
        typer.Option(
            "--csv-delimiter",
            help=T("help_opt_csv_delimiter"),
            metavar=T("help_metavar_char"),
            show_default=False,
        ),
    ] = ";",
) -> None:
    from . import commands

    raise typer.Exit(commands.export_report(ctx.obj, session, fmt, output, force, csv_delimiter))


@app.command(cls=DanishCommand, options_metavar=OPTIONS, help=T("help_delete"))
def delete(
    ctx: typer.Context,
    session: Annotated[
        str, typer.Argument(help=T("help_arg_session_named"), metavar=T("help_metavar_session"))
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=T("help_opt_yes"))] = False,
) -> None:
    from . import commands

    raise typer.Exit(commands.delete_session(ctx.obj, session, yes))


def _usage_message(err: click_errors.UsageError) -> str:
    if isinstance(err, click_errors.NoSuchOption):
        return T("usage_no_such_option", option=err.option_name)
    if isinstance(err, click_errors.MissingParameter) and err.param is not None:
        return T("usage_missing", param=err.param.metavar or str(err.param.name).upper())
    extra = re.match(r"Got unexpected extra argument\(s\) \((.*)\)", err.message)
    if extra:
        return T("usage_extra", args=extra.group(1))
    if isinstance(err, click_errors.BadParameter):
        return T("usage_bad_value", detail=err.format_message())
    return err.format_message()


def run_app(args: Sequence[str]) -> int:
    """Run the Typer app on `args`; usage errors get a Danish message and exit code 2."""
    import sys

    try:
        result: Any = app(args=list(args), prog_name="samarbejde", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as err:
        print(err.format_message())
        return 2
    except click_errors.UsageError as err:
        usage = err.ctx.get_usage() if err.ctx else ""
        command = err.ctx.command_path if err.ctx else "samarbejde"
        print(f"{T('error_prefix')} {_usage_message(err)}", file=sys.stderr)
        if usage:
            print(usage, file=sys.stderr)
        print(T("usage_see_help", command=command), file=sys.stderr)
        return 2
    except Abort:
        return 130
    return result if isinstance(result, int) else 0
