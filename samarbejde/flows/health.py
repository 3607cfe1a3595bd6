"""The health check inside an evaluation round (`evaluate`): whose collaboration it rates,
each of the guide's health items on its scale (a digit is enough; "ikke vurderet" keeps an
item unrated), and which items get a comment, then those comments. Question specs only: the
round's runner asks them and saves after every answer, so a stop resumes at the very item."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from samarbejde.base.dates import fmt_date
from samarbejde.guide.content import ChecklistItem
from samarbejde.runner.env import Env
from samarbejde.runner.questions import Each, FlowContext, Prompter, QuestionSpec, Spec, text
from samarbejde.sessions import health as rounds
from samarbejde.sessions.model import Round, Session
from samarbejde.sessions.share import section_label

NOT_RATED = 0  # the choice "ikke vurderet": the key 0 at the prompt, no rating in the round


def _current(flow: FlowContext) -> Round:
    current = flow.session.open_round()
    assert current is not None  # the round is begun before it is asked
    return current


def _earlier(flow: FlowContext) -> Round | None:
    """The last finished round with a health check, whose answers are the defaults."""
    done = [r for r in flow.session.finished_rounds() if r.ratings or r.partner]
    return done[-1] if done else None


def _has_health(flow: FlowContext, item: object = None) -> bool:
    return bool(flow.guide.health_items())


def _partners(flow: FlowContext) -> list[tuple[str, str]]:
    """The partners a health check can be about: those on the outreach plan, and the
    agreement's partner."""
    s = flow.session
    ids = [p.id for p, _ in s.planned_in_order(flow.guide)]
    if s.agreement is not None and s.agreement.partner and s.agreement.partner not in ids:
        ids.append(s.agreement.partner)
    by_id = s.partners_by_id()
    return [(i, by_id[i].name) for i in ids if i in by_id]


def _partner() -> QuestionSpec:
    def get(flow: FlowContext, item: None) -> str:
        current, earlier = _current(flow), _earlier(flow)
        agreement = flow.session.agreement
        return (
            current.partner
            or (earlier.partner if earlier else "")
            or (agreement.partner if agreement else "")
        )

    def put(flow: FlowContext, item: None, value: str) -> None:
        _current(flow).partner = value

    def show(flow: FlowContext, item: None) -> list[Text]:
        health = flow.guide.health
        assert health is not None
        parts = [Text(flow.t("health_title"), style="bold")]
        if health.program_note:
            parts.append(Text(health.program_note, style="italic"))
        return parts

    return QuestionSpec(
        "partner",
        "choice",
        "health_ask_partner",
        get,
        put,
        choices=lambda flow, item: [*_partners(flow), ("", flow.t("health_partner_none"))],
        when=lambda flow, item: _has_health(flow) and bool(_partners(flow)),
        show=show,
    )


def rating_choices(flow: FlowContext) -> list[tuple[int, str]]:
    """The health scale as choices, the ends with their words, then "ikke vurderet"."""
    health = flow.guide.health
    assert health is not None
    out = []
    for score in health.scale:
        label = str(score)
        if score == health.scale_min:
            label = flow.t("rate_label_low", score=score, text=health.low)
        elif score == health.scale_max:
            label = flow.t("rate_label_high", score=score, text=health.high)
        out.append((score, label))
    return [*out, (NOT_RATED, flow.t("health_not_rated_choice"))]


def _rate(flow: FlowContext, item: ChecklistItem, value: int) -> None:
    ratings = _current(flow).ratings
    if value == NOT_RATED:
        ratings.pop(item.id, None)
    else:
        ratings[item.id] = value


def _rating_default(flow: FlowContext, item: ChecklistItem) -> int:
    current, earlier = _current(flow), _earlier(flow)
    if item.id in current.ratings:
        return current.ratings[item.id]
    if earlier is not None and item.id in earlier.ratings:
        return earlier.ratings[item.id]
    return NOT_RATED


