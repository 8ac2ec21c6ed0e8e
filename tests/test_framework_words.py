"""Each framework speaks its own words: walking the practitioner and family dialogues under
Signs of Safety, Signs of Wellbeing and Signs of Success finds none of the other frameworks' key
words in any prompt, help line, example or choice, nor in the coach's tips."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sos_assistant.coach import Coach
from sos_assistant.dialogue import Engine, build_map, find_dialogue

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

WALKS = [
    ("practitioner-mapping", "safety"),
    ("practitioner-mapping", "wellbeing"),
    ("practitioner-mapping", "success"),
    ("family-conference", "safety"),
    ("family-conference", "wellbeing"),
    ("family-conference", "success"),
]
"""Every dialogue under every framework, chosen as a person chooses it: the practitioner's
framework question; the family's "What kind of meeting is it?" (child protection or early
help); a family session started with ``--framework success`` skips that question."""


def _answer(step: Any, framework: str, choice: int) -> Any:
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


def _walk(name: str, framework: str, choice: int) -> tuple[list[tuple[str, str]], Engine]:
    """Every text a person reads on one walk, and the engine at the end of it."""
    script = find_dialogue(name)
    offered = {c.value for s in script.steps if s.slot == "framework" for c in s.choices}
    # A framework the dialogue does not offer can only be the session's own (--framework).
    engine = Engine(script, framework=None if framework in offered else framework)
    seen: list[tuple[str, str]] = []
    while (step := engine.current) is not None:
        prompt = engine.prompt()
        texts = [prompt.ask, prompt.help, *prompt.examples, *prompt.suggestions]
        if step.slot != "framework":  # the choice of framework names the frameworks
            texts += [label + " " + explain for _, label, explain in prompt.choices]
        seen += [(step.id, t) for t in texts if t]
        if step.slot == "framework":
            if framework in offered:
                engine.answer(framework)
            else:
                engine.skip()
        elif not step.is_question:
            engine.answer(None)
        else:
            engine.answer(_answer(step, framework, choice))
    assert engine.framework == framework
    return seen, engine


@pytest.mark.parametrize(("name", "framework"), WALKS)
def test_each_dialogue_speaks_its_frameworks_words(name: str, framework: str) -> None:
    wrong = []
    for choice in (0, 1):  # both sides of every yes/no branch
        seen, engine = _walk(name, framework, choice)
        seen.append(("map title", build_map(engine).title or ""))
        for step_id, text in seen:
            for pattern in FOREIGN[framework]:
                if re.search(pattern, text, re.IGNORECASE):
                    wrong.append(f"{step_id}: {pattern!r} in {text!r}")
    assert sorted(set(wrong)) == []


def test_the_family_chooses_child_protection_or_early_help_and_a_skip_keeps_safety() -> None:
    script = find_dialogue("family-conference")
    assert script.framework is None  # not fixed: the family's answer decides
    (step,) = [s for s in script.steps if s.slot == "framework"]
    assert step.skippable and [c.value for c in step.choices] == ["safety", "wellbeing"]
    engine = Engine(script)
    before: list[str] = []
    while engine.current is not step:  # every question before it reads the same for all
        assert engine.current is not None
        before.append(engine.prompt().ask + engine.prompt().help)
        engine.skip() if engine.current.is_question else engine.answer(None)
    early = Engine(script, framework="wellbeing")  # as a --framework wellbeing session reads it
    for text in before:
        assert early.prompt().ask + early.prompt().help == text
        early.skip() if early.current and early.current.is_question else early.answer(None)
    engine.skip()
    assert engine.framework == "safety"
    safety_words, _ = _walk("family-conference", "safety", 0)
    early_words, early_engine = _walk("family-conference", "wellbeing", 0)
    assert any("conference" in t for _, t in safety_words)
    # An early help family is never told it is going to a conference or has a social worker.
    assert [t for _, t in early_words if re.search("conference|social worker", t, re.I)] == []
    assert build_map(early_engine).title == "Getting ready for the meeting: Sam"


def test_the_family_words_that_switch_read_at_grade_four_or_below() -> None:
    """Each text that reads differently under child protection and early help, and the
    question that chooses, in both versions (examples and the choices' names are names of
    things, like "Child protection conference", so they are not measured)."""
    from sos_assistant.coach.text import flesch_kincaid_grade

    script = find_dialogue("family-conference")
    versions: dict[str, list[set[str]]] = {}
    for framework in ("safety", "wellbeing"):
        engine = Engine(script)
        while (step := engine.current) is not None:
            prompt = engine.prompt()
            texts = {prompt.ask, prompt.help, *prompt.suggestions}
            texts |= {explain for _, _, explain in prompt.choices}
            versions.setdefault(step.id, []).append({t for t in texts if t})
            if step.slot == "framework":
                engine.answer(framework)
            elif not step.is_question:
                engine.answer(None)
            else:
                engine.answer(_answer(step, framework, 1))
    measured = [t for step_id, (one, other) in versions.items() for t in one ^ other]
    measured += [t for t in versions["meeting-type"][0]]
    assert len(measured) >= 10  # the switch reaches many prompts, not one
    assert [
        (t, round(flesch_kincaid_grade(t), 1)) for t in measured if flesch_kincaid_grade(t) > 4
    ] == []


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
