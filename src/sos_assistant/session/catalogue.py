"""Which dialogues a person can use, and names for new sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sos_assistant.dialogue import Script, ScriptError, dialogue_files, find_dialogue, load_script
from sos_assistant.store.core import StoreError


def dialogues_for(audience: str) -> list[Script]:
    """The dialogues written for ``audience``, by file name."""
    return [s for s in (load_script(p) for p in dialogue_files()) if audience in s.audience]


def find_script(name: str) -> Script:
    """The dialogue called ``name`` (its id, or a file path).

    Raises:
        ScriptError: there is no such dialogue, or its file is broken (file:line: problem).
    """
    return find_dialogue(name)


def asks_framework(script: Script) -> bool:
    """Whether the person should choose a framework before starting ``script``."""
    return script.framework is None and not any(s.slot == "framework" for s in script.steps)


def new_session_name(script: Script, taken: Iterable[str]) -> str:
    """A readable, unused name for a new session: the dialogue and today's date."""
    used = set(taken)
    base = f"{script.id}-{dt.date.today().isoformat()}"
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    return name


__all__ = [
    "ScriptError",
    "StoreError",
    "asks_framework",
    "dialogues_for",
    "find_script",
    "new_session_name",
]
