"""Checks a dialogue's shape once its schema is valid: the graph of steps, slots and templates.

Codes (each has a broken fixture under ``tests/fixtures/broken/``):

========  ==================================================================
D003      ``next`` (or a choice's ``next``, ``if_yes``, ``if_no``) names no step
D004      a step can never be reached from the start
D005      a step has no way on to the end (a loop with no exit)
D006      a slot that is not in the map, or not one this kind of step can fill
D007      a template uses a name that may be unset on some path to the step
D008      a template that cannot be parsed
D009      choice values that the slot cannot hold (readiness, framework)
D010      a scale step that does not say whose number it is (``who``)
D011      ``start`` names no step
D012      two steps set the same ``var`` (later prompts could not tell them apart)
D030      a review step's ``of`` names no ``list`` step filling ``safety_plan.rules``
========  ==================================================================
"""

from __future__ import annotations

from collections import deque

from sos_assistant.diagnostics import Diagnostic
from sos_assistant.dialogue.schema import ALL_SLOTS, END, SLOTS_BY_KIND, Script, Step
from sos_assistant.dialogue.templating import GLOBAL_NAMES, TemplateProblem, variables
from sos_assistant.model import FRAMEWORKS, READINESS_SLOTS, READINESS_VALUES, STORY_AGES
from sos_assistant.yamlfile import Lines


class _Report:
    def __init__(self, script: Script, lines: Lines, file: str) -> None:
        self.file = file
        self.lines = lines
        self.position = {s.id: i for i, s in enumerate(script.steps)}
        self.items: list[Diagnostic] = []

    def add(self, step: str | None, field: tuple[str | int, ...], code: str, message: str) -> None:
        path: tuple[str | int, ...] = ("steps", self.position[step], *field) if step else field
        self.items.append(Diagnostic(self.file, self.lines.line(path), code, message))


