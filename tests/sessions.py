"""Short ways for tests to drive the session layer (what used to be store methods)."""

from __future__ import annotations

from typing import Any

from sos_assistant.dialogue import Engine, Script
from sos_assistant.model import Map
from sos_assistant.session import Session, replay_check
from sos_assistant.store import SessionInfo
from sos_assistant.store.protocol import SessionStore


def resume(
    store: SessionStore,
    name: str,
    script: Script,
    *,
    framework: str | None = None,
    audience: str | None = None,
) -> Engine:
    """The engine of session ``name``, carried on or started, with autosave."""
    return Session.start(store, script, name, framework=framework, audience=audience).engine


def reopen(store: SessionStore, name: str, script: Script | None = None) -> Engine:
    """Session ``name`` rebuilt from its events, saving nothing."""
    if script is None:
        return Session.view(store, name).engine
    session = Session.open(store, name, script)
    return session.engine


def built_map(store: SessionStore, name: str) -> Map:
    return Session.view(store, name).map()


def import_session(store: SessionStore, data: Any, name: str | None = None) -> SessionInfo:
    return store.import_session(data, replay_check, name)
