"""The health check's rounds as data: a session's rated rounds, the share file's `rounds`
section (the last rounds' ratings, and their comments only where chosen), and reading that
section from another organisation as hostile (validated, lengths limited, ratings in the
guide's scale, items the guide does not know left out). Pure data and logic."""

# Annotations evaluated as written (no `from __future__ import annotations`): pydantic then
# reads the models' types as they are instead of compiling each one from its text at start-up.
import datetime as dt
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from samarbejde.base import yamlio
from samarbejde.base.errors import Msg
from samarbejde.base.terminal import shown
from samarbejde.guide.content import Guide
from samarbejde.sessions.model import Round, Session

SHARED_ROUNDS = 4  # the last rounds with ratings a share file carries
MAX_COMMENT = 2_000  # characters in one shared comment
MAX_ID = 100  # characters in an item id


class HealthRound(NamedTuple):
    """One side's health check in one round: its date, each item's rating, comments. (A
    NamedTuple: made at start-up in a tenth of a frozen dataclass's time.)"""

    date: dt.date
    ratings: dict[str, int]
    comments: dict[str, str]


def rated(rnd: Round, guide: Guide) -> dict[str, int]:
    """A round's ratings of the guide's health items on its scale, in the guide's order (a
    hand-edited rating off the scale, or an item the guide does not have, is not counted)."""
    if guide.health is None:
        return {}
    scale = guide.health.scale
    return {
        i.id: rnd.ratings[i.id]
        for i in guide.health_items()
        if i.id in rnd.ratings and rnd.ratings[i.id] in scale
    }


def rounds_of(session: Session, guide: Guide) -> list[HealthRound]:
    """The finished rounds that rated something, oldest first, with their comments."""
    out = []
    for rnd in session.finished_rounds():
        ratings = rated(rnd, guide)
        if ratings:
            comments = {k: v for k, v in rnd.comments.items() if k in ratings and v.strip()}
            out.append(HealthRound(rnd.date, ratings, comments))
    return out


def partner_of(session: Session) -> str:
    """The name of the partner whose collaboration the last health check rated, or ""."""
    for rnd in reversed(session.finished_rounds()):
        if rnd.partner:
            partner = session.partner(rnd.partner)
            return partner.name if partner is not None else ""
    return ""


# -- the share file's section -----------------------------------------------------------------

Id = Annotated[StrictStr, StringConstraints(max_length=MAX_ID)]
# the other side's words: control characters and overrides out as they are read (as share.Text)
Comment = Annotated[StrictStr, StringConstraints(max_length=MAX_COMMENT), AfterValidator(shown)]


class SharedRound(BaseModel):
    """One round in a share file; keys this version does not know are passed over."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    date: dt.date
    ratings: Annotated[dict[Id, StrictInt], Field(max_length=60)] = Field(default_factory=dict)
    comments: Annotated[dict[Id, Comment], Field(max_length=60)] | None = None


SharedRounds = Annotated[list[SharedRound], Field(max_length=SHARED_ROUNDS * 4)]


def shared(session: Session, guide: Guide, comments: bool) -> list[Any]:
    """The share file's `rounds`: the last SHARED_ROUNDS rated rounds; comments only when
    chosen (without them the key is not written at all)."""
    out = []
    for r in rounds_of(session, guide)[-SHARED_ROUNDS:]:
        entry: dict[str, Any] = {"date": r.date, "ratings": yamlio.FlowMap(r.ratings)}
        if comments:
            entry["comments"] = dict(r.comments)
        out.append(entry)
    return out


def check(rounds: list[SharedRound] | None, guide: Guide) -> Msg | None:
    """Why a share file's rounds are refused (a rating off the guide's scale), as
    (place, fault) in one Msg for the caller's refusal; None when they may be read."""
    if rounds is None or guide.health is None:
        return None
    scale = guide.health.scale
    for index, rnd in enumerate(rounds):
        for item_id, value in rnd.ratings.items():
            if value not in scale:
                bounds = {"value": value, "low": scale.start, "high": scale.stop - 1}
                return Msg("error_reason_invalid", {
                    "place": f"rounds[{index}].ratings.{item_id}",
                    "fault": Msg("fault_out_of_scale", bounds),
                })  # fmt: skip
    return None


def rounds_of_share(rounds: list[SharedRound] | None, guide: Guide) -> list[HealthRound] | None:
    """A share file's rounds as the other side's: oldest first, only the items the guide
    has (another organisation's guide may rate more); None when the section was left out."""
    if rounds is None:
        return None
    known = [i.id for i in guide.health_items()]
    out = []
    for rnd in sorted(rounds, key=lambda r: r.date):
        ratings = {i: rnd.ratings[i] for i in known if i in rnd.ratings}
        comments = {i: c for i, c in (rnd.comments or {}).items() if i in ratings and c.strip()}
        if ratings:
            out.append(HealthRound(rnd.date, ratings, comments))
    return out
