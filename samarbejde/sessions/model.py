"""The session: what one collaboration effort holds, and the questions asked of it.

Validated by pydantic when loaded; keys this version does not know are kept (`extra`) and
written back. Pure data and logic: no files, no terminal.
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, Field, StrictBool, StrictInt, StrictStr, model_validator

from samarbejde.base.dates import fmt_date
from samarbejde.base.ids import REACH_OUT, ROLES
from samarbejde.base.quadrants import Ranked, prioritise, quadrant
from samarbejde.guide.content import AgreementSection, ChecklistItem, Guide
from samarbejde.guide.validation import Kept, unique_ids

SCHEMA_VERSION = 1


def _aware(value: dt.datetime) -> dt.datetime:
    """A time written without a zone (a hand edit) is the local time; at the calendar's very
    ends (`9999-12-31 23:59:59` west of UTC), where local time has no UTC moment, it is UTC."""
    if value.tzinfo is not None:
        return value
    try:
        return value.astimezone()
    except (OverflowError, ValueError, OSError):
        return value.replace(tzinfo=dt.UTC)


Moment = Annotated[dt.datetime, AfterValidator(_aware)]
Text = StrictStr
Score = StrictInt | None


class Readiness(Kept):
    status: Text = ""
    note: Text = ""


class Partner(Kept):
    # No dot: the wizard's places are "<id>.<field>" (`p1.interest`)
    id: Annotated[Text, Field(pattern=r"^[^.]*$")]
    name: Text
    kind: Text = "andet"
    contact: Text = ""
    brings: Text = ""
    interest: Score = None
    influence: Score = None

    @property
    def is_rated(self) -> bool:
        return self.interest is not None and self.influence is not None


class LogEntry(Kept):
    date: dt.date
    note: Text = ""
    by: Text = ""  # who wrote the line (a login name, or SAMARBEJDE_BRUGER); "" in older files


class Author(Kept):
    """Who last changed an answer, and when."""

    user: Text
    at: Moment


class Outreach(Kept):
    planned: StrictBool = True  # False: taken off the plan, answers kept
    cards: dict[Text, Text] = Field(default_factory=dict)
    key_persons: Text = ""
    next_contact: dt.date | None = None
    log: list[LogEntry] = Field(default_factory=list)


class CheckState(Kept):
    done: StrictBool = False
    note: Text = ""
    date: dt.date | None = None


AgreementStatus = Literal["", "in_place", "partly", "not_relevant"]


class AgreementPart(Kept):
    text: Text | None = None  # None: not written yet (the suggestion stands in for it)
    status: AgreementStatus = ""  # "": never confirmed


class Agreement(Kept):
    """The draft samarbejdsaftale: with which partner, each section's text and status, and
    its dates (they go into the agenda)."""

    partner: Text = ""  # the partner's id
    children: StrictBool | None = None  # do the citizens include children under 15?
    adults: StrictBool | None = None  # home visits, or vulnerable adults among the citizens?
    sections: dict[Text, AgreementPart] = Field(default_factory=dict)
    start: dt.date | None = None
    end: dt.date | None = None
    notice: dt.date | None = None  # the last day to extend or end it
    other: Text = ""  # the partner's organisation, from their own session (`--with`)
    with_ref: Text = ""  # their session or share file, as `--with` named it
    # Further parties (a second `--with` and on): their organisations, and their sides' refs.
    others: list[Text] = Field(default_factory=list)
    others_refs: list[Text] = Field(default_factory=list)


# The longest each part of our contact person may be, typed or read from a share file.
CONTACT_LIMITS = {"name": 120, "role": 120, "phone": 40, "email": 254}


class ContactPerson(Kept):
    """Our contact person: who the partner calls, named on what we send out (the partner's
    page, the agreement, a share file, the comparison)."""

    name: Text = ""
    role: Text = ""  # rolle or titel: "ældrechef", "formand"
    phone: Text = ""
    email: Text = ""

    def line(self, texts: Callable[..., str], role: bool = True) -> str:
        """The parts given, in one line: "Hanne Lund, ældrechef, tlf. 12 34 56 78, e-mail
        hl@nordby.dk" (the phone's and e-mail's words are the content's)."""
        parts = [self.name.strip(), self.role.strip() if role else ""]
        if self.phone.strip():
            parts.append(texts("sender_phone_part", phone=self.phone.strip()))
        if self.email.strip():
            parts.append(texts("sender_email_part", email=self.email.strip()))
        return ", ".join(p for p in parts if p)


