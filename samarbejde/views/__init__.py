"""What the terminal shows (Rich), one module per family: the sessions, the guide, the agenda,
the summary, the comparison."""
