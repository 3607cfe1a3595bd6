"""What each command does, once its arguments are parsed (by the Typer app in `cli`).

Every function takes the `Env`; it returns an exit code or None (0), and raises a
`SamarbejdeError` for anything the user must be told: the handler in `cli` prints it.
Neither Typer nor questionary is imported here.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text

from .env import Env
from .errors import ExitCode, Msg, SessionError, UsageError, os_detail
from .signals import listen

# JSON escapes C0 itself; DEL, C1 and the bidirectional overrides are escaped too (\u202e):
# the data stays exact, and a terminal showing it is not turned around.
_JSON_C1 = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F))}


def say(env: Env, text: str, style: str = "") -> None:
    """A line of plain text: never read as markup, so a name or a path shows as it is."""
    env.console.print(Text(text, style=style), soft_wrap=True)


def list_sessions(env: Env) -> None:
    from .terminal import command_line
    from .views import briefs, list_view

    entries = briefs(env.store, env.guide)
    if not entries:
        say(env, env.texts("list_empty"))
        return
    env.console.print(list_view(entries, env.guide, env.console.width))
    for entry in entries:  # a priority without a plan: named, never left between steps
        if entry.brief is not None and entry.brief.no_plan:
            names = ", ".join(entry.brief.no_plan)
            line = env.texts("list_no_plan", session=entry.brief.name, names=names)
            env.console.print(Text(line, style="yellow"))  # wrapped at the terminal's width
    say(env, env.texts("list_folder", path=env.store.folder), "dim")
    if any(e.brief and e.brief.overdue(env.today()) for e in entries):
        command = command_line(env.program, "agenda")
        say(env, env.texts("agenda_overdue_hint", command=command), "red")


def show_summary(env: Env, ref: str | None, as_json: bool) -> None:
    from .summary import build
    from .views import summary_view

    path = env.store.resolve(ref, partial=True)
    facts = build(env.store.load(path), env.guide, env.today())
    if as_json:
        import json

        data = facts.json_data()
        text = json.dumps(data, ensure_ascii=False, indent=2)  # æøå as they are; control
        print(text.translate(_JSON_C1), file=env.stdout)  # characters (C1, DEL) escaped
        return
    view = summary_view(facts, path, env.guide, env.console.width, env.program, env.enkel)
    env.console.print(view)


def show_agenda(env: Env, days: int, as_json: bool, ics: str | None, force: bool = False) -> None:
    """Across all sessions: next contacts and evaluations, overdue first."""
    from . import agenda
    from .views import agenda_view, briefs

    if days < 0:
        raise UsageError("error_agenda_days", days=days)
    listed = briefs(env.store, env.guide)
    known = [(e.brief, e.path) for e in listed if e.brief is not None]
    found = agenda.items_of(known, env.today(), days)
    if ics is not None:
        data = agenda.ics_bytes(found, env.guide, env.now())
        if ics == "-":
            env.write_bytes(data)
            return
        _write_report(env, Path(ics), data, force, done_key="agenda_ics_done")
        return
    if as_json:
        import json

        text = json.dumps(agenda.as_json(found, env.today()), ensure_ascii=False, indent=2)
        print(text.translate(_JSON_C1), file=env.stdout)
        return
    for entry in listed:
        if entry.brief is None:  # named in one line, skipped
            big = entry.too_big
            if big is not None:
                line = env.texts("agenda_too_big", file=entry.path.name, **big.params)
            else:
                line = env.texts("agenda_unreadable", file=entry.path.name)
            say(env, line, "red")
    env.console.print(agenda_view(found, env.guide, days, env.console.width, env.program))


def read_guide(env: Env) -> None:
    from .views import guide_view

    view = guide_view(env.guide)
    console = env.console
    if console.is_terminal and not env.enkel:  # --enkel: no pager redrawing the screen
        lines = console.render_lines(view, pad=False)
        if len(lines) > console.height:
            import shutil

            if "PAGER" not in os.environ and shutil.which("less"):
                os.environ["PAGER"] = "less -R"
            with console.pager(styles=True):
                console.print(view)
            return
    console.print(view)


def menu(env: Env) -> int:
    """A bare `samarbejde` in a terminal: carry on with the latest session, start a new one,
    see the overview, or read the guide."""
    from .runner import require_terminal
    from .wizard import resume_menu, run_start

    require_terminal(env)
    t = env.texts
    latest = env.store.readable()[:1]
    choices = []
    if latest and latest[0].session is not None:
        session = latest[0].session
        choices.append(("continue", t("menu_continue", name=session.name)))
        evaluation = session.next_evaluation(env.guide)
        if session.open_round() is not None:  # a round to finish, or one that is due
            choices.append(("evaluate", t("menu_evaluate_open", name=session.name)))
        elif evaluation is not None and evaluation <= env.today():
            choices.append(("evaluate", t("menu_evaluate", name=session.name)))
    due = _first_due_contact(env)
    if due is not None:  # overdue, or within a week
        choices.append(("contact", t("menu_contact")))
    choices += [("start", t("menu_start")), ("overview", t("menu_overview"))]
    choices += [("guide", t("menu_guide")), ("quit", t("menu_quit"))]
    ask = env.prompts()
    action = ask.select(t("menu_question"), choices, choices[0][0])
    if action == "continue":
        return resume_menu(env, ask, latest[0].path)
    if action == "start":
        return run_start(env)
    if action == "evaluate":
        from .evaluate import evaluate_session

        return evaluate_session(env, ask, latest[0].path)
    if action == "contact" and due is not None:
        from .contact import Flags, run_contact

        return run_contact(env, str(due), None, Flags())
    if action == "overview":
        list_sessions(env)
        if latest:
            show_summary(env, str(latest[0].path), as_json=False)
    elif action == "guide":
        read_guide(env)
    return ExitCode.OK


FOLLOW_UP_DAYS = 7  # the menu offers to follow up a contact that is due within a week


def _first_due_contact(env: Env) -> Path | None:
    """The session of the first contact overdue or due within a week, if any."""
    import datetime as dt

    soon = env.today() + dt.timedelta(days=FOLLOW_UP_DAYS)
    due = [(u.date, e.path) for e in env.store.readable() if e.session is not None
           for u in e.session.next_contacts(env.today()) if u.date <= soon]  # fmt: skip
    return min(due)[1] if due else None


def start(env: Env, name: str | None, role: str | None) -> int:
    from .wizard import run_start

    return run_start(env, name=name, role=role)


def resume(env: Env, ref: str | None) -> int:
    from .wizard import run_resume

    return run_resume(env, ref)


def evaluate(env: Env, ref: str | None) -> int:
    from .evaluate import run_evaluate

    return run_evaluate(env, ref)


def agreement(env: Env, ref: str | None, with_other: str | None) -> int:
    from .agreement import run_agreement

    return run_agreement(env, ref, with_other)


def export_agreement(env: Env, ref: str | None, fmt: str, output: str | None, force: bool) -> None:
    """The samarbejdsaftale as a document: Word (the default here), Markdown or HTML."""
    from . import agreement_doc
    from .store import slug
    from .terminal import command_line

    if fmt not in ("md", "html", "docx"):
        raise UsageError("error_agreement_format", format=fmt)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    if session.agreement is None or env.guide.agreement is None:
        command = command_line(env.program, "agreement", session.name)
        raise SessionError("agreement_doc_none", name=session.name, command=command)
    doc = agreement_doc.build(session, env.guide, env.today())
    if fmt == "docx":
        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = agreement_doc.docx_bytes(doc, env.now())
    else:
        data = agreement_doc.render(doc, fmt).encode("utf-8")
    if output == "-":
        env.write_bytes(data)
        return
    name = f"{slug(session.name)}-{slug(env.texts('agreement_file_word'))}.{fmt}"
    target, _folder = report_target(output, name)
    _write_report(env, target, data, force, done_key="agreement_saved")


EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
              ".docx": "docx", ".csv": "csv", ".ics": "ics", ".xlsx": "xlsx"}  # fmt: skip
# Extensions of formats the program does not write: Markdown in a .pdf would be mailed on as
# a PDF nobody can open, so these are refused rather than written as Markdown.
OTHER_FORMATS = (".pdf", ".doc", ".odt", ".rtf", ".xls", ".ods", ".ppt", ".pptx", ".odp",
                 ".png", ".jpg", ".jpeg")  # fmt: skip


def report_format(
    fmt: str | None, output: str | None, formats: tuple[str, ...]
) -> tuple[str, bool]:
    """The format of a report: `--format`, else the extension of `-o` (`rapport.docx`), else
    Markdown. An extension that disagrees with `--format` (or names a format the program does
    not have) is a usage error. Also: was Markdown chosen for an extension it does not know?"""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    by_extension = EXTENSIONS.get(suffix)
    if suffix in OTHER_FORMATS:
        raise UsageError("error_export_other_format", suffix=suffix, path=output)
    if fmt is None:
        if by_extension is not None and by_extension not in formats:
            raise UsageError("error_export_format", value=by_extension)
        return by_extension or "md", bool(suffix) and by_extension is None
    if by_extension is not None and by_extension != fmt:
        raise UsageError("error_export_extension", suffix=suffix, fmt=fmt, path=output)
    return fmt, False


def export_report(
    env: Env,
    ref: str | None,
    fmt: str,
    output: str | None,
    force: bool,
    delimiter: str,
    unknown_extension: bool = False,
) -> None:
    """A report in `fmt` (see `report_format`); `unknown_extension`: Markdown was chosen for
    an extension it does not know, and the confirmation says so."""
    from . import export as reports
    from .store import slug

    if len(delimiter) != 1 or delimiter.isalnum() or delimiter in "\"' \r\n":
        raise UsageError("error_export_delimiter", delimiter=delimiter)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    guide = env.guide
    if fmt == "md":
        data = reports.markdown(session, guide, env.today()).encode("utf-8")
    elif fmt == "html":
        data = reports.html_report(session, guide, env.today()).encode("utf-8")
    elif fmt == "docx":
        from .docx_report import docx_bytes

        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = docx_bytes(session, guide, env.today(), env.now())
    elif fmt == "xlsx":
        from .xlsx_report import xlsx_bytes

        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_xlsx_terminal")
        data = xlsx_bytes(session, guide, env.now())
    elif fmt == "ics":
        from . import agenda

        everything = agenda.items([session], guide, env.today(), 36_500, [path])
        data = agenda.ics_bytes(everything, guide, env.now(), session.name)
    else:
        data = reports.csv_bytes(session, guide, delimiter)
    if output == "-":
        env.write_bytes(data)
        return
    target, folder = report_target(output, f"{slug(session.name)}.{fmt}")
    unknown_extension = unknown_extension and not folder
    done = "agenda_ics_done" if fmt == "ics" else "export_done"
    _write_report(env, target, data, force, "export_done_markdown" if unknown_extension else done)


def export_partner_page(
    env: Env,
    ref: str | None,
    partner_ref: str,
    fmt: str,
    output: str | None,
    force: bool,
    unknown_extension: bool = False,
) -> None:
    """The page to send one partner (md, html or docx): nothing internal in it."""
    from . import partner_page
    from .contact import find_partner
    from .store import slug

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    partner = find_partner(session, partner_ref)
    page = partner_page.build(session, partner, env.guide, env.today())
    if fmt == "docx":
        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = partner_page.docx(page)
    elif fmt == "html":
        data = partner_page.html(page).encode("utf-8")
    else:
        data = partner_page.markdown(page).encode("utf-8")
    if output == "-":
        env.write_bytes(data)
        return
    name = f"{slug(session.name)}-{slug(partner.name)}.{fmt}"
    target, folder = report_target(output, name)
    unknown_extension = unknown_extension and not folder
    done = "partner_page_done_markdown" if unknown_extension else "partner_page_done"
    _write_report(env, target, data, force, done, partner=partner.name)


def report_target(output: str | None, name: str) -> tuple[Path, bool]:
    """Where a file the user asked for goes: `-o` (a folder gets `name` in it), else `name`
    in the folder the user stands in; and whether `-o` was a folder. A name too long for the
    system is said with the file's name and the reason."""
    target = Path(output) if output else Path.cwd() / name
    try:
        if target.is_dir():
            return target / name, True
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    return target, False


