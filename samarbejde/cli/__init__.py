"""The top layer: the Typer app (the one parser, Danish help), `main`, and the commands by
family in `commands/`."""
