"""Plain mode for the safety plan: the helpers of the network, one question at a time, and a
review of the plan's rules. Used by :mod:`sos_assistant.plain`; never imports Textual."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sos_assistant.dialogue.answers import knows_value
from sos_assistant.model import REVIEW_STATUSES
from sos_assistant.render.plan import plan_labels
from sos_assistant.safetext import one_line
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.dialogue import Prompt
    from sos_assistant.plain import Plain
    from sos_assistant.session import Session

_KNOWS_NUMBERS = {"1": "yes", "2": "partly", "3": "no"}
_STATUS_NUMBERS = {str(i): s for i, s in enumerate(REVIEW_STATUSES, 1)}


def _optional(plain: Plain, question: str) -> str:
    plain.say(question)
    return plain.read(commands=False)


def ask_network(plain: Plain, prompt: Prompt) -> list[dict[str, Any]] | None:
    """Each helper: name, who they are, whether they know the worries, what they help with
    and how to reach them. An empty name finishes; the earlier answer is kept when none is
    given."""
    words = ui_text().plan
    pl = plan_labels()
    previous = [dict(h) for h in prompt.previous or [] if isinstance(h, dict)]
    if previous:
        names = ", ".join(one_line(h["name"]) for h in previous)
        plain.say(plain.words.previous.format(answer=names))
    helpers: list[dict[str, Any]] = []
    while True:
        plain.say(words.plain_helper)
        name = plain.read(commands=not helpers)
        if not name:
            break
        helper: dict[str, Any] = {"name": name}
        if relationship := _optional(plain, words.plain_relationship):
            helper["relationship"] = relationship
        while True:
            answer = _optional(plain, words.plain_knows)
            knows = _KNOWS_NUMBERS.get(answer) or knows_value(answer)
            if not answer or knows:
                break
            plain.say(plain.words.not_understood.format(problem=words.plain_knows))
        if knows:
            helper["knows_worries"] = knows
        if helps := _optional(plain, words.plain_helps):
            helper["helps_with"] = helps
        if reach := _optional(plain, words.plain_reach):
            helper["reach"] = reach
        helpers.append(helper)
        plain.say(f"{pl.knows_worries}: {pl.knows[knows] if knows else '-'}")
    if helpers and not any(h.get("knows_worries") == "yes" for h in helpers):
        plain.say(words.none_know)
    return helpers or previous or None


def ask_review(plain: Plain, prompt: Prompt) -> list[dict[str, Any]] | None:
    """Today's marks for each rule (working / sometimes / not yet, and a note), added to the
    reviews given before (a second review on the same day replaces that day's)."""
    words = ui_text().plan
    pl = plan_labels()
    history = [dict(r) for r in prompt.previous or [] if isinstance(r, dict)]
    today = dt.date.today().isoformat()
    earlier = [r for r in history if r.get("date") != today]
    if not prompt.related:
        plain.say(words.review_none)
        return history or None
    for before in earlier:
        shown = ", ".join(
            f"{m['rule']} {pl.status.get(m['status'], m['status'])}" for m in before["marks"]
        )
        plain.say(f"{words.review_before} {before['date']}: {shown}")
    plain.say(words.plain_review_by)
    by = plain.read()  # the first line of the question: "skip" and "back" work here
    marks: list[dict[str, Any]] = []
    for rule_id, text in prompt.related:
        plain.say(words.plain_review_rule.format(id=rule_id, text=one_line(text)))
        while True:
            answer = _optional(plain, words.plain_review_status)
            status = _STATUS_NUMBERS.get(answer) or _status_word(answer)
            if not answer or status:
                break
            plain.say(plain.words.not_understood.format(problem=words.plain_review_status))
        if not status:
            continue
        mark: dict[str, Any] = {"rule": rule_id, "status": status}
        if note := _optional(plain, words.plain_review_note):
            mark["note"] = note
        marks.append(mark)
    if not marks:
        return history or None
    review: dict[str, Any] = {"date": today, "marks": marks}
    if by:
        review["by"] = by
    return [*earlier, review]


def _status_word(text: str) -> str | None:
    word = "_".join(text.lower().replace("-", " ").split())
    return word if word in REVIEW_STATUSES else None


def offer_review(plain: Plain, session: Session) -> None:
    """When a finished session has a review question, offer to check the plan now."""
    engine = session.engine
    if not engine.finished:
        return
    step = next((s for s in engine.path if engine.script.step(s).kind == "review"), None)
    if step is None:
        return
    plain.say(ui_text().plan.plain_review_offer)
    if plain.read(commands=False).lower() in ("yes", "y"):
        session.jump(step)
