"""The wizard driven in-process through the real questionary prompts, fed by a pipe."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from samarbejde.base.terminal import make_console
from samarbejde.cli.app import main
from tests.helpers.program import FIXTURES
from tests.helpers.prompts import (
    Replay,
    all_keys,
    comparable,
    copy_into,
    drive,
    errors,
    load,
    make_env,
    screen,
    session_of,
)
from tests.helpers.wizard_script import (
    CLEAR,
    CTRL_C,
    CURSORS,
    DOWN,
    ENTER,
    FINISH,
    NAME,
    SCRIPT,
    SPACE,
    UP,
    at,
)

DAY = at("almindelig dag")  # step 1's second question, "a day in their life"


def test_full_run_saves_every_answer(replay: Replay) -> None:
    env, session = replay.env, replay.session
    for question, _keys, check in SCRIPT:
        assert check is None or check(session), question
    assert session.completed == [step.id for step in env.guide.steps]
    assert session.completed_on == env.today()  # the evaluations' starting point
    out = screen(env)
    assert "Godt gået!" in out
    assert "Åbne punkter på tjeklisten" in out
    assert str(env.store.path_for(NAME)) in out.replace("\n", "")


def test_full_run_screens_show_the_guide(replay: Replay) -> None:
    out = " ".join(screen(replay.env).split())
    assert "Som kommune, der ønsker at samarbejde med civilsamfundsaktører:" in out
    assert "Vær sikker på, at I er enige internt" not in out  # the other role's advice
    assert "Begynd dialogen ved at finde ud af" in out  # card text before its question
    # the other role's advice once, without its role in brackets before it
    assert "Som civilsamfundsaktør kan I evt. søge sammen" in out
    assert "(Civilsamfundsaktør)" not in out
    assert "Fra trin 1 – hvor de møder kommunen og civilsamfundet i dag:" in out  # step 2
    assert "→ tirsdag 01-12-2026" in out  # "om 4 dage", said back as a day
    assert "Ræk ud først" in out and "Indflydelse og ressourcer" in out  # the diagram
    assert "Ræk ud først: Fælles mål og meget at bidrage med. Start dialogen her." in out
    assert "Hold øje med dem: Ikke nu. Vend tilbage til dem" in out  # every quadrant's advice
    assert "Fælles interesse: 1 = lidt til fælles … 5 = meget til fælles" in out  # axis ends
    assert "Teksten er programmets bud." in out  # step 2 is marked as the program's
    # one numbering, the guide's: what comes before step 1 has no number
    assert "Før I går i gang ──" in out and "Trin 0" not in out
    assert "Trin 1 af 5: Beskriv borgerens dagligdag" in out
    assert "Trin 5 af 5: Tjekliste" in out


def test_ctrl_c_at_the_first_prompt_saves_nothing(home: Path) -> None:
    env = make_env(home)
    assert drive(CTRL_C, lambda: main(["start"], env)) == 130
    assert not env.store.path_for(NAME).exists()
    assert "ikke noget at gemme" in screen(env)


# Every sixth prompt and the last always; every prompt is the long form (CI, `--slow`).
@pytest.mark.parametrize(
    "stop_at",
    [
        n if n % 6 == 1 or n == len(SCRIPT) - 1 else pytest.param(n, marks=pytest.mark.slow)
        for n in range(1, len(SCRIPT))
    ],
)
def test_ctrl_c_at_every_prompt_keeps_answers_and_resume_continues(
    home: Path, replay: Replay, stop_at: int
) -> None:
    """Ctrl-C at prompt `stop_at`, reached from the session file as the uninterrupted run
    left it just before that prompt (not by replaying every answer before it in each test:
    that was 47 × 47 prompts); then `resume` must run the rest of the script exactly and
    leave what the uninterrupted run left."""
    env = copy_into(home, replay.before[stop_at])
    path = env.store.path_for(NAME)
    code = drive(ENTER + CTRL_C, lambda: main(["resume", NAME], env))  # "Fortsæt", then stop
    assert code == 130
    assert "samarbejde resume 'Fællesspisning i Nordby'" in " ".join(screen(env).split())
    saved = env.store.load(path)
    for question, _keys, check in SCRIPT[:stop_at]:
        assert check is None or check(saved), f"lost: {question}"
    assert (saved.cursor.step, saved.cursor.question) == CURSORS[stop_at]
    assert saved.drafts == {}
    # the stop kept what was there when the prompt came up, and lost nothing of it
    assert comparable(saved) == comparable(session_of(replay.before[stop_at]))

    env2 = make_env(home)
    # The resume menu's first choice carries on; the rest of the script must then fit exactly.
    code = drive(ENTER + all_keys(SCRIPT[stop_at:]), lambda: main(["resume", NAME], env2))
    assert code == 0
    assert comparable(env2.store.load(path)) == comparable(replay.session)


def test_a_draft_typed_before_ctrl_c_comes_back(home: Path) -> None:
    env = make_env(home)
    upto = all_keys(SCRIPT[:DAY])  # stopped while typing "a day in their life"
    assert drive(upto + "Radio om morg" + CTRL_C, lambda: main(["start"], env)) == 130
    assert load(env).drafts == {"dagligdag.en_dag": "Radio om morg"}
    env2 = make_env(home)
    rest = "enen" + ENTER + 'Spiser alene: "altid"' + FINISH + all_keys(SCRIPT[DAY + 1 :])
    assert drive(ENTER + rest, lambda: main(["resume", NAME], env2)) == 0
    session = load(env2)
    assert session.answer("dagligdag", "en_dag") == 'Radio om morgenen\nSpiser alene: "altid"'
    assert session.drafts == {}


def test_a_draft_and_the_place_survive_a_detour(home: Path) -> None:
    env = make_env(home)
    upto = all_keys(SCRIPT[:DAY])  # stopped while typing "a day in their life" (step 1, 2nd)
    assert drive(upto + "Radio om morg" + CTRL_C, lambda: main(["start"], env)) == 130
    # resume: "Gå til 0. Før I går i gang", Enter through its six questions, back in the menu
    env2 = make_env(home)
    assert drive(DOWN + ENTER + ENTER * 6 + CTRL_C, lambda: main(["resume", NAME], env2)) == 130
    assert load(env2).drafts == {"dagligdag.en_dag": "Radio om morg"}
    assert load(env2).left_at["dagligdag"] == "en_dag"
    # "Fortsæt, hvor du slap": step 1 at its 2nd question, the draft in the prompt
    env3 = make_env(home)
    keys = ENTER + "enen" + FINISH + CTRL_C
    assert drive(keys, lambda: main(["resume", NAME], env3)) == 130
    session = load(env3)
    assert session.answer("dagligdag", "en_dag") == "Radio om morgenen"
    assert session.answer("dagligdag", "maalgruppe") == "Ældre, der bor alene"  # not asked again
    assert session.drafts == {}


def test_ctrl_d_in_the_terminal_is_a_stop_like_ctrl_c(home: Path) -> None:
    env = make_env(home)  # the input ends after three answers: Ctrl-D at the fourth prompt
    assert drive(all_keys(SCRIPT[:3]), lambda: main(["start"], env)) == 130
    assert "interaktiv terminal" not in errors(env) + screen(env)
    assert "samarbejde resume 'Fællesspisning i Nordby'" in " ".join(screen(env).split())
    assert load(env).organisation == "Nordby Kommune, Ældreområdet"


def test_no_terminal_at_all(home: Path) -> None:
    env = make_env(home)
    env.stdin_isatty = lambda: False
    assert main(["start"], env) == 2
    assert "interaktiv terminal" in errors(env)
    assert not env.store.folder.exists()


def test_start_with_options_skips_name_and_role(home: Path) -> None:
    env = make_env(home)
    keys = "Frivilligcenter Øst" + ENTER + ENTER  # organisation, forms
    keys += "Per Berg" + ENTER * 4 + CTRL_C  # our contact person (a name only), then stop
    assert (
        drive(keys, lambda: main(["start", "--name", "Øst", "--role", "civilsamfund"], env)) == 130
    )
    s = env.store.load(env.store.path_for("Øst"))
    assert (s.name, s.role, s.organisation, s.forms) == (
        "Øst",
        "civilsamfund",
        "Frivilligcenter Øst",
        [],
    )
    out = " ".join(screen(env).split())
    assert "Som civilsamfundsaktør, der ønsker at samarbejde med kommune(r):" in out
    assert "Vær sikker på, at I er enige internt" in out


def test_start_with_an_existing_name_offers_resume(full_run, home: Path) -> None:
    env = make_env(home)
    # "Fortsæt den eksisterende session" -> the resume menu -> "Afslut" (the last choice)
    assert drive(ENTER + UP + ENTER, lambda: main(["start", "--name", NAME], env)) == 0
    assert "samarbejde resume 'Fællesspisning i Nordby'" in " ".join(screen(env).split())
    assert [p.name for p in env.store.folder.glob("*.yaml")] == [env.store.path_for(NAME).name]


def test_start_with_an_existing_name_can_pick_another(full_run, home: Path) -> None:
    env = make_env(home)
    keys = DOWN + ENTER + "Andet navn" + ENTER + CTRL_C
    assert drive(keys, lambda: main(["start", "--name", NAME], env)) == 130
    assert env.store.path_for("Andet navn").exists()


def test_revisit_a_step_keeps_answers_with_enter(full_run, home: Path) -> None:
    _, before = full_run
    # menu: first choice is the summary (all done); step 1 is the third choice
    keys = DOWN * 2 + ENTER + FINISH * 3 + CLEAR + "Nyt problem" + FINISH + UP + ENTER
    env2 = make_env(home)
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    after = load(env2)
    for q in ("maalgruppe", "en_dag", "moeder"):
        assert after.answer("dagligdag", q) == before.answer("dagligdag", q)
    assert after.answer("dagligdag", "problem") == "Nyt problem"


def test_revisit_partners_edit_and_remove(full_run, home: Path) -> None:
    env2 = make_env(home)
    keys = (
        DOWN * 3
        + ENTER  # step 2
        + DOWN
        + ENTER  # menu: Ret en partner
        + DOWN
        + ENTER  # Brugsen
        + CLEAR
        + "Brugsen Åby"
        + ENTER
        + ENTER
        + ENTER
        + ENTER  # name, kind, contact, brings
        + DOWN * 2
        + ENTER  # Fjern en partner
        + ENTER  # Frivilligcentret Åby
        + ENTER  # default answer is No: keep it
        + DOWN * 2
        + ENTER
        + ENTER
        + DOWN
        + ENTER  # remove Frivilligcentret, yes
        + UP
        + ENTER  # finish
        + UP
        + ENTER  # quit the menu
    )
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    s = load(env2)
    assert [p.name for p in s.partners] == ["Brugsen Åby"]
    assert "p1" not in s.outreach


def test_a_partner_added_later_is_rated_alone_then_back_to_the_menu(full_run, home: Path) -> None:
    _, before = full_run
    keys = DOWN * 3 + ENTER  # "Gå til 2"
    keys += ENTER + "Biblioteket" + ENTER + ENTER + ENTER + ENTER  # add: name, kind, …
    keys += UP + ENTER  # "Færdig, videre"
    keys += "4" + "5"  # step 3 asks for the new partner only: two digits
    keys += FINISH  # "Jeres noter" as they were
    keys += UP + ENTER  # back in the menu: "Afslut"
    env2 = make_env(home)
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    after = load(env2)
    new = after.partners[-1]
    assert (new.name, new.interest, new.influence) == ("Biblioteket", 4, 5)
    for old, again in zip(before.partners, after.partners, strict=False):
        assert (old.interest, old.influence) == (again.interest, again.influence)
    assert "Partner 3 af 3: Biblioteket" in screen(env2)
    assert "Partner 1 af 3" not in screen(env2)


def test_a_choice_of_no_partners_stands_on_a_revisit(full_run, home: Path) -> None:
    env2 = make_env(home)
    keys = DOWN * 5 + ENTER  # "Gå til 4"
    keys += SPACE + ENTER  # untick the one chosen: nobody
    keys += UP + ENTER  # back in the menu: "Afslut"
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    assert not load(env2).planned_in_order(env2.guide)
    env3 = make_env(home)
    keys = DOWN * 5 + ENTER + ENTER + UP + ENTER  # again: Enter keeps the choice of nobody
    assert drive(keys, lambda: main(["resume", NAME], env3)) == 0
    assert not load(env3).planned_in_order(env3.guide)


def test_invalid_date_is_asked_again(home: Path, replay: Replay) -> None:
    env = copy_into(home, replay.before[at("Hvornår tager I kontakt")])
    keys = ENTER + "32-13-2026" + ENTER + CLEAR + "snart" + ENTER + CLEAR
    keys += "20-11-2026" + ENTER + DOWN + ENTER  # a day past: "Nej, jeg skriver en anden"
    keys += CLEAR + "27.11.2026" + ENTER + CTRL_C
    assert drive(keys, lambda: main(["resume", NAME], env)) == 130
    assert load(env).outreach["p1"].next_contact == dt.date(2026, 11, 27)
    out = " ".join(screen(env).split())
    assert 'Den dato findes ikke: "32-13-2026". Skriv en dato, der findes, fx 28/2.' in out
    assert 'Det kan ikke læses som en dato: "snart".' in out


def test_a_past_next_contact_can_be_confirmed(home: Path, replay: Replay) -> None:
    env = copy_into(home, replay.before[at("Hvornår tager I kontakt")])
    keys = ENTER + "20-11-2026" + ENTER + ENTER + CTRL_C  # "Ja, det er rigtigt"
    assert drive(keys, lambda: main(["resume", NAME], env)) == 130
    assert load(env).outreach["p1"].next_contact == dt.date(2026, 11, 20)


def test_resume_without_name_chooses_newest(full_run, home: Path) -> None:
    env, _ = full_run
    older = (FIXTURES / "session_v1.yaml").read_text(encoding="utf-8")  # changed 20-11-2026
    older = older.replace("name: Fællesspisning i Nordby", "name: Aaa en ældre session")
    (env.store.folder / "aaa-en-aeldre-session.yaml").write_text(older, encoding="utf-8")
    env2 = make_env(home)
    # the picker starts on the newest; Enter takes it, then "Afslut" in its menu
    assert drive(ENTER + UP + ENTER, lambda: main(["resume"], env2)) == 0
    out = " ".join(screen(env2).split())
    assert "samarbejde resume 'Fællesspisning i Nordby'" in out
    assert "ældre session" not in out


def test_resume_unknown_session(home: Path) -> None:
    env = make_env(home)
    assert drive("", lambda: main(["resume", "Findes ikke"], env)) == 1
    assert 'Ingen session ved navn "Findes ikke"' in errors(env)


def test_saved_file_is_private_after_wizard(replay: Replay) -> None:
    assert replay.path.stat().st_mode & 0o777 == 0o600  # the file the wizard itself wrote


def test_control_characters_in_a_typed_answer_are_refused(home: Path, replay: Replay) -> None:
    env = copy_into(home, replay.before[at("Hvem er de borgere")])
    pasted = "\x1b[200~Ældre\x1b]0;pwned\x07 borgere\x1b[201~"  # a bracketed paste
    keys = ENTER + pasted + FINISH + CLEAR * 3 + "Ældre borgere" + FINISH + CTRL_C
    assert drive(keys, lambda: main(["resume", NAME], env)) == 130
    assert load(env).answer("dagligdag", "maalgruppe") == "Ældre borgere"


def test_pasted_direction_marks_are_kept_and_overrides_dropped(home: Path, replay: Replay) -> None:
    env = copy_into(home, replay.before[at("Hvem er de borgere")])
    pasted = "Ring til \u2068Ahmad Hassan\u2069 \u202egnp.exe"  # as copied from a web page
    keys = ENTER + pasted + FINISH + CTRL_C
    assert drive(keys, lambda: main(["resume", NAME], env)) == 130
    assert (
        load(env).answer("dagligdag", "maalgruppe") == "Ring til \u2068Ahmad Hassan\u2069 gnp.exe"
    )


def test_a_bare_samarbejde_opens_a_small_menu(full_run, home: Path) -> None:
    env = make_env(home)  # "Fortsæt med …" is first; then the session's menu: "Afslut"
    assert drive(ENTER + UP + ENTER, lambda: main([], env)) == 0
    assert "samarbejde resume 'Fællesspisning i Nordby'" in " ".join(screen(env).split())
    # a contact is due on 01-12-2026, within a week: "Følg op på en kontakt" is the second
    # choice, "Læs guiden" the fifth
    env2 = make_env(home)
    assert drive(DOWN * 4 + ENTER, lambda: main([], env2)) == 0
    assert "Tjekliste til godt samarbejde" in screen(env2)
    env3 = make_env(home)  # "Se overblikket": the list and the latest session's summary
    assert drive(DOWN * 3 + ENTER, lambda: main([], env3)) == 0
    assert "Sessioner" in screen(env3) and "Åbne punkter på tjeklisten" in screen(env3)


def test_the_contact_log_keeps_only_what_was_said_and_can_be_corrected(
    full_run, home: Path
) -> None:
    env2 = make_env(home)
    keys = DOWN * 5 + ENTER + ENTER  # "Gå til 4"; the chosen partner stays chosen
    keys += FINISH * 4 + ENTER + ENTER  # the four cards, key persons, next contact: kept
    keys += DOWN + ENTER + ENTER + ENTER  # add a contact: today, and nothing said
    keys += DOWN * 2 + ENTER + ENTER + CLEAR + "2.11.2026" + ENTER + CLEAR + "Møde" + ENTER
    keys += DOWN * 3 + ENTER + DOWN + ENTER  # "Fjern …", then "Tilbage": nothing removed
    keys += DOWN + ENTER + ENTER + "Opfølgning" + ENTER  # one more contact, today
    keys += DOWN * 3 + ENTER + DOWN + ENTER  # remove the second
    keys += ENTER + UP + ENTER  # "Videre", then "Afslut" in the menu
    assert drive(keys, lambda: main(["resume", NAME], env2)) == 0
    log = load(env2).outreach["p1"].log
    assert [(e.date, e.note) for e in log] == [(dt.date(2026, 11, 2), "Møde")]  # corrected
    assert "ikke gemt i loggen" in " ".join(screen(env2).split())


@pytest.mark.parametrize("digits", [False, True])
def test_escape_enter_at_a_list_is_enter(digits: bool) -> None:
    """Esc, Enter ends a multi-line answer; at a list it must not answer "" (a traceback
    at a rating) nor untick the whole checklist."""
    from samarbejde.guide.texts import fallback_texts
    from samarbejde.runner.prompts import Prompts

    prompts = Prompts(
        fallback_texts(), make_console(file=io.StringIO(), width=80, color_system=None)
    )
    choices = [(1, "1"), (2, "2"), (3, "3")]
    assert drive(DOWN + "\x1b\r", lambda: prompts.select("?", choices, 1, digits=digits)) == 2
    ticks = [(1, "a", True), (2, "b", False), (3, "c", True)]
    assert drive(DOWN + SPACE + "\x1b\r", lambda: prompts.checkbox("?", ticks)) == [1, 2, 3]
