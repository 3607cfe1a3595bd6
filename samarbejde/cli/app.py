"""The command line: the Typer app (the one parser) and `main`, the one place where errors
become a Danish message and an exit code.

Help and usage errors are Danish, from the content's texts. Help is click's plain layout with
our headings (Typer's Rich help speaks English). Usage errors are ours too: every command
takes extra arguments into `ctx.args` and refuses them itself; choices are checked by
callbacks; click's complaints about an option (unknown, a value missing, a value given to a
flag) are told apart by what they carry (`option_name`, `possibilities`: click's documented
attributes; Typer does not export the classes).
"""

import contextlib
import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from samarbejde.base.errors import (
    ExitCode,
    Interrupted,
    Msg,
    SamarbejdeError,
    UsageError,
    os_detail,
)
from samarbejde.cli import kept_help
from samarbejde.guide.texts import fallback_texts

if TYPE_CHECKING:
    from samarbejde.runner.env import Env

T = fallback_texts()


class CommandLineError(UsageError):
    """Wrong usage: shown with the command's usage line and where to find help."""

    def __init__(self, ctx: typer.Context, key: str, **params: object) -> None:
        super().__init__(key, **params)
        self.usage = ctx.get_usage()
        self.details.append(Msg("usage_see_help", {"command": ctx.command_path}))


def _option_problem(ctx: typer.Context, params: Sequence[Any], error: Exception) -> None:
    """Click's own complaint about an option, in Danish: unknown (it offers `possibilities`),
    a value missing, or a value given to a flag."""
    name = getattr(error, "option_name", None)
    param = getattr(error, "param", None)
    if name is None and param is not None:  # a value Typer could not convert
        option = max(getattr(param, "opts", None) or [str(param.name)], key=len)
        raise CommandLineError(ctx, "usage_option_bad", option=option) from None
    if name is None:
        return
    if hasattr(error, "possibilities"):
        raise CommandLineError(ctx, "usage_no_such_option", option=name) from None
    param = next((p for p in params if name in getattr(p, "opts", ())), None)
    if param is not None and getattr(param, "is_flag", False):
        raise CommandLineError(ctx, "usage_flag_value", option=name) from None
    raise CommandLineError(ctx, "usage_option_value", option=name) from None