class Cursor(Kept):
    """Where the user is now: the step and the question asked last."""

    step: Text = "foer"
    question: Text = ""
    draft: Text = ""  # files before drafts were kept per question; moved to `drafts` on load


class RoundScore(Kept):
    interest: StrictInt
    influence: StrictInt


class Round(Kept):
    """One evaluation: the checklist and the scores as they stood that day. Round zero is the
    wizard's own checklist and scores, kept when the first evaluation starts."""

    date: dt.date
    ticked: list[Text] = Field(default_factory=list)  # checklist item ids ticked in this round
    scores: dict[Text, RoundScore] = Field(default_factory=dict)  # partner id -> its scores
    note: Text = ""  # the answer to "Hvad justerer I?"
    next_evaluation: dt.date | None = None
    finished: StrictBool = False
    # The partners chosen to be rated again, where a round asked (many partners); None: all.
    reviewed: list[Text] | None = None
    agreement: dict[Text, Text] = Field(default_factory=dict)  # section id -> its status
    # The health check: each item rated on the guide's health scale (an item not here: not
    # rated; a round from before the health check has none), a comment per item where
    # written, and the partner whose collaboration it rates (a partner id; "": none named).
    ratings: dict[Text, StrictInt] = Field(default_factory=dict)
    comments: dict[Text, Text] = Field(default_factory=dict)
    partner: Text = ""
    # The overdue contacts the round was told to skip (partner ids): not asked again on resume.
    skipped: list[Text] = Field(default_factory=list)

    def checklist_done(self, guide: Guide) -> int:
        """How many of the guide's items were ticked (ids the guide lacks do not count)."""
        ticked = set(self.ticked)
        return sum(item.id in ticked for item in guide.checklist)


class Move(NamedTuple):
    """A partner whose quadrant changed between two rounds."""

    partner_id: str
    partner: str
    before: str  # quadrant ids
    after: str


class Upcoming(NamedTuple):
    partner_id: str
    partner: str
    date: dt.date
    overdue: bool


