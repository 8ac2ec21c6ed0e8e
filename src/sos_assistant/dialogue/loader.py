"""Reading dialogue files: YAML -> :class:`Script`, with every problem as ``file:line``.

:func:`check_script_file` returns every problem it can find (schema, then graph, then
templates); :func:`load_script` returns a usable script or raises :class:`ScriptError` with
those problems.

:func:`find_dialogue` keeps a checked copy of each dialogue it has read, as JSON in the cache
folder, named by a digest of the file and of the code that checks it. The next time the same
file is asked for, the copy is validated against the schema again but the YAML parse and the
graph and template checks (which load jinja2) are not repeated: resuming a session starts sooner.
``sos-assistant check`` always checks the files themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.dialogue.schema import Script
from sos_assistant.jsoncopy import load_with_copy
from sos_assistant.model import validation_problems
from sos_assistant.resources import dialogues_dir

if TYPE_CHECKING:
    from sos_assistant.yamlfile import Lines


class ScriptError(ValueError):
    """A dialogue file that cannot be used; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def schema_diagnostics(
    error: ValidationError, lines: Lines, file: str, code: str
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, at the line of the field it is about."""
    out: list[Diagnostic] = []
    for item, message in zip(error.errors(), validation_problems(error), strict=False):
        loc = [p for p in item["loc"] if isinstance(p, int) or "[" not in p]
        out.append(Diagnostic(file, lines.line(loc), code, message))
    return out


def _duplicate_ids(data: Any, lines: Lines, file: str) -> list[Diagnostic]:
    seen: dict[str, int] = {}
    out: list[Diagnostic] = []
    steps = data.get("steps") if isinstance(data, dict) else None
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        step_id = step.get("id") if isinstance(step, dict) else None
        if not isinstance(step_id, str):
            continue
        line = lines.line(("steps", i, "id"))
        if step_id in seen:
            out.append(
                Diagnostic(
                    file,
                    line,
                    "D002",
                    f"duplicate step id '{step_id}' (first at line {seen[step_id]})",
                )
            )
        else:
            seen[step_id] = line
    return out


def parse_script(data: Any, lines: Lines, file: str) -> tuple[Script | None, list[Diagnostic]]:
    """Validate parsed YAML as a dialogue; the script is None when the schema fails."""
    problems = _duplicate_ids(data, lines, file)
    if problems:
        return None, problems
    try:
        script = Script.model_validate(data)
    except ValidationError as error:
        return None, schema_diagnostics(error, lines, file, "D001")
    from sos_assistant.dialogue.validate import check_graph

    return script, check_graph(script, lines, file)


def _checked(path: Path) -> tuple[Any, Script | None, list[Diagnostic]]:
    """The file's data, the script when it is usable, and every problem found."""
    # Read only when the checked copy is missing or out of date (and by ``check``): resuming a
    # session reads the copy, and does not import PyYAML or the graph checks for it.
    from sos_assistant.yamlfile import YamlProblem, load_yaml

    try:
        data, lines = load_yaml(path)
    except YamlProblem as problem:
        return None, None, [problem.diagnostic]
    script, problems = parse_script(data, lines, display_path(path))
    return data, (script if not problems else None), problems


def check_script_file(path: Path) -> tuple[Script | None, list[Diagnostic]]:
    """Every problem in one dialogue file, and the script when it is usable."""
    _, script, problems = _checked(path)
    return script, problems


def load_script(path: Path) -> Script:
    """A validated dialogue, or :class:`ScriptError`."""
    script, problems = check_script_file(path)
    if problems or script is None:
        raise ScriptError(problems)
    return script


def dialogue_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or dialogues_dir()).glob("*.yaml"))


_CHECKERS = ("schema.py", "validate.py", "templating.py", "loader.py")
"""The code whose checks a copy has passed: a change to any of them makes new copies."""


def _read_checked(path: Path) -> tuple[Any, Script]:
    data, script, problems = _checked(path)
    if problems or script is None:
        raise ScriptError(problems)
    return data, script


@cache
def _packaged(path: Path, mtime: float) -> Script:
    code = [Path(__file__).with_name(n) for n in _CHECKERS]
    # a copy that does not fit (altered since?) raises ValueError: the file is read again
    return load_with_copy(path, "dialogue-", code, Script.model_validate, ValueError, _read_checked)


def find_dialogue(name: str) -> Script:
    """A dialogue by file path, or by id among the packaged dialogues."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ScriptError([Diagnostic(name, 0, "D000", "no such dialogue file")])
        return _packaged(candidate.resolve(), candidate.stat().st_mtime)
    for path in dialogue_files():
        if path.stem == name:
            return _packaged(path, path.stat().st_mtime)
    known = ", ".join(p.stem for p in dialogue_files()) or "none"
    raise ScriptError(
        [Diagnostic(name, 0, "D000", f"no dialogue called '{name}' (known: {known})")]
    )


__all__ = [
    "ScriptError",
    "check_script_file",
    "dialogue_files",
    "find_dialogue",
    "load_script",
    "parse_script",
]