class _DanishHelp:
    """Click's help layout with Danish headings and the help option's text from content."""

    def get_help(self, ctx: Any) -> str:
        text: str = super().get_help(ctx)  # type: ignore[misc]
        kept_help.given(ctx.command_path, text)  # kept for the next `--help` (kept_help.py)
        return text

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=T("help_usage") + " ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            # click would add its English "[default: 60]"; the Danish help says the default
            if getattr(param, "show_default", None):
                param.show_default = False
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.name == "help":
                record = (record[0], T("help_opt_help"))
            if param.param_type_name == "argument":
                arguments.append((param.metavar or record[0], getattr(param, "help", "") or ""))
            else:
                options.append(record)
        # narrow, a long option stands on its own line with its text under it, not in a
        # column a few letters wide
        col_max = min(30, formatter.width // 3)
        if arguments:
            with formatter.section(T("help_arguments")):
                formatter.write_dl(arguments, col_max=col_max)
        if options:
            with formatter.section(T("help_options")):
                formatter.write_dl(options, col_max=col_max)


class DanishCommand(_DanishHelp, TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except SamarbejdeError:
            raise
        except Exception as error:  # click's usage errors are not public in Typer
            _option_problem(ctx, self.get_params(ctx), error)
            raise
        if rest:
            raise CommandLineError(ctx, "usage_extra", args=" ".join(rest))
        return rest


class DanishGroup(_DanishHelp, TyperGroup):
    """The app as click runs it. Its commands are made from the app's registered commands
    when they are named (`lazy`, see `command_line`): Typer would make all sixteen, their
    parameters read from each function's signature, for every command run (~10 ms)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, Any] = {}  # a command's name -> its CommandInfo, not made yet

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*super().list_commands(ctx), *self.lazy]))

    def get_command(self, ctx: Any, name: str) -> Any:
        found = self.commands.get(name)
        if found is None and name in self.lazy:
            found = typer.main.get_command_from_info(
                self.lazy[name],
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            self.commands[name] = found
        return found

    def _short_help(self, ctx: Any, name: str) -> str | None:
        """A command's line in the main help (None: hidden), without making the command:
        its help text as Typer would give it to click, and click's first sentence of it."""
        info = self.lazy.get(name) if name not in self.commands else None
        if info is None:
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                return None
            return str(command.get_short_help_str(limit=10_000))
        if info.hidden:
            return None
        text = inspect.cleandoc(info.help or inspect.getdoc(info.callback) or "")
        return str(TyperCommand(name, help=text).get_short_help_str(limit=10_000))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            # the whole first sentence, wrapped, never cut off with "..."
            line = self._short_help(ctx, name)
            if line is not None:
                rows.append((name, line))
        if rows:
            with formatter.section(T("help_commands")):
                formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except SamarbejdeError:
            raise
        except Exception as error:
            _option_problem(ctx, self.get_params(ctx), error)
            raise

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and self.get_command(ctx, args[0]) is None:
            raise CommandLineError(ctx, "usage_no_such_command", name=args[0])
        return super().resolve_command(ctx, args)


# Every command refuses extra arguments itself (DanishCommand), in Danish.
LENIENT = {"allow_extra_args": True}

app = typer.Typer(
    cls=DanishGroup,
    help=T("app_help"),
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    options_metavar=T("help_metavar_options"),
    subcommand_metavar=T("help_metavar_command"),
    context_settings={"help_option_names": ["--help", "-h"], **LENIENT},
)


def command(name: str | None = None, **options: Any) -> Any:
    return app.command(
        name,
        cls=DanishCommand,
        options_metavar=T("help_metavar_options"),
        context_settings=LENIENT,
        **options,
    )


def _choice(allowed: tuple[str, ...], key: str) -> Any:
    """A callback that refuses a value outside `allowed` with the Danish message `key`."""

    def check(ctx: typer.Context, value: str | None) -> str | None:
        if value is not None and value not in allowed:
            raise CommandLineError(ctx, key, value=value)
        return value

    return check


def _format(name: str, key: str) -> Any:
    """`_choice` of the formats named `name` in the table of formats, read when a format is
    given (the table is not loaded for `--help` or any other command)."""

    def check(ctx: typer.Context, value: str | None) -> str | None:
        if value is None:
            return value
        from samarbejde.reports import formats

        allowed: tuple[str, ...] = getattr(formats, name)
        return _choice(allowed, key)(ctx, value)

    return check


def _not_blank(ctx: typer.Context, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise CommandLineError(ctx, "wizard_name_required")
    return value


def _given(ctx: typer.Context, param: Any, value: str | None) -> str | None:
    """An option that names something (a file, a partner) cannot be empty (`-o=`)."""
    if value is not None and not value.strip():
        raise CommandLineError(ctx, "usage_option_value", option=max(param.opts, key=len))
    return value


def _whole_number(ctx: typer.Context, param: Any, value: str) -> int:
    """A whole number as typed (`30`); `abc`, `2.5` and nothing are Danish usage errors."""
    text = value.strip()
    if not text.lstrip("-").isdigit() or not text.isascii():
        option = max(param.opts, key=len)
        raise CommandLineError(ctx, "usage_option_integer", option=option, value=value)
    return int(text)


def _role(ctx: typer.Context, value: str | None) -> str | None:
    from samarbejde.base.ids import ROLES

    return _choice(ROLES, "error_unknown_role")(ctx, value)


def _version(ctx: typer.Context, value: bool) -> None:
    """`--version`: the program's name and version, then nothing else (IT asks for it)."""
    if value:
        from samarbejde.base.version import VERSION
        from samarbejde.cli.commands.common import say

        say(env_of(ctx), T("version_line", version=VERSION))
        raise typer.Exit(ExitCode.OK)


def _session(help_key: str) -> Any:
    """An optional NAVN|STI argument with its help text from content."""
    return typer.Argument(help=T(help_key), metavar=T("help_metavar_session"))


# The session arguments, each with its own help text.
SessionArg: TypeAlias = Annotated[str | None, _session("help_arg_session")]
ResumeArg: TypeAlias = Annotated[str | None, _session("help_arg_session_resume")]
NamedArg: TypeAlias = Annotated[str | None, _session("help_arg_session_named")]


def env_of(ctx: typer.Context) -> "Env":
    env: Env = ctx.find_root().obj
    return env


@app.callback()
def root(
    ctx: typer.Context,
    content: Annotated[
        str | None,
        typer.Option(
            "--content",
            help=T("help_opt_content"),
            metavar=T("help_metavar_file"),
            callback=_given,
        ),
    ] = None,
    enkel: Annotated[bool, typer.Option("--enkel", help=T("help_opt_enkel"))] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help=T("help_opt_version"), is_eager=True, callback=_version),
    ] = False,
) -> None:
    env = env_of(ctx)
    env.content = Path(content) if content is not None else None
    env.enkel = env.enkel or enkel
    if env.enkel:  # plain lines: no colour that carries a meaning the words do not, no
        from samarbejde.base.terminal import (
            without_boxes,  # lines drawn with characters a reader reads out
        )

        env.console.no_color = env.err.no_color = True
        without_boxes(env.console)
        env.program += " --enkel"  # "Fortsæt med: samarbejde --enkel resume …"
    if ctx.invoked_subcommand is None:  # a bare `samarbejde`: a small menu in a terminal
        if env.stdin_isatty() or env.enkel:
            from samarbejde.cli.commands import overview

            raise typer.Exit(overview.menu(env))
        print(ctx.get_help(), file=env.stdout)
        raise typer.Exit(ExitCode.OK)


@command(help=T("help_start"))
def start(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help=T("help_opt_name"),
            metavar=T("help_metavar_name"),
            callback=_not_blank,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help=T("help_opt_role"),
            metavar=T("help_metavar_role"),
            callback=_role,
        ),
    ] = None,
) -> int:
    from samarbejde.flows.start import run_start

    return run_start(env_of(ctx), name, role)


