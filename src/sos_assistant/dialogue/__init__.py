"""Dialogues: the file format, loading with ``file:line`` errors, graph checks, the engine,
the headless runner and the map builder. Nothing here imports Textual."""

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
