"""The words added for the printed map and the meeting read at grade 4 or below (families).

Covers the family dialogue's questions about the meeting, the worker, what ends the plan and
the family's hopes, the questions the not-sure screens suggest, the fixed words printed on the
map, and the app's words around them. Names in prompts are filled in with a short name, as a
parent would read them."""

from __future__ import annotations

import re

import pytest

from sos_assistant.coach.text import flesch_kincaid_grade
from sos_assistant.dialogue import find_dialogue
from sos_assistant.render import labels
from sos_assistant.tui_text import ui_text

FAMILY_STEPS = (
    "meeting-kind",
    "meeting-date",
    "meeting-time",
    "meeting-place",
    "meeting-chair",
    "social-worker",
    "worker-organisation",
    "worker-phone",
    "workers",
    "what-ends-plan",
    "no-told-worries",
    "explain-prepared",
    "explain-take-part",
    "explain-understand-worries",
    "explain-what-ends",
)


def _filled(text: str) -> str:
    return re.sub(r"\{\{\s*\w+\s*\}\}|\{\w+\}", "Kai", text)


def _family_texts() -> list[tuple[str, str]]:
    script = find_dialogue("family-conference")
    out = []
    for step_id in FAMILY_STEPS:
        step = script.step(step_id)
        out += [(step_id, t) for t in (step.ask, step.help, *step.suggest) if t.strip()]
    out.append(("hopes.help", script.step("hopes").help))
    return out


def _printed_words() -> list[tuple[str, str]]:
    words = labels()
    fixed = [
        words.my_view,
        words.meeting,
        words.ring,
        words.workers_goals,
        words.family_goals,
        words.on_the_day,
        words.said_on_the_day,
        words.decided,
        words.next_meeting,
        *words.readiness_help.values(),
    ]
    ui = ui_text()
    fixed += [
        ui.question.suggest_hint,
        ui.question.suggest_added,
        ui.home.contrast_hint,
        ui.map.export_where,
        ui.map.cannot_open,
        ui.plain.suggest,
        ui.plain.suggest_added,
    ]
    return [("words", t) for t in fixed]


@pytest.mark.parametrize(("where", "text"), _family_texts() + _printed_words())
def test_reads_at_grade_four_or_below(where: str, text: str) -> None:
    grade = flesch_kincaid_grade(_filled(text))
    assert grade <= 4.0, f"{where}: grade {grade}: {text}"