@command(help=T("help_resume"))
def resume(
    ctx: typer.Context,
    session: ResumeArg = None,
) -> int:
    from samarbejde.flows.wizard import run_resume

    return run_resume(env_of(ctx), session)


@command("list", help=T("help_list"))
def list_(ctx: typer.Context) -> None:
    from samarbejde.cli.commands import overview

    overview.list_sessions(env_of(ctx))


@command(help=T("help_summary"))
def summary(
    ctx: typer.Context,
    session: SessionArg = None,
    as_json: Annotated[bool, typer.Option("--json", help=T("help_opt_json"))] = False,
) -> None:
    from samarbejde.cli.commands import overview

    overview.show_summary(env_of(ctx), session, as_json)


@command(help=T("help_handover"))
def handover(
    ctx: typer.Context,
    session: SessionArg = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=T("help_opt_handover_output"),
            metavar=T("help_metavar_file"),
            callback=_given,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_force"))] = False,
) -> None:
    from samarbejde.cli.commands import overview

    overview.show_handover(env_of(ctx), session, output, force)


@command(help=T("help_health"))
def health(ctx: typer.Context, session: SessionArg = None) -> None:
    from samarbejde.cli.commands import overview

    overview.show_health(env_of(ctx), session)


@command(help=T("help_agenda"))
def agenda(
    ctx: typer.Context,
    days: Annotated[
        str,
        typer.Option(
            "--days",
            help=T("help_opt_days"),
            metavar=T("help_metavar_days"),
            callback=_whole_number,
            show_default=False,
        ),
    ] = "60",
    as_json: Annotated[bool, typer.Option("--json", help=T("help_opt_agenda_json"))] = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics", help=T("help_opt_ics"), metavar=T("help_metavar_file"), callback=_given
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_force"))] = False,
) -> None:
    from samarbejde.cli.commands import overview

    overview.show_agenda(env_of(ctx), int(days), as_json, ics, force)


