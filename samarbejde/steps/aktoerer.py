"""Step 2, Hvem er aktørerne omkring borgeren?: one post-it per possible partner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from samarbejde.base.names import fold
from samarbejde.base.terminal import STYLES
from samarbejde.guide.content import Guide, Step
from samarbejde.runner.questions import Each, FlowContext, QuestionSpec, Validator, text
from samarbejde.sessions.model import Partner, Session
from samarbejde.steps.base import StepKind
from samarbejde.steps.blocks import Block, Grid


def _rows(session: Session, guide: Guide) -> tuple[list[str], list[list[str]]]:
    t = guide.texts
    head = [t("name"), t("kind"), t("contact"), t("brings")]
    rows = [
        [p.name, guide.label(guide.partner_kinds, p.kind), p.contact, p.brings]
        for p in session.partners
    ]
    return head, rows


def partner_list(session: Session, guide: Guide) -> RenderableType:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(justify="right")
    table.add_column(overflow="fold")
    table.add_column(style="dim", overflow="fold")
    for i, p in enumerate(session.partners, 1):
        kind = guide.label(guide.partner_kinds, p.kind)
        table.add_row(str(i), Text(p.name, style=STYLES["note"]), kind)
    return table


def name_spec(step_id: str) -> QuestionSpec:
    """The post-it's name; a new post-it exists once it is named, and the cursor saved with
    its name is at its next field."""

    def valid(flow: FlowContext, me: Partner | None) -> Validator:
        def check(text: str) -> bool | str:
            text = text.strip()
            if not text and me is None and flow.session.partners:
                return True  # a new post-it left empty: none after all, back to the menu
            if not text:
                return flow.t("actors_name_required")
            taken = [p for p in flow.session.partners if p is not me and fold(p.name) == fold(text)]
            return flow.t("actors_name_taken", name=text) if taken else True

        return check

    def put(flow: FlowContext, me: Partner | None, value: str) -> None:
        if me is None and not value.strip():
            return
        if me is None:
            s = flow.session
            s.partners.append(Partner(id=s.new_partner_id(), name=value))
            flow.at(step_id, f"{s.partners[-1].id}.{FIELDS[1]}")
        else:
            me.name = value

    return text(
        "name",
        lambda flow, me: flow.t("actors_ask_name"),
        lambda flow, me: me.name if me else "",
        put,
        validate=valid,
        hint=lambda flow, me: (
            flow.t("actors_name_back") if me is None and flow.session.partners else ""
        ),
    )


def field_specs(is_new: bool) -> tuple[QuestionSpec, ...]:
    """A post-it's fields after its name. A new post-it's kind starts at the top of the list,
    an existing one's at its own (not at the kind of the partner before it)."""

    def kind_default(flow: FlowContext, p: Partner) -> str:
        return flow.guide.partner_kinds[0].id if is_new else p.kind

    return (
        QuestionSpec(
            "kind",
            "choice",
            lambda flow, p: flow.t("actors_ask_kind"),
            kind_default,
            lambda flow, p, value: setattr(p, "kind", value),
            choices=lambda flow, p: [(k.id, k.label) for k in flow.guide.partner_kinds],
        ),
        text(
            "contact",
            lambda flow, p: flow.t("actors_ask_contact"),
            lambda flow, p: p.contact,
            lambda flow, p, value: setattr(p, "contact", value),
            hint=lambda flow, p: flow.t("prompt_optional"),
        ),
        text(
            "brings",
            lambda flow, p: flow.t("actors_ask_brings"),
            lambda flow, p: p.brings,
            lambda flow, p, value: setattr(p, "brings", value),
            hint=lambda flow, p: flow.t("prompt_optional"),
        ),
    )


FIELDS = ("name", "kind", "contact", "brings")
MENU = "menu"  # the step's own menu: add, correct, remove, done