def _write_report(
    env: Env, target: Path, data: bytes, force: bool, done_key: str = "", **params: object
) -> None:
    """Write a report where the user asked; never over a session, a link or a device, and
    over another file only with --force."""
    from .store import atomic_write

    try:
        _refuse_report_target(env, target)
        if (target.exists() or target.is_symlink()) and not force:
            raise SessionError("error_export_exists", path=target)
        if not target.parent.is_dir():
            raise SessionError("error_export_no_folder", folder=target.parent)
        atomic_write(target, data)
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    say(env, env.texts(done_key or "export_done", path=target, **params))


def _refuse_report_target(env: Env, target: Path) -> None:
    """A report never replaces a session, a link, a device or a pipe, even with --force: no
    file in the sessions folder, and no file that looks like a session (a YAML mapping with a
    `schema_version`), whether this program can load it or not (a newer version's, or one
    made for another content file)."""
    import stat

    real = Path(os.path.realpath(target))
    if real.is_relative_to(Path(os.path.realpath(env.store.folder))):
        raise SessionError("error_export_in_sessions", path=target)
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SessionError("error_export_write", path=target, detail=os_detail(exc)) from None
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise SessionError("error_export_not_file", path=target)
    if stat.S_ISREG(info.st_mode) and _looks_like_session(target):
        raise SessionError("error_export_in_sessions", path=target)