@command(help=T("help_evaluate"))
def evaluate(
    ctx: typer.Context,
    session: ResumeArg = None,
) -> int:
    from samarbejde.flows.evaluate import run_evaluate

    return run_evaluate(env_of(ctx), session)


@command(help=T("help_agreement"))
def agreement(
    ctx: typer.Context,
    session: ResumeArg = None,
    with_others: Annotated[
        list[str] | None,
        typer.Option("--with", help=T("help_opt_with"), metavar=T("help_metavar_session")),
    ] = None,
) -> int:
    from samarbejde.flows.agreement import run_agreement

    return run_agreement(env_of(ctx), session, with_others or [])


def _optional_text(help_key: str, name: str, metavar: str = "help_metavar_text") -> Any:
    return typer.Option(name, help=T(help_key), metavar=T(metavar), show_default=False)


# contact's flags
LogOption: TypeAlias = Annotated[str | None, _optional_text("help_opt_log", "--log")]
DateOption: TypeAlias = Annotated[
    str | None, _optional_text("help_opt_contact_date", "--date", "help_metavar_date")
]
NextOption: TypeAlias = Annotated[
    str | None, _optional_text("help_opt_next", "--next", "help_metavar_date")
]


@command(help=T("help_contact"))
def contact(
    ctx: typer.Context,
    session: Annotated[str | None, _session("help_arg_session_contact")] = None,
    partner: Annotated[
        str | None, typer.Argument(help=T("help_arg_partner"), metavar=T("help_metavar_partner"))
    ] = None,
    log: LogOption = None,
    date: DateOption = None,
    next_: NextOption = None,
) -> int:
    from samarbejde.flows.contact import Flags, run_contact

    return run_contact(env_of(ctx), session, partner, Flags(log, date, next_))


def _score_option(help_key: str, name: str) -> Any:
    return typer.Option(
        name, help=T(help_key), metavar=T("help_metavar_number"), callback=_optional_number
    )


