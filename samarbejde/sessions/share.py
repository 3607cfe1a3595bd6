"""A share file: one side of the table, holding only what its maker chose to share.

`kind: samarbejde-share`, a version, who made it (organisation, role) and the date, then the
sections the user agreed to: step 1 (the citizens, the problem), the actors with their
quadrant (with or without the scores), the checklist's ticks and notes, and the four cards
for one partner. Built from named fields only, never from the session's whole data, so the
contact log, contact and key persons, readiness notes, drafts, own notes and any unknown key
of a session can never travel in it.

A share file someone sends is hostile: it is read like a session file (the same size, alias,
depth and control-character limits, through `yamlio`) and validated by pydantic. Pure data
and logic: the command writes and asks.
"""

# Annotations evaluated as written (no `from __future__ import annotations`): pydantic then
# reads the models' types as they are instead of compiling each one from its text at start-up.
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
)

from samarbejde.base import yamlio
from samarbejde.base.dates import FIRST_YEAR, LAST_YEAR, fmt_long_date
from samarbejde.base.errors import Msg, SessionError, os_detail
from samarbejde.base.ids import ROLES
from samarbejde.base.names import fold
from samarbejde.base.quadrants import quadrant
from samarbejde.base.terminal import clean, has_control, shown
from samarbejde.guide.content import Guide
from samarbejde.guide.validation import problems
from samarbejde.sessions import health
from samarbejde.sessions.model import CONTACT_LIMITS, ContactPerson, Session, has_contact

T = TypeVar("T")
KIND = "samarbejde-share"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a date written as text: 2026-11-27, not "0"
VERSION = 1
# The sections, in the order they are shown and asked: step 1, the actors, the checklist,
# the four cards for one partner, the health check's last rounds and (chosen apart, never by
# default) their comments, our contact person's name (and role), phone, e-mail.
SECTIONS = (
    "dagligdag", "aktoerer", "tjekliste", "kort", "runder", "kommentarer", "kontakt", "telefon",
    "email",
)  # fmt: skip
CONTACT_SECTIONS = {"kontakt": ("name", "role"), "telefon": ("phone",), "email": ("email",)}
# Without --include and without questions: all but the cards (they need a partner), the
# health check's comments, and our contact person's phone and e-mail (the name is shared).
NOT_BY_DEFAULT = {"kort", "kommentarer", "telefon", "email"}
DEFAULT = tuple(s for s in SECTIONS if s not in NOT_BY_DEFAULT)

# Text from the other side, filtered as it is read: no control character or bidirectional
# override reaches our session (`agreement.other`), a suggestion or the terminal.
Text = Annotated[StrictStr, AfterValidator(shown)]
Score = StrictInt | None


class _Part(BaseModel):
    """Part of a share file: keys this version does not know are passed over (a newer
    program may add some); nothing unknown is ever used."""

    model_config = ConfigDict(extra="ignore", defer_build=True)


class SharedActor(_Part):
    name: Text
    kind: Text = "andet"
    brings: Text = ""
    quadrant: Text | None = None  # a quadrant id; with scores, the scores decide
    interest: Score = None
    influence: Score = None


class SharedCheck(_Part):
    done: StrictBool = False
    note: Text = ""


class SharedCards(_Part):
    partner: Text
    cards: dict[Text, Text] = Field(default_factory=dict)


class SharedContact(_Part):
    """Our contact person, as the sender chose to share it: each part limited in length, and
    a control character refuses the file (see `from_data`)."""

    name: Annotated[StrictStr, Field(max_length=CONTACT_LIMITS["name"])] = ""
    role: Annotated[StrictStr, Field(max_length=CONTACT_LIMITS["role"])] = ""
    phone: Annotated[StrictStr, Field(max_length=CONTACT_LIMITS["phone"])] = ""
    email: Annotated[StrictStr, Field(max_length=CONTACT_LIMITS["email"])] = ""