def _looks_like_session(path: Path) -> bool:
    """A YAML mapping with a `schema_version`: anyone's session, of any version."""
    from . import yamlio

    try:
        data = yamlio.loads(yamlio.read_bytes(path))
    except (OSError, yamlio.YamlError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "schema_version" in data


def delete_session(env: Env, ref: str, yes: bool) -> int:
    """Delete a session: only a file that loads as one, and never while a wizard has it."""
    from .lock import SessionLock

    try:
        path = env.store.resolve(ref)
    except SessionError as err:
        if err.msg.key == "error_session_not_found":  # a part of a name is never enough here
            try:
                whole = env.store.load(env.store.resolve(ref, partial=True)).name
            except SessionError:
                raise err from None
            err.details[:] = [Msg("error_delete_full_name", {"name": whole})]
        raise
    try:
        session = env.store.load(path)
    except SessionError as err:
        reason = err.msg.params.get("reason", err.msg)
        raise SessionError("error_delete_not_session", path=path, reason=reason) from None
    with SessionLock(path, env.now):
        if not yes:
            if not env.stdin_isatty():
                raise UsageError("error_delete_no_terminal", name=session.name)
            from .errors import Interrupted

            t = env.texts
            choices = [(False, t("delete_no")), (True, t("delete_yes"))]  # no comes first
            try:
                listen()
                sure = env.prompts().select(t("delete_confirm", name=session.name), choices, False)
            except Interrupted:
                env.console.print()
                say(env, t("delete_kept"))
                return ExitCode.INTERRUPTED
            if not sure:
                say(env, t("delete_kept"))
                return ExitCode.OK
        try:
            path.unlink()
        except OSError as exc:
            detail = os_detail(exc)
            raise SessionError("error_session_delete", path=path, detail=detail) from None
    say(env, env.texts("delete_done", name=session.name))
    return ExitCode.OK


# -- issue 18: two sides of the same table (share, compare, import) -------------------------


def export_share(
    env: Env,
    ref: str | None,
    output: str | None,
    force: bool,
    partner: str | None,
    include: str | None,
    no_scores: bool,
) -> int:
    """Your side of the table as a share file: every section shown and asked in a terminal,
    or chosen with --include / --no-scores."""
    from . import share
    from .store import slug

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    t = env.texts
    partner_id = None
    if partner is not None:
        partner_id = share.find_partner(session, partner)
        if partner_id is None:
            names = ", ".join(p.name for p in session.partners) or "-"
            raise SessionError("error_share_no_partner", name=partner, names=names)
    if include is not None or no_scores or (partner_id and not env.stdin_isatty()):
        chosen = set(share.SECTIONS) - {"kort"} | ({"kort"} if partner_id else set())
        if include is not None:
            chosen = {s.strip() for s in include.split(",") if s.strip()}
            unknown = sorted(chosen - set(share.SECTIONS))
            if unknown:
                raise UsageError("error_share_section", value=unknown[0])
            if "kort" in chosen and partner_id is None:
                raise UsageError("error_share_cards_need_partner")
        scores = not no_scores
    else:
        if not env.stdin_isatty():
            raise UsageError("error_share_no_terminal")
        from .share_ask import ask_sections

        chosen, scores, partner_id = ask_sections(env, session, partner_id)
        if not chosen:
            say(env, t("share_nothing"))
            return ExitCode.OK
    sections = share.ordered(chosen)
    data = share.build(session, env.guide, env.today(), chosen, scores, partner_id)
    text = share.dumps(data, env.guide, sections).encode("utf-8")
    if output == "-":
        env.write_bytes(text)
        return ExitCode.OK
    name = f"{slug(session.name)}-{slug(t('share_file_word'))}.yaml"
    target, _folder = report_target(output, name)
    _write_report(env, target, text, force, done_key="share_done")
    holds = [t(f"share_section_{s}") for s in sections]
    if "aktoerer" in sections and not scores:
        holds[sections.index("aktoerer")] = t("share_section_aktoerer_no_scores")
    say(env, t("share_done_holds", sections=", ".join(holds)))
    return ExitCode.OK


def compare_sides(
    env: Env,
    a: str,
    b: str,
    as_json: bool,
    fmt: str | None,
    output: str | None,
    matches: list[str],
    force: bool,
) -> None:
    """Two sides of the same table, side by side: in the terminal, as JSON or as a report."""
    from . import compare

    if fmt is None and output not in (None, "-"):
        suffix = Path(output).suffix.lstrip(".").lower()
        fmt = suffix if suffix in ("md", "html", "docx") else None
    if fmt is not None and fmt not in ("md", "html", "docx"):
        raise UsageError("error_compare_format", value=fmt)
    by_hand = [compare.parse_match(m) for m in matches]
    side_a, side_b = compare.load_side(env, a), compare.load_side(env, b)
    result = compare.compare(side_a, side_b, env.guide, by_hand)
    if as_json:
        import json

        text = json.dumps(compare.as_json(result), ensure_ascii=False, indent=2)
        text = text.translate(_JSON_C1)
        if output in (None, "-"):
            print(text, file=env.stdout)
        else:  # the JSON into the file -o names
            _write_report(env, Path(output), (text + "\n").encode("utf-8"), force, "compare_done")
        return
    if fmt is None and output is None:
        from .compare_view import compare_view

        env.console.print(compare_view(result, env.guide, env.today(), env.console.width))
        return
    from . import compare_report
    from .store import slug

    fmt = fmt or "md"
    if fmt == "md":
        data = compare_report.markdown(result, env.guide, env.today()).encode("utf-8")
    elif fmt == "html":
        data = compare_report.html(result, env.guide, env.today()).encode("utf-8")
    else:
        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = compare_report.docx_bytes(result, env.guide, env.today())
    if output == "-":
        env.write_bytes(data)
        return
    name = f"{slug(env.texts('compare_title'))}.{fmt}"
    target, _folder = report_target(output, name)
    _write_report(env, target, data, force, done_key="compare_done")


def import_file(env: Env, source: str, force: bool) -> None:
    """A received file kept here: a session into the sessions folder (never over another),
    a share file into the `delte` folder. It is checked first and copied byte for byte."""
    from . import compare, share
    from .store import from_data, name_hash, slug

    path = Path(source).expanduser()
    raw, data = share.read_raw(path)
    share.refuse_neither(data, path)
    if share.is_share(data):
        received = share.from_data(data, path, env.guide)
        folder = env.home / compare.SHARES_FOLDER
        key = f"{received.organisation}-{received.name}"
        target = folder / f"{slug(key)}-{name_hash(key)[:6]}.yaml"
        if target.exists() and not force:
            raise SessionError("error_import_share_exists", name=received.name,
                               organisation=received.organisation or "-", path=target)  # fmt: skip
        _save_private(folder, target, raw)
        say(env, env.texts("import_done_share", name=received.name, path=target,
                           organisation=received.organisation or "-"))  # fmt: skip
        return
    session = from_data(data, path, env.guide.diagram.scale)
    target = env.store.path_for(session.name)
    if target.exists() or target.is_symlink():
        raise SessionError("error_import_exists", name=session.name, path=target)
    _save_private(env.store.folder, target, raw)
    say(env, env.texts("import_done_session", name=session.name, path=target))


def _save_private(folder: Path, target: Path, data: bytes) -> None:
    """A received file's bytes, as they came, readable by the user alone (0600, folder 0700)."""
    from .store import atomic_write

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(target, data)
    except OSError as exc:
        raise SessionError("error_session_write", path=target, detail=os_detail(exc)) from None