def _label(flow: FlowContext, item: ChecklistItem) -> str:
    health = flow.guide.health
    assert health is not None
    number = flow.guide.item_number(item.id)
    return flow.t("health_ask_rating", number=number, title=item.title, question=health.question)


def _items(flow: FlowContext) -> list[tuple[str, ChecklistItem]]:
    return [(i.id, i) for i in flow.guide.health_items()]


def _which_choices(flow: FlowContext, item: None) -> list[tuple[str, str, bool]]:
    comments = _current(flow).comments
    return [
        (i.id, f"{flow.guide.item_number(i.id)}. {i.title}", i.id in comments)
        for i in flow.guide.health_items()
    ]


def _which(flow: FlowContext, item: None, chosen: list[str]) -> None:
    comments = _current(flow).comments
    for i in flow.guide.health_items():
        if i.id in chosen:
            comments.setdefault(i.id, "")
        else:
            comments.pop(i.id, None)


def _comment(flow: FlowContext, item: ChecklistItem, value: str) -> None:
    _current(flow).comments[item.id] = value


def specs() -> list[Spec]:
    """The health check's questions, in the round's order."""
    return [
        _partner(),
        Each(
            _items,
            (
                QuestionSpec(
                    "rating",
                    "rating",
                    _label,
                    _rating_default,
                    _rate,
                    choices=lambda flow, item: rating_choices(flow),
                ),
            ),
            before=_scale_hint,
        ),
        QuestionSpec(
            "comments",
            "checkbox",
            "health_ask_comments",
            put=_which,
            choices=_which_choices,
            when=_has_health,
        ),
        Each(
            _items,
            (
                text(
                    "comment",
                    lambda flow, item: flow.t("health_ask_comment", title=item.title),
                    lambda flow, item: _current(flow).comments.get(item.id, ""),
                    _comment,
                    when=lambda flow, item: item.id in _current(flow).comments,
                ),
            ),
        ),
    ]


def _scale_hint(flow: FlowContext) -> list[Text]:
    health = flow.guide.health
    assert health is not None
    hint = flow.t("health_scale_hint", low=health.scale_min, low_text=health.low,
                  high=health.scale_max, high_text=health.high)  # fmt: skip
    return [Text(hint, style="dim")]


def ask_share(env: Env, session: Session, prompts: Prompter) -> set[str]:
    """The share file's health section, asked like the others: the rounds shown as they
    would go in, then yes or no; then the comments, whose default is no."""
    t, guide = env.texts, env.guide
    if guide.health is None:
        return set()
    say = env.console.print
    found = rounds.rounds_of(session, guide)[-rounds.SHARED_ROUNDS :]
    say()
    say(Text(t("share_preview", section=section_label(guide, "runder")), style="bold"))
    items = guide.health_items()
    empty = t("no_answer")
    for r in found:
        values = ", ".join(
            f"{guide.item_number(i.id)}: {r.ratings.get(i.id, empty)}" for i in items
        )
        say(Padding(Text(f"{fmt_date(r.date)} · {values}"), (0, 0, 0, 2)))
    if not found:
        say(Padding(Text(t("share_preview_empty"), style="dim"), (0, 0, 0, 2)))
        return set()
    yes_no = [(True, t("share_yes")), (False, t("share_no"))]
    if not prompts.select(t("share_ask"), yes_no, True):
        return set()
    written = [c for r in found for c in r.comments.values()]
    if not written:
        return {"runder"}
    say(Text(t("share_preview", section=section_label(guide, "kommentarer")), style="bold"))
    for r in found:
        for item_id, comment in r.comments.items():
            line = f"{fmt_date(r.date)} · {guide.item_number(item_id)}: {' '.join(comment.split())}"
            say(Padding(Text(line), (0, 0, 0, 2)))
    if prompts.select(t("share_ask_comments"), yes_no, False):
        return {"runder", "kommentarer"}
    return {"runder"}
