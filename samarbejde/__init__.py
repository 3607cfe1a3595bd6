"""samarbejde: Guide til godt samarbejde mellem civilsamfund og kommuner, i terminalen.

The console script starts here, in a module that imports almost nothing, so that not even a Ctrl-C
during start-up reaches the user as a traceback.
"""

# `_signal`, not `signal`: `signal` is a Python module (Lib/signal.py, which imports `enum`)
# read from disk, and a Ctrl-C while it loads was a traceback; `_signal` is compiled into the
# interpreter on every system (Windows too) and already loaded when Python starts, so the
# handler is in place before this package reads anything more from disk.
import _signal  # type: ignore[import-not-found]  # typeshed has no stub for it

_stopped: list[int] = []  # a Ctrl-C that came while the program was starting


def _remember(signum: int, frame: object) -> None:
    _stopped.append(signum)


def run() -> None:
    """The console script: `samarbejde …`.

    A Ctrl-C or SIGTERM during start-up is remembered instead of raised: raised, it can land
    inside Python's import machinery, which prints a traceback no handler can catch. Once the
    command line is being read (`cli.app._run` calls `signals.listen()`), either stops any command
    at once and it exits 130, leaving no half-written file behind."""
    _signal.signal(_signal.SIGINT, _remember)
    _signal.signal(_signal.SIGTERM, _remember)
    import sys

    try:
        code = _start(sys.argv)  # the one place that reads the command line
    except KeyboardInterrupt:
        code = 130
    except Exception:  # a Ctrl-C that a library turned into an error of its own is a stop
        if not _stopped:
            raise
        code = 130
    finally:  # the command is over: a stop while Python shuts down is only remembered
        _signal.signal(_signal.SIGINT, _remember)
        _signal.signal(_signal.SIGTERM, _remember)
    # Python's last collection at exit goes through every object the command made (~65,000:
    # the modules' classes and functions, 51 M instructions, ~12 ms of `compare`, `list`,
    # `summary`); frozen, they are left to the system with the process. Nothing is lost by
    # it: every file is written whole and closed (sessions synced) before this line, and
    # the standard streams are flushed at exit as before.
    import gc

    gc.freeze()
    sys.exit(130 if _stopped else code)


def _start(argv: list[str]) -> int:
    """`argv` as the OS gave it: the program's name, then what the Typer app parses."""
    import gc
    import os
    import sys

    # Start-up makes many objects that live as long as the command; collecting among them is
    # wasted work (measured: 87 collections, ~9.5 ms of a 210 ms `list`). The wizard, which
    # runs for long, turns collection back on. And pydantic's scan for plugins (~5 ms): our
    # models want none.
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show æøå (PYTHONIOENCODING=ascii) gets "?" instead of a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    if sys.stdout is None:  # started with standard output closed: say so, do nothing
        from samarbejde.guide.texts import fallback_texts

        texts = fallback_texts()
        if sys.stderr is not None:
            print(texts("error_prefix"), texts("error_no_output"), file=sys.stderr)
        return 1
    from samarbejde.cli import kept_help

    kept = kept_help.found(argv[1:])  # `--help` as printed before: no Typer to load
    if kept is not None:
        try:
            kept_help.show(kept)
        except OSError as exc:  # a closed pipe or a full disk: as `main` says it
            from samarbejde.cli.app import output_failed
            from samarbejde.runner.env import Env

            return output_failed(Env(), exc)
        return 0
    from samarbejde.base import signals

    signals.early = _stopped  # a Ctrl-C that came before this line is remembered there
    signals.stop_on_term = True  # and SIGTERM stops a command too (not in tests in-process)
    from samarbejde.cli.app import main
    from samarbejde.runner.env import Env

    code = main(argv[1:], Env(started_as=argv[0]))
    kept_help.keep(code)  # the help just printed, for the next time
    return code
