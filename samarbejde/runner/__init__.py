"""Asking without losing answers: questions as data, the one runner and a flow's lifecycle,
the prompts (questionary, or plain lines for `--enkel`) and the `Env` for the outside world."""
