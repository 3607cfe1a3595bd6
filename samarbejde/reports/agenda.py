"""The agenda across all sessions: next contacts and evaluations, overdue first; as Rich
lines, as the `--json` promise, and as an iCalendar file. Pure but for `ics_bytes`' import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from samarbejde.base.contact_text import contact_parts
from samarbejde.base.dates import fmt_date
from samarbejde.base.lookalike import seen as look
from samarbejde.guide.content import Guide
from samarbejde.sessions.index import Brief, Contact, contacts_of
from samarbejde.sessions.model import Session

CONTACT, EVALUATION = "contact", "evaluation"
AGREEMENT_END, AGREEMENT_NOTICE = "agreement_end", "agreement_notice"
HEALTH = "health"  # the next health check, with the partner it rates


class Item(NamedTuple):
    date: dt.date
    kind: str  # contact | evaluation | agreement_end | agreement_notice | health
    session: str
    partner: str | None
    partner_id: str | None
    about: str  # the first line of the partner's plan
    key_persons: str
    overdue: bool
    source: str = ""  # the session file's identity (its real path), for the calendar's UID
    contact: str = ""  # the partner's contact person (and a phone or e-mail, if written there)


def items(
    sessions: Sequence[Session],
    guide: Guide,
    today: dt.date,
    days: int,
    paths: Sequence[Path] = (),
) -> list[Item]:
    """Every next contact and next evaluation within `days` of today; overdue ones always.
    Overdue first, then by date. `paths`, the sessions' files, make each calendar UID unique to
    its file."""
    sources = _sources(paths)
    found = [
        (s.name, dated(s, guide), s.next_evaluation(guide), sources[n] if n < len(sources) else "")
        for n, s in enumerate(sessions)
    ]
    return _items(found, today, days)


def _sources(paths: Sequence[Path]) -> list[str]:
    import os

    return [os.path.normcase(os.path.realpath(p)) for p in paths]


def dated(session: Session, guide: Guide) -> list[Contact]:
    """A session's dates with a partner: the next contacts, and the end of the agreement and
    its notice (with their text), as the index keeps them."""
    found = contacts_of(session)
    a = session.agreement
    partner = session.partner(a.partner) if a is not None and a.partner else None
    if a is not None and partner is not None:
        dates = (
            (AGREEMENT_END, a.end, "agenda_agreement_end"),
            (AGREEMENT_NOTICE, a.notice, "agenda_agreement_notice"),
        )
        for kind, date, key in dates:
            if date is not None:
                about = guide.texts(key, partner=partner.name)
                found.append(Contact(kind=kind, partner_id=partner.id, partner=partner.name,
                                     date=date, about=about, key_persons="",
                                     person=partner.contact))  # fmt: skip
    found += health_check(session, guide)
    return found


def health_check(session: Session, guide: Guide) -> list[Contact]:
    """The next health check, on the next evaluation's date, with the partner whose
    collaboration the last health check rated (none without one)."""
    when = session.next_evaluation(guide)
    last = next((r for r in reversed(session.finished_rounds()) if r.partner), None)
    partner = session.partner(last.partner) if last is not None else None
    if when is None or partner is None or guide.health is None:
        return []
    about = guide.texts("agenda_health", partner=partner.name)
    return [Contact(kind=HEALTH, partner_id=partner.id, partner=partner.name, date=when,
                    about=about, key_persons="", person=partner.contact)]  # fmt: skip


def items_of(
    briefs: Sequence[tuple[Brief, Path]], today: dt.date, days: int, sourced: bool = True
) -> list[Item]:
    """The same from the sessions' briefs (see `index`) and their files. Without `sourced`
    (the agenda on screen, `--json`), no item's `source`: no real path resolved per file."""
    paths = [path for _, path in briefs]
    sources = _sources(paths) if sourced else [""] * len(paths)
    pairs = zip(briefs, sources, strict=True)
    found = [(b.name, b.contacts, b.evaluation, source) for (b, _), source in pairs]
    return _items(found, today, days)


def _items(
    sessions: Sequence[tuple[str, Sequence[Contact], dt.date | None, str]],
    today: dt.date,
    days: int,
) -> list[Item]:
    found = []
    for name, contacts, evaluation, source in sessions:
        for c in contacts:
            who = (c.partner, c.partner_id, c.about, c.key_persons, c.date < today)
            # as before: the agreement's dates were made without the file's identity
            mine = source if c.kind == CONTACT else ""
            found.append(Item(c.date, c.kind, name, *who, mine, c.person))
        if evaluation is not None:
            late = evaluation < today
            found.append(Item(evaluation, EVALUATION, name, None, None, "", "", late, source))
    # no later than the calendar's last day, however many days are asked for
    horizon = dt.date.max if days >= (dt.date.max - today).days else today + dt.timedelta(days)
    kept = [i for i in found if i.overdue or i.date <= horizon]
    return sorted(kept, key=lambda i: (not i.overdue, i.date, i.session.casefold(), i.kind))


