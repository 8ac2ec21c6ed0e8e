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
