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
from sos_assistant.dialogue.plan import rule_entries
from sos_assistant.dialogue.schema import Step
from sos_assistant.dialogue.templating import render
from sos_assistant.model import (
    ChildVoice,
    FacesScore,
    Helper,
    Map,
    Meeting,
    Person,
    PlanReview,
    Preparation,
    Rating,
    SafetyPlan,
    Statement,
    Story,
    StoryPage,
)

_LABEL = r"[A-Za-z]{1,3}\d{1,3}"
_DANGER_LABEL = re.compile(rf"\s*({_LABEL})\s*(?::|\)|\.(?=\s))")
"""A danger statement written as "D1: ..." (or "D1." / "D1)"): its id is D1."""
_ANSWERS = re.compile(
    rf"\s*(?:for|answers?)\s+({_LABEL}(?:\s*(?:,|&|\+|and)\s*{_LABEL})*)\s*[:.,)-]", re.I
)
"""A safety goal written as "For D1: ..." or "For D1 and D2, ...": it answers D1 (and D2)."""
_RULE_HANDLE = re.compile(r"^\s*[Rr]\d{1,3}\s*(?::|\)|\.(?=\s))")


def _links(slot: str, data: dict[str, Any], taken: set[str]) -> None:
    """Read the handles the dialogue asks people to type ("D1: ...", "For D1: ...") into
    ``id`` and ``addresses``, unless they are given already. The words stay as typed."""
    text = str(data.get("text", ""))
    if slot == "worries.danger_statements" and not data.get("id"):
        match = _DANGER_LABEL.match(text)
        if match and match.group(1).upper() not in taken:
            data["id"] = match.group(1).upper()
    elif slot in ("needs_to_happen.safety_goals", "safety_plan.rules"):
        if slot == "needs_to_happen.safety_goals" and not data.get("id"):
            # A goal written "G1: ..." has the id G1, so the plan's rules can say "For G1:".
            label = _DANGER_LABEL.match(text)
            if label and label.group(1).upper() not in taken:
                data["id"] = label.group(1).upper()
        if not data.get("addresses"):
            # A rule may start with its own handle ("R1: For D1, ..."): look past it.
            rest = _RULE_HANDLE.sub("", text, count=1) if slot == "safety_plan.rules" else text
            match = _ANSWERS.match(rest)
            if match:
                data["addresses"] = [m.upper() for m in re.findall(_LABEL, match.group(1))]


def _statements(step: Step, value: Any, said_by: str | None, taken: set[str]) -> list[Statement]:
    items = value if isinstance(value, list) else [value]
    out: list[Statement] = []
    for item in items:
        data = {"text": item} if isinstance(item, str) else dict(item)
        if said_by and not data.get("said_by"):
            data["said_by"] = said_by
        if step.verbatim:
            data["as_written"] = True
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
    if any(s.slot == "scaling.ratings" for s in engine.script.steps):
        # a dialogue that never asks for numbers leaves the scaling off the page
        result.scaling.question = text.scaling.question
        result.scaling.zero_means = text.scaling.zero_means
        result.scaling.ten_means = text.scaling.ten_means
    preparation = Preparation()
    used_preparation = False
    ids: set[str] = set()
    plan = SafetyPlan()
    used_plan = False
    voice: ChildVoice | None = None  # Three Houses: the child's words, verbatim
    story: Story | None = None  # Words and Pictures
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
        elif slot == "network":
            result.network = [*(result.network or []), *map(Helper.model_validate, value)]
        elif slot == "safety_plan.review":
            plan.review = value
            used_plan = True
        elif slot == "safety_plan.reviews":
            plan.reviews = [PlanReview.model_validate(r) for r in value]
            used_plan = True
        elif slot == "safety_plan.rules":
            said_by = render(step.said_by, ctx).strip() if step.said_by else None
            rules = _statements(step, value, said_by or None, ids)
            taken = {r.id for r in plan.rules if r.id}
            entries = rule_entries([r.model_dump() for r in [*plan.rules, *rules]])
            for rule, (rule_id, _) in zip(rules, entries[len(plan.rules) :], strict=True):
                if not rule.id and rule_id not in taken:
                    rule.id = rule_id
            plan.rules.extend(rules)
            used_plan = True
        elif slot.startswith("child_voice."):
            voice = voice or ChildVoice(child="")
            _child_voice(voice, slot.split(".", 1)[1], value)
        elif slot.startswith("story."):
            story = story or Story()
            _story(story, slot.split(".", 1)[1], value, step, ctx)
        elif slot.startswith("preparation.readiness."):
            setattr(preparation.readiness, slot.rsplit(".", 1)[1], value)
            used_preparation = True
        else:
            section, field = slot.split(".")
            said_by = render(step.said_by, ctx).strip() if step.said_by else None
            holder: Any = {"preparation": preparation, "safety_plan": plan}.get(section)
            if holder is None:
                holder = getattr(result, section)
            getattr(holder, field).extend(_statements(step, value, said_by or None, ids))
            used_preparation = used_preparation or section == "preparation"
            used_plan = used_plan or section == "safety_plan"

    if used_preparation:
        result.preparation = preparation
    if used_plan:
        result.safety_plan = plan
    if voice is not None:
        if not voice.child.strip():
            voice.child = _var_default(engine, "child_voice.child") or "?"
        result.child_voice = [voice]
    if story is not None:
        result.story = story
    if engine.script.map_title and result.title is None:
        title = render(engine.script.map_title, engine.context(with_defaults=True)).strip()
        result.title = title or None
    return result


def _var_default(engine: Engine, slot: str) -> str:
    """The ``default`` of the step that fills ``slot`` (the name used when it was skipped)."""
    for step in engine.script.steps:
        if step.slot == slot:
            return render(step.default, engine.context(with_defaults=True)).strip()
    return ""


def _child_voice(voice: ChildVoice, field: str, value: Any) -> None:
    """The child's words go in exactly as given: no ``said_by`` (the entry names the child)
    and no reading of handles."""
    if field == "child":
        voice.child = str(value)
    elif field == "faces":
        voice.faces = FacesScore(**value)
    else:
        items = value if isinstance(value, list) else [value]
        getattr(voice, field).extend(Statement.model_validate(item) for item in items)


def _story(story: Story, field: str, value: Any, step: Step, ctx: dict[str, Any]) -> None:
    if field == "pages":
        heading = render(step.heading or "", ctx).strip()
        story.pages.append(StoryPage(heading=heading, text=str(value), picture=step.picture))
    else:
        setattr(story, field, value)
