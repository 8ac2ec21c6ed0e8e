"""The fixed vocabularies as plain tuples, for argument parsers that must start fast.

:mod:`sos_assistant.model` defines the same words as ``Literal`` types for pydantic; importing it
costs pydantic's start-up, which ``--help`` and ``sessions list`` should not pay.
``tests/test_names.py`` checks that the two stay the same.
"""

from __future__ import annotations

FRAMEWORKS: tuple[str, ...] = ("safety", "wellbeing", "success")
AUDIENCES: tuple[str, ...] = ("family", "practitioner", "advocate")
STATEMENT_KINDS: tuple[str, ...] = (
    "harm",
    "danger",
    "complicating",
    "strength",
    "safety",
    "goal",
    "next_step",
    "general",
)
