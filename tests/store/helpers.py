"""Shared helpers for the store tests (and the soak script)."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import yaml

import sos_assistant.cli as cli
from sos_assistant.dialogue import Engine, Script, build_map, run_answers
from sos_assistant.model import Event

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
FAMILY_ANSWERS = GOLDEN / "family-conference" / "fuller.answers.yaml"
MARKER = "Zyxwv-marker-4417 the blue kettle"
"""A phrase no dialogue or program text contains, to look for in the data folder's files."""


def load_answers(path: Path = FAMILY_ANSWERS) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def with_marker(answers: dict[str, Any]) -> dict[str, Any]:
    """The golden answers with the marker phrase in the first free-text answer."""
    out = dict(answers)
    out["harm"] = [f"{MARKER} was broken.", *out["harm"]]
    return out


def reference_run(script: Script, answers: Any) -> tuple[list[Event], str]:
    """The events and the map YAML of an uninterrupted run without a store."""
    engine = Engine(script)
    events: list[Event] = []
    engine.subscribe(events.append)
    run_answers(engine, answers)
    return events, build_map(engine).to_yaml()


def moves(events: list[Event]) -> list[tuple[str, str, Any]]:
    """Events without their times, for comparing runs."""
    return [(e.type, e.step, e.value) for e in events]


def files_containing(folder: Path, text: str) -> list[Path]:
    """Every file under ``folder`` whose bytes contain ``text`` (UTF-8 or UTF-16)."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le")]
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and any(n in path.read_bytes() for n in needles):
            found.append(path)
    return found


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run ``sos-assistant ARGS`` in this process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
