"""The safety plan's rules as a review sees them: each rule's id and words.

A rule's id is the handle the family typed at its start ("R2: ..."), or one given in an
answers file, else ``R`` and its place among the rules (``R1``, ``R2``...), skipping ids taken.
The map builder and the review step use the same ids, so a review's marks find their rules.
"""

from __future__ import annotations

import re
from typing import Any

_RULE_LABEL = re.compile(r"\s*([Rr]\d{1,3})\s*(?::|\)|\.(?=\s))")
"""A rule written as "R1: ..." (or "R1." / "R1)"): its id is R1."""


def _text(item: Any) -> str:
    return item if isinstance(item, str) else str(item.get("text", ""))


def rule_entries(items: list[Any] | None) -> list[tuple[str, str]]:
    """(id, text) for each rule in a list answer, in order."""
    items = items or []
    given: list[str | None] = []
    for item in items:
        typed = item.get("id") if isinstance(item, dict) else None
        if not typed:
            match = _RULE_LABEL.match(_text(item))
            typed = match.group(1).upper() if match else None
        given.append(typed or None)
    taken = {g for g in given if g}
    out: list[tuple[str, str]] = []
    for place, (item, typed) in enumerate(zip(items, given, strict=True), 1):
        rule_id = typed
        if rule_id is None or rule_id in {r for r, _ in out}:
            n = place
            while f"R{n}" in taken or f"R{n}" in {r for r, _ in out}:
                n += 1
            rule_id = f"R{n}"
        out.append((rule_id, _text(item)))
    return out
