"""Autosave: every move is committed to the store before the engine makes it.

The engine calls its listeners *before* its state changes. The listener here applies the event
to a private copy of the engine first (which checks the move and gives the progress it leads
to), then hands the store the event and that progress in one transaction. Only when that commit
is on disk does the listener return and the real engine move on. If anything fails, the copy is
reset from the real engine and the error is raised, so the move is refused and nothing half-done
remains.
"""

from __future__ import annotations

from sos_assistant.dialogue import Engine, EngineError
from sos_assistant.model import Event
from sos_assistant.store.core import Progress, StoreError
from sos_assistant.store.protocol import SessionStore


class AutosaveError(StoreError, EngineError):
    """A move refused because it could not be saved. It is both a :class:`StoreError` and an
    :class:`~sos_assistant.dialogue.EngineError`, so a face that handles refused moves shows
    its message as it is."""


def progress_of(engine: Engine) -> Progress:
    """Where ``engine`` stands, as the store keeps it."""
    done, total = engine.progress()
    current = engine.current
    return Progress(done, total, None if current is None else current.id, engine.framework)


class Autosave:
    """The listener :class:`~sos_assistant.session.Session` subscribes to its engine.

    Subscribe nothing after it that may refuse a move: a move it has saved is meant to happen.
    """

    def __init__(self, store: SessionStore, key: int, engine: Engine, events: int) -> None:
        self.store = store
        self.key = key
        self.events = events
        """How many events the session has on disk."""
        self._live = engine
        self._shadow = self._copy()

    def _copy(self) -> Engine:
        return Engine.from_json(self._live.script, self._live.to_json())

    def __call__(self, event: Event) -> None:
        try:
            self._shadow.apply(event)
            self.store.append(self.key, self.events, event, progress_of(self._shadow))
        except StoreError as error:
            self._shadow = self._copy()
            raise AutosaveError(
                f"Your answer could not be saved, so it was not taken. {error}"
            ) from None
        except BaseException:
            self._shadow = self._copy()
            raise
        self.events += 1

    def save_draft(self, step: str, value: object) -> None:
        """Keep words typed but not given as a ``draft`` event; nothing moves.

        Raises:
            AutosaveError: it could not be saved."""
        event = Event(type="draft", step=step, value=value)
        try:
            self.store.append(self.key, self.events, event, progress_of(self._live))
        except StoreError as error:
            raise AutosaveError(f"What you typed could not be saved. {error}") from None
        self.events += 1
