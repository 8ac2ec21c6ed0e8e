"""An in-memory store for screens that need no real disk. It implements
:class:`~sos_assistant.store.protocol.SessionStore`, and mypy checks that it keeps doing so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sos_assistant.model import Event, Map
from sos_assistant.store import SessionInfo, Snapshot, StoreError
from sos_assistant.store.core import Opened, Progress
from sos_assistant.store.protocol import SessionStore

WHEN = dt.datetime(2026, 1, 5, 10, 30, tzinfo=dt.UTC)
"""Every session of the fake was last changed then, so screens show the same date."""


@dataclass
class _Kept:
    info: SessionInfo
    key: int
    choice: str | None
    events: list[Event] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)


class FakeStore:
    def __init__(self) -> None:
        self.kept: dict[str, _Kept] = {}
        self.notices: list[str] = []
        self.folder = Path("/nonexistent/fake-store")
        self.is_protected = False
        self.is_locked = False

    def unlock(self, passphrase: str) -> None:
        """Nothing to unlock."""

    def _get(self, name: str) -> _Kept:
        if name not in self.kept:
            raise StoreError(f"There is no saved session called '{name}'.")
        return self.kept[name]

    def list_sessions(self, limit: int | None = None) -> list[SessionInfo]:
        return [k.info for k in reversed(self.kept.values())][:limit]

    def count_sessions(self) -> int:
        return len(self.kept)

    def find_sessions(self, text: str, limit: int) -> tuple[list[SessionInfo], int]:
        wanted = text.strip().casefold()
        found = [s for s in self.list_sessions() if wanted in s.name.casefold()]
        return found[:limit], len(found)

    def exists(self, name: str) -> bool:
        return name in self.kept

    def info(self, name: str) -> SessionInfo:
        return self._get(name).info

    def open_session(self, name: str) -> Opened:
        kept = self._get(name)
        return Opened(kept.info, kept.key, kept.choice, list(kept.events))

    def create(
        self,
        name: str,
        dialogue: str,
        progress: Progress,
        *,
        framework_choice: str | None = None,
        audience: str = "family",
    ) -> Opened:
        info = SessionInfo(
            name=name,
            dialogue=dialogue,
            framework=progress.framework,
            audience=audience,
            created=WHEN,
            updated=WHEN,
            answered=progress.answered,
            total=progress.total,
            finished=progress.finished,
            current=progress.current,
        )
        self.kept[name] = _Kept(info, len(self.kept) + 1, framework_choice)
        return self.open_session(name)

    def append(self, session: int, expected: int, event: Event, progress: Progress) -> None:
        [kept] = [k for k in self.kept.values() if k.key == session]
        assert len(kept.events) == expected
        kept.events.append(event)
        kept.info = replace(
            kept.info,
            answered=progress.answered,
            total=progress.total,
            finished=progress.finished,
            current=progress.current,
            framework=progress.framework,
        )

    def flush(self) -> None:
        """Nothing to wait for: everything is kept in memory."""

    def record_snapshot(self, name: str, the_map: Map) -> Snapshot | None:
        kept = self._get(name)
        at = WHEN + dt.timedelta(days=len(kept.snapshots))
        snapshot = Snapshot(len(kept.snapshots) + 1, at, len(kept.events), the_map)
        kept.snapshots.append(snapshot)
        return snapshot

    def history(self, name: str) -> list[Snapshot]:
        return list(self._get(name).snapshots)

    def delete(self, name: str) -> bool:
        self.kept.pop(name, None)
        return True

    def export_session(self, name: str) -> dict[str, Any]:
        raise StoreError("The fake store keeps nothing to export.")

    def import_session(
        self,
        data: Any,
        check: Callable[[str, str | None, list[Event]], Progress],
        name: str | None = None,
    ) -> SessionInfo:
        raise StoreError("The fake store cannot import.")


_IS_A_STORE: SessionStore = FakeStore()
"""mypy checks here that the fake has every method of the protocol, with the same types."""
