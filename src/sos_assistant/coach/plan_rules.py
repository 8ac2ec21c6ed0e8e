"""The coach on a safety plan's rules: what it says to a family as well as to a worker.

A rule says what will happen, who does it, when, and how everyone will know. The coach checks
rules as next steps (``next_step``: who and when, and the words: labels, jargon, vague words).
Families normally get tips about words only; for a rule they also get the two gentle tips
about who and when, because a rule that names no one or no time is hard to follow.
"""

from __future__ import annotations

from typing import Any

RULE_KIND = "next_step"
"""The coach's statement kind for a rule of the safety plan."""

FAMILY_RULE_TIPS = ("next-step-who", "next-step-when")
"""Structure tips a family also sees on a rule."""


def rule_findings(coach: Any, text: str, audience: str = "practitioner") -> list[Any]:
    """The coach's findings on one rule, for ``audience``."""
    findings = list(coach.check(text, kind=RULE_KIND, audience=audience))
    if audience == "family":
        extra = [
            f
            for f in coach.check(text, kind=RULE_KIND, audience="practitioner")
            if f.rule in FAMILY_RULE_TIPS
        ]
        findings.extend(extra)
        findings.sort(key=lambda f: (f.start, -f.end, f.rule))
    return findings