class Share(_Part):
    kind: Literal["samarbejde-share"]
    version: StrictInt
    name: Text
    organisation: Text = ""
    role: Literal[(*ROLES, "")]  # type: ignore[valid-type]
    date: dt.date
    scores: StrictBool = True
    dagligdag: dict[Text, Text] | None = None
    actors: list[SharedActor] | None = None
    checklist: dict[Text, SharedCheck] | None = None
    cards: SharedCards | None = None
    rounds: health.SharedRounds | None = None  # the health check's last rounds
    contact: SharedContact | None = None


# -- making one ----------------------------------------------------------------------------


def find_partner(session: Session, wanted: str) -> str | None:
    """The id of the partner called `wanted` (case, accents, dashes and spaces aside), or
    whose id it is."""
    key = fold(wanted)
    for p in session.partners:
        if p.id == wanted or fold(p.name) == key:
            return p.id
    return None


def build(
    session: Session,
    guide: Guide,
    today: dt.date,
    include: set[str],
    scores: bool = True,
    partner_id: str | None = None,
) -> dict[str, Any]:
    """The share file's data: only the sections in `include`, each from named fields."""
    data: dict[str, Any] = {
        "kind": KIND,
        "version": VERSION,
        "name": session.name,
        "organisation": session.organisation,
        "role": session.role,
        "date": today,
        "scores": scores,
    }
    if "dagligdag" in include:
        step = guide.step("dagligdag")
        data["dagligdag"] = {q.id: session.answer(step.id, q.id) for q in step.questions}
    if "aktoerer" in include:
        data["actors"] = [yamlio.FlowMap(actor) for actor in _actors(session, guide, scores)]
    if "tjekliste" in include:
        data["checklist"] = {
            item.id: yamlio.FlowMap(
                done=session.is_ticked(item.id),
                note=session.checklist[item.id].note if item.id in session.checklist else "",
            )
            for item in guide.checklist
        }
    contact = session.our_contact if has_contact(session) else None
    parts = [f for s in include if s in CONTACT_SECTIONS for f in CONTACT_SECTIONS[s]]
    shared = {f: getattr(contact, f) for f in parts if contact and getattr(contact, f).strip()}
    if shared:  # only what was chosen, in the contact's own order
        data["contact"] = {f: shared[f] for f in CONTACT_LIMITS if f in shared}
    if "kort" in include and partner_id is not None:
        partner = session.partner(partner_id)
        plan = session.outreach.get(partner_id)
        cards = plan.cards if plan is not None else {}
        data["cards"] = {
            "partner": partner.name if partner else partner_id,
            "cards": {card.id: cards.get(card.id, "") for card in guide.outreach_cards},
        }
    if include & {"runder", "kommentarer"}:
        data["rounds"] = health.shared(session, guide, comments="kommentarer" in include)
    return data


def _actors(session: Session, guide: Guide, scores: bool) -> list[dict[str, Any]]:
    high = guide.diagram.high_from
    out = []
    for p in session.partners:
        where = placed(p.interest, p.influence, high)
        actor: dict[str, Any] = {"name": p.name, "kind": p.kind, "brings": p.brings}
        actor["quadrant"] = where
        if scores:
            actor["interest"], actor["influence"] = p.interest, p.influence
        out.append(actor)
    return out


def placed(interest: int | None, influence: int | None, high_from: int) -> str | None:
    """The quadrant of two scores, or None while one of them is missing."""
    if interest is None or influence is None:
        return None
    return quadrant(interest, influence, high_from)


def _comment(text: str) -> str:
    """One comment line: control characters visible, and no line break of any kind (YAML
    also breaks lines at U+0085, U+2028 and U+2029), so nothing of a name leaves the
    comment."""
    return "# " + " ".join(clean(text).split())


def section_label(guide: Guide, section: str, partner: str | None = None) -> str:
    """A section's name, as the questions and the header say it: the daily life's names its
    step's number, the cards the partner they are for (when known)."""
    if section == "kort" and partner:
        return guide.texts("share_section_kort_to", partner=partner)
    params = {"step": guide.step_number(section)} if section == "dagligdag" else {}
    return guide.texts(f"share_section_{section}", **params)


