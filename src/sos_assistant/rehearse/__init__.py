"""Rehearsing questions: names the type of a practitioner's question, plays a fictional family
member who answers it, and sums up a practice session.

Nothing here imports Textual; the app, plain mode and the command line drive the same API::

    from sos_assistant.rehearse.questions import classifier
    verdict = classifier().classify("Why did you leave the children alone?")
    verdict.type, verdict.helpful, verdict.why, verdict.try_

    from sos_assistant.rehearse.vignettes import find_vignette
    from sos_assistant.rehearse.session import Rehearsal
    rehearsal = Rehearsal(find_vignette("tomasz-and-ola"))
    turn = rehearsal.ask("What is going well for Ola at school?")
    turn.reply, turn.verdict.type
"""

from __future__ import annotations

QUESTION_TYPES: tuple[str, ...] = (
    "worries",
    "working_well",
    "next_steps",
    "exception",
    "scaling",
    "coping",
    "preferred_future",
    "relationship",
    "amplify",
    "closed",
    "why",
    "leading",
    "stacked",
    "statement",
    "other",
)
"""Every type a question can have (docs/questions.md), in the order it lists them."""

__all__ = ["QUESTION_TYPES"]
