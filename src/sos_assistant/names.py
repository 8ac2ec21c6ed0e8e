"""The fixed vocabularies of the map format, as ``Literal`` types and as plain tuples, with no
pydantic: argument parsers (``--help``, ``sessions list``) and the coach (``coach``) use them
without paying for pydantic's start-up or the map model. :mod:`sos_assistant.model` uses the
same types; ``tests/test_names.py`` checks that the tuples are the types' words.
"""

from __future__ import annotations

from typing import Literal, get_args

Framework = Literal["safety", "wellbeing", "success"]
Audience = Literal["family", "practitioner", "advocate"]
StatementKind = Literal[
    "harm", "danger", "complicating", "strength", "safety", "goal", "next_step", "general"
]

FRAMEWORKS: tuple[str, ...] = get_args(Framework)
AUDIENCES: tuple[str, ...] = get_args(Audience)
STATEMENT_KINDS: tuple[str, ...] = get_args(StatementKind)
