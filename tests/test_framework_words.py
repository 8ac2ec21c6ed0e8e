"""Each framework speaks its own words: walking the practitioner and family dialogues under
Signs of Safety, Signs of Wellbeing and Signs of Success finds none of the other frameworks' key
words in any prompt, help line, example or choice, nor in the coach's tips."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sos_assistant.coach import Coach
from sos_assistant.dialogue import Engine, find_dialogue

FOREIGN: dict[str, list[str]] = {
    # Signs of Wellbeing is early help: no danger statements, no "keeps Jade safe".
    "wellbeing": [
        r"danger statements?",
        r"\bkeeps? (?:\{\{[^}]*\}\}|\w+) safe",
        r"safety goals?",
        r"existing safety",
        r"Signs of Safety",
        r"Signs of Success",
    ],
    # Signs of Success is in the young person's own voice: not "what has happened to Jade?".
    "success": [
        r"danger statements?",
        r"\bkeeps? (?:\{\{[^}]*\}\}|\w+) safe",
        r"safety goals?",
        r"existing safety",
        r"what has happened to (?!me\b)\w+",
        r"Signs of Safety",
        r"Signs of Wellbeing",
    ],
    "safety": [r"Signs of Wellbeing", r"Signs of Success", r"in (?:their|your) own words \(\"I\""],
}

DIALOGUES = ["practitioner-mapping", "family-conference"]


def _answer(step: Any, framework: str, choice: int) -> Any:
    if step.slot == "framework":
        return framework
    if step.slot == "meeting.date":
        return "8 December 2026"
    kind = step.kind
    if kind == "choice":
        values = [c.value for c in step.choices]
        return values[min(choice, len(values) - 1)]
    if kind == "confirm":
        return choice == 0
    if kind == "text":
        return "Sam"
    if kind == "list":
        return ["Sam walks to school with Gran on Mondays."]
    if kind == "people":
        return [{"name": "Sam", "role": "child"}]
    if kind == "scale":
        return 5
    if kind == "network":
        return [{"name": "Gran", "knows_worries": "yes"}]
    return None


def _walk(name: str, framework: str, choice: int) -> list[tuple[str, str]]:
    script = find_dialogue(name)
    if script.framework is not None:
        # The family dialogue names one framework; its words switch all the same.
        script = script.model_copy(update={"framework": None})
    engine = Engine(script, framework=framework)
    seen: list[tuple[str, str]] = []
    while (step := engine.current) is not None:
        prompt = engine.prompt()
        texts = [prompt.ask, prompt.help, *prompt.examples]
        if step.slot != "framework":  # the choice of framework names all three
            texts += [label + " " + explain for _, label, explain in prompt.choices]
        seen += [(step.id, t) for t in texts if t]
        if not step.is_question:
            engine.answer(None)
        else:
            engine.answer(_answer(step, framework, choice))
    assert engine.framework == framework
    return seen


@pytest.mark.parametrize("framework", ["safety", "wellbeing", "success"])
@pytest.mark.parametrize("name", DIALOGUES)
def test_each_dialogue_speaks_its_frameworks_words(name: str, framework: str) -> None:
    wrong = []
    for choice in (0, 1):  # both sides of every yes/no branch
        for step_id, text in _walk(name, framework, choice):
            for pattern in FOREIGN[framework]:
                if re.search(pattern, text, re.IGNORECASE):
                    wrong.append(f"{step_id}: {pattern!r} in {text!r}")
    assert sorted(set(wrong)) == []


STATEMENTS = [
    ("Sam is worried that Kai could be badly hurt.", "danger"),
    ("Kai is safe with Gran.", "safety"),
    ("Leo will feel safe at home.", "goal"),
    ("The school is worried.", "danger"),
]


@pytest.mark.parametrize("framework", ["wellbeing", "success"])
def test_the_coachs_tips_follow_the_framework(framework: str) -> None:
    coach = Coach()
    wrong = []
    for text, kind in STATEMENTS:
        findings = coach.check(text, kind, framework=framework)  # type: ignore[arg-type]
        assert findings, text
        for f in findings:
            for pattern in FOREIGN[framework]:
                for words in (f.message, f.suggestion):
                    if re.search(pattern, words, re.IGNORECASE):
                        wrong.append(f"{f.rule}: {words}")
    assert wrong == []


def test_the_coach_keeps_safety_words_for_signs_of_safety() -> None:
    (finding,) = [
        f for f in Coach().check("The school is worried.", "danger") if f.rule == "danger-outcome"
    ]
    assert "danger statement" in finding.message