def _optional_number(ctx: typer.Context, param: Any, value: str | None) -> int | None:
    """A whole number as typed (`4`), or None when the option is not given."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not text.isascii():
        option = max(param.opts, key=len)
        raise CommandLineError(ctx, "usage_option_number", option=option, value=value)
    return int(text)


@command("add-partner", help=T("help_add_partner"))
def add_partner(
    ctx: typer.Context,
    session: Annotated[str | None, _session("help_arg_session_contact")] = None,
    name: Annotated[
        str | None,
        typer.Argument(help=T("help_arg_partner_name"), metavar=T("help_metavar_partner")),
    ] = None,
    kind: Annotated[
        str | None, _optional_text("help_opt_kind", "--kind", "help_metavar_kind")
    ] = None,
    contact: Annotated[str | None, _optional_text("help_opt_contact", "--contact")] = None,
    brings: Annotated[str | None, _optional_text("help_opt_brings", "--brings")] = None,
    interest: Annotated[str | None, _score_option("help_opt_interest", "--interest")] = None,
    influence: Annotated[str | None, _score_option("help_opt_influence", "--influence")] = None,
) -> int:
    from samarbejde.flows.partner import Given, run_add_partner

    given = Given(name, kind, contact, brings, _int(interest), _int(influence))
    return run_add_partner(env_of(ctx), session, given)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


@command(help=T("help_guide"))
def guide(ctx: typer.Context) -> None:
    from samarbejde.cli.commands import overview

    overview.read_guide(env_of(ctx))


@command(help=T("help_export"))
def export(
    ctx: typer.Context,
    session: SessionArg = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=T("help_opt_format"),
            metavar=T("help_metavar_format"),  # the formats are named in the help text
            show_default=False,
            callback=_format("EXPORT_FORMATS", "error_export_format"),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=T("help_opt_output"),
            metavar=T("help_metavar_file"),
            callback=_given,
        ),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            help=T("help_opt_partner"),
            metavar=T("help_metavar_partner"),
            callback=_given,
        ),
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
    the_agreement: Annotated[
        bool, typer.Option("--agreement", help=T("help_opt_export_agreement"))
    ] = False,
    short: Annotated[bool, typer.Option("--kort", help=T("help_opt_export_short"))] = False,
    include: Annotated[
        str | None,
        typer.Option("--include", help=T("help_opt_include"), metavar=T("help_metavar_sections")),
    ] = None,
    no_scores: Annotated[bool, typer.Option("--no-scores", help=T("help_opt_no_scores"))] = False,
) -> int | None:
    from samarbejde.cli.commands import documents
    from samarbejde.reports import formats

    if fmt == "share":
        return documents.export_share(
            env_of(ctx), session, output, force, partner, include, no_scores
        )
    if include is not None or no_scores:
        raise CommandLineError(ctx, "error_share_options")
    if short and not the_agreement:
        raise CommandLineError(ctx, "error_short_without_agreement")
    if the_agreement:
        documents.export_agreement(env_of(ctx), session, fmt, output, force, short)
        return None
    if partner is not None:
        try:
            page, unknown = formats.choose(formats.PARTNER_PAGE, fmt, output)
        except UsageError as error:  # a format the page does not have: with the usage line
            if error.msg.key != formats.PARTNER_PAGE.refused:
                raise
            raise CommandLineError(ctx, error.msg.key, **error.msg.params) from None
        documents.export_partner_page(env_of(ctx), session, partner, page, output, force, unknown)
        return None
    chosen, unknown = formats.choose(formats.REPORT, fmt, output)
    documents.export_report(env_of(ctx), session, chosen, output, force, csv_delimiter, unknown)
    return None


@command(help=T("help_delete"))
def delete(
    ctx: typer.Context,
    session: NamedArg = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=T("help_opt_yes"))] = False,
) -> int:
    from samarbejde.cli.commands import sessions

    if session is None:
        raise CommandLineError(ctx, "usage_delete_missing")
    return sessions.delete_session(env_of(ctx), session, yes)


@command(help=T("help_compare"))
def compare(
    ctx: typer.Context,
    a: Annotated[
        str | None, typer.Argument(help=T("help_arg_compare_a"), metavar="A", show_default=False)
    ] = None,
    b: Annotated[
        str | None, typer.Argument(help=T("help_arg_compare_b"), metavar="B", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=T("help_opt_compare_json"))] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=T("help_opt_compare_format"),
            metavar="md|html|docx",
            show_default=False,
            callback=_format("COMPARE_FORMATS", "error_compare_format"),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=T("help_opt_compare_output"), metavar=T("help_metavar_file")
        ),
    ] = None,
    match: Annotated[
        list[str] | None,
        typer.Option("--match", help=T("help_opt_match"), metavar=T("help_metavar_match")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_force"))] = False,
) -> None:
    from samarbejde.cli.commands import documents

    if a is None or b is None:
        raise CommandLineError(ctx, "usage_compare_missing")
    documents.compare_sides(env_of(ctx), a, b, as_json, fmt, output, match or [], force)


@command("import", help=T("help_import"))
def import_(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(help=T("help_arg_import"), metavar=T("help_metavar_file")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=T("help_opt_import_force"))] = False,
    into: Annotated[
        str | None,
        typer.Option(
            "--into", help=T("help_opt_into"), metavar=T("help_metavar_session"), callback=_given
        ),
    ] = None,
) -> int | None:
    from samarbejde.cli.commands import sessions

    if source is None:
        raise CommandLineError(ctx, "usage_import_missing")
    if into is not None:
        from samarbejde.flows.import_actors import run_import_actors

        return run_import_actors(env_of(ctx), source, into)
    sessions.import_file(env_of(ctx), source, force)
    return None


# -- the one way in --------------------------------------------------------------------------


def command_line() -> DanishGroup:
    """The app made into click's group as Typer makes it, with its commands left to be made
    when named (`DanishGroup.lazy`); `app.registered_commands` stays the list of commands."""
    commands = app.registered_commands
    app.registered_commands = []
    try:
        group = typer.main.get_command(app)
    finally:
        app.registered_commands = commands
    assert isinstance(group, DanishGroup)
    group.lazy = {
        info.name or typer.main.get_command_name(info.callback.__name__): info  # type: ignore[union-attr]
        for info in commands
    }
    return group


def report(env: "Env", err: SamarbejdeError) -> None:
    """An error's Danish message (and details) on stderr."""
    from rich.text import Text

    console = env.err
    console.print(Text.assemble((T("error_prefix"), "bold red"), " ", T.render(err.msg)))
    if isinstance(err, CommandLineError):
        console.print(Text(err.usage))
    for detail in err.details:
        console.print(Text(T.render(detail)))


