"""Which danger statement each safety goal answers, while a person writes the goals.

The goals step of a dialogue shows the danger statements written so far beside the goal box;
each goal picks the danger statement(s) it answers, and a danger statement that no goal answers
yet is marked "still to do". This module is the logic every face uses for that (the app's goals
screen today); it knows nothing of Textual.

A danger statement is linked through its ``id``. One written as "D1: ..." has its id already;
for one without, :func:`link` gives it the next free handle ("D2") by editing that earlier
answer through the engine (an ``edit`` event, saved like any other answer). The words stay
exactly as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sos_assistant.dialogue import Engine

DANGERS = "worries.danger_statements"
GOALS = "needs_to_happen.safety_goals"


@dataclass(frozen=True, slots=True)
class DangerChoice:
    """A danger statement as the goals step shows it."""

    index: int
    """Its place among the map's danger statements."""
    handle: str
    """Its id, or the id it will get when a goal first picks it."""
    text: str
    still_to_do: bool
    """No goal (given or being written) answers it yet."""


def _danger_items(engine: Engine) -> list[tuple[str, int, Any]]:
    """(step id, position in that step's answer, item) for every danger statement so far."""
    out: list[tuple[str, int, Any]] = []
    for step_id in engine.path:
        step = engine.script.step(step_id)
        value = engine.answers.get(step_id)
        if step.slot != DANGERS or value is None:
            continue
        items = value if isinstance(value, list) else [value]
        out.extend((step_id, i, item) for i, item in enumerate(items))
    return out


_LABEL = r"[A-Za-z]{1,3}\d{1,3}"
_FOR = re.compile(
    rf"\s*(?:for|answers?)\s+({_LABEL}(?:\s*(?:,|&|\+|and)\s*{_LABEL})*)\s*[:.,)-]", re.I
)
"""A goal written as "For D1: ..." answers D1, as the map builder reads it."""


def _addresses(items: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for item in items:
        if isinstance(item, dict) and item.get("addresses"):
            found.update(str(a).upper() for a in item["addresses"])
            continue
        text = item.get("text", "") if isinstance(item, dict) else str(item)
        match = _FOR.match(text)
        if match:
            found.update(m.upper() for m in re.findall(_LABEL, match.group(1)))
    return found


def choices(engine: Engine, pending_goals: Iterable[Any] = ()) -> list[DangerChoice]:
    """The danger statements so far, each with its handle and whether it is still to do.

    ``pending_goals`` are the goals on screen not given to the engine yet (strings, or
    mappings with ``addresses``); the goals already given count too.
    """
    from sos_assistant.dialogue import build_map

    the_map = build_map(engine)
    dangers = the_map.worries.danger_statements
    if not dangers:
        return []
    current = engine.current
    if current is not None and current.slot == GOALS:
        # The goals on screen stand for this step's saved answer (they start from it).
        answered = _other_addresses(engine, current.id)
    else:
        answered = {a for g in the_map.needs_to_happen.safety_goals for a in (g.addresses or [])}
    answered |= _addresses(pending_goals)
    taken = {d.id for d in dangers if d.id}
    out: list[DangerChoice] = []
    for i, danger in enumerate(dangers):
        handle = danger.id or _free_handle(taken)
        taken.add(handle)
        out.append(DangerChoice(i, handle, danger.text, handle not in answered))
    return out


def _other_addresses(engine: Engine, except_step: str) -> set[str]:
    found: set[str] = set()
    for step_id in engine.path:
        if step_id == except_step:
            continue
        step = engine.script.step(step_id)
        value = engine.answers.get(step_id)
        if step.slot == GOALS and value is not None:
            found |= _addresses(value if isinstance(value, list) else [value])
    return found


def _free_handle(taken: set[str]) -> str:
    n = 1
    while f"D{n}" in taken:
        n += 1
    return f"D{n}"


def link(engine: Engine, picked: Iterable[int]) -> list[str]:
    """The ids for a goal that answers the danger statements at ``picked`` (indexes).

    A picked danger statement with no id gets its handle as its id first: its step's answer
    is edited through ``engine.edit`` (saved before this returns, like every answer).
    """
    wanted = sorted(set(picked))
    if not wanted:
        return []
    shown = {c.index: c for c in choices(engine)}
    items = _danger_items(engine)
    ids: list[str] = []
    edits: dict[str, list[Any]] = {}
    for index in wanted:
        choice = shown.get(index)
        if choice is None or index >= len(items):
            continue
        step_id, position, item = items[index]
        ids.append(choice.handle)
        has_id = isinstance(item, dict) and item.get("id")
        if has_id or _typed_label(item) == choice.handle:
            continue
        value = edits.get(step_id)
        if value is None:
            answer = engine.answers[step_id]
            value = list(answer) if isinstance(answer, list) else [answer]
            edits[step_id] = value
        old = value[position]
        new = dict(old) if isinstance(old, dict) else {"text": old}
        new["id"] = choice.handle
        value[position] = new
    for step_id, value in edits.items():
        engine.edit(step_id, value)
    return ids


def link_typed(engine: Engine) -> None:
    """Give an id to each danger statement a goal names by its handle ("For D2: ..."), so a
    goal typed that way is linked even when the danger statement was not numbered."""
    goals: list[Any] = []
    for step_id in engine.path:
        value = engine.answers.get(step_id)
        if engine.script.step(step_id).slot == GOALS and value is not None:
            goals.extend(value if isinstance(value, list) else [value])
    named = _addresses(goals)
    items = _danger_items(engine)
    wanted = [
        c.index
        for c in choices(engine)
        if c.handle in named
        and c.index < len(items)
        and not (isinstance(items[c.index][2], dict) and items[c.index][2].get("id"))
        and _typed_label(items[c.index][2]) != c.handle
    ]
    if wanted:
        link(engine, wanted)


def _typed_label(item: Any) -> str | None:
    """The "D1" a person typed at the start of a danger statement, as the map reads it."""
    text = item.get("text", "") if isinstance(item, dict) else str(item)
    match = re.match(r"\s*([A-Za-z]{1,3}\d{1,3})\s*(?::|\)|\.(?=\s))", text)
    return match.group(1).upper() if match else None
