"""Reading level, offline: the same Flesch-Kincaid grades textstat 0.7.3 gives.

The expected grades were computed with textstat 0.7.3 (the version the project used before it
stopped depending on it), so they are a reference, not our own output written back.
"""

from __future__ import annotations

import pytest

from sos_assistant.coach.text import flesch_kincaid_grade, reading_age


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Dad shouted at Kai on Monday night.", 2.5),
        (
            "The social worker is worried that if the adults keep fighting when the children "
            "are at home, Kai could be hurt by something thrown and could feel very frightened.",
            9.9,
        ),
        (
            "Utilisation of multidisciplinary interventions necessitates comprehensive "
            "consideration.",
            33.2,
        ),
        ("Don't stop. It's Mum's car! We'll see.", -1.2),
        ("Hi.", -3.5),
    ],
)
def test_grades_match_the_reference(text: str, grade: float) -> None:
    assert flesch_kincaid_grade(text) == grade


def test_reading_age_is_grade_plus_five_and_empty_text_is_zero() -> None:
    assert reading_age("Dad shouted at Kai on Monday night.") == 7.5
    assert flesch_kincaid_grade("") == 0.0
    assert flesch_kincaid_grade("💜 ...") == 0.0


def test_no_network_and_no_pkg_resources() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from sos_assistant.coach.text import reading_age; reading_age('A b c.');"
        "print('pkg_resources' in sys.modules or 'textstat' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _plan_texts() -> list[tuple[str, str]]:
    """Every family-facing line of the safety network and safety plan, as a family reads it
    (templates rendered both ways: a helper who knows, and none)."""
    from sos_assistant import content
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.dialogue.templating import render

    fw = content.frameworks().frameworks["safety"].model_dump() | {"key": "safety"}
    out: list[tuple[str, str]] = []
    for who in ("", "Pearl"):
        ctx = {"child_name": "Milo", "parent_name": "Tess", "helpers_who_know": who, "fw": fw}
        for dialogue in ("safety-plan", "family-conference"):
            for step in find_dialogue(dialogue).steps:
                if dialogue == "family-conference" and not step.id.startswith("network"):
                    continue  # the rest of the family dialogue is checked with its own content
                for name in ("ask", "help"):
                    text = render(getattr(step, name), ctx)
                    if text.strip():
                        out.append((f"{dialogue}:{step.id}.{name}", text))
    return out


@pytest.mark.parametrize(("where", "text"), _plan_texts(), ids=lambda v: str(v)[:40])
def test_safety_plan_words_are_at_grade_4_or_below(where: str, text: str) -> None:
    assert flesch_kincaid_grade(text) <= 4, f"{where}: grade {flesch_kincaid_grade(text)}"


def test_the_childrens_part_is_in_child_words() -> None:
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.render.plan import plan_labels

    step = find_dialogue("safety-plan").step("child-can")
    words = [*step.examples, plan_labels().child_can]
    for text in words:
        assert flesch_kincaid_grade(text) <= 2, f"{text!r}: grade {flesch_kincaid_grade(text)}"


def test_the_plans_fixed_words_are_at_grade_4_or_below() -> None:
    from sos_assistant.render.plan import plan_labels
    from sos_assistant.tui_text import ui_text

    words = [v for v in plan_labels().model_dump().values() if isinstance(v, str)]
    words += [v for v in ui_text().plan._asdict().values()]
    # Sentences; a two-word heading ("Our safety network") names the approach's own term.
    for text in (w for w in words if len(w.split()) >= 5):
        assert flesch_kincaid_grade(text) <= 4, f"{text!r}: grade {flesch_kincaid_grade(text)}"


def _said(dialogue: str, context: dict[str, object]) -> list[tuple[str, str]]:
    """(step id, text) for every question, help line, example and choice of a dialogue, with
    its templates filled in from ``context``."""
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.dialogue.templating import render

    out: list[tuple[str, str]] = []
    for step in find_dialogue(dialogue).steps:
        texts = [step.ask, step.help, *(c.label for c in step.choices)]
        texts += [c.explain or "" for c in step.choices]
        out += [(step.id, render(t, {"fw": {}, **context}).strip()) for t in texts if t.strip()]
    return out


