"""The commands that write documents: the report, the partner's page, the agreement, the share
file and the comparison. Each builds its document and hands it to `delivery.deliver`; the
formats are `reports.formats`'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samarbejde.base.errors import ExitCode, SessionError, UsageError
from samarbejde.cli.commands.common import say
from samarbejde.cli.commands.delivery import deliver
from samarbejde.reports import formats
from samarbejde.runner.env import Env

if TYPE_CHECKING:
    from samarbejde.reports.compare import Comparison
    from samarbejde.sessions.sides import Side


def export_report(
    env: Env,
    ref: str | None,
    fmt: formats.Format[formats.SessionFile],
    output: str | None,
    force: bool,
    delimiter: str,
    unknown_extension: bool = False,
) -> None:
    """A report in `fmt` (see `formats.choose`); `unknown_extension`: Markdown was chosen for
    an extension it does not know, and the confirmation says so."""
    if len(delimiter) != 1 or delimiter.isalnum() or delimiter in "\"' \r\n":
        raise UsageError("error_export_delimiter", delimiter=delimiter)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    source = formats.SessionFile(session, path)
    deliver(env, formats.REPORT, fmt, source, output, force, names=[session.name],
            unknown_extension=unknown_extension, delimiter=delimiter)  # fmt: skip


def export_partner_page(
    env: Env,
    ref: str | None,
    partner_ref: str,
    fmt: formats.Format[formats.PartnerPage],
    output: str | None,
    force: bool,
    unknown_extension: bool = False,
) -> None:
    """The page to send one partner (md, html or docx): nothing internal in it."""
    from samarbejde.flows.contact import find_partner
    from samarbejde.flows.our_contact import ask_if_missing
    from samarbejde.reports import partner_page

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    partner = find_partner(session, partner_ref)
    session = ask_if_missing(env, path, session, "export", "--partner", partner.name)
    partner = find_partner(session, partner.id)
    page = partner_page.build(session, partner, env.guide, env.today())
    deliver(env, formats.PARTNER_PAGE, fmt, page, output, force,
            names=[session.name, partner.name], unknown_extension=unknown_extension,
            partner=partner.name)  # fmt: skip


def export_agreement(
    env: Env,
    ref: str | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    short: bool = False,
) -> None:
    """The samarbejdsaftale as a document: Markdown, HTML or Word; `short`: on one page for
    the people who do the work."""
    from samarbejde.base.terminal import command_line
    from samarbejde.flows.our_contact import ask_if_missing
    from samarbejde.reports import agreement, agreement_short

    # a wrong format is refused before anything is read or asked
    one_page, _unknown = formats.choose(formats.AGREEMENT_SHORT, fmt, output)
    whole, _unknown = formats.choose(formats.AGREEMENT, fmt, output)
    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    if session.agreement is None or env.guide.agreement is None:
        command = command_line(env.program, "agreement", session.name)
        raise SessionError("agreement_doc_none", name=session.name, command=command)
    again = ("export", "--agreement", *(["--kort"] if short else []))
    session = ask_if_missing(env, path, session, *again)
    names, today = [session.name], env.today()
    if short:
        page = agreement_short.build_short(session, env.guide, today)
        deliver(env, formats.AGREEMENT_SHORT, one_page, page, output, force, names=names)
    else:
        doc = agreement.build(session, env.guide, today)
        deliver(env, formats.AGREEMENT, whole, doc, output, force, names=names)


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
    from samarbejde.flows.our_contact import ask_if_missing
    from samarbejde.sessions import share

    path = env.store.resolve(ref, partial=True)
    session = env.store.load(path)
    again = ("export", "--format", "share")  # what carries on after a stop at our contact
    t = env.texts
    partner_id = None
    if partner is not None:
        partner_id = share.find_partner(session, partner)
        if partner_id is None:
            names = env.texts.listed([p.name for p in session.partners]) or env.texts("no_answer")
            raise SessionError("error_share_no_partner", name=partner, names=names)
    if include is not None or no_scores or (partner_id and not env.stdin_isatty()):
        chosen = set(share.DEFAULT) | ({"kort"} if partner_id else set())
        if include is not None:
            chosen = {s.strip() for s in include.split(",") if s.strip()}
            unknown = sorted(chosen - set(share.SECTIONS))
            if unknown:
                raise UsageError("error_share_section", value=unknown[0])
            if "kort" in chosen and partner_id is None:
                raise UsageError("error_share_cards_need_partner")
        if chosen & set(share.CONTACT_SECTIONS):  # asked only when it is to go in the file
            session = ask_if_missing(env, path, session, *again)
        scores = not no_scores
    else:
        if not env.stdin_isatty():
            raise UsageError("error_share_no_terminal")
        from samarbejde.flows.share import ask_sections

        session = ask_if_missing(env, path, session, *again)  # before the sections: it is one
        chosen, scores, partner_id = ask_sections(env, session, partner_id)
        if not chosen:
            say(env, t("share_nothing"))
            return ExitCode.OK
    sections = share.ordered(chosen)
    data = share.build(session, env.guide, env.today(), chosen, scores, partner_id)
    source = formats.ShareData(data, sections)
    written = deliver(env, formats.SHARE, formats.SHARE.default, source, output, force,
                      names=[session.name])  # fmt: skip
    if written is None:
        return ExitCode.OK
    cards = data.get("cards") or {}
    holds = share.section_labels(env.guide, sections, scores, cards.get("partner"))
    say(env, t("share_done_holds", sections=t.listed(holds)))
    return ExitCode.OK


def _compared(env: Env, a: Side, b: Side, by_hand: list[tuple[str, str]]) -> Comparison:
    """The comparison with the user's answers kept in their own session (`same_names`)."""
    from samarbejde.reports import compare

    mine, turned = compare.own_side(a, b)
    answers = {}
    if mine is not None and mine.path is not None:
        answers = compare.remembered(env.store.load(mine.path).same_names, turned)
    return compare.compare(a, b, env.guide, by_hand, answers)