def edit_partner(flow: FlowContext, step: Step, partner: Partner | None, first_field: str) -> bool:
    """Ask a partner's fields from `first_field` on: a new post-it is `new.name` until it is
    named, then `<id>.<field>` like every other. False: a new post-it's name was left empty
    (there are others), so there is none."""
    s = flow.session
    # a new post-it, also one resumed at its kind with nothing but its name yet
    untouched = {"kind": "andet", "contact": "", "brings": ""}
    is_new = partner is None or (
        first_field == "kind"
        and partner.model_dump(include={"kind", "contact", "brings"}) == untouched
    )
    if partner is None:
        before = len(s.partners)
        flow.run(step.id, [Each(lambda flow: [("new", None)], (name_spec(step.id),))])
        if len(s.partners) == before:  # left empty: no new post-it
            return False
        partner, first_field = s.partners[-1], FIELDS[1]
    mine = [(partner.id, partner)]
    asks = (name_spec(step.id), *field_specs(is_new))
    resume = f"{partner.id}.{first_field}"
    flow.run(step.id, [Each(lambda flow: mine, asks)], resume, then=MENU)
    return True


def pick_partner(flow: FlowContext, message: str) -> Partner | None:
    choices: list[tuple[str | None, str]] = [(p.id, p.name) for p in flow.session.partners]
    choices.append((None, flow.t("actors_back")))
    pid = flow.select(message, choices)
    return flow.session.partner(pid) if pid else None


class Actors(StepKind):
    id = "aktoerer"

    def has_data(self, session: Session) -> bool:
        return bool(session.partners)

    def missing(self, session: Session, guide: Guide) -> str:
        return "" if session.partners else guide.texts("missing_partners")

    def run(self, flow: FlowContext, step: Step, resume_key: str | None) -> None:
        s, t = flow.session, flow.t
        meets = s.answer("dagligdag", "moeder")  # the partners build on the daily life's answers
        if meets and not resume_key and flow.guide.has_step("dagligdag"):
            number = flow.guide.step_number("dagligdag")
            flow.say(t("actors_from_dagligdag", answer=meets, step=number), "italic")
        if resume_key and "." in resume_key:  # stopped while adding or editing a partner
            pid, field_name = resume_key.split(".", 1)
            partner = s.partner(pid)
            if field_name in FIELDS and (partner is not None or pid == "new"):
                if partner is not None:  # say whose post-it the question is about
                    flow.say(t("actors_resume_partner", name=partner.name), "bold")
                edit_partner(flow, step, partner, field_name)
        elif not s.partners:
            flow.say(t("actors_none"), "dim")
            edit_partner(flow, step, None, "name")
        added = True  # the menu's Enter: add another, until one is left without a name
        while True:
            flow.say(t("actors_list", count=len(s.partners)), "bold")
            flow.show(partner_list(s, flow.guide))
            flow.at(step.id, MENU)
            choices = [("add", t("actors_add"))]
            if s.partners:
                choices += [("edit", t("actors_edit")), ("remove", t("actors_remove"))]
            choices.append(("finish", t("actors_finish")))
            action = flow.select(t("actors_menu"), choices, "add" if added else "finish")
            if action == "finish":
                return
            if action == "add":
                added = edit_partner(flow, step, None, "name")
            elif action == "edit":
                partner = pick_partner(flow, t("actors_which_edit"))
                if partner:
                    edit_partner(flow, step, partner, "name")
            else:
                self._remove(flow)

    def _remove(self, flow: FlowContext) -> None:
        s, t = flow.session, flow.t
        partner = pick_partner(flow, t("actors_which_remove"))
        if partner and flow.select(
            t("actors_confirm_remove", name=partner.name),
            [(True, t("answer_yes")), (False, t("answer_no"))],
            False,
        ):
            s.partners.remove(partner)
            s.outreach.pop(partner.id, None)
            flow.save()
            flow.say(t("actors_removed", name=partner.name), "dim")
            if s.agreement is not None and s.agreement.partner == partner.id:
                flow.say(t("actors_removed_agreement", name=partner.name), "yellow")

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> Sequence[Block]:
        if not session.partners:
            return []
        return [Grid(*_rows(session, guide), widths=(24, 16, 24, 36))]


STEP = Actors()
