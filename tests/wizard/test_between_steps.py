"""Nothing falls between the steps. A partner in "Ræk ud først" or "Tal ind
i deres dagsorden" without an outreach plan keeps step 4 "i gang" with its name, step 4 offers
to plan just those partners, and the reports show it under section 4 with
"ikke med i kontaktplanen endnu".
(`evaluate`'s questions about overdue contacts and new priorities: test_evaluate.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.guide.content import load_guide
from samarbejde.sessions.model import Outreach, Partner, new_session
from tests.helpers.program import NOW
from tests.helpers.prompts import drive, line_env, load, make_env, screen
from tests.helpers.wizard_script import DOWN, ENTER, FINISH, NAME, SPACE, UP


def test_without_plan_is_the_priorities_never_planned_nor_declined() -> None:
    guide = load_guide()
    s = new_session("x", "kommune", NOW)
    s.partners = [
        Partner(id="p1", name="A", interest=5, influence=5),  # Ræk ud først, no plan
        Partner(id="p2", name="B", interest=1, influence=5),  # Tal ind, no plan
        Partner(id="p3", name="C", interest=5, influence=1),  # Gå sammen: no plan needed
        Partner(id="p4", name="D"),  # not rated
        Partner(id="p5", name="E", interest=4, influence=4),  # declined on purpose
        Partner(id="p6", name="F", interest=3, influence=3),  # planned
    ]
    s.outreach = {"p5": Outreach(planned=False), "p6": Outreach()}
    assert [p.name for p in s.without_plan(guide)] == ["A", "B"]


def add_library(home: Path) -> None:
    """After the whole guide: a partner added in step 2, rated 4/5 ("Ræk ud først")."""
    keys = DOWN * 3 + ENTER  # "Gå til 2"
    keys += ENTER + "Biblioteket" + ENTER + ENTER + ENTER + ENTER  # add: name, kind, …
    keys += UP + ENTER + "4" + "5" + FINISH  # "Færdig, videre"; rated in step 3
    keys += UP + ENTER  # back in the menu: "Afslut"
    assert drive(keys, lambda: main(["resume", NAME], make_env(home))) == 0


@pytest.mark.usefixtures("full_run")
def test_a_new_priority_keeps_step_4_open_and_named_everywhere(home: Path, cli) -> None:
    add_library(home)
    summary = " ".join(cli("summary", NAME).stdout.split())
    step4 = "4. Hvordan rækker vi ud? i gang Biblioteket er ikke med i kontaktplanen"
    assert step4 in summary
    listed = " ".join(cli("list").stdout.split())
    assert "trin 4/5" in listed  # step 4 no longer counts as done (5/5 after the full run)
    assert "Fællesspisning i Nordby: Biblioteket er ikke med i kontaktplanen (trin 4)" in listed
    env = make_env(home)
    assert drive(UP + ENTER, lambda: main(["resume", NAME], env)) == 0  # "Afslut"
    data = cli("summary", NAME, "--json").stdout
    assert '"id": "raek_ud",' in data and '"status": "started"' in data


@pytest.mark.usefixtures("full_run")
def test_step_4_offers_to_plan_just_those(home: Path) -> None:
    add_library(home)
    keys = DOWN * 5 + ENTER  # "Gå til 4"
    keys += ENTER  # "Hvem skal med i kontaktplanen nu?": Biblioteket, ticked
    keys += "Læsning" + FINISH + FINISH + FINISH + FINISH  # its four cards
    keys += ENTER + "om 2 uger" + ENTER + ENTER  # key persons, next contact, the log: on
    keys += UP + ENTER  # "Afslut"
    env = make_env(home)
    assert drive(keys, lambda: main(["resume", NAME], env)) == 0
    s = load(env)
    plan = s.outreach["p3"]
    assert plan.planned and plan.cards["faelles_maal"] == "Læsning"
    assert plan.next_contact == NOW.date() + dt.timedelta(weeks=2)
    assert "Frivilligcentret Åby (Ræk ud først)" not in screen(env)  # not every partner again
    assert "Disse partnere er blevet en prioritet" in screen(env)


@pytest.mark.usefixtures("full_run")
def test_declining_the_new_priority_is_a_decision_that_stands(home: Path, cli) -> None:
    add_library(home)
    keys = DOWN * 5 + ENTER + SPACE + ENTER + UP + ENTER  # untick Biblioteket; "Afslut"
    env = make_env(home)
    assert drive(keys, lambda: main(["resume", NAME], env)) == 0
    s = load(env)
    assert s.outreach["p3"].planned is False and not s.without_plan(env.guide)
    assert "kontaktplanen" not in cli("summary", NAME).stdout


@pytest.mark.usefixtures("full_run")
def test_the_reports_show_it_under_section_4(home: Path, cli, tmp_path) -> None:
    add_library(home)
    md = cli("export", NAME, "-o", "-").stdout
    section = md.split("## 4.")[1].split("## 5.")[0]
    assert "Biblioteket (Ræk ud først): ikke med i kontaktplanen endnu" in section
    assert cli("export", NAME, "-o", str(tmp_path / "r.html")).code == 0
    html = (tmp_path / "r.html").read_text()
    assert "Biblioteket (Ræk ud først): ikke med i kontaktplanen endnu" in html
    from docx import Document

    assert cli("export", NAME, "-o", str(tmp_path / "r.docx")).code == 0
    texts = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    assert any("Biblioteket (Ræk ud først): ikke med i kontaktplanen endnu" in t for t in texts)


@pytest.mark.usefixtures("full_run")
def test_the_menu_never_says_all_done_beside_a_step_in_progress(home: Path) -> None:
    """After a partner added to a finished guide, the menu's first choice carries on at step 4
    (not "Alle trin er færdige" above a step 4 "i gang"), and Enter there plans just that one."""
    add_library(home)
    lines = line_env(home, "9\n")  # the menu as lines; 9: "Afslut"
    assert main(["--enkel", "resume", NAME], lines) == 0
    menu = screen(lines).split("Afslut")[0]
    assert "1. Fortsæt, hvor du slap: 4. Hvordan rækker vi ud?" in menu
    assert "Gå til 4. Hvordan rækker vi ud?, i gang" in menu  # --enkel: a comma, not "·"
    assert "Alle trin er færdige" not in menu
    env = make_env(home)
    keys = ENTER  # "Fortsæt, hvor du slap: 4. Hvordan rækker vi ud?"
    keys += ENTER  # "Hvem skal med i kontaktplanen nu?": Biblioteket, ticked
    keys += "Læsning" + FINISH + FINISH + FINISH + FINISH  # its four cards
    keys += ENTER + "om 2 uger" + ENTER + ENTER  # key persons, next contact, the log: on
    assert drive(keys, lambda: main(["resume", NAME], env)) == 0
    assert load(env).outreach["p3"].cards["faelles_maal"] == "Læsning"
    assert "Godt gået!" in screen(env)  # every step done again
    lines = line_env(home, "8\n")  # 8: "Afslut"
    assert main(["--enkel", "resume", NAME], lines) == 0
    assert "1. Alle trin er færdige; vis overblikket" in screen(lines)
    assert ", i gang" not in screen(lines)
