"""What the faces and the session layer need of a store: :class:`SessionStore`.

:class:`sos_assistant.store.Store` is the real one (SQLite); tests use an in-memory fake that
implements the same protocol, so mypy checks that the fake keeps up with the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sos_assistant.model import Event, Map
    from sos_assistant.store.core import Opened, Progress, SessionInfo, Snapshot


class SessionStore(Protocol):
    """Sessions as append-only events plus map snapshots, with no knowledge of dialogues."""

    @property
    def notices(self) -> list[str]:
        """Things the person should be told once (a damaged file moved aside, ...)."""

    @property
    def folder(self) -> Path:
        """The data folder."""

    @property
    def is_protected(self) -> bool: ...

    @property
    def is_locked(self) -> bool: ...

    def unlock(self, passphrase: str) -> None: ...

    def list_sessions(self, limit: int | None = None) -> Sequence[SessionInfo]:
        """Every session (or the ``limit`` newest), the most recently changed first."""

    def count_sessions(self) -> int: ...

    def find_sessions(self, text: str, limit: int) -> tuple[Sequence[SessionInfo], int]:
        """The ``limit`` newest sessions whose names hold ``text`` (any case), and how many
        match in all."""

    def exists(self, name: str) -> bool: ...

    def info(self, name: str) -> SessionInfo: ...

    def open_session(self, name: str) -> Opened: ...

    def create(
        self,
        name: str,
        dialogue: str,
        progress: Progress,
        *,
        framework_choice: str | None = None,
        audience: str = "family",
    ) -> Opened: ...

    def append(self, session: int, expected: int, event: Event, progress: Progress) -> None: ...

    def flush(self) -> None:
        """Wait until everything appended so far is on the disk (safe from a power cut)."""

    def record_snapshot(self, name: str, the_map: Map) -> Snapshot | None: ...

    def history(self, name: str) -> Sequence[Snapshot]: ...

    def delete(self, name: str) -> bool: ...

    def export_session(self, name: str) -> dict[str, Any]: ...

    def import_session(
        self,
        data: Any,
        check: Callable[[str, str | None, list[Event]], Progress],
        name: str | None = None,
    ) -> SessionInfo: ...