def section_labels(
    guide: Guide, include: list[str], scores: bool, partner: str | None = None
) -> list[str]:
    """What a share file holds, section by section, as its header and the command say it."""
    labels = [section_label(guide, s, partner) for s in include]
    if "aktoerer" in include and not scores:
        labels[include.index("aktoerer")] = guide.texts("share_section_aktoerer_no_scores")
    return labels


def dumps(data: dict[str, Any], guide: Guide, include: list[str]) -> str:
    """The share file's text: the comment header saying what it holds and who made it, then
    the YAML."""
    t = guide.texts
    cards = data.get("cards") or {}
    sections = section_labels(guide, include, data["scores"], cards.get("partner"))
    made = t(
        "share_header_made",
        organisation=data["organisation"] or t("no_answer"),
        name=data["name"],
        date=fmt_long_date(data["date"], t),
    )
    lines = [
        t("share_header_title"),
        made,
        t("share_header_holds", sections=t.listed(sections) or t("no_answer")),
        t("share_header_never"),
        t("share_header_use"),
    ]
    if data.get("contact"):  # whom to call, when it was chosen: below what the file holds
        contact = ContactPerson(**data["contact"]).line(t)
        lines.insert(3, t("share_header_contact", contact=contact))
    head = "\n".join(_comment(line) for line in lines)
    return head + "\n" + yamlio.dumps(data)


# -- reading one ---------------------------------------------------------------------------


def is_share(data: Any) -> bool:
    return isinstance(data, dict) and data.get("kind") == KIND


def refuse_neither(data: Any, path: Path) -> None:
    """A received file that is neither a share file nor looks like a session file."""
    if not is_share(data) and not (isinstance(data, dict) and "schema_version" in data):
        reason = Msg("error_reason_not_share")
        raise SessionError("error_share_unreadable", path=path, reason=reason)


