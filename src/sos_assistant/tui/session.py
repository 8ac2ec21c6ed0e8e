"""What the app holds while a session is open: the store, the session's name, its engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sos_assistant.dialogue import Engine, build_map
from sos_assistant.model import Map


@dataclass
class Session:
    store: Any
    """The :class:`sos_assistant.store.Store` the engine saves into."""
    name: str
    engine: Engine
    audience: str

    def map(self) -> Map:
        return build_map(self.engine)

    def snapshot(self) -> None:
        """Keep the map as it is now in the session's history (for the numbers over time)."""
        self.store.record_snapshot(self.name, self.map())