def main(argv: Sequence[str], env: "Env | None" = None) -> int:
    """Run the program on `argv` (without the program's name); returns the exit code."""
    if env is None:
        from samarbejde.runner.env import Env

        env = Env()
    from samarbejde.base.escapes import undo_escapes

    # A word typed in a terminal that is not UTF-8 (`--log $'J\xf8rgen'`) reaches Python with
    # its bytes escaped, which no file can hold: read as the bytes were meant
    argv = [undo_escapes(arg) for arg in argv]
    try:
        code = _run(argv, env)
        env.stdout.flush()
    except OSError as exc:
        return output_failed(env, exc)
    return code


def output_failed(env: "Env", exc: OSError) -> int:
    """Standard output could not be written: the exit code, and the Danish message."""
    _discard_output(env)
    if isinstance(exc, BrokenPipeError):  # the reader went away (`summary --json | head`): quietly
        return ExitCode.USER
    with contextlib.suppress(OSError):  # the output cannot be written (a full disk behind `>`)
        report(env, SamarbejdeError("error_output", detail=os_detail(exc)))
    return ExitCode.USER


def _run(argv: Sequence[str], env: "Env") -> int:
    from samarbejde.base.signals import listen

    try:
        listen()  # from here on Ctrl-C (and SIGTERM) stop any command at once, within a second
        width = kept_help.help_width(env.width())
        result = command_line()(args=list(argv), prog_name="samarbejde", standalone_mode=False,
                                obj=env, terminal_width=width)  # fmt: skip
    except Interrupted as stop:
        from rich.text import Text

        # A closed window is a stop too: the terminal is gone (EIO), the answers are saved,
        # and the exit code still says "stopped", not "error"
        with contextlib.suppress(OSError):
            env.console.print()
            env.console.print(Text(T.render(stop.msg), style="bold"))
        return stop.exit_code
    except SamarbejdeError as err:
        report(env, err)
        return err.exit_code
    except PermissionError as exc:  # a file or folder the user may not use: which, and whom to ask
        denied = permission_error(exc)
        report(env, denied)
        return denied.exit_code
    except (KeyboardInterrupt, typer.Abort):
        return ExitCode.INTERRUPTED
    return int(result) if isinstance(result, int) else ExitCode.OK


def permission_error(exc: PermissionError) -> SamarbejdeError:
    """A permission error no command turned into a message of its own: the path it names, and
    what to ask IT."""
    import os

    from samarbejde.base.errors import SessionError
    from samarbejde.sessions.folders import denied

    if not exc.filename:
        return SamarbejdeError("error_output", detail=os_detail(exc))
    path = Path(os.fsdecode(exc.filename))
    folder = path.parent
    with contextlib.suppress(OSError):
        folder = path if path.is_dir() else folder
    err = SessionError("error_permission", path=path, detail=os_detail(exc))
    return denied(err, exc, folder)


def _discard_output(env: "Env") -> None:
    """Point standard output at nothing, so that Python's last flush does not fail again."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, env.stdout.fileno())
        os.close(devnull)