def _list_proposed(env: Env, c: Comparison, a: str, b: str, matches: list[str]) -> None:
    """Likely pairs, without a terminal to ask in: each with the command that accepts it."""
    from rich.text import Text

    from samarbejde.base.terminal import command_line

    t = env.texts
    env.err.print(Text(t("compare_proposed")))
    given = [word for m in matches for word in ("--match", m)]
    for p in c.proposed:
        env.err.print(Text("  " + t("compare_proposed_pair", a=p.a, b=p.b)))
        line = command_line(env.program, "compare", a, b, *given, "--match", f"{p.a}={p.b}")
        env.err.print(Text("    " + line), soft_wrap=True)  # one line, to copy as it is


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

    chosen, unknown = formats.COMPARE.formats["json"], False
    if as_json:  # on standard output unless -o names a file, whatever its extension
        output = output or "-"
    elif fmt is not None or output is not None:
        chosen, unknown = formats.choose(formats.COMPARE, fmt, output)
    by_hand = [compare.parse_match(m) for m in matches]
    if not as_json and (fmt is not None or output is not None):  # a document: who made it
        from samarbejde.flows.our_contact import ask_for_side

        ask_for_side(env, a, "compare", b, *(["--format", fmt] if fmt else []))
    side_a, side_b = (
        sides.load_side(env.store, env.home, env.guide, a),
        sides.load_side(env.store, env.home, env.guide, b),
    )
    result = _compared(env, side_a, side_b, by_hand)
    if result.proposed:
        to_screen = output == "-" or (output is None and as_json)
        if (env.stdin_isatty() or env.enkel) and not to_screen:
            from samarbejde.flows import same_names

            mine, turned = compare.own_side(side_a, side_b)
            same_names.ask(env, result, mine, turned)
            result = _compared(env, side_a, side_b, by_hand)
        else:
            _list_proposed(env, result, a, b, matches)
    if not as_json and fmt is None and output is None:
        from samarbejde.views.compare import compare_view

        env.console.print(compare_view(result, env.guide, env.today(), env.console.width))
        return
    deliver(env, formats.COMPARE, chosen, result, output, force, unknown_extension=unknown)
