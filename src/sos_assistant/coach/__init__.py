"""The plain-language coach: finds labels, jargon, vague words, hard reading and gaps in the
shape of a statement or a map, and says what to write or ask instead.

The rules are content (``content/coach/*.yaml``); this package only runs them. It never imports
Textual, so every face (command line, TUI, tests) drives the same API::

    coach = Coach()
    for finding in coach.check("Mum is in denial", kind="danger"):
        print(finding.start, finding.end, finding.message, finding.suggestion)
"""

from sos_assistant.coach.engine import Coach, MapReview, StatementReview
from sos_assistant.coach.findings import FINDING_KEYS, Finding, MapFinding
from sos_assistant.coach.rules import Rule, RuleError, RuleSet, load_rules, validate_rules

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
