"""Where a built-in check fired (shared by ``checks`` and ``shape``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a check fired: a span of the statement, and values for the message."""

    start: int
    end: int
    advice: bool | None = None
    """Overrides the rule's ``advice`` when set."""
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MapHit:
    slot: str
    advice: bool | None = None
    values: Mapping[str, object] = field(default_factory=dict)