def test_the_three_houses_are_written_for_a_child_of_six_or_seven() -> None:
    """Every question, help line and choice a child reads is at grade 2 or below."""
    hard = [
        (step, text, flesch_kincaid_grade(text))
        for step, text in _said("three-houses", {"child_name": "Ruby"})
        if flesch_kincaid_grade(text) > 2
    ]
    assert hard == []


@pytest.mark.parametrize("age", ["under_6", "6_to_9", "10_and_over"])
def test_words_and_pictures_is_written_for_parents(age: str) -> None:
    """The parent and worker read it: grade 4 or below, whatever age the story is for."""
    context: dict[str, object] = {"children": "Kai", "age": age}
    hard = [
        (step, text, flesch_kincaid_grade(text))
        for step, text in _said("words-and-pictures", context)
        if flesch_kincaid_grade(text) > 4
    ]
    assert hard == []


def test_the_words_around_the_houses_are_for_a_child() -> None:
    """The fixed words printed in the houses and on the child's page, grade 2 or below."""
    from sos_assistant.children import children_words

    houses = children_words().houses
    lines = [houses.empty, houses.faces_ends, houses.can_see, houses.note, houses.page_title]
    lines += list(houses.names.model_dump().values())
    assert [t for t in lines if flesch_kincaid_grade(t.replace("{child}", "Ruby")) > 2] == []


def test_questions_the_tool_suggests_to_ask_a_family_are_grade_4_or_below() -> None:
    from sos_assistant.rehearse.questions import questions_file

    data = questions_file()
    suggested = [t for text in data.types.values() for t in text.try_]
    tips = [data.summary.try_more, *data.summary.try_missing.model_dump().values()]
    suggested += [tip.rsplit(": ", 1)[-1] for tip in tips]  # the question after the advice
    hard = {t: flesch_kincaid_grade(t) for t in suggested if flesch_kincaid_grade(t) > 4}
    assert hard == {}


def test_the_fictional_families_speak_plainly() -> None:
    from statistics import mean

    from sos_assistant.rehearse.vignettes import all_vignettes

    for vignette in all_vignettes():
        replies = [r.say for m in vignette.members for rs in m.replies.values() for r in rs]
        assert mean(flesch_kincaid_grade(r) for r in replies) <= 4, vignette.id


def test_the_explainers_words_and_the_glossarys_questions_are_plain() -> None:
    from sos_assistant.content import explain_text, glossary

    words = explain_text().model_dump()
    hard = {k: flesch_kincaid_grade(v) for k, v in words.items() if isinstance(v, str)}
    assert {k: g for k, g in hard.items() if g > 4} == {}
    from sos_assistant.explain.validate import without_names

    questions = {t.term: reading_age(without_names(t.ask, t.names)) for t in glossary().terms}
    assert {term: age for term, age in questions.items() if age > 11} == {}


def test_the_new_family_words_read_at_grade_four_or_below() -> None:
    """Issue 14's words a family may read: the shape checks' gentle tips, the goals step in the
    app and plain mode, the "still to do" mark, and the family prompts in every framework."""
    from sos_assistant.coach import load_rules
    from sos_assistant.dialogue import Engine, find_dialogue
    from sos_assistant.dialogue.templating import render
    from sos_assistant.render import labels
    from sos_assistant.tui_text import ui_text

    texts: list[str] = []
    for rule in load_rules().rules:
        if rule.file.endswith("shape.yaml") and rule.spec.family is not None:
            texts += [t for t in (rule.spec.family.why, rule.spec.family.suggest) if t]
    question, plain = ui_text().question, ui_text().plain
    texts += [question.goals_title, question.goals_hint, question.goals_still_to_do]
    texts += [plain.goals_dangers, plain.goals_still_to_do, labels().still_to_do]
    script = find_dialogue("family-conference").model_copy(update={"framework": None})
    for framework in ("safety", "wellbeing", "success"):
        engine = Engine(script, framework=framework)
        context = engine.context(with_defaults=True)
        for step_id in ("safe-already", "want-seen"):
            texts.append(render(script.step(step_id).ask, context | {"child_name": "Sam"}))
    too_hard = [(t, flesch_kincaid_grade(t)) for t in texts if flesch_kincaid_grade(t) > 4]
    assert too_hard == []
