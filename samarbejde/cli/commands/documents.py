"""The commands that write documents: the report, the partner's page, the agreement, the share
file and the comparison."""

from __future__ import annotations

from pathlib import Path

from samarbejde.base.errors import ExitCode, SessionError, UsageError
from samarbejde.cli.commands.common import (
    JSON_SAFE,
    report_target,
    say,
    write_output,
)
from samarbejde.runner.env import Env


def export_agreement(env: Env, ref: str | None, fmt: str, output: str | None, force: bool) -> None:
    """The samarbejdsaftale as a document: Word (the default here), Markdown or HTML."""
    from samarbejde.base.terminal import command_line
    from samarbejde.reports import agreement
    from samarbejde.sessions.store import slug

    if fmt not in ("md", "html", "docx"):
        raise UsageError("error_agreement_format", format=fmt)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    if session.agreement is None or env.guide.agreement is None:
        command = command_line(env.program, "agreement", session.name)
        raise SessionError("agreement_doc_none", name=session.name, command=command)
    doc = agreement.build(session, env.guide, env.today())
    if fmt == "docx":
        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = agreement.docx_bytes(doc, env.now())
    else:
        data = agreement.render(doc, fmt).encode("utf-8")
    if output == "-":
        env.write_bytes(data)
        return
    name = f"{slug(session.name)}-{slug(env.texts('agreement_file_word'))}.{fmt}"
    target, _folder = report_target(output, name)
    write_output(env, target, data, force, done_key="agreement_saved")


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
    from samarbejde.reports import render as reports
    from samarbejde.sessions.store import slug

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
        from samarbejde.reports.word import docx_bytes

        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = docx_bytes(session, guide, env.today(), env.now())
    elif fmt == "xlsx":
        from samarbejde.reports.spreadsheet import xlsx_bytes

        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_xlsx_terminal")
        data = xlsx_bytes(session, guide, env.now())
    elif fmt == "ics":
        from samarbejde.reports import agenda

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
    write_output(env, target, data, force, "export_done_markdown" if unknown_extension else done)


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
    from samarbejde.flows.contact import find_partner
    from samarbejde.reports import partner_page
    from samarbejde.sessions.store import slug

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
    write_output(env, target, data, force, done, partner=partner.name)


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
    from samarbejde.sessions import share
    from samarbejde.sessions.store import slug

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
        from samarbejde.flows.share import ask_sections

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
    write_output(env, target, text, force, done_key="share_done")
    holds = [share.section_label(env.guide, s) for s in sections]
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
    from samarbejde.reports import compare
    from samarbejde.sessions import sides

    if fmt is None and output not in (None, "-"):
        suffix = Path(output).suffix.lstrip(".").lower()
        fmt = suffix if suffix in ("md", "html", "docx") else None
    if fmt is not None and fmt not in ("md", "html", "docx"):
        raise UsageError("error_compare_format", value=fmt)
    by_hand = [compare.parse_match(m) for m in matches]
    side_a, side_b = (
        sides.load_side(env.store, env.home, env.guide, a),
        sides.load_side(env.store, env.home, env.guide, b),
    )
    result = compare.compare(side_a, side_b, env.guide, by_hand)
    if as_json:
        import json

        text = json.dumps(compare.as_json(result), ensure_ascii=False, indent=2)
        text = text.translate(JSON_SAFE)
        if output in (None, "-"):
            print(text, file=env.stdout)
        else:  # the JSON into the file -o names
            write_output(env, Path(output), (text + "\n").encode("utf-8"), force, "compare_done")
        return
    if fmt is None and output is None:
        from samarbejde.views.compare import compare_view

        env.console.print(compare_view(result, env.guide, env.today(), env.console.width))
        return
    from samarbejde.reports import compare_doc
    from samarbejde.sessions.store import slug

    fmt = fmt or "md"
    if fmt == "md":
        data = compare_doc.markdown(result, env.guide, env.today()).encode("utf-8")
    elif fmt == "html":
        data = compare_doc.html(result, env.guide, env.today()).encode("utf-8")
    else:
        if output == "-" and env.stdout.isatty():
            raise UsageError("error_export_binary_terminal")
        data = compare_doc.docx_bytes(result, env.guide, env.today())
    if output == "-":
        env.write_bytes(data)
        return
    name = f"{slug(env.texts('compare_title'))}.{fmt}"
    target, _folder = report_target(output, name)
    write_output(env, target, data, force, done_key="compare_done")
