"""Actors from a spreadsheet into a session (`samarbejde import aktører.xlsx --into SESSION`):
the kommune's foreningsregister or any list of actors becomes post-its, without typing them.

The columns are found by their headings (the words are in the content: `import_words_*`);
when the name column is not found, a terminal asks which column holds the names, and the
answer is remembered in the session for a sheet with the same headings. Each row's name is
compared with the partners already there the way `compare` compares actors
(`reports.matching`): a sure match is already there and is left alone; a likely one is asked
('Er "Nordby Madklub" den samme som "Madklubben i Nordby"?') in a terminal, and without one it
is left out and named. Nothing already on the map is ever changed or added twice, also when
the same sheet is imported again. What will be added is shown, and in a terminal confirmed,
before one save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.padding import Padding
from rich.text import Text

from samarbejde.base.errors import ExitCode, Interrupted, Msg, SessionError
from samarbejde.base.names import fold
from samarbejde.guide.content import Guide
from samarbejde.reports import matching
from samarbejde.reports.compare import reader
from samarbejde.runner.env import Env
from samarbejde.runner.questions import Prompter
from samarbejde.sessions.lock import SessionLock
from samarbejde.sessions.model import Partner, Session
from samarbejde.sessions.table import Table, read_table

# The fields a column can fill, in the order their headings are looked for: the more
# particular first ("Navn på kontaktperson" is the contact, not the name).
FIELDS = ("contact", "phone", "email", "interest", "influence", "kind", "brings", "name")
SHOWN = 12  # names listed before "og N flere"


@dataclass
class Plan:
    """What an import will do: the new partners, and the rows already on the map."""

    new: list[Partner] = field(default_factory=list)
    there: list[tuple[str, str]] = field(default_factory=list)  # (row's name, partner's name)
    unsure: list[tuple[str, str]] = field(default_factory=list)  # not asked: left out


def heading_key(header: Sequence[str]) -> str:
    """A sheet's headings as one key, for the remembered columns."""
    return "|".join(fold(h) for h in header)


def find_columns(header: Sequence[str], guide: Guide) -> dict[str, int]:
    """The column of each field, found by the words of its headings; each column once."""
    t = guide.texts
    folded = [f" {fold(h)} " for h in header]
    found: dict[str, int] = {}
    for name in FIELDS:
        words = [fold(w) for w in t(f"import_words_{name}").split(",") if w.strip()]
        for exact in (True, False):  # a heading that is the word, before one that holds it
            column = next(
                (
                    i
                    for i, h in enumerate(folded)
                    if i not in found.values()
                    and any((h.strip() == w) if exact else (f" {w} " in h) for w in words)
                ),
                None,
            )
            if column is not None:
                found[name] = column
                break
    return found


