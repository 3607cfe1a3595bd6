"""Who wrote it: each answer changed and each contact-log line records the user (the login
name, or SAMARBEJDE_BRUGER); `summary` and `handover` show "Jonas, 27-11"; a partner's page
never names a colleague; a file from before loads with nobody recorded."""

from __future__ import annotations

import getpass
from pathlib import Path

from samarbejde.base import yamlio
from samarbejde.cli.app import main
from samarbejde.sessions.model import Session
from tests.helpers.prompts import drive, make_env, screen
from tests.helpers.wizard_script import CLEAR, ENTER, FINISH

NAME = "Fællesspisning i Nordby"


def load(path: Path) -> Session:
    return make_env(path.parent.parent).store.load(path)


def test_an_answer_and_a_log_line_record_who_wrote_them(
    home: Path, nordby: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SAMARBEJDE_BRUGER", "Jonas")
    before = load(nordby)
    assert before.written_by == {} and all(
        not e.by for p in before.outreach.values() for e in p.log
    )
    keys = "Ringede til Birthe." + FINISH + CLEAR + "i går" + ENTER + CLEAR + "15/1" + ENTER + ENTER
    env = make_env(home)
    assert drive(keys, lambda: main(["contact", NAME, "Frivilligcentret"], env)) == 0, screen(env)
    session = load(nordby)
    entry = session.outreach["p1"].log[-1]
    assert (entry.note, entry.by) == ("Ringede til Birthe.", "Jonas")
    written = {key: author.user for key, author in session.written_by.items()}
    assert written["contact.p1.note"] == "Jonas" and written["contact.p1.date"] == "Jonas"
    assert set(written.values()) == {"Jonas"}
    # the file keeps it in a line of its own
    assert "by: Jonas" in nordby.read_text(encoding="utf-8")


def test_summary_and_handover_show_who_and_when_the_partner_page_does_not(
    cli, nordby: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SAMARBEJDE_BRUGER", "Jonas")
    assert cli("contact", "nordby", "Frivilligcentret", "--log", "Aftalt møde").code == 0
    monkeypatch.delenv("SAMARBEJDE_BRUGER")
    assert cli("contact", "nordby", "Brugsen", "--log", "Mail sendt").code == 0
    login = getpass.getuser()
    summary = " ".join(cli("summary", "nordby").stdout.split())
    assert "Frivilligcentret Nordby: Aftalt møde (Jonas, 27-11)" in summary
    assert f"Brugsen: Mail sendt ({login}, 27-11)" in summary
    assert "Første møde på biblioteket. (15-10)" in summary  # a line from before: the day alone
    handover = cli("handover", "nordby", "-o", "-").stdout
    assert "| Frivilligcentret Nordby | Birthe Sørensen |" in handover
    assert "Aftalt møde (Jonas, 27-11)" in handover
    page = cli("export", "nordby", "--partner", "Frivilligcentret", "-o", "-").stdout
    assert "Jonas" not in page


def test_a_file_without_writers_saves_as_it_was(cli, nordby: Path) -> None:
    """No writer recorded: no `by` and no `written_by` appear in the file."""
    assert cli("contact", "nordby", "Frivilligcentret", "--next", "1/2/2027").code == 0
    data = yamlio.loads(nordby.read_bytes())
    assert "written_by" not in data
    assert all("by" not in entry for entry in data["outreach"]["p1"]["log"])