def from_data(data: Any, path: Path, guide: Guide) -> Share:
    """A share from a loaded mapping, or a SessionError saying why not (the same reasons as
    for a session file)."""

    def refuse(key: str, **params: object) -> SessionError:
        return SessionError("error_share_unreadable", path=path, reason=Msg(key, params))

    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise refuse("error_reason_newer_schema", found=version, known=VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version < 1:
        raise refuse("error_reason_unknown_version", found=version)
    made = data.get("date") if isinstance(data, dict) else None
    if isinstance(made, (int, float)) or (  # `date: 0` is no day of 1970: a date is written
        isinstance(made, str) and not ISO_DAY.fullmatch(made)
    ):
        fault = Msg("fault_value", {"value": clean(str(made))[:40]})
        raise refuse("error_reason_invalid", place="date", fault=fault)
    try:
        share = Share.model_validate(data)
    except ValidationError as exc:
        first = problems(exc)[0]
        raise refuse("error_reason_invalid", place=first.place, fault=first.msg()) from None
    return checked(share, path, guide)


def checked(share: Share, path: Path, guide: Guide) -> Share:
    """A validated share, or a SessionError for what the model alone cannot say: a date
    outside the years a date is read in, a score off the guide's scale, an unknown quadrant,
    a health rating off its scale, a control character in the contact."""

    def refuse(key: str, **params: object) -> SessionError:
        return SessionError("error_share_unreadable", path=path, reason=Msg(key, params))

    if not FIRST_YEAR <= share.date.year <= LAST_YEAR:  # "0" read as a time stamp, or 0001
        fault = Msg("fault_value", {"value": share.date.isoformat()})
        raise refuse("error_reason_invalid", place="date", fault=fault)
    scale = guide.diagram.scale
    known = {q.id for q in guide.diagram.quadrants}
    for index, actor in enumerate(share.actors or []):
        for axis in ("interest", "influence"):
            score = getattr(actor, axis)
            if score is not None and score not in scale:
                bounds = {"value": score, "low": scale.start, "high": scale.stop - 1}
                place = f"actors[{index}].{axis}"
                fault = Msg("fault_out_of_scale", bounds)
                raise refuse("error_reason_invalid", place=place, fault=fault)
        if actor.quadrant is not None and actor.quadrant not in known:
            fault = Msg("fault_value", {"value": actor.quadrant})
            place = f"actors[{index}].quadrant"
            raise refuse("error_reason_invalid", place=place, fault=fault)
    refused = health.check(share.rounds, guide)
    if refused is not None:
        raise SessionError("error_share_unreadable", path=path, reason=refused)
    for part in CONTACT_LIMITS:  # a name or a number has no escape code in it
        if share.contact is not None and has_control(getattr(share.contact, part)):
            place, fault = f"contact.{part}", Msg("fault_share_control")
            raise refuse("error_reason_invalid", place=place, fault=fault)
    return share


YAML_SUFFIXES = (".yaml", ".yml")


def read(path: Path) -> Any:
    """A file's YAML data with a session file's limits, or a SessionError."""
    return read_raw(path)[1]


def read_raw(path: Path) -> tuple[bytes, Any]:
    """A file's bytes and YAML data, read once with a session file's limits."""
    raw = read_bytes(path)
    return raw, parse(raw, path)


def read_bytes(path: Path) -> bytes:
    """A received file's bytes, with a session file's limits, or a SessionError."""
    return _reading(path, lambda: yamlio.read_bytes(path))


def parse(raw: bytes, path: Path) -> Any:
    """The YAML data of a received file's bytes (`read_bytes`), or a SessionError."""
    return _reading(path, lambda: yamlio.loads(raw))


def _reading(path: Path, read: Callable[[], T]) -> T:
    try:
        return read()
    except yamlio.YamlError as exc:
        # a file that is no YAML file by its name (aftale.md, side.docx): not what it should be,
        # rather than a line and column of a format it never claimed
        reason = exc.msg if path.suffix.lower() in YAML_SUFFIXES else Msg("error_reason_not_share")
        raise SessionError("error_share_unreadable", path=path, reason=reason) from None
    except OSError as exc:
        raise SessionError("error_share_unreadable", path=path, reason=os_detail(exc)) from None


def load(path: Path, guide: Guide) -> Share:
    data = read(path)
    if not is_share(data):
        raise SessionError(
            "error_share_unreadable", path=path, reason=Msg("error_reason_not_share")
        )
    return from_data(data, path, guide)


def ordered(sections: set[str]) -> list[str]:
    return [s for s in SECTIONS if s in sections]


# -- its validated copy ----------------------------------------------------------------------

_COPY = "samarbejde-share-copy 1"


def copy_of(share: Share, digest: bytes) -> bytes | None:
    """The share as a validated copy (JSON) for the file with `digest`; None where JSON
    would not give back the same share."""
    try:
        body = share.model_dump_json().encode("utf-8")
        if Share.model_validate_json(body) != share:
            return None
    except ValueError:
        return None
    return _copy_head(digest) + body


def from_copy(raw: bytes, digest: bytes, path: Path, guide: Guide) -> Share | None:
    """The share in a copy made for the file with `digest`, validated as a share file is
    (the model, then `checked` with this guide); None if the copy is for other bytes,
    another version of the program, or not a share this program would read."""
    head = _copy_head(digest)
    if not raw.startswith(head):
        return None
    try:
        share = Share.model_validate_json(raw[len(head) :])
        if not 1 <= share.version <= VERSION:
            return None
        return checked(share, path, guide)
    except (ValueError, SessionError):
        return None


def _copy_head(digest: bytes) -> bytes:
    from samarbejde.base.version import VERSION as PROGRAM

    return f"{_COPY} {PROGRAM} {VERSION} {digest.hex()}\n".encode("ascii")
