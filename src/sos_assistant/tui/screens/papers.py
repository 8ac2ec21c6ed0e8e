"""The question screen's part for steps that collect the professionals' words (``verbatim``):
their words are kept exactly as typed and each professional word in them is explained beside
them; a key puts "What do you mean by ...?" on the parent's questions.

The questions wait in the session until the walk reaches a step that collects the parent's
questions (slot ``preparation.to_ask``), where they are already in the list, to keep or change.
"""

from __future__ import annotations

import contextlib
from typing import Any

from sos_assistant.content import explain_text
from sos_assistant.dialogue import Prompt

ASK_SLOT = "preparation.to_ask"


def is_verbatim(prompt: Prompt | None) -> bool:
    return prompt is not None and bool(getattr(prompt.step, "verbatim", False))


def _texts(value: Any, draft: str) -> list[str]:
    """The professionals' words in an answer: each item's text, never the parent's view."""
    items = value if isinstance(value, list) else [value] if value else []
    texts = [str(i.get("text", "")) if isinstance(i, dict) else str(i) for i in items]
    if draft.strip() and draft not in texts:
        texts.append(draft)
    return [t for t in texts if t.strip()]


def explain_answer(value: Any, draft: str) -> list[Any]:
    """Every professional word in the answer, each term once, the most hurtful first."""
    from sos_assistant.explain.core import explainer, rank

    found = []
    for number, text in enumerate(_texts(value, draft)):
        found += [(rank(t), number, t.start, t) for t in explainer().explain(text)]
    seen: set[str] = set()
    out = []
    for *_, term in sorted(found, key=lambda f: f[:3]):
        if term.term not in seen:
            seen.add(term.term)
            out.append(term)
    return out


def warm_up() -> None:
    """Build the explainer ahead (from a thread, while the person reads), so the first
    professional word typed is explained without a wait. A problem is left for the first
    real use to meet and say."""
    from sos_assistant.explain.core import explainer

    with contextlib.suppress(Exception):
        explainer()


def question_for(phrase: str) -> str:
    return explain_text().question.format(phrase=" ".join(phrase.split()))


def pending(session: Any) -> list[str]:
    """The questions waiting in the session for the parent's list of questions."""
    waiting: list[str] | None = getattr(session, "questions", None)
    if waiting is None:
        waiting = list(getattr(session, "later", []))  # kept from before the person stopped
        session.questions = waiting
    return waiting


def hand_over(session: Any, prompt: Prompt, widget: Any) -> None:
    """On a step collecting the parent's questions, put the waiting ones in its list."""
    waiting = pending(session)
    if prompt.step.slot != ASK_SLOT or not waiting or not hasattr(widget, "items"):
        return
    have = {str(i.get("text", i)) if isinstance(i, dict) else str(i) for i in widget.items}
    widget.items.extend(q for q in waiting if q not in have)
    waiting.clear()
    widget.on_mount()  # shows the rows again
