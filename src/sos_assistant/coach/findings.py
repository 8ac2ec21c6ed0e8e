"""What the coach reports: :class:`Finding` for a statement, :class:`MapFinding` for a map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FINDING_KEYS: tuple[str, ...] = ("rule", "category", "start", "end", "message", "suggestion")
"""The keys of a finding in ``--json`` output (docs/coach.md, "Using it"), in order."""

MAP_FINDING_KEYS: tuple[str, ...] = ("rule", "category", "path", "message", "suggestion")
"""The keys of a map finding in ``coach --map --json`` output (docs/coach.md), in order."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the coach noticed in one statement.

    ``start``/``end`` are character offsets into the statement (``text[start:end]`` is the
    words found); a finding about the whole statement spans all of it.
    """

    rule: str
    category: str
    start: int
    end: int
    message: str
    """Why it matters."""
    suggestion: str
    """What to write or ask instead, as a sentence a person reads."""
    advice: bool = False
    """True when the coach is not sure: shown as a tip, not as a problem."""
    replacement: str | None = None
    """The plainer words :meth:`apply` puts in place of ``found``, when the rule has them."""
    found: str = ""
    """The words found (``text[start:end]`` when the finding was made)."""

    @property
    def can_apply(self) -> bool:
        """True when the suggestion is a plain replacement, not a question to ask."""
        return self.replacement is not None

    def apply(self, text: str) -> str:
        """The statement with the words found replaced by the plainer phrase.

        Capitals follow the words replaced ("Utilise" becomes "Use").

        Raises:
            ValueError: the suggestion is a question or advice, not a replacement, or ``text``
                no longer has the words found at ``start``..``end``.
        """
        if self.replacement is None:
            raise ValueError(f"rule {self.rule} suggests a question, not a replacement")
        if text[self.start : self.end] != self.found:
            raise ValueError("the statement has changed since the coach checked it")
        new = self.replacement
        if self.found[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        return text[: self.start] + new + text[self.end :]

    def to_dict(self) -> dict[str, Any]:
        """The finding as `--json` prints it (docs/coach.md): exactly those keys."""
        return {
            "rule": self.rule,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class MapFinding:
    """One thing the coach noticed about a map as a whole (or one place in it).

    ``slot`` is a map path such as ``worries.danger_statements[2]``, or a section such as
    ``scaling.ratings`` when the finding is about a whole list.
    """

    rule: str
    message: str
    slot: str
    suggestion: str
    advice: bool = False
    category: str = "structure"

    @property
    def path(self) -> str:
        """Another name for :attr:`slot`."""
        return self.slot

    def to_dict(self) -> dict[str, Any]:
        """The finding as ``coach --map --json`` prints it: exactly the contract keys."""
        return {
            "rule": self.rule,
            "category": self.category,
            "path": self.slot,
            "message": self.message,
            "suggestion": self.suggestion,
        }