def _score(guide: Guide, text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and text.isascii() and int(text) in guide.diagram.scale:
        return int(text)
    return None


def partner_of(row: Sequence[str], columns: dict[str, int], guide: Guide, pid: str) -> Partner:
    def cell(name: str) -> str:
        return row[columns[name]].strip() if name in columns else ""

    contact = ", ".join(v for v in (cell("contact"), cell("phone"), cell("email")) if v)
    return Partner(
        id=pid,
        name=cell("name"),
        kind=guide.kind_named(cell("kind"), part=True) or "andet",
        contact=contact,
        brings=cell("brings"),
        interest=_score(guide, cell("interest")),
        influence=_score(guide, cell("influence")),
    )


def plan_import(
    session: Session,
    table: Table,
    columns: dict[str, int],
    guide: Guide,
    answers: dict[str, bool],
) -> tuple[Plan, list[tuple[str, str]]]:
    """The plan, and the likely pairs (row's name, partner's name) not answered yet."""
    rows: list[Sequence[str]] = []
    seen: set[str] = set()
    for line in table.rows:  # each name once, also when the sheet has it twice
        key = fold(line[columns["name"]])
        if key and key not in seen:
            seen.add(key)
            rows.append(line)
    names = [row[columns["name"]].strip() for row in rows]
    existing: list[str] = [p.name for p in session.partners]
    plan, ask = Plan(), []
    read = reader(guide)
    # the session's own town ("Nordby" in its name and organisation) alone makes no pair
    towns = matching.towns(read, [session.name], [session.organisation])
    found = {f.i: f for f in matching.assign(read, names, existing, towns)}
    number = len(session.partners)
    for i, (name, row) in enumerate(zip(names, rows, strict=True)):
        f = found.get(i)
        if f is not None:
            other = existing[f.j]
            answer = answers.get(f"{fold(name)}={fold(other)}")
            if f.outcome == matching.SURE or answer is True:
                plan.there.append((name, other))
                continue
            if answer is None:
                ask.append((name, other))
                plan.unsure.append((name, other))
                continue
        number += 1
        plan.new.append(partner_of(row, columns, guide, _free_id(session, number)))
    return plan, ask


def _free_id(session: Session, number: int) -> str:
    ids = {p.id for p in session.partners}
    while f"p{number}" in ids:
        number += 1
    return f"p{number}"


def run_import_actors(env: Env, source: str, into: str) -> int:
    t, guide = env.texts, env.guide
    path = Path(source).expanduser()
    table = read_table(path)
    session_path = env.store.resolve(into, partial=True)
    interactive = env.stdin_isatty() or env.enkel
    prompts = env.prompts() if interactive else None
    with SessionLock(session_path, env.now):
        session = env.store.load(session_path)
        known = (dict(session.same_names), dict(session.table_columns))
        columns = _columns(env, prompts, session, table, path)
        # what compare or an earlier import was told (answers given now join it)
        plan, ask = plan_import(session, table, columns, guide, session.same_names)
        if ask and prompts is not None:
            session.same_names.update(_ask_same(env, prompts, ask))  # not asked again
            plan, _ = plan_import(session, table, columns, guide, session.same_names)
        _show(env, plan, session.name)
        if not plan.new:
            if known != (session.same_names, session.table_columns):
                env.store.save(session, session_path)  # what was answered is kept
            return ExitCode.OK
        if prompts is not None:
            yes_no = [(True, t("answer_yes")), (False, t("answer_no"))]
            question = t("import_actors_confirm", count=len(plan.new), session=session.name)
            if not prompts.select(question, yes_no, True):
                env.console.print(Text(t("import_actors_nothing")))
                return ExitCode.OK
        session.partners.extend(plan.new)
        env.store.save(session, session_path)
    done = t("import_actors_done", count=len(plan.new), session=session.name)
    env.console.print(Text(done, style="bold green"), soft_wrap=True)
    return ExitCode.OK


def _columns(
    env: Env, prompts: Prompter | None, session: Session, table: Table, path: Path
) -> dict[str, int]:
    """The columns found by their headings, those remembered for these headings, or (in a
    terminal) the name column asked for and remembered."""
    key = heading_key(table.header)
    columns = find_columns(table.header, env.guide)
    kept = session.table_columns.get(key, {})
    columns.update({k: v for k, v in kept.items() if 0 <= v < len(table.header)})
    if "name" in columns:
        return columns
    if prompts is None:
        headings = env.texts.listed([env.texts("quoted", text=h) for h in table.header if h])
        raise SessionError("error_import_no_name_column", path=path, headings=headings)
    choices = [
        (i, h or env.texts("import_column_blank", number=i + 1)) for i, h in enumerate(table.header)
    ]
    try:
        columns["name"] = prompts.select(env.texts("import_ask_name_column"), choices)
    except Interrupted as stop:
        stop.msg = Msg("import_actors_stopped")
        raise
    session.table_columns[key] = {"name": columns["name"]}  # saved with the partners
    return columns


def _ask_same(env: Env, prompts: Prompter, pairs: list[tuple[str, str]]) -> dict[str, bool]:
    t = env.texts
    answers: dict[str, bool] = {}
    choices = [(True, t("compare_ask_yes")), (False, t("compare_ask_no"))]
    try:
        for name, other in pairs:
            question = t("import_actors_ask_same", name=name, other=other)
            answers[f"{fold(name)}={fold(other)}"] = prompts.select(question, choices, True)
    except Interrupted as stop:
        stop.msg = Msg("import_actors_stopped")
        raise
    return answers


def _show(env: Env, plan: Plan, session: str) -> None:
    t, say = env.texts, env.console.print

    def listed(names: list[str], quoted: bool = True) -> str:
        shown = ", ".join(t("quoted", text=n) if quoted else n for n in names[:SHOWN])
        more = len(names) - SHOWN
        return shown + (" " + t("import_actors_more", count=more) if more > 0 else "")

    if plan.new:
        say(Text(t("import_actors_new", count=len(plan.new), session=session), style="bold"))
        say(Padding(Text(listed([p.name for p in plan.new])), (0, 0, 0, 2)))
    if plan.there:
        pairs = [t("import_actors_pair", name=a, other=b) for a, b in plan.there]
        say(Text(t("import_actors_there", count=len(plan.there)), style="bold"))
        say(Padding(Text(listed(pairs, quoted=False)), (0, 0, 0, 2)))
    if plan.unsure:
        pairs = [t("import_actors_pair", name=a, other=b) for a, b in plan.unsure]
        say(Text(t("import_actors_unsure", count=len(plan.unsure)), style="yellow"))
        say(Padding(Text(listed(pairs, quoted=False)), (0, 0, 0, 2)))
    if not plan.new:
        say(Text(t("import_actors_none_new")))
