"""Step 2, Hvem er aktørerne omkring borgeren?: one post-it per possible partner."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..content import Guide, Step
from ..model import Partner, Session
from ..views import STYLES
from .base import StepKind, remaining

if TYPE_CHECKING:
    from ..report import Block
    from ..wizard import Flow

FIELDS = ("name", "kind", "contact", "brings")


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


def edit_partner(flow: Flow, step: Step, partner: Partner | None, first_field: str) -> None:
    """Ask a partner's fields from `first_field` on; a new partner exists once named."""
    s, t, g = flow.session, flow.t, flow.guide
    # a new post-it, also one resumed at its kind with nothing but its name yet
    untouched = {"kind": "andet", "contact": "", "brings": ""}
    is_new = partner is None or (
        first_field == "kind"
        and partner.model_dump(include={"kind", "contact", "brings"}) == untouched
    )
    for name in remaining(FIELDS, first_field):
        pid = partner.id if partner else "new"
        flow.at(step.id, f"{pid}.{name}")
        if name == "name":

            def valid(text: str, me: Partner | None = partner) -> bool | str:
                text = text.strip()
                if not text:
                    return t("actors_name_required")
                taken = [
                    p for p in s.partners if p is not me and p.name.casefold() == text.casefold()
                ]
                return t("actors_name_taken", name=text) if taken else True

            value = flow.text(t("actors_ask_name"), partner.name if partner else "", validate=valid)
            if partner is None:
                partner = Partner(id=s.new_partner_id(), name=value)
                s.partners.append(partner)
            else:
                partner.name = value
        elif partner is None:
            return
        elif name == "kind":
            kinds = [(k.id, k.label) for k in g.partner_kinds]
            # a new post-it starts on the kind used last, or the first kind
            last = s.partners[-2].kind if len(s.partners) > 1 else kinds[0][0]
            partner.kind = flow.select(
                t("actors_ask_kind"), kinds, last if is_new else partner.kind
            )
        elif name == "contact":
            partner.contact = flow.text(
                t("actors_ask_contact"), partner.contact, hint=t("prompt_optional")
            )
        else:
            partner.brings = flow.text(
                t("actors_ask_brings"), partner.brings, hint=t("prompt_optional")
            )
        flow.save()


def pick_partner(flow: Flow, message: str) -> Partner | None:
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

    def run(self, flow: Flow, step: Step, resume_key: str | None) -> None:
        s, t = flow.session, flow.t
        meets = s.answer("dagligdag", "moeder")  # step 2 builds on step 1's answers
        if meets and not resume_key:
            flow.say(t("actors_from_step_1", answer=meets), "italic")
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
        while True:
            flow.say(t("actors_list", count=len(s.partners)), "bold")
            flow.show(partner_list(s, flow.guide))
            flow.at(step.id, "menu")
            choices = [("add", t("actors_add"))]
            if s.partners:
                choices += [("edit", t("actors_edit")), ("remove", t("actors_remove"))]
            choices.append(("finish", t("actors_finish")))
            action = flow.select(t("actors_menu"), choices, "add")
            if action == "finish":
                return
            if action == "add":
                edit_partner(flow, step, None, "name")
            elif action == "edit":
                partner = pick_partner(flow, t("actors_which_edit"))
                if partner:
                    edit_partner(flow, step, partner, "name")
            else:
                self._remove(flow)

    def _remove(self, flow: Flow) -> None:
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

    def report_blocks(self, session: Session, guide: Guide, today: dt.date) -> list[Block]:
        # the report model is needed only for a report: `list` and `summary` skip it
        from ..report import Grid

        if not session.partners:
            return []
        return [Grid(*_rows(session, guide), widths=(24, 16, 24, 36))]


STEP = Actors()
