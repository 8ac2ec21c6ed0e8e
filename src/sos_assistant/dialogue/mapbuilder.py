"""Answers -> :class:`~sos_assistant.model.Map`, through each step's ``slot``.

Only the steps on the current path count: an answer on a branch the person later left is kept
in the session but does not appear on the map.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sos_assistant import content
from sos_assistant.dialogue.engine import Engine
from sos_assistant.dialogue.schema import Step
from sos_assistant.dialogue.templating import render
from sos_assistant.model import (
    Map,
    Meeting,
    Person,
    Preparation,
    Rating,
    Statement,
)

_LABEL = r"[A-Za-z]{1,3}\d{1,3}"
_DANGER_LABEL = re.compile(rf"\s*({_LABEL})\s*(?::|\)|\.(?=\s))")
"""A danger statement written as "D1: ..." (or "D1." / "D1)"): its id is D1."""
_ANSWERS = re.compile(
    rf"\s*(?:for|answers?)\s+({_LABEL}(?:\s*(?:,|&|\+|and)\s*{_LABEL})*)\s*[:.,)-]", re.I
)
"""A safety goal written as "For D1: ..." or "For D1 and D2, ...": it answers D1 (and D2)."""


def _links(slot: str, data: dict[str, Any], taken: set[str]) -> None:
    """Read the handles the dialogue asks people to type ("D1: ...", "For D1: ...") into
    ``id`` and ``addresses``, unless they are given already. The words stay as typed."""
    text = str(data.get("text", ""))
    if slot == "worries.danger_statements" and not data.get("id"):
        match = _DANGER_LABEL.match(text)
        if match and match.group(1).upper() not in taken:
            data["id"] = match.group(1).upper()
    elif slot == "needs_to_happen.safety_goals" and not data.get("addresses"):
        match = _ANSWERS.match(text)
        if match:
            data["addresses"] = [m.upper() for m in re.findall(_LABEL, match.group(1))]


def _statements(step: Step, value: Any, said_by: str | None, taken: set[str]) -> list[Statement]:
    items = value if isinstance(value, list) else [value]
    out: list[Statement] = []
    for item in items:
        data = {"text": item} if isinstance(item, str) else dict(item)
        if said_by and not data.get("said_by"):
            data["said_by"] = said_by
        _links(step.slot or "", data, taken)
        statement = Statement.model_validate(data)
        if statement.id:
            taken.add(statement.id)
        out.append(statement)
    return out


def build_map(engine: Engine, *, date: dt.date | None = None) -> Map:
    """The map the answers so far make."""
    framework = engine.framework
    text = content.frameworks().frameworks[framework]
    result = Map(framework=framework, date=date)
    result.scaling.question = text.scaling.question
    result.scaling.zero_means = text.scaling.zero_means
    result.scaling.ten_means = text.scaling.ten_means
    preparation = Preparation()
    used_preparation = False
    ids: set[str] = set()
    last_person: Person | None = None

    for position, step_id in enumerate(engine.path):
        value = engine.answers.get(step_id)
        step = engine.script.step(step_id)
        if step.slot == "people":
            last_person = None  # a skipped name leaves nobody for the details that follow
        if step.suggest and value is True:  # "add these to my questions"
            ctx = engine.context(position)
            said_by = render(step.said_by, ctx).strip() if step.said_by else None
            for question in step.suggest:
                words = render(question, ctx).strip()
                if words and all(s.text != words for s in preparation.to_ask):
                    preparation.to_ask.append(Statement(text=words, said_by=said_by or None))
            used_preparation = True
            continue
        if value is None or not step.slot:
            continue
        slot = step.slot
        ctx = engine.context(position)
        if slot == "title":
            result.title = value
        elif slot == "framework":
            continue
        elif slot.startswith("meeting."):
            meeting = result.meeting or Meeting()
            key = slot.split(".", 1)[1]
            setattr(meeting, key, dt.date.fromisoformat(value) if key == "date" else value)
            result.meeting = meeting
        elif slot in ("people.organisation", "people.phone"):
            if last_person is not None:  # the person the step before named
                setattr(last_person, slot.split(".", 1)[1], value)
        elif slot == "people":
            rows = (
                [{"name": value, "role": step.role or "other"}] if isinstance(value, str) else value
            )
            result.people.extend(Person.model_validate(row) for row in rows)
            last_person = result.people[-1]
        elif slot == "scaling.ratings":
            who = render(step.who or "", ctx).strip() or step.id
            result.scaling.ratings.append(Rating(who=who, **value))
        elif slot.startswith("preparation.readiness."):
            setattr(preparation.readiness, slot.rsplit(".", 1)[1], value)
            used_preparation = True
        else:
            section, field = slot.split(".")
            said_by = render(step.said_by, ctx).strip() if step.said_by else None
            holder: Any = preparation if section == "preparation" else getattr(result, section)
            getattr(holder, field).extend(_statements(step, value, said_by or None, ids))
            used_preparation = used_preparation or section == "preparation"

    if used_preparation:
        result.preparation = preparation
    if engine.script.map_title and result.title is None:
        title = render(engine.script.map_title, engine.context(with_defaults=True)).strip()
        result.title = title or None
    return result
