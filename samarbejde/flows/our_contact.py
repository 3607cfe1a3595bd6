"""Our contact person, asked once: name (required when asked), role, phone and e-mail.

The same four questions in two places: the wizard's opening questions (`SPECS`, after the
forms of collaboration), and any command that sends something out (`export --partner`,
`export --agreement`, the share file, the comparison as a document) when the session has no
name yet (`ask_if_missing`), at its own place (`OUR_CONTACT`) through the runner, so a stop
keeps what was typed. Without a terminal a command goes on without it. A new session is
offered the contact person of the newest session that has one (`latest`), as the answers
Enter keeps.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from rich.text import Text

from samarbejde.base.errors import SessionError
from samarbejde.base.ids import OUR_CONTACT
from samarbejde.runner.env import Env
from samarbejde.runner.flow import Flow
from samarbejde.runner.lifecycle import detour, open_flow
from samarbejde.runner.questions import FlowContext, Spec, Validator, text
from samarbejde.sessions.model import CONTACT_LIMITS, ContactPerson, Session, has_contact

PHONE = re.compile(r"\+?[0-9 ().\-/]+")
PHONE_DIGITS = range(6, 16)  # a Danish number has 8; with a country code, at most 15
EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+")


def _contact(flow: FlowContext) -> ContactPerson:
    if flow.session.our_contact is None:
        flow.session.our_contact = ContactPerson()
    return flow.session.our_contact


def _get(part: str) -> Callable[[FlowContext, object], str]:
    def get(flow: FlowContext, item: object) -> str:
        contact = flow.session.our_contact
        return getattr(contact, part) if contact is not None else ""

    return get


def _put(part: str) -> Callable[[FlowContext, object, str], None]:
    def put(flow: FlowContext, item: object, value: str) -> None:
        setattr(_contact(flow), part, " ".join(value.split()))

    return put


def check(part: str, value: str, texts: Callable[..., str]) -> bool | str:
    """True, or the Danish message saying what is wrong with one part of the contact."""
    value = value.strip()
    if part == "name" and not value:
        return str(texts("sender_name_required"))
    if len(value) > CONTACT_LIMITS[part]:
        return str(texts("sender_too_long", limit=CONTACT_LIMITS[part]))
    if not value:
        return True
    if part == "phone":
        digits = sum(c.isdigit() for c in value)
        if not PHONE.fullmatch(value) or digits not in PHONE_DIGITS:
            return str(texts("sender_phone_invalid", text=value))
    if part == "email" and not EMAIL.fullmatch(value):
        return str(texts("sender_email_invalid", text=value))
    return True


def _validate(part: str) -> Callable[[FlowContext, object], Validator]:
    def validate(flow: FlowContext, item: object) -> Validator:
        return lambda value: check(part, value, flow.t)

    return validate


def _intro(flow: FlowContext, item: object) -> list[Text]:
    return [Text(), Text(flow.t("sender_intro"), style="bold")]


SPECS: list[Spec] = [
    text("person_name", "sender_ask_name", _get("name"), _put("name"),
         hint="sender_name_hint", validate=_validate("name"), show=_intro),
    text("person_role", "sender_ask_role", _get("role"), _put("role"),
         hint="sender_role_hint", validate=_validate("role")),
    text("person_phone", "sender_ask_phone", _get("phone"), _put("phone"),
         hint="sender_phone_hint", validate=_validate("phone")),
    text("person_email", "sender_ask_email", _get("email"), _put("email"),
         hint="prompt_optional", validate=_validate("email")),
]  # fmt: skip


def latest(env: Env, but: Path | None = None) -> ContactPerson | None:
    """The contact person of the newest session (by its last change) that has one, other
    than the one at `but`: offered to a new session."""
    found = [
        e.session
        for e in env.store.readable()
        if e.session is not None and e.path != but and has_contact(e.session)
    ]
    newest = max(found, key=lambda s: s.updated, default=None)
    if newest is None or newest.our_contact is None:
        return None
    return newest.our_contact.model_copy(deep=True)


def ask_if_missing(env: Env, path: Path, session: Session, command: str, *args: str) -> Session:
    """The session, with our contact person asked first when it has no name yet and there is
    a terminal to ask at (`--enkel` asks as lines). `command` and `args` are what carries on
    after a stop. Without a terminal, the session as it is: the document goes without."""
    if has_contact(session) or not env.stdin_isatty():
        return session
    asking = False
    try:
        with open_flow(env, None, Flow, path=path, command=command) as flow:
            asking = True
            flow.command_args = args
            s = flow.session
            if has_contact(s):  # answered meanwhile, elsewhere
                return s
            if s.our_contact is None:
                s.our_contact = latest(env, path)
            flow.check_writable()
            with detour(flow, OUR_CONTACT) as resume:
                flow.run(OUR_CONTACT, SPECS, resume)
            flow.say(flow.t("sender_saved", name=s.name), "green")
            return flow.session
    except SessionError as err:
        if asking or err.msg.key != "error_session_in_use":
            raise
        # open in another window: the document is only read from it, so it goes without
        env.console.print(Text(env.texts("sender_in_use", name=session.name), style="yellow"))
        return session


def ask_for_side(env: Env, ref: str, command: str, *args: str) -> None:
    """Before a comparison is written as a document: our contact person asked for the session
    `ref` names (a file named by its path is only read, never asked about)."""
    if not env.stdin_isatty() or os.sep in ref or "/" in ref or ref.endswith((".yaml", ".yml")):
        return
    try:
        path = env.store.resolve(ref, partial=True)
    except SessionError:  # an imported share file: theirs, not ours
        return
    ask_if_missing(env, path, env.store.load(path), command, *args)