def once(found: Sequence[Item]) -> list[Item]:
    """Each date once where a session is in several files (a sync client's copy): what the
    agenda lists. (The calendar file keeps an event per file: its UIDs are the file's.)"""
    seen: set[tuple[str, str, str | None, dt.date]] = set()
    looks: dict[str, str] = {}  # each session's key made once, not once per date
    out = []
    for item in found:
        if item.session not in looks:
            looks[item.session] = look(item.session)
        key = (looks[item.session], item.kind, item.partner_id, item.date)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def as_json(found: Sequence[Item], today: dt.date) -> dict[str, object]:
    """The stable `agenda --json` form (documented in the README)."""
    return {
        "today": today.isoformat(),
        "items": [
            {
                "date": i.date.isoformat(),
                "kind": i.kind,
                "session": i.session,
                "partner": i.partner,
                "contact": (i.contact or None) if i.kind == CONTACT else None,
                "overdue": i.overdue,
            }
            for i in found
        ],
    }


def uid(item: Item) -> str:
    """The same for the same session file, partner and kind: importing again updates the
    event. The file is part of it: two files of the same name (a conflict copy, or a hostile
    file named like a colleague's session) never share an event."""
    import hashlib  # only for the calendar file: `list` and `summary` need none of it

    text = f"{item.source}\0{item.session}\0{item.partner_id or ''}\0{item.kind}"
    key = text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:32] + "@samarbejde"


def working_day_before(day: dt.date) -> dt.date:
    before = day - dt.timedelta(days=1)
    while before.weekday() >= 5:  # Saturday, Sunday
        before -= dt.timedelta(days=1)
    return before


def reminder(day: dt.date, now: dt.datetime) -> dt.timedelta | None:
    """When to remind of an all-day event on `day`, from its start: the working day before at
    9 o'clock, or the day itself at 9 where that has passed; None where both have (a file
    should not open with a reminder that is already due)."""
    local = now.astimezone().replace(tzinfo=None) if now.tzinfo is not None else now
    start = dt.datetime.combine(day, dt.time(0, 0))
    for moment in (dt.datetime.combine(working_day_before(day), dt.time(9, 0)),
                   dt.datetime.combine(day, dt.time(9, 0))):  # fmt: skip
        if moment > local:
            return moment - start
    return None


def ics_bytes(
    found: Sequence[Item],
    guide: Guide,
    now: dt.datetime,
    name: str | None = None,
) -> bytes:
    """An iCalendar file (RFC 5545) to publish: an all-day event per item, a reminder the
    working day before at 9 o'clock. `name` is the calendar's (a session's; "samarbejde" for
    the agenda)."""
    # Written here, line by line, as icalendar 7 writes the same calendar (its Calendar, Event
    # and Alarm objects did until issue 35): the same properties in the same order, its text
    # escaping, its folding. Measured near the 1 MB limit (2,107 events): with icalendar's
    # objects and `to_ical` (a Python loop over every character to fold) this function took
    # 1.2-1.5 s CPU of the 2.5 s `export --format ics` took; written here, 0.25 s, most of it
    # the events' texts, as before; and importing icalendar (50 ms) is saved.
    # tests/reports/test_ics_writer.py holds the bytes equal to icalendar's.
    from samarbejde.base.terminal import clean

    def t(key: str, **params: object) -> str:  # a control character from a file stays visible
        return clean(guide.texts(key, **params))

    # The calendar's name as icalendar 7.2+ writes an X- property: as it is, unescaped (a
    # reader shows "Nordby, Sørby" either way); but a line break, on which icalendar stops
    # with an AssertionError, as TEXT's `\\n`.
    calname = _breaks(clean(name) if name else t("ics_calendar"), "\\n")
    stamp = "DTSTAMP:" + _utc_stamp(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//samarbejde//DA", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + calname]  # fmt: skip
    for item in found:
        text, about = _event_text(item, t)
        summary = ics_text(text)
        lines += ["BEGIN:VEVENT", "SUMMARY:" + summary,
                  "DTSTART;VALUE=DATE:" + _ics_date(item.date)]  # fmt: skip
        if item.date < dt.date.max:  # (an all-day event without an end lasts that day)
            lines.append("DTEND;VALUE=DATE:" + _ics_date(item.date + dt.timedelta(days=1)))
        # (each line is cleaned already: `t` cleans, and `_event_text` cleans what it adds)
        description = ics_text("\n".join(line for line in about if line))
        lines += [stamp, "UID:" + ics_text(uid(item)), "DESCRIPTION:" + description]
        # (a day of year 1 has no day before)
        when = reminder(item.date, now) if item.date > dt.date.min + dt.timedelta(7) else None
        if when is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + summary,
                      "TRIGGER:" + _ics_duration(when), "END:VALARM"]  # fmt: skip
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join([fold(line) + b"\r\n" for line in lines])


