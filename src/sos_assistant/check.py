"""``sos-assistant check``: every dialogue and content file, checked like a compiler would.

Problems print as ``file:line: message [CODE]``. Codes: ``Y`` YAML, ``D`` dialogues (see
:mod:`sos_assistant.dialogue.validate`), ``K`` content files, ``T`` templates, ``C`` coach rules,
``Q`` question types (``content/questions.yaml``), ``V`` vignettes (``content/vignettes/``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from pydantic import ValidationError

from sos_assistant.children import ChildrenWords
from sos_assistant.content import CONTENT_FILES
from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.dialogue.loader import check_script_file, dialogue_files, schema_diagnostics
from sos_assistant.explain.validate import check_glossary
from sos_assistant.rehearse.questions import check_questions_file
from sos_assistant.rehearse.vignettes import check_vignette_file, check_vignettes
from sos_assistant.render import TEXT_FORMATS, Labels, template_name
from sos_assistant.render.plan import PlanLabels
from sos_assistant.resources import CONTENT_ENV, content_dir, dialogues_dir, working_copy
from sos_assistant.tui_text import validate_ui_text
from sos_assistant.yamlfile import YamlProblem, load_yaml

Validator = Callable[[Any], object]
"""Validates a file's data; raises :class:`pydantic.ValidationError` when it does not fit."""

MODEL_FILES: dict[str, Validator] = {
    **{name: model.model_validate for name, model in CONTENT_FILES.items()},
    "ui.yaml": validate_ui_text,
    "children.yaml": ChildrenWords.model_validate,
}
"""Content files checked against a model: frameworks, glossary, crisis, and the app's words."""


def check_model_file(path: Path, validate: Validator, code: str) -> list[Diagnostic]:
    """A YAML content file against its pydantic model (or other pydantic validator)."""
    try:
        data, lines = load_yaml(path)
    except YamlProblem as problem:
        return [problem.diagnostic]
    try:
        validate(data)
    except ValidationError as error:
        return schema_diagnostics(error, lines, display_path(path), code)
    return []


def check_templates(folder: Path) -> list[Diagnostic]:
    """The map templates exist, parse, and the labels file is valid."""
    out: list[Diagnostic] = []
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder))
    for fmt in TEXT_FORMATS:
        path = folder / template_name(fmt)
        if not path.is_file():
            out.append(
                Diagnostic(display_path(path), 0, "T002", f"missing template for {fmt} maps")
            )
            continue
        out += check_template_file(path, env)
    for path in sorted(folder.glob("_*.j2")):
        out += check_template_file(path, env)
    for path in sorted([*folder.glob("houses.*.j2"), *folder.glob("booklet.*.j2")]):
        out += check_template_file(path, env)  # the child's page and the story booklet
    labels = folder / "labels.yaml"
    if labels.is_file():
        out += check_model_file(labels, Labels.model_validate, "T003")
    else:
        out.append(Diagnostic(display_path(labels), 0, "T002", "missing the map labels file"))
    plan_labels = folder / "plan_labels.yaml"  # the safety plan's words (render/plan.py)
    if plan_labels.is_file():
        out += check_model_file(plan_labels, PlanLabels.model_validate, "T003")
    else:
        out.append(Diagnostic(display_path(plan_labels), 0, "T002", "missing the plan labels file"))
    return out


def check_template_file(path: Path, env: jinja2.Environment | None = None) -> list[Diagnostic]:
    env = env or jinja2.Environment(loader=jinja2.FileSystemLoader(path.parent))
    try:
        env.parse(path.read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as error:
        return [
            Diagnostic(display_path(path), error.lineno, "T001", f"template error: {error.message}")
        ]
    return []


def check_coach(folder: Path) -> list[Diagnostic]:
    from sos_assistant.coach import validate_rules

    return validate_rules(folder)


def _check_path(path: Path) -> list[Diagnostic]:
    if path.is_dir():
        try:
            os.listdir(path)
        except OSError as error:
            return [
                Diagnostic(
                    display_path(path), 0, "K000", f"cannot read this folder ({error.strerror})"
                )
            ]
        if path.name == "coach":
            return check_coach(path)
        if path.name == "templates":
            return check_templates(path)
        if path.name == "vignettes":
            return check_vignettes(path)
        children = sorted(path.glob("*.yaml"))
        if not children:
            return [
                Diagnostic(
                    display_path(path), 0, "K000", "no dialogue or content files in this folder"
                )
            ]
        return [d for child in children for d in _check_path(child)]
    if not path.exists() and not path.is_symlink():  # a symlink loop is reported on reading
        return [Diagnostic(display_path(path), 0, "K000", "no such file or folder")]
    if path.name == "questions.yaml":
        return check_questions_file(path)
    if path.parent.name == "vignettes":
        return check_vignette_file(path)[1]
    if path.name == "glossary.yaml":
        return check_model_file(path, MODEL_FILES[path.name], "K001") + check_glossary(path)
    if path.name in MODEL_FILES:
        return check_model_file(path, MODEL_FILES[path.name], "K001")
    if path.suffix == ".j2":
        return check_template_file(path)
    if path.parent.name == "coach":
        return check_coach(path.parent)
    if path.name == "labels.yaml":
        return check_model_file(path, Labels.model_validate, "T003")
    if path.name == "plan_labels.yaml":
        return check_model_file(path, PlanLabels.model_validate, "T003")
    return check_script_file(path)[1]


def read_from(paths: Iterable[Path] = ()) -> str:
    """Which folders ``check`` reads (the line it prints first)."""
    paths = list(paths)
    if paths:
        return "Checking " + ", ".join(display_path(p) for p in paths)
    try:
        return f"Checking dialogues in {dialogues_dir()} and content in {content_dir()}"
    except FileNotFoundError as error:
        return f"Checking: {error}"


def check_all(paths: Iterable[Path] = ()) -> list[Diagnostic]:
    """Every problem in the given files or folders, or in all packaged dialogues and content."""
    paths = list(paths)
    if paths:
        return [d for p in paths for d in _check_path(p)]
    folder = content_dir()
    found: list[Diagnostic] = []
    override = working_copy()
    if override is not None and not any((override / n).is_dir() for n in ("dialogues", "content")):
        return [
            Diagnostic(
                display_path(override),
                0,
                "K000",
                f"{CONTENT_ENV} names a folder with no dialogues/ or content/ folder in it",
            )
        ]
    files = dialogue_files()
    if not files:
        found.append(
            Diagnostic(display_path(dialogues_dir()), 0, "K000", "no dialogue files in this folder")
        )
    for path in files:
        found += check_script_file(path)[1]
    for name, model in MODEL_FILES.items():
        found += check_model_file(folder / name, model, "K001")
    found += check_templates(folder / "templates")
    found += check_coach(folder / "coach")
    found += check_questions_file(folder / "questions.yaml")
    found += check_vignettes(folder / "vignettes")
    found += check_glossary(folder / "glossary.yaml")
    return found
