"""Dialogues: the file format, loading with ``file:line`` errors, graph checks, the engine,
the headless runner and the map builder. Nothing here imports Textual.

Each name is imported on first use, so that loading a dialogue (``sos-assistant steps``,
``check``) does not also load the engine and its state machine."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sos_assistant.dialogue.answers import AnswerError
    from sos_assistant.dialogue.engine import Engine, EngineError, Prompt
    from sos_assistant.dialogue.loader import (
        ScriptError,
        check_script_file,
        dialogue_files,
        find_dialogue,
        load_script,
    )
    from sos_assistant.dialogue.mapbuilder import build_map
    from sos_assistant.dialogue.runner import RunError, run_answers
    from sos_assistant.dialogue.schema import END, Script, Step

_WHERE = {
    "AnswerError": "answers",
    "Engine": "engine",
    "EngineError": "engine",
    "Prompt": "engine",
    "ScriptError": "loader",
    "check_script_file": "loader",
    "dialogue_files": "loader",
    "find_dialogue": "loader",
    "load_script": "loader",
    "build_map": "mapbuilder",
    "RunError": "runner",
    "run_answers": "runner",
    "END": "schema",
    "Script": "schema",
    "Step": "schema",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "END",
    "AnswerError",
    "Engine",
    "EngineError",
    "Prompt",
    "RunError",
    "Script",
    "ScriptError",
    "Step",
    "build_map",
    "check_script_file",
    "dialogue_files",
    "find_dialogue",
    "load_script",
    "run_answers",
]