def ics_text(text: str) -> str:
    """A TEXT value escaped as icalendar escapes it: backslash, semicolon and comma behind a
    backslash, every line break (CRLF, LF, a lone CR) as `\\n`; and, as icalendar does, a
    written `\\N` read as a line break first."""
    escaped = text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;")
    return _breaks(escaped.replace(",", "\\,"), "\\n")


def _breaks(text: str, mark: str) -> str:
    """Each line break (CRLF, LF or a lone CR) as `mark`."""
    return text.replace("\r\n", mark).replace("\n", mark).replace("\r", mark)


def fold(line: str) -> bytes:
    """A content line in UTF-8, folded as icalendar folds it (RFC 5545 3.1): no physical line
    over 74 octets before its line break (a continuation's leading space makes 75), never
    inside a character, and a backslash or caret that would end a line moved to the next, so
    that an escape is never split."""
    data = line.encode("utf-8")
    if len(data) < 75:
        return data
    parts: list[bytes] = []
    start, end = 0, len(data)
    while end - start > 74:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _utc_stamp(now: dt.datetime) -> str:
    """A time in UTC as DTSTAMP wants it (a time without a zone is taken to be UTC)."""
    utc = now.astimezone(dt.UTC) if now.tzinfo is not None else now
    return f"{utc.year:04}{utc.month:02}{utc.day:02}T{utc.hour:02}{utc.minute:02}{utc.second:02}Z"


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _ics_duration(delta: dt.timedelta) -> str:
    """A DURATION as icalendar writes it: "PT9H", "-PT15H", "-P3DT15H"."""
    sign = "-" if delta.days < 0 else ""
    delta = -delta if delta.days < 0 else delta
    hours, rest = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    time = ""
    if delta.seconds:
        time = "T" + (f"{hours}H" if hours else "")
        time += f"{minutes}M" if minutes or (hours and seconds) else ""
        time += f"{seconds}S" if seconds else ""
    if delta.days == 0 and time:
        return f"{sign}P{time}"
    return f"{sign}P{delta.days}D{time}"


def _event_text(item: Item, t: Callable[..., str]) -> tuple[str, list[str]]:
    """An event's summary and its description's lines: what to do, whom to call (the
    partner's contact person, phone and e-mail where known), and the command that helps."""
    from samarbejde.base.terminal import clean, command_line

    session, partner = item.session, item.partner or ""
    if item.kind == CONTACT:
        command = command_line("samarbejde", "contact", session, partner)
        lines = [t("agenda_ics_contact_todo", partner=partner), *_contact_lines(item, t)]
        if item.key_persons:
            lines.append(t("agenda_ics_key_persons", names=item.key_persons))
        lines += [clean(item.about), t("agenda_ics_contact_command", command=command)]
        return t("agenda_ics_contact", partner=partner, session=session), lines
    if item.kind == HEALTH:
        command = command_line("samarbejde", "evaluate", session)
        return clean(item.about), [t("ics_health_text", command=command), *_contact_lines(item, t)]
    if item.kind in (AGREEMENT_END, AGREEMENT_NOTICE):
        key = "agenda_ics_agreement_end" if item.kind == AGREEMENT_END else (
            "agenda_ics_agreement_notice")  # fmt: skip
        command = command_line("samarbejde", "export", session, "--agreement")
        lines = [t(key, partner=partner), *_contact_lines(item, t)]
        return clean(item.about), [*lines, t("agenda_ics_agreement", command=command)]
    command = command_line("samarbejde", "evaluate", session)
    summary = t("agenda_ics_evaluation", session=session)
    return summary, [t("ics_evaluation_text", command=command).strip()]


def _contact_lines(item: Item, t: Callable[..., str]) -> list[str]:
    """The partner's contact person as written, and the phone and e-mail found there on lines
    of their own (a phone's calendar offers to call a number alone on its line); where none
    is written, that it is not."""
    if not item.contact:
        return [t("agenda_ics_no_contact_person", partner=item.partner or "")]
    phone, email = contact_parts(item.contact)
    lines = [t("agenda_ics_contact_person", contact=item.contact)]
    lines += [t("agenda_ics_phone", phone=phone)] if phone else []
    lines += [t("agenda_ics_email", email=email)] if email else []
    return lines


def line_date(item: Item, weekdays: Sequence[str]) -> str:
    """ "01-12-2026 tirsdag"; without the weekday where the content has no seven names."""
    if len(weekdays) != 7:
        return fmt_date(item.date)
    return f"{fmt_date(item.date)} {weekdays[item.date.weekday()]}"  # Danish: "søndag"
