"""An in-memory stand-in with the store's API, for screens that need no real disk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sos_assistant.dialogue import Engine, Script
from sos_assistant.model import Map


@dataclass
class Info:
    name: str
    dialogue: str
    audience: str | None
    framework: str | None
    answered: int = 0
    total: int = 0
    finished: bool = False
    updated: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 1, 5, 10, 30))


@dataclass
class Snap:
    at: str
    map: Map


class FakeStore:
    def __init__(self) -> None:
        self.engines: dict[str, Engine] = {}
        self.infos: dict[str, Info] = {}
        self.events: list[Any] = []
        self.snaps: dict[str, list[Snap]] = {}

    def list_sessions(self) -> list[Info]:
        for name, info in self.infos.items():
            engine = self.engines[name]
            info.answered, info.total = engine.progress()
            info.finished = engine.finished
        return list(self.infos.values())

    def resume_or_start(
        self,
        name: str,
        script: Script,
        *,
        framework: str | None = None,
        audience: str | None = None,
    ) -> Engine:
        if name not in self.engines:
            engine = Engine(script, framework=framework)
            engine.subscribe(self.events.append)
            self.engines[name] = engine
            self.infos[name] = Info(name, script.id, audience, framework)
        return self.engines[name]

    def record_snapshot(self, name: str, the_map: Map) -> None:
        self.snaps.setdefault(name, []).append(
            Snap(f"2026-01-0{len(self.snaps.get(name, [])) + 1}", the_map)
        )

    def history(self, name: str) -> list[Snap]:
        return self.snaps.get(name, [])

    def delete(self, name: str) -> None:
        self.engines.pop(name, None)
        self.infos.pop(name, None)
