"""The plain-language coach: finds labels, jargon, vague words, hard reading and gaps in the
shape of a statement or a map, and says what to write or ask instead.

The rules are content (``content/coach/*.yaml``); this package only runs them. It never imports
Textual, so every face (command line, TUI, tests) drives the same API::

    coach = Coach()
    for finding in coach.check("Mum is in denial", kind="danger"):
        print(finding.start, finding.end, finding.message, finding.suggestion)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sos_assistant.coach.engine import Coach, MapReview, StatementReview
    from sos_assistant.coach.findings import FINDING_KEYS, Finding, MapFinding
    from sos_assistant.coach.rules import Rule, RuleError, RuleSet, load_rules, validate_rules

_WHERE = {
    "Coach": "engine",
    "MapReview": "engine",
    "StatementReview": "engine",
    "FINDING_KEYS": "findings",
    "Finding": "findings",
    "MapFinding": "findings",
    "Rule": "rules",
    "RuleError": "rules",
    "RuleSet": "rules",
    "load_rules": "rules",
    "validate_rules": "rules",
}
"""Loaded on first use, so that ``sos-assistant coach --help`` (and any command that only
builds the parser) does not load the rule engine, pydantic and pyphen."""


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FINDING_KEYS",
    "Coach",
    "Finding",
    "MapFinding",
    "MapReview",
    "Rule",
    "RuleError",
    "RuleSet",
    "StatementReview",
    "load_rules",
    "validate_rules",
]
