"""What each command does, once its arguments are parsed (by the Typer app in `cli.app`), one
module per family. Every function takes the `Env`; it returns an exit code or None (0), and
raises a `SamarbejdeError` for anything the user must be told: the handler in `cli.app` prints
it. Neither Typer nor questionary is imported here.
"""