def _arrows(step: Step) -> list[tuple[tuple[str | int, ...], str]]:
    """Each explicit target a step names, with the field that names it."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    if step.next:
        out.append((("next",), step.next))
    for i, choice in enumerate(step.choices):
        if choice.next:
            out.append((("choices", i, "next"), choice.next))
    if step.if_yes:
        out.append((("if_yes",), step.if_yes))
    if step.if_no:
        out.append((("if_no",), step.if_no))
    return out


def _templates(script: Script, step: Step) -> list[tuple[tuple[str | int, ...], str]]:
    fields: list[tuple[tuple[str | int, ...], str]] = [(("ask",), step.ask), (("help",), step.help)]
    fields += [(("examples", i), e) for i, e in enumerate(step.examples)]
    fields += [(("suggest", i), e) for i, e in enumerate(step.suggest)]
    if step.said_by:
        fields.append((("said_by",), step.said_by))
    if step.who:
        fields.append((("who",), step.who))
    for i, choice in enumerate(step.choices):
        fields.append((("choices", i, "label"), choice.label))
        if choice.explain:
            fields.append((("choices", i, "explain"), choice.explain))
    return fields


def _reachable(script: Script, start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in script.targets(queue.popleft()):
            if target != END and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _can_finish(script: Script) -> set[str]:
    incoming: dict[str, list[str]] = {}
    for step in script.steps:
        for target in script.targets(step.id):
            incoming.setdefault(target, []).append(step.id)
    seen: set[str] = set()
    queue = deque([END])
    while queue:
        for source in incoming.get(queue.popleft(), []):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


def _defined_on_every_path(script: Script, reachable: set[str]) -> dict[str, set[str]]:
    """For each step, the vars set on every path from the start to it (a must-analysis)."""
    everything = {s.var for s in script.steps if s.var}
    before: dict[str, set[str]] = {s: set(everything) for s in reachable}
    before[script.first] = set()
    changed = True
    while changed:
        changed = False
        for step_id in reachable:
            step = script.step(step_id)
            after = before[step_id] | ({step.var} if step.var else set())
            for target in script.targets(step_id):
                if target == END or target == script.first:
                    continue
                narrowed = before[target] & after
                if narrowed != before[target]:
                    before[target] = narrowed
                    changed = True
    return before


def check_graph(script: Script, lines: Lines, file: str) -> list[Diagnostic]:
    """Every graph, slot and template problem in a schema-valid dialogue."""
    report = _Report(script, lines, file)
    ids = {s.id for s in script.steps}

    if script.start and script.start not in ids:
        report.add(None, ("start",), "D011", f"start step '{script.start}' is not a step")
        return report.items

    broken_arrows = False
    for step in script.steps:
        for field, target in _arrows(step):
            if target != END and target not in ids:
                report.add(
                    step.id, field, "D003", f"step '{step.id}' leads to unknown step '{target}'"
                )
                broken_arrows = True

    var_owner: dict[str, str] = {}
    for step in script.steps:
        if step.var:
            if step.var in var_owner:
                report.add(
                    step.id,
                    ("var",),
                    "D012",
                    f"var '{step.var}' is already set by step '{var_owner[step.var]}'",
                )
            var_owner.setdefault(step.var, step.id)
        if step.slot is not None:
            if step.slot not in ALL_SLOTS:
                report.add(step.id, ("slot",), "D006", f"slot '{step.slot}' is not part of the map")
            elif step.slot not in SLOTS_BY_KIND[step.kind]:
                report.add(
                    step.id,
                    ("slot",),
                    "D006",
                    f"slot '{step.slot}' cannot be filled by a {step.kind} step",
                )
        allowed = (
            READINESS_VALUES
            if step.slot in READINESS_SLOTS
            else FRAMEWORKS
            if step.slot == "framework"
            else STORY_AGES
            if step.slot == "story.age"
            else None
        )
        if step.kind == "choice" and allowed is not None:
            for i, choice in enumerate(step.choices):
                if choice.value not in allowed:
                    report.add(
                        step.id,
                        ("choices", i, "value"),
                        "D009",
                        f"choice value '{choice.value}' cannot go in slot '{step.slot}' "
                        f"(use {', '.join(allowed)})",
                    )
        if step.kind == "review" and step.of is not None:
            reviewed = script.step(step.of) if script.has_step(step.of) else None
            if reviewed is None or reviewed.kind != "list" or reviewed.slot != "safety_plan.rules":
                report.add(
                    step.id,
                    ("of",),
                    "D030",
                    f"review step '{step.id}': 'of' must name a list step that fills "
                    f"safety_plan.rules ('{step.of}' does not)",
                )
        if step.kind == "scale" and not step.who:
            report.add(
                step.id,
                ("kind",),
                "D010",
                f"scale step '{step.id}' needs 'who': whose number it is",
            )

    if broken_arrows:
        return report.items

    reachable = _reachable(script, script.first)
    finishing = _can_finish(script)
    for step in script.steps:
        if step.id not in reachable:
            report.add(step.id, ("id",), "D004", f"step '{step.id}' can never be reached")
        elif step.id not in finishing:
            report.add(step.id, ("id",), "D005", f"step '{step.id}' has no way on to the end")

    defined = _defined_on_every_path(script, reachable)
    all_vars = set(var_owner)
    for step in script.steps:
        if step.id not in reachable:
            continue
        for field, source in _templates(script, step):
            try:
                names = variables(source)
            except TemplateProblem as problem:
                report.add(step.id, field, "D008", f"step '{step.id}': {problem}")
                continue
            for name in sorted(names - GLOBAL_NAMES - defined[step.id]):
                why = "may be unset on some path here" if name in all_vars else "is never set"
                report.add(step.id, field, "D007", f"step '{step.id}' uses '{name}', which {why}")

    if script.map_title:
        at_end = set(all_vars)
        for step_id in reachable:
            if END in script.targets(step_id):
                step = script.step(step_id)
                at_end &= defined[step_id] | ({step.var} if step.var else set())
        try:
            for name in sorted(variables(script.map_title) - GLOBAL_NAMES - at_end):
                why = "may be unset at the end" if name in all_vars else "is never set"
                report.add(None, ("map_title",), "D007", f"map_title uses '{name}', which {why}")
        except TemplateProblem as problem:
            report.add(None, ("map_title",), "D008", f"map_title: {problem}")
    return report.items