class Session(Kept):
    schema_version: StrictInt
    name: Text
    role: Literal[(*ROLES, "")]  # type: ignore[valid-type]  # "" until the user has chosen
    created: Moment
    updated: Moment
    organisation: Text = ""
    forms: list[Text] = Field(default_factory=list)
    cursor: Cursor = Field(default_factory=Cursor)
    completed: list[Text] = Field(default_factory=list)
    readiness: dict[Text, Readiness] = Field(default_factory=dict)
    answers: dict[Text, dict[Text, Text]] = Field(default_factory=dict)
    partners: Annotated[list[Partner], AfterValidator(unique_ids)] = Field(default_factory=list)
    outreach: dict[Text, Outreach] = Field(default_factory=dict)
    checklist: dict[Text, CheckState] = Field(default_factory=dict)
    # Per step not finished, the question the user was at; a detour elsewhere keeps it.
    left_at: dict[Text, Text] = Field(default_factory=dict)
    # What was typed at a question when the user stopped, by "step.question", until answered.
    drafts: dict[Text, Text] = Field(default_factory=dict)
    # The evaluation rounds, oldest first; only the last may be unfinished.
    rounds: list[Round] = Field(default_factory=list)
    # `compare`'s questions answered: "ours=theirs" (two names folded) -> the same or not.
    same_names: dict[Text, StrictBool] = Field(default_factory=dict)
    # `import --into`: a spreadsheet's headings (folded, "|"-joined) -> field -> column
    table_columns: dict[Text, dict[Text, StrictInt]] = Field(default_factory=dict)
    agreement: Agreement | None = None
    # Who last changed each answer, by "step.question" as the runner asks it (empty: none yet).
    written_by: dict[Text, Author] = Field(default_factory=dict)
    our_contact: ContactPerson | None = None  # None: never asked (files from before it)
    # The day the last of the guide's steps was first done: the evaluations' starting point
    # (None: not yet, or a file from before it; see `guide_finished`).
    completed_on: dt.date | None = None

    @model_validator(mode="after")
    def _from_a_single_cursor(self) -> "Session":
        """A file from before `left_at` and `drafts`: its cursor says both."""
        c = self.cursor
        if c.question and c.step not in self.completed:
            self.left_at.setdefault(c.step, c.question)
        if c.draft:
            self.drafts.setdefault(f"{c.step}.{c.question}", c.draft)
            c.draft = ""
        return self

    def is_empty(self) -> bool:
        """Nothing answered yet (a name, perhaps a role): never the default session."""
        return not (
            self.organisation
            or self.forms
            or self.partners
            or any(any(a.values()) for a in self.answers.values())
            or any(r.status or r.note for r in self.readiness.values())
            or self.outreach
            or self.checklist
            or self.rounds
            or any(d.strip() for d in self.drafts.values())
        )

    # -- answers and partners ------------------------------------------------------------

    def answer(self, step_id: str, question_id: str) -> str:
        return self.answers.get(step_id, {}).get(question_id, "")

    def set_answer(self, step_id: str, question_id: str, value: str) -> None:
        self.answers.setdefault(step_id, {})[question_id] = value

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def partners_by_id(self) -> dict[str, Partner]:
        """Each partner by its id, for looking many up (ids are unique when loaded); built
        anew for each question asked, as the wizard adds and removes partners in place."""
        return {p.id: p for p in self.partners}

    def new_partner_id(self) -> str:
        numbers = [int(p.id[1:]) for p in self.partners if re.fullmatch(r"p\d+", p.id)]
        return f"p{max(numbers, default=0) + 1}"

    def is_planned(self, partner_id: str) -> bool:
        """Is the partner on the outreach plan (step 4)?"""
        plan = self.outreach.get(partner_id)
        return plan is not None and plan.planned

    # -- the checklist -------------------------------------------------------------------

    def is_ticked(self, item_id: str) -> bool:
        state = self.checklist.get(item_id)
        return state is not None and state.done

    def ticked(self, guide: Guide) -> int:
        return sum(self.is_ticked(item.id) for item in guide.checklist)

    def ticked_ids(self, guide: Guide) -> list[str]:
        """The ticked items' ids in the guide's order; then ids the guide does not have."""
        ticked = [item.id for item in guide.checklist if self.is_ticked(item.id)]
        return ticked + [k for k, v in self.checklist.items() if v.done and k not in ticked]

    def open_items(self, guide: Guide) -> list[ChecklistItem]:
        return [item for item in guide.checklist if not self.is_ticked(item.id)]

    def next_evaluation(self, guide: Guide) -> dt.date | None:
        for item in guide.checklist:
            state = self.checklist.get(item.id)
            if item.asks_date and state is not None and state.date is not None:
                return state.date
        return None

    # -- priorities and dates ------------------------------------------------------------

    def ranked(self, guide: Guide) -> list[Ranked]:
        """The rated partners in priority order."""
        return prioritise(
            [(p.id, p.name, p.interest, p.influence) for p in self.partners],
            guide.diagram.high_from,
        )

    def partners_in_order(self, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
        """Every partner with its rank: the rated by priority, then the not yet rated in
        the order they were added."""
        by_id = {r.partner_id: r for r in self.ranked(guide)}
        rated = [(p, by_id[p.id]) for p in self.partners if p.id in by_id]
        rated.sort(key=lambda pair: pair[1].priority)
        return rated + [(p, None) for p in self.partners if p.id not in by_id]

    def planned_in_order(self, guide: Guide) -> list[tuple[Partner, Ranked | None]]:
        """The partners on the outreach plan (step 4), in priority order."""
        return [(p, r) for p, r in self.partners_in_order(guide) if self.is_planned(p.id)]

    def without_plan(self, guide: Guide) -> list[Partner]:
        """The partners in "Ræk ud først" or "Tal ind i deres dagsorden" that step 4 has never
        planned (nor decided against), in priority order: none of them falls between steps."""
        return [
            p
            for p, r in self.partners_in_order(guide)
            if r is not None and r.quadrant in REACH_OUT and p.id not in self.outreach
        ]

    def overdue_contacts(self, today: dt.date) -> list[Upcoming]:
        """The planned next contacts already past, oldest first."""
        return [u for u in self.next_contacts(today) if u.overdue]

    def next_contacts(self, today: dt.date) -> list[Upcoming]:
        """The planned next contacts, soonest first; a date before today is overdue."""
        out = []
        by_id = self.partners_by_id()
        for pid, plan in self.outreach.items():
            partner = by_id.get(pid)
            if not plan.planned or plan.next_contact is None or partner is None:
                continue
            out.append(Upcoming(pid, partner.name, plan.next_contact, plan.next_contact < today))
        return sorted(out, key=lambda u: (u.date, u.partner.casefold()))

    # -- evaluation rounds ---------------------------------------------------------------

    def finished_rounds(self) -> list[Round]:
        return [r for r in self.rounds if r.finished]

    def open_round(self) -> Round | None:
        """The round being evaluated, if one was started and not finished."""
        return self.rounds[-1] if self.rounds and not self.rounds[-1].finished else None

    def snapshot(self, date: dt.date, guide: Guide) -> Round:
        """The checklist and the scores as they stand now, as a finished round."""
        scores = {
            p.id: RoundScore(interest=p.interest, influence=p.influence)
            for p in self.partners
            if p.interest is not None and p.influence is not None
        }
        evaluation = self.next_evaluation(guide)
        ticked = self.ticked_ids(guide)
        agreement = dict(self.agreement_statuses(guide))  # where the agreement stood, if any
        return Round(date=date, ticked=ticked, scores=scores, next_evaluation=evaluation,
                     finished=True, agreement=agreement)  # fmt: skip

    def guide_finished(self, guide: Guide) -> dt.date:
        """The day the guide was finished, the evaluations' starting point: as recorded, else
        (a file from before it) the day of the last answer written in one of the guide's
        steps (not a contact-log line nor an evaluation), else the last change."""
        if self.completed_on is not None:
            return self.completed_on
        ids = {step.id for step in guide.steps}
        written = [a.at for key, a in self.written_by.items() if key.split(".", 1)[0] in ids]
        return max(written).date() if written else self.updated.date()

    def round_scores(self, rnd: Round) -> list[tuple[Partner, RoundScore]]:
        """A round's scores of the partners the session still has, in the session's order
        (a partner id the session does not know is left out)."""
        return [(p, rnd.scores[p.id]) for p in self.partners if p.id in rnd.scores]

    def moves(self, guide: Guide) -> list[Move]:
        """The partners whose quadrant changed between the last two finished rounds."""
        done = self.finished_rounds()
        if len(done) < 2:
            return []
        before, after = done[-2], done[-1]
        high = guide.diagram.high_from
        out = []
        for partner, now in self.round_scores(after):
            then = before.scores.get(partner.id)
            if then is None:
                continue
            a = quadrant(then.interest, then.influence, high)
            b = quadrant(now.interest, now.influence, high)
            if a != b:
                out.append(Move(partner.id, partner.name, a, b))
        return out

    def checklist_travelled(self, guide: Guide) -> tuple[int, int] | None:
        """Items ticked in the last finished round but one, and in the last."""
        done = self.finished_rounds()
        if len(done) < 2:
            return None
        return done[-2].checklist_done(guide), done[-1].checklist_done(guide)

    def travelled(self, guide: Guide) -> tuple[str, list[str], bool] | None:
        """The way travelled between the last two finished rounds: "Siden 20-11-2026:", the lines
        under it ("Tjekliste: 3 → 5 af 6", "Ældresagen: Gå sammen → Ræk ud først"), and whether
        any partner moved quadrant. None before the second round."""
        counts = self.checklist_travelled(guide)
        if counts is None:
            return None
        t, name_of = guide.texts, guide.quadrant_label
        before, after = counts
        lines = [t("rounds_checklist", before=before, after=after, total=len(guide.checklist))]
        done = self.finished_rounds()
        now = done[-1].agreement
        if now:  # the agreement growing: its sections in place, round by round, from the
            # first round that had it (a round from before it says nothing, not "0 in place")
            count = sum(state == "in_place" for state in now.values())
            total = sum(state != "not_relevant" for state in now.values())  # counted apart
            then = next((r.agreement for r in reversed(done[:-1]) if r.agreement), None)
            if then is None:
                lines.append(t("agreement_status_line", done=count, total=total))
            else:
                earlier = sum(state == "in_place" for state in then.values())
                lines.append(t("rounds_agreement", before=earlier, after=count, total=total))
        moves = self.moves(guide)
        lines += [
            t("rounds_move", name=m.partner, before=name_of(m.before), after=name_of(m.after))
            for m in moves
        ]
        since = t("rounds_since", date=fmt_date(self.finished_rounds()[-2].date))
        return since, lines, bool(moves)

    def first_open_step(self, guide: Guide) -> str:
        """The first step not done (the last step when all are)."""
        ids = [step.id for step in guide.steps]
        return next((i for i in ids if i not in self.completed), ids[-1])

    # -- the samarbejdsaftale -------------------------------------------------------------

    def agreement_sections(self, guide: Guide) -> list[AgreementSection]:
        """The agreement's sections that apply: the one on certificates only when the
        citizens include children under 15 or vulnerable adults (home visits)."""
        if guide.agreement is None:
            return []
        a = self.agreement
        children = a is not None and bool(a.children)
        adults = a is not None and bool(a.adults)
        return [
            s
            for s in guide.agreement.sections
            if not (s.children or s.adults) or (children and s.children) or (adults and s.adults)
        ]

    def agreement_statuses(self, guide: Guide) -> list[tuple[str, str]]:
        """Each section's state, like a scorecard: `in_place` (written and confirmed),
        `not_relevant` (counted apart, never as in place), `partly` (a suggestion not
        confirmed, or marked partly), `missing`."""
        if self.agreement is None:
            return []
        out = []
        for section in self.agreement_sections(guide):
            part = self.agreement.sections.get(section.id) or AgreementPart()
            written = bool((part.text or "").strip())
            if part.status == "not_relevant":
                out.append((section.id, "not_relevant"))
            elif written and part.status == "in_place":
                out.append((section.id, "in_place"))
            elif written:
                out.append((section.id, "partly"))
            else:
                out.append((section.id, "missing"))
        return out


def has_contact(session: Session) -> bool:
    """Has the session our contact person's name (asked once, then kept)?"""
    return session.our_contact is not None and bool(session.our_contact.name.strip())


def new_session(name: str, role: str, now: dt.datetime, organisation: str = "") -> Session:
    return Session(
        schema_version=SCHEMA_VERSION,
        name=name,
        role=role,
        organisation=organisation,
        created=now,
        updated=now,
    )
